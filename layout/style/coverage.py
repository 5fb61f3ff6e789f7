"""Every character of the content against the face that sets it, before any layout."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import partial

from layout import warm
from layout.content.model import Article, BriefBreak, Issue, Para
from layout.content.texts import article_texts
from layout.errors import IssueError
from layout.style.fonts import missing_glyphs
from layout.style.outlines import ink_problem
from layout.style.shaping import digest, face_file
from layout.style.theme import Theme

FONTS = {  # element -> the theme's font key that sets it
    "section": "kicker.font", "speaker": "speaker.font", "title": "title.font",
    "standfirst": "standfirst.font", "byline": "byline.font", "byline-role": "byline.role_font",
    "salutation": "salutation.font", "cover-line": "cover.line_font",
    "cover-story": "cover.story_font", "colophon": "colophon.font", "body": "body.font",
    "subhead": "subhead.font", "pullquote": "pullquote.font", "sidebar-title": "sidebar.title_font",
    "sidebar": "sidebar.font", "question": "question.font", "respondent-name":
    "respondent.name_font", "respondent-detail": "respondent.detail_font",
    "signature": "signature.font", "caption": "caption.font", "credit": "caption.credit_font",
    "stats-number": "stats.number_font", "stats-label": "stats.label_font",
    "list": "body.font", "list-more": "body.font", "table-head": "table.header_font",
    "table": "table.font",
    "note": "notes.font", "chart-title": "chart.title_font", "chart": "chart.font",
}
UPPER = ("section", "pullquote")  # set in capitals


ROLE_NAMES = {"section": "section kicker", "body": "body text", "byline-role": "byline role",
              "respondent-name": "respondent's name", "respondent-detail": "respondent's age "
              "and role", "stats-number": "stats figure", "stats-label": "stats label",
              "sidebar-title": "sidebar title", "cover-line": "cover line", "cover-story":
              "cover story", "dropcap": "drop cap", "list": "list item", "list-more":
              "list item", "table-head": "table header", "table": "table cell", "note": "note",
              "chart-title": "chart title", "chart": "chart label"}


def _pieces(article: Article) -> Iterator[tuple[int, str, str]]:
    """(line, text, element) for every text of the article, as the element sets it (drop caps:
    the letters they set)."""
    for text in article_texts(article):
        yield text.line, text.text.upper() if text.role in UPPER else text.text, text.role
    opening = article.dropcap
    for block in article.blocks:
        if isinstance(block, Para) and (opening or block.dropcap):
            yield block.line, block.text.lstrip()[:3], "dropcap"
        opening = isinstance(block, BriefBreak) and article.dropcap


def _key(role: str) -> str:
    return "dropcap.font" if role == "dropcap" else FONTS[role]


def check_coverage(issue: Issue, theme: Theme) -> None:
    """Raise at the first character that a face setting it cannot draw, naming the face and
    the element that needs it.

    The characters of an article are gathered per face first, so each is looked up once;
    only when one is missing are the texts searched for its line.
    """
    for article in issue.articles:
        pieces = list(_pieces(article))
        by_face: dict[str, set[str]] = {}
        for _, text, role in pieces:
            for name in _faces(theme, _key(role)):
                by_face.setdefault(name, set()).update(text)
        # the desk checks again only what a save changed (layout/warm.py)
        key = (repr(pieces), theme.digest, tuple((name, digest(name)) for name in by_face))
        warm.recall("coverage", article.slug, key,
                    partial(_check_article, article, pieces, theme, by_face))


def _check_article(article: Article, pieces: list, theme: Theme,
                   by_face: dict[str, set[str]]) -> None:
    for name, characters in by_face.items():
        if missing_glyphs("".join(sorted(characters)), name):
            _raise_missing(article, pieces, theme, name)
    for name, characters in by_face.items():
        blank = {ch: problem for ch in sorted(characters)
                 if (problem := ink_problem(name, ch))}
        if blank:
            _raise_blank(article, pieces, theme, name, blank)


def _faces(theme: Theme, key: str) -> list[str]:
    """The faces an element may use: its own, and its family's regular, bold and italic."""
    base = theme.font(key)
    family = base.split("-")[0]
    return list(dict.fromkeys([base, family, family + "-Bold", family + "-Italic"]))


def _raise_blank(article: Article, pieces, theme: Theme, name: str,
                 blank: dict[str, str]) -> None:
    """The first text that uses a glyph printing no ink (or gaps), by its line."""
    for line, text, role in pieces:
        key = _key(role)
        if name not in _faces(theme, key):
            continue
        for ch in text:
            if ch in blank:
                raise IssueError(article.path, line,
                                 f"character '{ch}' (U+{ord(ch):04X}) of the "
                                 f"{ROLE_NAMES.get(role, role)} would not print: its glyph in "
                                 f"{name} ({face_file(name).name}, theme '{key}') {blank[ch]}",
                                 "replace the font file with an undamaged one, or choose "
                                 "another font in theme.yaml")


def _raise_missing(article: Article, pieces, theme: Theme, name: str) -> None:
    for line, text, role in pieces:
        key = _key(role)
        if name in _faces(theme, key):
            missing = missing_glyphs(text, name)
            if missing:
                ch = missing[0]
                element = ROLE_NAMES.get(role, role)
                if unicodedata.category(ch) == "Cc":  # a tab, a control character: no font's
                    what = "a tab" if ch == "\t" else "a control character"
                    raise IssueError(article.path, line,
                                     f"{what} (U+{ord(ch):04X}) in the {element}: running text "
                                     "cannot set it", "replace it with a space (for columns of "
                                     "figures, use a Markdown table)")
                raise IssueError(article.path, line,
                                 f"character '{ch}' (U+{ord(ch):04X}) of the {element} is not "
                                 f"in its font {name} ({face_file(name).name},"
                                 f" theme '{key}')",
                                 "replace the character (e.g. U+2212 minus by a hyphen-minus "
                                 "'-'), or choose a font in theme.yaml that has it")
