"""Every character of the content against the face that sets it, before any layout."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.pdfbase.ttfonts import TTFont

from layout.content.model import (
    Article,
    Issue,
    Para,
    PullQuote,
    Question,
    Respondent,
    Sidebar,
    Signature,
    Subhead,
)
from layout.errors import IssueError
from layout.style.fonts import missing_glyphs
from layout.style.theme import Theme


def _pieces(article: Article, theme: Theme) -> Iterator[tuple[int, str, list[str]]]:
    """(line, text, theme font keys that may set it) for every text of the article."""
    lines = article.field_lines
    body = ["body.font"]
    for key, font in (("title", "title.font"), ("standfirst", "standfirst.font"),
                      ("section", "kicker.font"), ("speaker", "speaker.font"),
                      ("salutation", "salutation.font")):
        text = getattr(article, key)
        yield lines.get(key, 1), text + text.upper(), [font]
    if article.byline:
        yield lines.get("byline", 1), article.byline.name, ["byline.font"]
        yield lines.get("byline", 1), article.byline.role, ["byline.role_font"]
    for cover_line in article.cover_lines:
        yield cover_line.line, cover_line.text, ["cover.line_font"]
    for block in article.blocks:
        if isinstance(block, Para):
            yield block.line, block.text, body
            if block.dropcap or article.dropcap:
                yield block.line, block.text[:2], ["dropcap.font"]
        elif isinstance(block, Subhead):
            yield block.line, block.text + block.text.upper(), ["subhead.font"]
        elif isinstance(block, PullQuote):
            yield block.line, block.text.upper(), ["pullquote.font"]
        elif isinstance(block, Sidebar):
            yield block.line, block.title, ["sidebar.title_font"]
            for para in block.paras:
                yield para.line, para.text, ["sidebar.font"]
        elif isinstance(block, Question):
            yield block.line, "".join(r.text for r in block.runs), ["question.font"]
        elif isinstance(block, Respondent):
            yield block.line, block.name, ["respondent.name_font"]
            yield block.line, block.age + block.role, ["respondent.detail_font"]
        elif isinstance(block, Signature):
            yield block.line, "".join(r.text for ln in block.lines for r in ln), ["signature.font"]


def check_coverage(issue: Issue, theme: Theme, faces: dict[str, TTFont]) -> None:
    """Raise at the first character that a face setting it cannot draw."""
    for article in issue.articles:
        for line, text, keys in _pieces(article, theme):
            for key in keys:
                base = theme.font(key)
                family = base.split("-")[0]
                for name in {base, family, family + "-Bold", family + "-Italic"}:
                    missing = missing_glyphs(text, faces[name])
                    if missing:
                        ch = missing[0]
                        raise IssueError(
                            article.path, line,
                            f"character '{ch}' (U+{ord(ch):04X}) is not in font {name}",
                            "replace the character, or choose a font in theme.yaml that has it")
