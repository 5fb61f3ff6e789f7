"""Build an issue with another commit's code (default: main) and with this tree's, and say
whether the two PDFs are the same to a reader: every character's text, position (x0, top),
size and font (its name without the subset tag) in any order, read back with pdfplumber,
and every page's pixels at 72 dpi (pdftoppm). A change to how the text is written (not what is set)
must leave them identical.

    .venv/bin/python -m tests.compare_builds [--before REF] [ISSUE ...]

Exits 1 when anything differs, after saying what and where (at most 20 differences).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[1]


def build(code: Path, issue: Path, out: Path) -> Path:
    """The issue built by the code in `code` (its `layout` package), into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / f"{issue.name}.pdf"
    subprocess.run([sys.executable, "-m", "layout", "build", str(issue.resolve()), "-o",
                    str(pdf)], cwd=code, check=True, capture_output=True)
    return pdf


def chars(pdf: Path) -> list[list[tuple]]:
    """Per page: (text, x0, top, size, font without its tag) of every character, sorted
    (where each is drawn, not the order it is written in)."""
    with pdfplumber.open(pdf) as document:
        return [sorted((c["text"], round(c["x0"], 3), round(c["top"], 3), round(c["size"], 3),
                        c["fontname"].split("+", 1)[-1]) for c in page.chars)
                for page in document.pages]


def pictures(pdf: Path, folder: Path) -> list[Path]:
    """Every page at 72 dpi."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(folder / "p")], check=True)
    return sorted(folder.glob("p-*.png"))


def differences(before: Path, after: Path, scratch: Path) -> list[str]:
    found: list[str] = []
    old, new = chars(before), chars(after)
    if len(old) != len(new):
        found.append(f"{len(old)} pages before, {len(new)} after")
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            where = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                         min(len(a), len(b)))
            found.append(f"page {number}: characters differ from #{where}: "
                         f"{a[where:where + 1]} → {b[where:where + 1]} "
                         f"({len(a)} before, {len(b)} after)")
    for number, (a, b) in enumerate(zip(pictures(before, scratch / "before"),
                                        pictures(after, scratch / "after"), strict=False),
                                    start=1):
        one, two = Image.open(a).convert("RGB"), Image.open(b).convert("RGB")
        box = ImageChops.difference(one, two).getbbox() if one.size == two.size else "size"
        if box:
            found.append(f"page {number}: pixels differ in {box}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="the commit to compare with")
    parser.add_argument("issues", nargs="*", type=Path, default=[ROOT / "issue"])
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="compare-") as folder:
        scratch = Path(folder)
        code = scratch / "before-code"
        code.mkdir()
        archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        for issue in args.issues:
            work = scratch / issue.name
            before = build(code, issue, work / "before")
            after = build(ROOT, issue, work / "after")
            found = differences(before, after, work)
            print(f"{issue}: {'identical' if not found else f'{len(found)} differences'}"
                  f" ({len(chars(after))} pages)")
            for line in found[:20]:
                print("  " + line)
            failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
