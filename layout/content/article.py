"""articles/SLUG.md -> Article: front matter validated key by key, body parsed to blocks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from layout.content.credits import credit_words, is_credit
from layout.content.images import placed_figures
from layout.content.markdown import markdown_parser, parse_body
from layout.content.model import (
    LANGUAGES,
    Article,
    Byline,
    CoverLine,
    Figure,
    ListBlock,
    Para,
    Table,
)
from layout.content.yamlfile import Mapping, load_yaml, read_text
from layout.errors import IssueError, IssueErrors, did_you_mean, raise_all
from layout.kinds import COMMON_KEYS, STANDARD_KEYS, Kind, kinds

MAX_ALLOTMENT = 64  # pages: more is a typing slip, and would be laid out before it is refused
MAX_LENGTHS = {  # characters of a front-matter value: what its slot on the page holds
    "section": 60, "display": 12, "speaker": 120, "name": 120, "title": 300, "role": 300,
    "text": 300, "salutation": 200, "standfirst": 3000, "portrait": 300, "caption": 600,
    "article": 80, "portrait_alt": 1000,
}
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc but tab and newline
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]|&#")  # the first line to look at


def read_article(path: Path, issue_language: str, text: str | None = None,
                 warnings: list[str] | None = None,
                 credits: tuple[str, ...] | None = None) -> Article:
    """Validate one article file (its `text`, when the caller has read it already); what
    deserves a look is appended to `warnings`. A figure's last line is its credit when it
    starts with one of `credits` (by default every language's: content/credits.py)."""
    credits = credit_words() if credits is None else credits
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
    meta = load_yaml("\n".join(lines[1:end]), path, line_offset=1, warnings=warnings)
    if not isinstance(meta, Mapping):
        raise IssueError(path, 2, "front matter must be YAML keys and values",
                         "write 'kind: feature', 'title: …' one per line")
    article = _article_from_meta(meta, path, issue_language, credits)
    if "language" not in meta:
        article.language = _language_of_text("\n".join(lines[end + 1:]), article.language,
                                             path, warnings)
    md = markdown_parser(article.language)
    env: dict = {}
    tokens = [t for t in md.parse(text, env) if t.type != "front_matter"]
    _refuse_references(env, path, lines)
    article.blocks = parse_body(tokens, path, lines, env, credits)
    _check_body(article)
    _check_salutation(article, warnings)
    _check_credits(article, credits, warnings)
    return article


def _check_credits(article: Article, credits: tuple[str, ...],
                   warnings: list[str] | None) -> None:
    """A magazine credits every photo: a figure (a group's photo, a portrait, a headshot)
    without a credit line is said at its line."""
    if warnings is None:
        return
    group_credited = {id(m) for b in article.blocks if isinstance(b, Figure) and b.credit
                      for m in b.members}
    for figure in placed_figures(article):
        if figure.credit or id(figure) in group_credited:
            continue
        if figure is article.portrait:
            where, add = "the portrait", "add credit: \"Photo: NAME\" to 'portrait:'"
        else:
            where, add = f"picture '{figure.path.name}'", ("add 'Photo: NAME' as the "
                                                            "figure's last line")
        sentence = _credit_like_sentence(figure.caption, credits)
        why = (f" ('{sentence}' is read as caption: a credit starts 'Photo:', or is at most "
               "six words ending no sentence)") if sentence else ""
        warnings.append(f"{article.path}:{figure.line}: no credit line: {where} prints "
                        f"without a credit — {add}{why}")


def _credit_like_sentence(caption: str, credits: tuple[str, ...]) -> str:
    """The caption's tail from a sentence that starts with a credit word ('Photo taken by
    A. Bekova in 1998.'), if any."""
    bare = "|".join(re.escape(word.rstrip(":")) for word in credits)
    starts = [m.start(1) for m in re.finditer(rf"(?:^|(?<=[.!?…]\s))({bare})\b", caption,
                                              re.IGNORECASE)]
    return caption[starts[-1]:].strip() if starts else ""


def _check_placements(article: Article) -> None:
    """Placements that the article's kind or place cannot give: a cover photo outside the
    cover, a spread on the cover (it has no facing page), two photos on one cover."""
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    on_cover = article.kind == "cover"
    for figure in figures:
        if figure.placement == "cover" and not on_cover:
            raise IssueError(article.path, figure.line, "a 'cover' picture outside the cover",
                             "place it in the cover's file, or 'bleed' for a page of its own")
        if on_cover and figure.placement != "cover":
            hint = ("the cover is a single page with no facing page: place the photo "
                    "'cover'" if figure.placement == "spread" else "place the photo 'cover'")
            raise IssueError(article.path, figure.line,
                             f"a '{figure.placement}' picture on the cover", hint)
    if on_cover and len(figures) > 1:
        raise IssueError(article.path, figures[1].line, "a second photo on the cover",
                         "the cover holds one photo: remove the others")


def _check_salutation(article: Article, warnings: list[str] | None) -> None:
    """A letter prints its salutation above the text: a first paragraph that says it again
    would print it twice."""
    first = next((b for b in article.blocks if isinstance(b, Para)), None)
    if not article.salutation or first is None or warnings is None:
        return

    def words(text: str) -> str:
        return " ".join("".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace())
                        .split())

    if words(first.text).startswith(words(article.salutation)):
        warnings.append(f"{article.path}:{first.line}: the first paragraph repeats the "
                        f"salutation '{article.salutation}', which the letter prints above it "
                        "— remove it from the text (or the 'salutation:' key)")


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
                         "not be printed", "write the link where it is used: '[text](https://…)'; "
                         "escape the bracket to print the line as it is ('\\[1]: …')")


def _article_from_meta(meta: Mapping, path: Path, issue_language: str,
                       credits: tuple[str, ...]) -> Article:
    """The article's front matter, checked against its kind: every problem in one run."""
    problems: list[IssueError] = []

    def attempt(read, *args, fallback=None, **kw):
        try:
            return read(*args, **kw)
        except IssueErrors as errors:
            problems.extend(errors.problems)
        except IssueError as error:
            problems.append(error)
        return fallback

    lines = meta.key_lines
    registry = kinds()
    name = attempt(_string, meta, "kind", path, required=True, fallback="")
    kind = registry.get(name)
    if name and kind is None:
        problems.append(IssueError(path, lines["kind"], f"unknown kind '{name}'",
                                   did_you_mean(name, registry)))
    problems += _misplaced_keys(meta, path, kind, registry)
    required = kind.required if kind else ("title",)
    if kind and "pages" in required and "pages" not in meta:
        problems.append(IssueError(path, meta.line, "missing required key 'pages'",
                                   "add its allotment, e.g. 'pages: 2' (or 'pages: auto')"))
    title = attempt(_string, meta, "title", path, required="title" in required, fallback="")
    language = attempt(_string, meta, "language", path, fallback="") or issue_language
    if language not in LANGUAGES:
        problems.append(IssueError(path, lines.get("language", meta.line),
                                   f"unsupported language '{language}'",
                                   did_you_mean(language, LANGUAGES)))
    default = kind.default if kind else (lambda key, fallback=None: fallback)
    dropcap = meta.get("dropcap", default("dropcap", False))
    if not isinstance(dropcap, bool):
        problems.append(IssueError(path, lines["dropcap"], "dropcap must be true or false",
                                   "write 'dropcap: true' or 'dropcap: false'"))
    article = Article(
        slug=path.stem, path=path, kind=name, title=title or default("title", ""),
        pages=attempt(_pages, meta, path, default("pages", 1), fallback=1),
        columns=attempt(_columns, meta, path, default("columns", 2), fallback=2),
        language=language,
        section=attempt(_string, meta, "section", path, fallback=""),
        speaker=attempt(_string, meta, "speaker", path, fallback=""),
        standfirst=attempt(_string, meta, "standfirst", path, fallback=""),
        byline=attempt(_byline, meta, path),
        salutation=attempt(_string, meta, "salutation", path, fallback=""),
        display=attempt(_string, meta, "display", path, fallback=""),
        portrait=attempt(_portrait, meta, path, credits),
        picture_space=attempt(_string, meta, "picture_space", path, fallback=""),
        dropcap=dropcap,
        cover_lines=attempt(_cover_lines, meta, path, fallback=[]),
        field_lines=dict(lines),
        extra={key: attempt(_text_or_lines, meta, key, path, fallback="")
               for key in (kind.extra_keys if kind else ()) if key in meta},
    )
    raise_all(problems)
    return article


def _misplaced_keys(meta: Mapping, path: Path, kind: Kind | None,
                    registry: dict[str, Kind]) -> list[IssueError]:
    """Keys this kind does not read: misspelt, or another kind's (they would not print)."""
    problems = []
    allowed = kind.allowed() if kind else COMMON_KEYS + STANDARD_KEYS
    for key in meta:
        if key in allowed:
            continue
        owners = [k.name for k in registry.values() if key in k.allowed()]
        if owners and kind:
            problems.append(IssueError(
                path, meta.key_lines[key], f"a {kind.name} has no '{key}' (it would not be "
                f"printed)", f"'{key}' is for: {', '.join(owners)}; remove it, or change "
                "the kind"))
        else:
            problems.append(IssueError(path, meta.key_lines[key],
                                       f"unknown front-matter key '{key}'",
                                       did_you_mean(key, allowed)))
    return problems


def _text_or_lines(meta: Mapping, key: str, path: Path) -> str | list[str]:
    """A kind's own key: a text, or a list of texts (one line each)."""
    value = meta[key]
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                out.append(" ".join(str(item).split()))
            else:
                raise IssueError(path, meta.key_lines[key], f"'{key}' must be text or a list "
                                 "of texts", f"write one '- …' per line under '{key}:'")
        return out
    return _string(meta, key, path)


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


def _pages(meta: Mapping, path: Path, default: int) -> int | None:
    if "pages" not in meta:
        return default
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


PORTRAIT_KEYS = ("file", "caption", "credit")


def _portrait(meta: Mapping, path: Path, credits: tuple[str, ...]) -> Figure | None:
    """`portrait: images/NAME.jpg`, or with its own caption and credit:
    `portrait: {file: images/NAME.jpg, caption: "…", credit: "Photo: …"}`."""
    if "portrait" not in meta:
        return None
    value, line = meta["portrait"], meta.key_lines["portrait"]
    alt = _string(meta, "portrait_alt", path)
    if not isinstance(value, Mapping):
        file = _string(meta, "portrait", path)
        return Figure(line, Path(file), "", "", "column", alt=alt) if file else None
    for key in value:
        if key not in PORTRAIT_KEYS:
            raise IssueError(path, value.key_lines[key], f"unknown portrait key '{key}'",
                             did_you_mean(key, PORTRAIT_KEYS))
    file = _string(value, "file", path, required=True)
    caption, credit = _string(value, "caption", path), _string(value, "credit", path)
    if caption and not credit and is_credit(caption, credits):
        caption, credit = "", caption  # a credit written as the caption is the credit
    return Figure(line, Path(file), caption, credit, "column", alt=alt)


def _cover_lines(meta: Mapping, path: Path) -> list[CoverLine]:
    """Cover lines: `{article: SLUG, text: "…"}` (printed with the article's page number), or
    a line of text alone (`"…"` or `{text: "…"}`), about no one article."""
    value = meta.get("cover_lines", [])
    line = meta.key_lines.get("cover_lines", meta.line)
    if not isinstance(value, list):
        raise IssueError(path, line, "cover_lines must be a list",
                         "write one '- {article: SLUG, text: \"…\"}' or '- \"…\"' per line")
    out = []
    for k, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append(CoverLine("", " ".join(item.split()), line + 1 + k))
            continue
        if not isinstance(item, Mapping) or "text" not in item or set(item) - {"article", "text"}:
            raise IssueError(path, getattr(item, "line", line),
                             "a cover line is a text, or 'text' with the 'article' it is about",
                             "write '- {article: SLUG, text: \"…\"}' or '- \"…\"'")
        article = _string(item, "article", path) if "article" in item else ""
        out.append(CoverLine(article, _string(item, "text", path, True), item.line))
    return out


def _check_body(article: Article) -> None:
    kind = kinds()[article.kind]
    _check_placements(article)
    if kind.generated:
        text = [b for b in article.blocks
                if not (isinstance(b, Figure) and b.placement == "cover")]
        if text:
            raise IssueError(article.path, text[0].line,
                             f"a {article.kind} page has no body text",
                             "put the cover lines in the front matter and remove the body"
                             + ("; a cover photo is '::: figure PATH cover'"
                                if article.kind == "cover" else ""))
        return
    if kind.needs_body and not any(isinstance(b, (Para, ListBlock, Table))
                                   for b in article.blocks):
        raise IssueError(article.path, article.field_lines.get("kind", 1), "the article is empty",
                         "write its text below the front matter, or take it out of the flatplan")
