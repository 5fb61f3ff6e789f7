"""Reading an issue folder into the plain model; every input error is raised here."""

from __future__ import annotations

from pathlib import Path

from layout.content.article import read_article
from layout.content.issue_file import bleed_mm, read_issue_file, year_and_number
from layout.content.model import Article, Issue
from layout.errors import IssueError, did_you_mean
from layout.kinds import generated, kind


def load_issue(root: Path, warnings: list[str] | None = None) -> Issue:
    """Read issue.yaml and every article of its flatplan, in page order.

    What deserves a look but is no error (curly quotes typed as YAML quotes) is appended
    to `warnings` when given.
    """
    root = Path(root)
    issue_path = root / "issue.yaml"
    if not issue_path.is_file():
        raise IssueError(issue_path, None, "issue.yaml not found",
                         "run the command on an issue folder (default: issue/)")
    meta, entries = read_issue_file(issue_path, warnings)
    language = str(meta.get("language", "en"))
    articles: list[Article] = []
    files = sorted(p.stem for p in (root / "articles").glob("*.md"))
    for entry in entries:
        path = root / "articles" / f"{entry.slug}.md"
        if not path.is_file() and entry.slug == "contents":
            articles.append(generated_contents(issue_path, language))  # no file needed
            continue
        if not path.is_file():
            unplanned = [f for f in files if f not in {e.slug for e in entries}]
            hint = did_you_mean(entry.slug, unplanned or files) if files else ""
            hint = hint if hint.startswith("did you mean") else "create the file or fix the slug"
            raise IssueError(issue_path, entry.line,
                             f"flatplan entry '{entry.slug}' has no file articles/{entry.slug}.md",
                             hint)
        article = read_article(path, language, warnings)
        if entry.pages is not None or entry.auto:
            article.pages = entry.pages
        if article.pages is None and article.kind in generated():
            raise IssueError(path, article.field_lines.get("pages"),
                             f"a {article.kind} page cannot be 'auto'", "give it 'pages: 1'")
        articles.append(article)
    _check_orphans(root, issue_path, {e.slug for e in entries})
    _check_cover_lines(articles)
    theme = root / str(meta.get("theme", "theme.yaml"))
    year, number = year_and_number(meta, issue_path)
    return Issue(root=root, magazine=str(meta["magazine"]), issue_line=str(meta["issue"]),
                 year=year, number=number, language=language,
                 bleed_mm=bleed_mm(meta, issue_path), theme_path=theme, articles=articles,
                 issn=str(meta.get("issn", "")))


def generated_contents(path: Path, language: str) -> Article:
    """The contents page of a flatplan without an articles/contents.md: its kind's defaults
    (its source is the flatplan, `path`)."""
    contents = kind("contents")
    return Article(slug="contents", path=path, kind="contents",
                   title=contents.default("title", ""), pages=contents.default("pages", 1),
                   columns=contents.default("columns", 2), language=language)


def _check_orphans(root: Path, issue_path: Path, planned: set[str]) -> None:
    for path in sorted((root / "articles").glob("*.md")):
        if path.stem not in planned:
            raise IssueError(path, 1, f"article '{path.stem}' is in no flatplan",
                             f"add '- {path.stem}' to the flatplan in {issue_path}, "
                             "or move the file out of articles/")


def _check_cover_lines(articles: list[Article]) -> None:
    slugs = {a.slug for a in articles}
    for article in articles:
        for cover_line in article.cover_lines:
            if cover_line.article and cover_line.article not in slugs:
                raise IssueError(article.path, cover_line.line,
                                 f"cover line names unknown article '{cover_line.article}'",
                                 did_you_mean(cover_line.article, slugs))
