"""articles/SLUG.md -> Article: front matter validated key by key, body parsed to blocks."""

from __future__ import annotations

import re
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
MAX_ALLOTMENT = 64  # pages: more is a typing slip, and would be laid out before it is refused
MAX_LENGTHS = {  # characters of a front-matter value: what its slot on the page holds
    "section": 60, "display": 12, "speaker": 120, "name": 120, "title": 300, "role": 300,
    "text": 300, "salutation": 200, "standfirst": 3000, "portrait": 300, "article": 80,
}
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc but tab and newline
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]|&#")  # the first line to look at


def read_article(path: Path, issue_language: str, text: str | None = None) -> Article:
    """Validate one article file (its `text`, when the caller has read it already)."""
    text = read_text(path) if text is None else text
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
    meta = load_yaml("\n".join(lines[1:end]), path, line_offset=1)
    if not isinstance(meta, Mapping):
        raise IssueError(path, 2, "front matter must be YAML keys and values",
                         "write 'kind: feature', 'title: …' one per line")
    article = _article_from_meta(meta, path, issue_language)
    md = markdown_parser(article.language)
    env: dict = {}
    tokens = [t for t in md.parse(text, env) if t.type != "front_matter"]
    _refuse_references(env, path, lines)
    article.blocks = parse_body(tokens, path, lines)
    _check_body(article)
    return article


def check_characters(lines: list[str], path: Path) -> None:
    """Refuse control characters (pasted from e-mail and word processors): they print nothing.

    Typed as they are or as numeric character references ('&#7;'), which Markdown would
    otherwise turn into a replacement character; a replacement character itself means the
    text was damaged on its way here.
    """
    text = "\n".join(lines)
    suspect = _SUSPECT.search(text)
    if suspect is None:
        return
    for number, line in enumerate(lines[text.count("\n", 0, suspect.start()):],
                                  start=text.count("\n", 0, suspect.start()) + 1):
        refuse_control_characters(line, path, number)
        if "\ufffd" in line:
            raise IssueError(path, number, "replacement character U+FFFD in the text",
                             "the text was damaged in conversion: retype the character that "
                             "stood here")
        if "&#" in line:
            for match in _REFERENCE.finditer(line):
                _check_reference(match, path, number)


def refuse_control_characters(text: str, path: Path, line: int | None) -> None:
    """Raise at the first control character (other than a tab or a line break) in text."""
    found = _CONTROL.search(text)
    if found:
        raise IssueError(path, line, f"control character U+{ord(found.group()):04X} in the "
                         "text", "delete it (it often comes with pasted text)")


def _check_reference(match: re.Match, path: Path, line: int) -> None:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    printable = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF and (
        chr(code) == "\t" or unicodedata.category(chr(code)) not in ("Cc", "Cn", "Cs"))
    if not printable:
        raise IssueError(path, line, f"character reference '{match.group(0)}' is not a "
                         "printable character", "delete it, or type the character you mean")


def _refuse_references(env: dict, path: Path, lines: list[str]) -> None:
    """Markdown takes '[label]: address' lines for link definitions and prints nothing of them."""
    for definition in env.get("references", {}).values():
        line = definition["map"][0] + 1 if definition.get("map") else None
        typed = lines[line - 1].strip() if line else ""
        raise IssueError(path, line, f"'{typed[:60]}' is a Markdown link definition and would "
                         "not be printed", "links are not part of the format: escape the "
                         "bracket to print the line as it is ('\\[1]: …')")


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
        raise IssueError(path, lines.get("language", meta.line),
                         f"unsupported language '{language}'",
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
    refuse_control_characters(value, path, meta.key_lines[key])
    value = " ".join(value.split())
    if required and not value:
        raise IssueError(path, meta.key_lines[key], f"'{key}' is empty", "write its text")
    limit = MAX_LENGTHS.get(key, 300)
    if len(value) > limit:
        raise IssueError(path, meta.key_lines[key], f"'{key}' is {len(value)} characters long, "
                         f"more than its place on the page holds ({limit})", "shorten it")
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
    if value > MAX_ALLOTMENT:
        raise IssueError(path, line, f"pages: {value} is more than an article may have "
                         f"({MAX_ALLOTMENT})", "check the number; split a longer text into "
                         "several articles")
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
