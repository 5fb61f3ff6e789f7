"""Every text of an article with the part it plays, in the order the templates set it.

One walk over the model serves both the glyph-coverage check (which font sets each text)
and verification (every word in the PDF, in order).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from layout.content.link_notes import with_link_notes
from layout.content.model import (
    Article,
    Chart,
    Figure,
    ListBlock,
    Notes,
    Para,
    PullQuote,
    Question,
    Respondent,
    Sidebar,
    Signature,
    Stats,
    Subhead,
    Table,
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
    boxed: bool = False  # in a box that may float (a table or chart in a sidebar): drawn
    # after the text that follows its call where the box waits
    moves: bool = False  # a column's picture or a stats call-out: drawn, where it floats,
    # after the text that follows its call or before the text before it (a column's foot it
    # fills); a tagged PDF's structure keeps it where it is typed


def article_texts(article: Article, link_mode: str = "after") -> Iterator[Text]:
    """The article's texts in reading order: opener, then body elements (with a note call
    after each link and its address among the notes when `link_mode` is 'note')."""
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
    if article.portrait:  # at the head of the body (its own caption and credit)
        yield from _block_texts(article.portrait)
    blocks = with_link_notes(article.blocks) if link_mode == "note" else article.blocks
    for block in blocks:
        yield from _block_texts(block)


def _block_texts(block) -> Iterator[Text]:
    if isinstance(block, Para):
        for piece in linked_pieces(block.runs):  # a link's address may be printed after it
            yield Text("body", block.line, piece)
    elif isinstance(block, Subhead):
        yield Text("subhead", block.line, block.text)
    elif isinstance(block, PullQuote):
        yield Text("pullquote", block.line, block.text)
    elif isinstance(block, Sidebar):
        yield Text("sidebar-title", block.line, block.title)
        for inner in block.blocks:
            if isinstance(inner, Para):
                yield Text("sidebar", inner.line, inner.text)
            else:
                yield from (replace(text, boxed=True) for text in _block_texts(inner))
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
        floats = block.placement == "column"  # a column's picture floats (compose/elements)
        if block.caption:
            yield Text("caption", block.line, block.caption, apart, moves=floats)
        if block.credit:
            yield Text("credit", block.line, block.credit, apart, moves=floats)
    elif isinstance(block, Stats):  # floats as a column's picture does
        for number, label in block.items:
            yield Text("stats-number", block.line, number, moves=True)
            yield Text("stats-label", block.line, label, moves=True)
    elif isinstance(block, ListBlock):
        for item in block.items:  # what follows a link's address: 'list-more'
            for k, piece in enumerate(linked_pieces(item.runs)):
                yield Text("list-more" if k or not item.marker else "list", item.line, piece)
    elif isinstance(block, Table):
        yield from _table_texts(block)
    elif isinstance(block, Notes):
        for note in block.notes:
            for k, runs in enumerate(note.paras):
                if k == 0:
                    yield Text("note", note.line, str(note.number))
                for piece in linked_pieces(runs):
                    yield Text("note", note.line, piece)
    elif isinstance(block, Chart):
        yield Text("chart-title", block.line, block.title)
        if block.unit:
            yield Text("credit", block.line, block.unit)
        for label, typed, _ in block.rows:
            yield Text("chart", block.line, label)
            yield Text("chart", block.line, typed)
        if block.source:
            yield Text("credit", block.line, block.source)


def linked_pieces(runs) -> list[str]:
    """A paragraph's text, cut after each linked text (where its address may be printed)."""
    pieces = [""]
    for k, run in enumerate(runs):
        pieces[-1] += run.text
        if run.link and (k + 1 == len(runs) or runs[k + 1].link != run.link):
            pieces.append("")
    return [p for p in pieces if p]


def _table_texts(block: Table) -> Iterator[Text]:
    """Caption, header cells, the cells row by row, source: the order a table is drawn."""
    if block.caption:
        yield Text("caption", block.line, block.caption)
    for cell in block.header:
        for piece in linked_pieces(cell):
            yield Text("table-head", block.line, piece)
    for row, line in zip(block.rows, block.row_lines or [block.line] * len(block.rows),
                         strict=False):
        for cell in row:
            for piece in linked_pieces(cell):
                yield Text("table", line, piece)
    if block.source:
        yield Text("credit", block.line, block.source)
