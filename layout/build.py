"""The pipeline in one function: read the issue, check it, compose it, write the PDF."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from layout.compose.issue import compose_issue
from layout.compose.pages import ComposedArticle
from layout.content import load_issue
from layout.errors import CheckFailed, IssueError
from layout.style.coverage import check_coverage
from layout.style.fonts import register_fonts
from layout.style.theme import Theme

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


def build(issue_dir: Path, output: Path | None = None, fonts_dir: Path = FONTS_DIR) -> Path:
    """Build the issue's PDF; return its path. Raises IssueError on bad input."""
    issue = load_issue(issue_dir)
    theme = Theme(issue.theme_path)
    faces = register_fonts(theme, fonts_dir)
    check_coverage(issue, theme, faces)
    composed = compose_issue(issue, theme, faces)
    total = sum(c.pages for c in composed)
    if total % 4:
        add = 4 - total % 4
        raise CheckFailed(issue.root / "issue.yaml", None,
                          f"the issue has {total} pages, not a multiple of 4 (saddle stitch)",
                          f"add {add} page(s) or cut {total % 4} in the allotments")
    output = output or Path("build") / f"{issue.file_stem}.pdf"
    write_atomically(output, assemble(composed, issue.magazine, issue.issue_line))
    return output


def assemble(composed: list[ComposedArticle], magazine: str, issue_line: str) -> bytes:
    """Join the articles' pages into one PDF."""
    writer = PdfWriter()
    for article in composed:
        writer.append(PdfReader(io.BytesIO(article.pdf)), import_outline=False)
    writer.add_metadata({"/Title": f"{magazine} {issue_line}", "/Author": magazine,
                         "/Creator": "ADALAZAMAT layout", "/Producer": "ReportLab + pypdf"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise IssueError(path.parent, None, f"cannot write to this folder: {err.strerror}",
                         "choose another output with -o or fix its permissions") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
