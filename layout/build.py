"""The pipeline in one function: read the issue, check it, compose it, write the PDF."""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from layout.compose.cache import ArticleCache
from layout.compose.fit import FIT_KEY
from layout.compose.issue import IssueLayout, compose_issue
from layout.compose.pages import ComposedArticle
from layout.content import load_issue
from layout.content.boundary import Boundary
from layout.content.images import attach_pictures
from layout.content.model import Issue
from layout.errors import IssueError, did_you_mean
from layout.files import write_atomically
from layout.press.marks import add_marks
from layout.press.pdfx import PROFILE, build_moment, make_pdfx
from layout.style.coverage import check_coverage
from layout.style.fonts import register_fonts
from layout.style.theme import Theme

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


@dataclass
class Prepared:
    """An issue read, checked and ready to compose."""

    issue: Issue
    theme: Theme
    faces: dict


def prepare(issue_dir: Path, fonts_dir: Path = FONTS_DIR) -> Prepared:
    """Read the issue, its pictures, theme and fonts; check every glyph is covered.

    Everything read comes from inside the issue folder (fonts: or the project's fonts/).
    """
    issue = load_issue(issue_dir, Boundary(issue_dir))
    attach_pictures(issue, PROFILE)
    theme = Theme(issue.theme_path)
    faces = register_fonts(theme, fonts_dir, Boundary(issue_dir, fonts_dir))
    check_coverage(issue, theme, faces)
    return Prepared(issue, theme, faces)


def build(issue_dir: Path, output: Path | None = None, fonts_dir: Path = FONTS_DIR,
          marks: bool = False, warnings: list[str] | None = None, use_cache: bool = True,
          progress=None, cache_dir: Path | None = None) -> Path:
    """Build the issue's PDF; return its path. Raises IssueError on bad input.

    With `marks`, crop and registration marks and a slug line surround every page; what
    deserves a look but does not stop the build is appended to `warnings`. Composed
    articles are cached in `cache_dir` (by default the project's build/cache/, see
    `cache_folder`) unless `use_cache` is off.
    """
    ready = prepare(issue_dir, fonts_dir)
    issue = ready.issue
    fixed = all(a.pages is not None for a in issue.articles)
    if fixed:  # the flatplan alone decides: say so before any layout
        check_page_count(issue, sum(a.pages for a in issue.articles))
    output = output or Path("build") / f"{issue.file_stem}.pdf"
    cache = article_cache(ready, cache_dir or cache_folder(issue_dir), use_cache)
    composed = compose_issue(issue, ready.theme, ready.faces, warnings, cache=cache,
                             progress=progress).articles
    if not fixed:  # `pages: auto` articles: only their layout tells the total
        check_page_count(issue, sum(c.pages for c in composed))
    moment = build_moment(os.environ.get("SOURCE_DATE_EPOCH"))
    slug = ""
    if marks:
        slug = f"{output.name}   {issue.magazine} {issue.issue_line}   {moment:%Y-%m-%d %H:%M}"
    write_atomically(output, assemble(composed, issue, moment, slug,
                                      ready.theme.font("folio.text_font"), cache=cache.folder))
    return output


@dataclass
class Proof:
    """A proof PDF and the fit report written beside it."""

    pdf: Path
    report: Path
    layout: IssueLayout


def proof(issue_dir: Path, output: Path | None = None, only: str | None = None,
          round_number: int = 1, warnings: list[str] | None = None, use_cache: bool = True,
          progress=None, cache_dir: Path | None = None) -> Proof:
    """A proof: overset text kept on pages marked OVERSET, a PROOF slug, the fit report.

    With `only`, just that article, on the page numbers it has in the issue.
    """
    ready = prepare(issue_dir)
    issue = ready.issue
    if only and only not in {a.slug for a in issue.articles}:
        raise IssueError(issue.root / "issue.yaml", None, f"no article '{only}' in the flatplan",
                         did_you_mean(only, [a.slug for a in issue.articles]))
    name = f"{issue.file_stem}-proof" + (f"-{only}" if only else "")
    output = output or Path("build") / f"{name}.pdf"
    cache = article_cache(ready, cache_dir or cache_folder(issue_dir), use_cache)
    layout = compose_issue(issue, ready.theme, ready.faces, warnings, proof=True, only=only,
                           cache=cache, progress=progress)
    moment = datetime.now(UTC)
    slug = (f"PROOF round {round_number}   {moment:%Y-%m-%d %H:%M} UTC   {output.name}   "
            f"{issue.magazine} {issue.issue_line}")
    fit_json = json.dumps({"issue": issue.issue_line, "round": round_number,
                           "fits": [f.to_dict() for f in layout.fits]}, ensure_ascii=False,
                          indent=1)
    write_atomically(output, assemble(layout.articles, issue, moment, slug,
                                      ready.theme.font("folio.text_font"),
                                      {FIT_KEY: fit_json}, cache=cache.folder))
    report = output.with_name("fit.json") if not only else output.with_suffix(".fit.json")
    write_atomically(report, fit_json.encode("utf-8"))
    return Proof(output, report, layout)


def cache_folder(issue_dir: Path) -> Path:
    """Where composed articles are kept: build/cache/ in the project, the folder that holds
    the issue folder (issue/ -> build/cache/), wherever the PDF itself is written.

    Not beside the output: an output folder may be shared (-o /shared/issue.pdf), and what
    anyone can write there must not decide what the next build prints.
    """
    return Path(os.path.abspath(issue_dir)).parent / "build" / "cache"


def article_cache(ready: Prepared, folder: Path, enabled: bool) -> ArticleCache:
    """The cache of composed articles in `folder` (or none)."""
    digests = [face.source_digest for face in ready.faces.values()]
    return ArticleCache.for_issue(folder if enabled else None, ready.issue, ready.theme.digest,
                                  digests)


def check_page_count(issue, total: int) -> None:
    """Saddle stitch binds sheets of 4 pages: say how many pages to add or cut."""
    if total % 4:
        raise IssueError(issue.root / "issue.yaml", None,
                         f"the flatplan makes {total} pages, not a multiple of 4 (saddle stitch)",
                         f"add {4 - total % 4} page(s) or cut {total % 4} in the allotments")


def assemble(composed: list[ComposedArticle], issue: Issue, moment: datetime, slug: str = "",
             font: str = "", extra_info: dict[str, str] | None = None,
             cache: Path | None = None) -> bytes:
    """Join the articles' pages into one PDF/X-4, with an outline entry at each article.

    A non-empty `slug` adds printer's marks with that slug line; `extra_info` goes into the
    document info (a proof carries its fit report there).
    """
    magazine, issue_line = issue.magazine, issue.issue_line
    titles = {a.slug: a.title or a.slug for a in issue.articles}
    allotments = {a.slug: a.pages for a in issue.articles}
    writer = PdfWriter()
    for article in composed:
        title = titles[article.slug]
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(article.pdf)), import_outline=False)
        writer.add_outline_item(title=title, page_number=start)
        label_pages(writer, start, article, allotments[article.slug])
    if slug:
        add_marks(writer, slug, font)
    fingerprint = hashlib.sha256(b"".join(a.pdf for a in composed) + slug.encode()).digest()
    make_pdfx(writer, f"{magazine} {issue_line}", magazine, moment, fingerprint, cache)
    for key, value in (extra_info or {}).items():
        writer._info.get_object()[NameObject(key)] = TextStringObject(value)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def label_pages(writer: PdfWriter, start: int, article: ComposedArticle,
                allotment: int | None) -> None:
    """Page labels are the folios; a proof's overset pages read '37+1', '37+2' …"""
    fitting = article.pages if allotment is None else min(article.pages, allotment)
    writer.set_page_label(start, start + fitting - 1, "/D", start=article.first_page)
    if article.pages > fitting:
        last = article.first_page + fitting - 1
        writer.set_page_label(start + fitting, start + article.pages - 1, "/D",
                              prefix=f"{last}+", start=1)
