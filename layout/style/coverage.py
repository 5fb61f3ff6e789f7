"""Every character of the content against the face that sets it, before any layout."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.pdfbase.ttfonts import TTFont

from layout.content.model import Article, Issue
from layout.content.texts import article_texts
from layout.errors import IssueError
from layout.style.fonts import missing_glyphs
from layout.style.theme import Theme

FONTS = {  # element -> the theme's font key that sets it
    "section": "kicker.font", "speaker": "speaker.font", "title": "title.font",
    "standfirst": "standfirst.font", "byline": "byline.font", "byline-role": "byline.role_font",
    "salutation": "salutation.font", "cover-line": "cover.line_font", "body": "body.font",
    "subhead": "subhead.font", "pullquote": "pullquote.font", "sidebar-title": "sidebar.title_font",
    "sidebar": "sidebar.font", "question": "question.font", "respondent-name":
    "respondent.name_font", "respondent-detail": "respondent.detail_font",
    "signature": "signature.font", "caption": "caption.font", "credit": "caption.credit_font",
    "stats-number": "stats.number_font", "stats-label": "stats.label_font",
}
UPPER = ("section", "pullquote")  # set in capitals


def _pieces(article: Article) -> Iterator[tuple[int, str, list[str]]]:
    """(line, text, theme font keys that may set it) for every text of the article."""
    for text in article_texts(article):
        value = text.text.upper() if text.role in UPPER else text.text
        keys = [FONTS[text.role]]
        if text.role == "body" and article.dropcap:
            keys.append("dropcap.font")
        yield text.line, value, keys


def check_coverage(issue: Issue, theme: Theme, faces: dict[str, TTFont]) -> None:
    """Raise at the first character that a face setting it cannot draw.

    The characters of an article are gathered per face first, so each is looked up once;
    only when one is missing are the texts searched for its line.
    """
    for article in issue.articles:
        pieces = list(_pieces(article))
        by_face: dict[str, set[str]] = {}
        for _, text, keys in pieces:
            for name in (n for key in keys for n in _faces(theme, key)):
                by_face.setdefault(name, set()).update(text)
        for name, characters in by_face.items():
            missing = missing_glyphs("".join(sorted(characters)), name)
            if missing:
                _raise_missing(article, pieces, theme, faces, name)


def _faces(theme: Theme, key: str) -> list[str]:
    """The faces an element may use: its own, and its family's regular, bold and italic."""
    base = theme.font(key)
    family = base.split("-")[0]
    return list(dict.fromkeys([base, family, family + "-Bold", family + "-Italic"]))


def _raise_missing(article: Article, pieces, theme: Theme, faces: dict[str, TTFont],
                   name: str) -> None:
    for line, text, keys in pieces:
        if any(name in _faces(theme, key) for key in keys):
            missing = missing_glyphs(text, name)
            if missing:
                ch = missing[0]
                raise IssueError(article.path, line,
                                 f"character '{ch}' (U+{ord(ch):04X}) is not in font {name}",
                                 "replace the character, or choose a font in theme.yaml that "
                                 "has it")
