"""Every text of an article with the part it plays, in the order the templates set it.

One walk over the model serves both the glyph-coverage check (which font sets each text)
and verification (every word in the PDF, in order).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from layout.content.model import (
    Article,
    Figure,
    Para,
    PullQuote,
    Question,
    Respondent,
    Sidebar,
    Signature,
    Stats,
    Subhead,
)
from layout.content.placement import FULL_PAGE
from layout.kinds import kind


@dataclass(frozen=True)
class Text:
    role: str  # 'title', 'body', 'pullquote', … (the element that sets it)
    line: int  # line of the article file
    text: str
    apart: bool = False  # set on a page of its own (a full-page picture's caption), which
    # need not come where the text names it: the text flows on while the picture waits


def article_texts(article: Article) -> Iterator[Text]:
    """The article's texts in reading order: opener, then body elements."""
    lines = article.field_lines
    for role in ("section", "speaker", "title", "standfirst"):
        if getattr(article, role):
            # the cover's title is its cover story, set in its own face
            shown = "cover-story" if role == "title" and article.kind == "cover" else role
            yield Text(shown, lines.get(role, 1), getattr(article, role))
    if article.byline:
        yield Text("byline", lines.get("byline", 1), article.byline.name)
        if article.byline.role:
            yield Text("byline-role", lines.get("byline", 1), article.byline.role)
    if article.salutation:
        yield Text("salutation", lines.get("salutation", 1), article.salutation)
    for cover_line in article.cover_lines:
        yield Text("cover-line", cover_line.line, cover_line.text)
    for key, value in article.extra.items():  # a kind's own keys, set in the style it names
        role = kind(article.kind).extra_keys[key]
        for line in value if isinstance(value, list) else [value]:
            yield Text(role, lines.get(key, 1), line)
    for block in article.blocks:
        yield from _block_texts(block)


def _block_texts(block) -> Iterator[Text]:
    if isinstance(block, Para):
        yield Text("body", block.line, block.text)
    elif isinstance(block, Subhead):
        yield Text("subhead", block.line, block.text)
    elif isinstance(block, PullQuote):
        yield Text("pullquote", block.line, block.text)
    elif isinstance(block, Sidebar):
        yield Text("sidebar-title", block.line, block.title)
        for para in block.paras:
            yield Text("sidebar", para.line, para.text)
    elif isinstance(block, Question):
        yield Text("question", block.line, "".join(r.text for r in block.runs))
    elif isinstance(block, Respondent):
        yield Text("respondent-name", block.line, block.name)
        yield Text("respondent-detail", block.line, ", ".join(x for x in (block.age, block.role)
                                                               if x))
        if block.headshot and block.headshot.credit:
            yield Text("credit", block.line, block.headshot.credit)
    elif isinstance(block, Signature):
        for line in block.lines:
            yield Text("signature", block.line, "".join(r.text for r in line))
    elif isinstance(block, Figure):
        for member in block.members:  # a group: each photo's caption and credit, then its own
            yield from _block_texts(member)
        apart = block.placement in FULL_PAGE
        if block.caption:
            yield Text("caption", block.line, block.caption, apart)
        if block.credit:
            yield Text("credit", block.line, block.credit, apart)
    elif isinstance(block, Stats):
        for number, label in block.items:
            yield Text("stats-number", block.line, number)
            yield Text("stats-label", block.line, label)
