"""The pipeline in one function: read the issue, check it, compose it, write the PDF."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from layout.compose.issue import compose_issue
from layout.compose.pages import ComposedArticle
from layout.content import load_issue
from layout.content.images import attach_pictures
from layout.errors import IssueError
from layout.files import write_atomically
from layout.press.marks import add_marks
from layout.press.pdfx import PROFILE, build_moment, make_pdfx
from layout.style.coverage import check_coverage
from layout.style.fonts import register_fonts
from layout.style.theme import Theme

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


def build(issue_dir: Path, output: Path | None = None, fonts_dir: Path = FONTS_DIR,
          marks: bool = False, warnings: list[str] | None = None) -> Path:
    """Build the issue's PDF; return its path. Raises IssueError on bad input.

    With `marks`, crop and registration marks and a slug line surround every page; what
    deserves a look but does not stop the build is appended to `warnings`.
    """
    issue = load_issue(issue_dir)
    attach_pictures(issue, PROFILE)
    theme = Theme(issue.theme_path)
    faces = register_fonts(theme, fonts_dir)
    check_coverage(issue, theme, faces)
    if all(a.pages is not None for a in issue.articles):
        check_page_count(issue, sum(a.pages for a in issue.articles))
    composed = compose_issue(issue, theme, faces, warnings).articles
    check_page_count(issue, sum(c.pages for c in composed))
    output = output or Path("build") / f"{issue.file_stem}.pdf"
    titles = [a.title or a.slug for a in issue.articles]
    moment = build_moment(os.environ.get("SOURCE_DATE_EPOCH"))
    slug = ""
    if marks:
        slug = f"{output.name}   {issue.magazine} {issue.issue_line}   {moment:%Y-%m-%d %H:%M}"
    data = assemble(composed, titles, issue.magazine, issue.issue_line, moment, slug,
                    theme.font("folio.text_font"))
    write_atomically(output, data)
    return output


def check_page_count(issue, total: int) -> None:
    """Saddle stitch binds sheets of 4 pages: say how many pages to add or cut."""
    if total % 4:
        raise IssueError(issue.root / "issue.yaml", None,
                         f"the flatplan makes {total} pages, not a multiple of 4 (saddle stitch)",
                         f"add {4 - total % 4} page(s) or cut {total % 4} in the allotments")


def assemble(composed: list[ComposedArticle], titles: list[str], magazine: str,
             issue_line: str, moment: datetime, slug: str = "", font: str = "") -> bytes:
    """Join the articles' pages into one PDF/X-4, with an outline entry at each article.

    A non-empty `slug` adds printer's marks with that slug line.
    """
    writer = PdfWriter()
    for article, title in zip(composed, titles, strict=True):
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(article.pdf)), import_outline=False)
        writer.add_outline_item(title=title, page_number=start)
    if slug:
        add_marks(writer, slug, font)
    fingerprint = hashlib.sha256(b"".join(a.pdf for a in composed) + slug.encode()).digest()
    make_pdfx(writer, f"{magazine} {issue_line}", magazine, moment, fingerprint)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
