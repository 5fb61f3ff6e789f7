"""Reading an issue folder into the plain model; every input error is raised here."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from layout import warm
from layout.content.article import LANGUAGES, read_article
from layout.content.boundary import TEXT_LIMIT, Boundary
from layout.content.credits import credit_words
from layout.content.issue_file import (
    SLUG,
    bleed_mm,
    extra_credit_words,
    read_issue_file,
    text_value,
    year_and_number,
)
from layout.content.model import Article, Issue, file_stem
from layout.content.print_job import PrintJob, read_print_job
from layout.content.yamlfile import decode_text
from layout.errors import IssueError, did_you_mean
from layout.files import MB
from layout.kinds import generated, kind

MAX_ISSUE_PAGES = 1000  # pages: far past any magazine (`make bench` builds 8 issues in one)
MAX_ISSUE_TEXT = 50 * MB  # all articles together; the real issue has 0.2 MB


@dataclass(frozen=True)
class Masthead:
    """What issue.yaml says the issue is: enough to name its files."""

    magazine: str
    issue_line: str
    year: int
    number: int

    @property
    def file_stem(self) -> str:
        return file_stem(self.magazine, self.year, self.number)


def read_masthead(root: Path, boundary: Boundary | None = None) -> Masthead:
    """The masthead of the issue in `root`, read from its issue.yaml alone."""
    issue_path, meta, _ = _read_plan(Path(root), None, boundary or Boundary(Path(root)))
    return _masthead(meta, issue_path)


def read_print(root: Path, boundary: Boundary | None = None) -> PrintJob:
    """The `print:` block of the issue in `root` (an empty job when issue.yaml has none)."""
    issue_path, meta, _ = _read_plan(Path(root), None, boundary or Boundary(Path(root)))
    problems: list[IssueError] = []
    job = read_print_job(meta, issue_path, problems)
    if problems:  # (read_issue_file has raised them already)
        raise problems[0]
    return job


def read_theme_path(root: Path) -> Path:
    """The theme file issue.yaml names (by default theme.yaml beside it), not yet read."""
    issue_path, meta, _ = _read_plan(Path(root), None, Boundary(Path(root)))
    return Path(root) / text_value(meta, "theme", issue_path, "theme.yaml")


def _read_plan(root: Path, warnings: list[str] | None, boundary: Boundary):
    """issue.yaml's path, values and flatplan entries."""
    issue_path = root / "issue.yaml"
    if not issue_path.exists() and not issue_path.is_symlink():
        raise IssueError(issue_path, None, "issue.yaml not found",
                         "run the command on an issue folder (default: issue/)")
    raw = boundary.read(issue_path, "issue.yaml", issue_path, None, "the issue file", TEXT_LIMIT)
    meta, entries = read_issue_file(decode_text(raw, issue_path), issue_path, warnings)
    return issue_path, meta, entries


def _masthead(meta, issue_path: Path) -> Masthead:
    year, number = year_and_number(meta, issue_path)
    return Masthead(text_value(meta, "magazine", issue_path), text_value(meta, "issue", issue_path),
                    year, number)


def load_issue(root: Path, warnings: list[str] | None = None,
               boundary: Boundary | None = None) -> Issue:
    """Read issue.yaml and every article of its flatplan, in page order.

    Every file read lies inside `boundary` (by default: the issue folder). What deserves a
    look but is no error (curly quotes typed as YAML quotes) is appended to `warnings` when
    given.
    """
    root = Path(root)
    boundary = boundary or Boundary(root)
    issue_path, meta, entries = _read_plan(root, warnings, boundary)
    language = text_value(meta, "language", issue_path, "en")
    if language not in LANGUAGES:
        raise IssueError(issue_path, meta.key_lines["language"],
                         f"unsupported language '{language}'", did_you_mean(language, LANGUAGES))
    articles: list[Article] = []
    files = sorted(p.stem for p in (root / "articles").glob("*.md"))
    text_size = 0
    for entry in entries:
        path = root / "articles" / f"{entry.slug}.md"
        shown = f"articles/{entry.slug}.md"
        exists = path.exists() or path.is_symlink()
        if not exists and entry.slug == "contents":
            articles.append(generated_contents(issue_path, language))  # no file needed
            continue
        if not exists:
            unplanned = [f for f in files if f not in {e.slug for e in entries}]
            hint = did_you_mean(entry.slug, unplanned or files) if files else ""
            hint = hint if hint.startswith("did you mean") else "create the file or fix the slug"
            raise IssueError(issue_path, entry.line,
                             f"flatplan entry '{entry.slug}' has no file {shown}", hint)
        raw = boundary.read(path, shown, issue_path, entry.line, "article", TEXT_LIMIT)
        text_size += len(raw)
        if text_size > MAX_ISSUE_TEXT:
            raise IssueError(issue_path, entry.line, f"the articles up to '{entry.slug}' come to "
                             f"more than {MAX_ISSUE_TEXT // MB} MB of text",
                             "an issue is far smaller: check for pasted data or split the issue")
        article = _read(path, language, raw, warnings,
                        credit_words(extra_credit_words(meta, issue_path)))
        if entry.pages is not None or entry.auto:
            article.pages = entry.pages
        if article.pages is None and article.kind in generated():
            raise IssueError(path, article.field_lines.get("pages"),
                             f"a {article.kind} page cannot be 'auto'", "give it 'pages: 1'")
        articles.append(article)
    _check_length(issue_path, entries, articles)
    _check_orphans(root, issue_path, {e.slug for e in entries})
    _check_cover_lines(articles)
    theme_name = text_value(meta, "theme", issue_path, "theme.yaml")
    theme = root / theme_name  # named as written, in messages; checked to lie inside
    boundary.check(theme, theme_name, issue_path, meta.key_lines.get("theme"), "theme",
                   TEXT_LIMIT)
    masthead = _masthead(meta, issue_path)
    return Issue(root=root, magazine=masthead.magazine, issue_line=masthead.issue_line,
                 year=masthead.year, number=masthead.number, language=language,
                 bleed_mm=bleed_mm(meta, issue_path), theme_path=theme, articles=articles,
                 issn=str(meta.get("issn", "")))


def _read(path: Path, language: str, raw: bytes, warnings: list[str] | None,
          credits: tuple[str, ...]) -> Article:
    """The article read from its bytes; the desk keeps it, by those bytes, between rebuilds
    (layout/warm.py), with what reading it warned of."""
    def make():
        said: list[str] = []
        return read_article(path, language, decode_text(raw, path), said, credits), said

    key = (hashlib.sha256(raw).digest(), language, credits)
    article, said = warm.recall("article", str(path), key, make)
    if warnings is not None:
        warnings += said
    return article


def generated_contents(path: Path, language: str) -> Article:
    """The contents page of a flatplan without an articles/contents.md: its kind's defaults
    (its source is the flatplan, `path`)."""
    contents = kind("contents")
    return Article(slug="contents", path=path, kind="contents",
                   title=contents.default("title", ""), pages=contents.default("pages", 1),
                   columns=contents.default("columns", 2), language=language)


def _check_length(issue_path: Path, entries, articles: list[Article]) -> None:
    """The allotments together stay under the most pages an issue may have."""
    total = 0
    for entry, article in zip(entries, articles, strict=True):
        total += article.pages or 1
        if total > MAX_ISSUE_PAGES:
            raise IssueError(issue_path, entry.line,
                             f"the flatplan passes {MAX_ISSUE_PAGES} pages at '{entry.slug}'",
                             "check the allotments ('pages:'): an issue has far fewer pages")


def _check_orphans(root: Path, issue_path: Path, planned: set[str]) -> None:
    for path in sorted((root / "articles").glob("*.md")):
        if path.stem not in planned and not SLUG.fullmatch(path.stem):
            raise IssueError(path, 1, f"article file name '{path.name}' is not a slug",
                             "rename it with lower-case letters a-z, digits and hyphens "
                             f"(e.g. '{_slugified(path.stem)}.md') and put that in the flatplan")
        if path.stem not in planned:
            raise IssueError(path, 1, f"article '{path.stem}' is in no flatplan",
                             f"add '- {path.stem}' to the flatplan in {issue_path}, "
                             "or move the file out of articles/")


def _slugified(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "article"


def _check_cover_lines(articles: list[Article]) -> None:
    slugs = {a.slug for a in articles}
    for article in articles:
        for cover_line in article.cover_lines:
            if cover_line.article and cover_line.article not in slugs:
                raise IssueError(article.path, cover_line.line,
                                 f"cover line names unknown article '{cover_line.article}'",
                                 did_you_mean(cover_line.article, slugs))
