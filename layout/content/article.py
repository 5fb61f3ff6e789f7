"""articles/SLUG.md -> Article: front matter validated key by key, body parsed to blocks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from layout.content.markdown import markdown_parser, parse_body
from layout.content.model import Article, Byline, CoverLine, Figure, Para
from layout.content.yamlfile import Mapping, load_yaml, read_text
from layout.errors import IssueError, did_you_mean

KINDS = ("cover", "contents", "letter", "news", "feature", "interview", "profile", "voxpop",
         "column")
KEYS = ("kind", "title", "section", "speaker", "standfirst", "byline", "salutation", "pages",
        "columns", "language", "dropcap", "cover_lines", "display", "portrait")
LANGUAGES = ("en", "ru", "kk")
DROPCAP_BY_DEFAULT = ("feature", "news", "profile", "interview")
GENERATED = ("cover", "contents")  # kinds whose pages are made from the flatplan


def read_article(path: Path, issue_language: str, warnings: list[str] | None = None) -> Article:
    """Read and validate one article file; what deserves a look is appended to `warnings`."""
    text = read_text(path)
    lines = text.split("\n")
    check_characters(lines, path)
    if not lines or lines[0].strip() != "---":
        raise IssueError(path, 1, "the file does not start with front matter",
                         "begin it with a line '---', the YAML keys, and another '---'")
    try:
        end = next(k for k in range(1, len(lines)) if lines[k].strip() == "---")
    except StopIteration:
        raise IssueError(path, 1, "front matter is never closed",
                         "add a line '---' after the YAML keys") from None
    meta = load_yaml("\n".join(lines[1:end]), path, line_offset=1, warnings=warnings)
    if not isinstance(meta, Mapping):
        raise IssueError(path, 2, "front matter must be YAML keys and values",
                         "write 'kind: feature', 'title: …' one per line")
    article = _article_from_meta(meta, path, issue_language)
    if "language" not in meta:
        article.language = _language_of_text("\n".join(lines[end + 1:]), article.language,
                                             path, warnings)
    md = markdown_parser(article.language)
    tokens = [t for t in md.parse(text) if t.type != "front_matter"]
    article.blocks = parse_body(tokens, path, lines)
    _check_body(article)
    return article


KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}


def _language_of_text(body: str, assumed: str, path: Path, warnings: list[str] | None) -> str:
    """An article without `language:` whose text is in another script than the issue's
    language: infer its language from its letters (and say so), so that it is hyphenated
    and spaced by its own rules."""
    latin = cyrillic = kazakh = 0
    for ch in body:
        if "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
            kazakh += ch in KAZAKH_LETTERS
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if cyrillic > 2 * latin:
        found = "kk" if kazakh >= 0.005 * cyrillic else "ru"
    elif latin > 2 * cyrillic:
        found = "en"
    else:
        return assumed
    if found != assumed and warnings is not None:
        warnings.append(f"{path}: no 'language:' and the text reads as {NAMES[found]}, not "
                        f"{NAMES[assumed]} (the issue's): set as '{found}' — write 'language: "
                        f"{found}' in its front matter to say so")
    return found if found != assumed else assumed


def check_characters(lines: list[str], path: Path) -> None:
    """Refuse control characters (pasted from e-mail and word processors): they print nothing."""
    for number, line in enumerate(lines, start=1):
        for ch in line:
            if ch != "\t" and unicodedata.category(ch) == "Cc":
                raise IssueError(path, number, f"control character U+{ord(ch):04X} in the text",
                                 "delete it (it often comes with pasted text)")


def _article_from_meta(meta: Mapping, path: Path, issue_language: str) -> Article:
    lines = meta.key_lines
    for key in meta:
        if key not in KEYS:
            raise IssueError(path, lines[key], f"unknown front-matter key '{key}'",
                             did_you_mean(key, KEYS))
    kind = _string(meta, "kind", path, required=True)
    if kind not in KINDS:
        raise IssueError(path, lines["kind"], f"unknown kind '{kind}'", did_you_mean(kind, KINDS))
    title = _string(meta, "title", path, required=kind != "cover")
    language = _string(meta, "language", path) or issue_language
    if language not in LANGUAGES:
        raise IssueError(path, lines["language"], f"unsupported language '{language}'",
                         did_you_mean(language, LANGUAGES))
    dropcap = meta.get("dropcap", kind in DROPCAP_BY_DEFAULT)
    if not isinstance(dropcap, bool):
        raise IssueError(path, lines["dropcap"], "dropcap must be true or false",
                         "write 'dropcap: true' or 'dropcap: false'")
    return Article(
        slug=path.stem, path=path, kind=kind, title=title,
        pages=_pages(meta, path, required=kind not in GENERATED),
        columns=_columns(meta, path, default=3 if kind == "news" else 2),
        language=language,
        section=_string(meta, "section", path),
        speaker=_string(meta, "speaker", path),
        standfirst=_string(meta, "standfirst", path),
        byline=_byline(meta, path),
        salutation=_string(meta, "salutation", path),
        display=_string(meta, "display", path),
        portrait=_portrait(meta, path),
        dropcap=dropcap,
        cover_lines=_cover_lines(meta, path),
        field_lines=dict(lines),
    )


def _string(meta: Mapping, key: str, path: Path, required: bool = False) -> str:
    if key not in meta:
        if required:
            raise IssueError(path, meta.line, f"missing required key '{key}'",
                             f"add '{key}: …' to the front matter")
        return ""
    value = meta[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise IssueError(path, meta.key_lines[key], f"'{key}' must be text",
                         f"write it as '{key}: \"…\"'")
    value = " ".join(value.split())
    if required and not value:
        raise IssueError(path, meta.key_lines[key], f"'{key}' is empty", "write its text")
    return value


def parse_pages(value, path: Path, line: int) -> int | None:
    """An allotment: a whole number of pages ≥ 1, or 'auto' (None)."""
    if value == "auto":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise IssueError(path, line, f"pages must be a whole number or 'auto', not {value!r}",
                         "write e.g. 'pages: 2'")
    if value < 1:
        raise IssueError(path, line, f"pages must be at least 1, not {value}",
                         "give the article at least one page, or take it out of the flatplan")
    return value


def _pages(meta: Mapping, path: Path, required: bool) -> int | None:
    if "pages" not in meta:
        if required:
            raise IssueError(path, meta.line, "missing required key 'pages'",
                             "add its allotment, e.g. 'pages: 2' (or 'pages: auto')")
        return 1
    return parse_pages(meta["pages"], path, meta.key_lines["pages"])


def _columns(meta: Mapping, path: Path, default: int) -> int:
    value = meta.get("columns", default)
    if isinstance(value, bool) or value not in (1, 2, 3):
        raise IssueError(path, meta.key_lines["columns"],
                         f"columns must be 1, 2 or 3, not {value!r}", "write e.g. 'columns: 2'")
    return value


def _byline(meta: Mapping, path: Path) -> Byline | None:
    if "byline" not in meta:
        return None
    value, line = meta["byline"], meta.key_lines["byline"]
    if isinstance(value, str):
        return Byline(" ".join(value.split()))
    if not isinstance(value, Mapping):
        raise IssueError(path, line, "byline must be a name or {name: …, role: …}",
                         "write 'byline: {name: Azamat Baigaliyev, role: Deputy Director}'")
    for key in value:
        if key not in ("name", "role"):
            raise IssueError(path, value.key_lines[key], f"unknown byline key '{key}'",
                             did_you_mean(key, ("name", "role")))
    name = _string(value, "name", path, required=True)
    return Byline(name, _string(value, "role", path))


def _portrait(meta: Mapping, path: Path) -> Figure | None:
    value = _string(meta, "portrait", path)
    if not value:
        return None
    return Figure(meta.key_lines["portrait"], Path(value), "", "", "column")


def _cover_lines(meta: Mapping, path: Path) -> list[CoverLine]:
    value = meta.get("cover_lines", [])
    line = meta.key_lines.get("cover_lines", meta.line)
    if not isinstance(value, list):
        raise IssueError(path, line, "cover_lines must be a list",
                         "write one '- {article: SLUG, text: \"…\"}' per line")
    out = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"article", "text"}:
            raise IssueError(path, getattr(item, "line", line),
                             "each cover line needs exactly 'article' and 'text'",
                             "write '- {article: SLUG, text: \"…\"}'")
        out.append(CoverLine(_string(item, "article", path, True),
                             _string(item, "text", path, True), item.line))
    return out


def _check_body(article: Article) -> None:
    if article.kind in GENERATED:
        if article.blocks:
            raise IssueError(article.path, article.blocks[0].line,
                             f"a {article.kind} page has no body text",
                             "put the cover lines in the front matter and remove the body")
        return
    if not any(isinstance(b, Para) for b in article.blocks):
        raise IssueError(article.path, article.field_lines.get("kind", 1), "the article is empty",
                         "write its text below the front matter, or take it out of the flatplan")
