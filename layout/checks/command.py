"""The `python -m layout.checks.…` commands that read a PDF against the issue it was built
from (holes, margins, baselines, makeup): one way to take their arguments, check the PDF
first, and say an input error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from layout.errors import IssueError
from layout.pdf_input import check_pdf


def run_check(module: str, doc: str, argv: list[str] | None,
              check: Callable[[argparse.Namespace], int],
              flags: dict[str, str] | None = None) -> int:
    """Parse PDF and ISSUE (and the `flags`, name -> help), check the PDF (pdf_input), then
    return `check(args)`; an input error is printed and its exit code returned."""
    parser = argparse.ArgumentParser(prog=f"python -m layout.checks.{module}",
                                     description=doc.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("issue", type=Path, help="the issue folder the PDF was built from")
    for name, text in (flags or {}).items():
        parser.add_argument(name, action="store_true", help=text)
    args = parser.parse_args(argv)
    try:
        check_pdf(args.pdf)
        return check(args)
    except IssueError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
