"""issue.yaml -> masthead values and the flatplan (page order and allotment overrides)."""

from __future__ import annotations

import re
from pathlib import Path

from layout.content.article import parse_pages, refuse_control_characters
from layout.content.issn import valid_issn
from layout.content.model import FlatplanEntry
from layout.content.print_job import read_print_job
from layout.content.yamlfile import Mapping, load_yaml
from layout.errors import IssueError, did_you_mean, raise_all

KEYS = ("magazine", "issue", "year", "number", "language", "trim", "bleed", "binding", "theme",
        "issn", "print", "credit_words", "flatplan")
REQUIRED = ("magazine", "issue", "flatplan")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_SLUG = 80  # characters: a file name, not a sentence
RANGES = {"year": (1900, 2200), "number": (1, 999)}
MAX_CREDIT_WORD = 30  # characters of a word that starts a credit line
MAX_TEXT = 60  # characters of a masthead value (the folio sets the magazine and issue line)


def read_issue_file(text: str, path: Path, warnings: list[str] | None = None
                    ) -> tuple[Mapping, list[FlatplanEntry]]:
    """Parse issue.yaml's text; return its values and the flatplan entries. Every problem
    found is reported at once."""
    meta = load_yaml(text, path, warnings=warnings)
    if not isinstance(meta, Mapping):
        raise IssueError(path, 1, "issue.yaml must be YAML keys and values",
                         "start from the example in README.md")
    problems: list[IssueError] = []
    for key in meta:
        if key not in KEYS:
            problems.append(IssueError(path, meta.key_lines[key], f"unknown key '{key}'",
                                       did_you_mean(key, KEYS)))
    for key in REQUIRED:
        if key not in meta:
            problems.append(IssueError(path, meta.line, f"missing required key '{key}'",
                                       f"add '{key}: …'"))
    for key in ("year", "number"):
        if key in meta and (isinstance(meta[key], bool) or not isinstance(meta[key], int)):
            problems.append(IssueError(path, meta.key_lines[key],
                                       f"'{key}' must be a whole number",
                                       f"write e.g. '{key}: {2023 if key == 'year' else 1}'"))
    if "issue" in meta:
        try:
            year_and_number(meta, path)
        except IssueError as error:
            problems.append(error)
    if "issn" in meta and not valid_issn(str(meta["issn"])):
        problems.append(IssueError(path, meta.key_lines["issn"],
                                   f"'{meta['issn']}' is not a valid ISSN",
                                   "write the eight characters the ISSN centre gave, e.g. "
                                   "'issn: \"0378-5955\"' (the last one is a check)"))
    if meta.get("trim", "A4") != "A4":
        problems.append(IssueError(path, meta.key_lines["trim"],
                                   f"unsupported trim '{meta['trim']}'",
                                   "the magazine is A4: write 'trim: A4'"))
    if meta.get("binding", "saddle-stitch") != "saddle-stitch":
        problems.append(IssueError(path, meta.key_lines["binding"],
                                   f"unsupported binding '{meta['binding']}'",
                                   "write 'saddle-stitch'"))
    read_print_job(meta, path, problems)  # (checked here; the hand-off reads it again)
    if "credit_words" in meta:
        try:
            extra_credit_words(meta, path)
        except IssueError as error:
            problems.append(error)
    entries = []
    if "flatplan" in meta:
        try:
            entries = _flatplan(meta, path)
        except IssueError as error:
            problems.append(error)
    raise_all(problems)
    return meta, entries


def extra_credit_words(meta: Mapping, path: Path) -> tuple[str, ...]:
    """issue.yaml's `credit_words:` (['Foto:', 'Drawing:']): more words that start a
    picture's credit line, besides each language's own (content/credits.py)."""
    value = meta.get("credit_words", [])
    line = meta.key_lines.get("credit_words", meta.line)
    if not isinstance(value, list) or not all(
            isinstance(word, str) and word.strip().endswith(":")
            and 1 < len(word.strip()) <= MAX_CREDIT_WORD and "\n" not in word
            for word in value):
        raise IssueError(path, line, "credit_words must be a list of words each ending in a "
                         "colon", "write e.g. 'credit_words: [\"Foto:\", \"Drawing:\"]' (Photo:, "
                         "Фото: and Сурет: are known already)")
    return tuple(word.strip() for word in value)


_NUMBER = re.compile(r"№\s*(\d{1,3})\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def year_and_number(meta: Mapping, path: Path) -> tuple[int, int]:
    """The issue's year and number: as given, or read from the issue line ('№2 (03-04) 2024')."""
    line = str(meta.get("issue", ""))
    found = {"number": _NUMBER.search(line), "year": _YEAR.findall(line)}
    values = {}
    for key in ("year", "number"):
        if key in meta:
            values[key] = meta[key]
        elif key == "number" and found["number"]:
            values[key] = int(found["number"].group(1))
        elif key == "year" and found["year"]:
            values[key] = int(found["year"][-1])
        else:
            example = "'№2 (03-04) 2024'"
            raise IssueError(path, meta.key_lines.get("issue", meta.line),
                             f"the issue line '{line}' gives no {key}",
                             f"add '{key}: …' to issue.yaml, or write the issue line as "
                             f"{example}")
        low, high = RANGES[key]
        if isinstance(values[key], int) and not isinstance(values[key], bool) \
                and not low <= values[key] <= high:
            raise IssueError(path, meta.key_lines.get(key, meta.key_lines.get("issue", meta.line)),
                             f"'{key}: {values[key]}' is out of range",
                             f"write a {key} from {low} to {high}")
    return values["year"], values["number"]


def _flatplan(meta: Mapping, path: Path) -> list[FlatplanEntry]:
    plan, line = meta["flatplan"], meta.key_lines["flatplan"]
    if not isinstance(plan, list) or not plan:
        raise IssueError(path, line, "the flatplan must be a list of article slugs",
                         "write one '- slug' per line, in page order")
    entries: list[FlatplanEntry] = []
    seen: dict[str, int] = {}
    for k, item in enumerate(plan):
        item_line = getattr(item, "line", line + 1 + k)
        if isinstance(item, str):
            entry = FlatplanEntry(item, item_line)
        elif isinstance(item, Mapping) and "slug" in item:
            for key in item:
                if key not in ("slug", "pages"):
                    raise IssueError(path, item.key_lines[key], f"unknown flatplan key '{key}'",
                                     did_you_mean(key, ("slug", "pages")))
            entry = FlatplanEntry(str(item["slug"]), item_line)
            if "pages" in item:
                entry.pages = parse_pages(item["pages"], path, item.key_lines["pages"])
                entry.auto = entry.pages is None
        else:
            raise IssueError(path, item_line, f"flatplan entry {item!r} is not a slug",
                             "write '- slug' or '- {slug: SLUG, pages: N}'")
        check_slug(entry.slug, path, entry.line)
        if entry.slug in seen:
            raise IssueError(path, entry.line, f"'{entry.slug}' is in the flatplan twice",
                             f"it is already on line {seen[entry.slug]}; remove one")
        seen[entry.slug] = entry.line
        entries.append(entry)
    return entries


def check_slug(slug: str, path: Path, line: int) -> None:
    """A slug names a file in articles/: lower-case letters, digits and hyphens, nothing else.

    So no slug reaches outside articles/ ('../x', 'one/x'), and two slugs that differ are
    two different files on every file system (no 'Rey' beside 'rey').
    """
    if len(slug) > MAX_SLUG or not SLUG.fullmatch(slug):
        shown = slug if len(slug) <= MAX_SLUG else slug[:MAX_SLUG] + "…"
        raise IssueError(path, line, f"'{shown}' is not a slug",
                         "a slug is the article's file name without '.md': lower-case letters "
                         f"a-z, digits and hyphens, at most {MAX_SLUG} characters, e.g. "
                         "'main-events' for articles/main-events.md")


def text_value(meta: Mapping, key: str, path: Path, default: str | None = None) -> str:
    """A masthead value that must be text (a number is taken as its digits)."""
    value = meta.get(key, default)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise IssueError(path, meta.key_lines.get(key, meta.line), f"'{key}' must be text",
                         f"write it as '{key}: \"…\"'")
    refuse_control_characters(value, path, meta.key_lines.get(key, meta.line))
    if len(value.strip()) > MAX_TEXT:
        raise IssueError(path, meta.key_lines.get(key, meta.line), f"'{key}' is longer than "
                         f"{MAX_TEXT} characters", "shorten it (the magazine and issue line are "
                         "set in every folio)")
    return value.strip()


def bleed_mm(meta: Mapping, path: Path) -> float:
    """The bleed in mm from a value like '3mm'."""
    value = str(meta.get("bleed", "3mm")).strip()
    number = value[:-2] if value.endswith("mm") else value
    try:
        result = float(number)
    except ValueError:
        raise IssueError(path, meta.key_lines.get("bleed"), f"bleed '{value}' is not a length",
                         "write e.g. 'bleed: 3mm'") from None
    if not 2 <= result <= 10:
        raise IssueError(path, meta.key_lines.get("bleed"), f"bleed {value} is out of range: "
                         "pictures and grounds printed to the edge need 2mm to 10mm beyond the "
                         "trim", "printers ask for 3mm")
    return result
