"""Tables: cells set by the paragraph engine in columns sized to their text.

Column widths come from the cells: each column gets its natural width (its longest cell on
one line) when the table fits; otherwise every column keeps at least its longest unbreakable
piece (cells wrap and hyphenate) and the rest of the room is shared by how much more each
would like. A column of figures has its decimal signs one above the other (units under
units), the block of figures flush right in the column, or left or centred as its `:---`
row asks (its head too).
The header row is tinted, rules are thin 100 % K lines (the press sets them to overprint). A
table longer than the column splits between rows, and the part continued repeats the header.

In the screen edition a table is Table > Caption, THead > TR > TH (Scope Column), TBody >
TR > TD; every cell is an element, an empty one too; the header repeated after a split is
an artifact (a reader hears it once); the source line is a paragraph after the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportlab.platypus import Flowable

from layout.compose.links import with_addresses
from layout.compose.tagging import Tag, as_artifacts, declare
from layout.compose.text import Paragraph
from layout.content.model import Run, Table
from layout.errors import IssueError

SLACK = 0.5  # pt: a cell set at its natural width must not wrap by a rounding
# what follows a figure's last whole digit: its decimal sign and part, a unit ('.5 %', ' %')
_DECIMAL = re.compile(r"(?:[.,]\d+)?\D*$")


@dataclass(frozen=True)
class TableLook:
    """What the theme says about a table's look."""

    padding: float
    row_padding: float
    rule: float
    head_rule: float
    rule_colour: object
    tint: object
    space: float
    min_column: float


@dataclass
class Cells:
    """A table's cells as paragraphs, with what sizing its columns needs."""

    header: list[Paragraph]
    rows: list[list[Paragraph]]
    natural: list[float]  # each column's width with every cell on one line
    minimum: list[float]  # the least each column can be set in
    pads: list[list[float]]  # per body row and column: extra room right of a number
    widest: list[str]  # per column, the cell whose piece sets its minimum
    blocks: list[float]  # per column of figures: the width of its block of them (else 0)
    places: list[str]  # per column: where that block stands, "right", "left" or "center"
    tag: Tag | None = None  # the screen edition's Table

    def __post_init__(self):
        """Each cell's element in its row's (the screen edition's)."""
        self.tag = Tag("Table")
        head = Tag("TR", parent=Tag("THead", parent=self.tag))
        for cell in self.header:
            cell.tag = Tag("TH", parent=head, scope="Column", keep=True)
        body = Tag("TBody", parent=self.tag)
        for row in self.rows:
            tr = Tag("TR", parent=body)
            for cell in row:
                cell.tag = Tag("TD", parent=tr, keep=True)

    def offset(self, column: int, inner: float) -> float:
        """How far left of the column's right edge (its text width `inner`) the block of
        figures ends."""
        room = max(inner - self.blocks[column], 0.0)
        return {"left": room, "center": room / 2}.get(self.places[column], 0.0)


def cells(kit, block: Table, look: TableLook) -> Cells:
    """Every cell as a paragraph in its column's alignment, and the column sizes."""
    aligns = block.aligns
    head_style, body_style = kit.styles["table-head"], kit.styles["table"]

    def para(runs: list[Run], style, align: str) -> Paragraph:
        shown = "right" if align.startswith("number") else align
        runs = [r.but(r.text.replace("\n", " ")) for r in runs] or [Run("")]
        runs = with_addresses(runs, kit.theme.text("link.address"))
        return Paragraph(runs, replace(style, align=shown), ledger=kit.ledger)

    places = [{"number-left": "left", "number-center": "center"}.get(a, "right")
              for a in aligns]
    header = [para(cell, head_style, places[k] if aligns[k].startswith("number") else aligns[k])
              for k, cell in enumerate(block.header)]
    rows = [[para(cell, body_style, aligns[k]) for k, cell in enumerate(row)]
            for row in block.rows]
    count = len(aligns)
    pads = [[0.0] * count for _ in rows]
    blocks = [0.0] * count
    for k, align in enumerate(aligns):
        if not align.startswith("number"):
            continue
        fractions = [_fraction(row[k]) for row in rows]
        most = max(fractions, default=0.0)
        for r, fraction in enumerate(fractions):
            pads[r][k] = most - fraction
        blocks[k] = max((row[k].prepared.width(0, len(row[k].prepared.text)) + pads[r][k]
                         for r, row in enumerate(rows)), default=0.0)
    natural, minimum, widest = [], [], []
    for k in range(count):
        column = [header[k]] + [row[k] for row in rows]
        extra = [0.0] + [pads[r][k] for r in range(len(rows))]
        widths = [p.prepared.width(0, len(p.prepared.text)) + e for p, e in
                  zip(column, extra, strict=True)]
        pieces = [p.prepared.widest + e for p, e in zip(column, extra, strict=True)]
        natural.append(max(widths) + 2 * look.padding + SLACK)
        least = max(pieces) + 2 * look.padding
        minimum.append(min(natural[-1], max(least, look.min_column)))
        widest.append(column[pieces.index(max(pieces))].text)
    return Cells(header, rows, natural, minimum, pads, widest, blocks,
                 [place if aligns[k].startswith("number") else "right"
                  for k, place in enumerate(places)])


def _fraction(cell: Paragraph) -> float:
    """The width after a figure's whole digits: '.5 %' of '12.5 %', ' %' of '14 %' (none
    after a dash that stands for no figure: it ends where the units do)."""
    text = cell.prepared.text.rstrip()
    if not any(ch.isdigit() for ch in text):
        return 0.0
    match = _DECIMAL.search(text)
    return cell.prepared.width(match.start(), len(text)) if match else 0.0


def widths_for(table: Cells, width: float, stretch: bool) -> list[float] | None:
    """Column widths that fill at most `width` (all of it when `stretch`); None if even the
    least each column needs is wider."""
    if sum(table.minimum) > width + 1e-6:
        return None
    natural = table.natural
    if sum(natural) <= width:
        if not stretch:
            return list(natural)
        return [n * width / sum(natural) for n in natural]
    spare = width - sum(table.minimum)
    wants = [n - m for n, m in zip(natural, table.minimum, strict=True)]
    total = sum(wants) or 1.0
    return [m + spare * w / total for m, w in zip(table.minimum, wants, strict=True)]


def too_wide(kit, block: Table, table: Cells, width: float,
             in_sidebar: bool = False) -> IssueError:
    """The error of a table no column arrangement fits in `width` (the text of a sidebar's
    box when `in_sidebar`)."""
    column = max(range(len(table.minimum)), key=lambda k: table.minimum[k])
    word = max(table.widest[column].split() or [""], key=len)
    return IssueError(kit.article.path, block.line, f"the table is too wide to set: its "
                      f"{len(table.minimum)} columns need {sum(table.minimum) / 2.835:.0f} mm "
                      f"and the room is {width / 2.835:.0f} mm (column {column + 1}: "
                      f"'{word[:40]}')", "shorten the longest words of its cells, give it "
                      "fewer columns, or " + ("move it out of the sidebar (a table in one is "
                                              "as wide as the box)" if in_sidebar else
                                              "place it across the type area ('::: table "
                                              "page')"))


class TableFlowable(Flowable):
    """A table (or the part of one a column holds): caption, header, rows, source line."""

    def __init__(self, table: Cells, look: TableLook, caption: Paragraph | None,
                 source: Paragraph | None, stretch: bool, rows: list[int] | None = None,
                 first: bool = True):
        super().__init__()
        self.table, self.look, self.caption, self.source = table, look, caption, source
        self.stretch, self.first = stretch, first
        self.row_numbers = rows if rows is not None else list(range(len(table.rows)))
        self.spaceBefore = look.space if first else 0
        self.spaceAfter = look.space
        if caption is not None and first:
            caption.tag = Tag("Caption", parent=table.tag)

    @property
    def last(self) -> bool:
        return self.row_numbers[-1] == len(self.table.rows) - 1

    def _measure(self, width: float) -> None:
        self.widths = widths_for(self.table, width, self.stretch) or list(self.table.minimum)
        look = self.look
        self.width = width
        self.caption_height = self.caption.wrap(width, 1e6)[1] if self.caption and \
            self.first else 0.0
        self.source_height = self.source.wrap(width, 1e6)[1] if self.source else 0.0
        self.head_height = self._row_height(self.table.header, None)
        self.row_heights = [self._row_height(self.table.rows[r], r) for r in self.row_numbers]
        gap = look.row_padding
        self.fixed = self.caption_height + (gap if self.caption_height else 0) + self.head_height
        self.tail = self.source_height + gap if self.source and self.last else 0.0

    def _row_height(self, row: list[Paragraph], number: int | None) -> float:
        look = self.look
        heights = []
        for k, cell in enumerate(row):
            heights.append(cell.wrap(self._cell_width(k, number), 1e6)[1])
        return max(heights, default=0.0) + 2 * look.row_padding

    def wrap(self, avail_width, avail_height):
        self._measure(avail_width)
        self.height = self.fixed + sum(self.row_heights) + self.tail
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self._measure(avail_width)
        if self.fixed + sum(self.row_heights) + self.tail <= avail_height + 1e-6:
            return [self]
        room, fit = avail_height - self.fixed, 0
        for height in self.row_heights:
            if height > room + 1e-6:
                break
            room -= height
            fit += 1
        count = len(self.row_numbers)
        if fit < max(1, min(2, count - 1)) or fit >= count:
            return []  # not two rows (one of a two-row table) here: the table moves on
        head = TableFlowable(self.table, self.look, self.caption, None, self.stretch,
                             self.row_numbers[:fit], self.first)
        head.spaceAfter = 0
        tail = TableFlowable(self.table, self.look, self.caption, self.source, self.stretch,
                             self.row_numbers[fit:], first=False)
        return [head, tail]

    def draw(self):
        canvas, look = self.canv, self.look
        total = sum(self.widths)
        y = self.height
        if self.caption_height:
            y -= self.caption_height
            self.caption.drawOn(canvas, 0, y)
            y -= look.row_padding
        canvas.saveState()
        canvas.setFillColor(look.tint)
        canvas.rect(0, y - self.head_height, total, self.head_height, stroke=0, fill=1)
        canvas.setStrokeColor(look.rule_colour)
        canvas.setLineWidth(look.head_rule)
        canvas.line(0, y, total, y)
        canvas.restoreState()
        if self.first:
            self._draw_row(self.table.header, None, y, self.head_height)
        else:
            with as_artifacts(self.table.header):  # repeated: heard once, where it began
                self._draw_row(self.table.header, None, y, self.head_height)
        y -= self.head_height
        rules = [(y, look.head_rule)]
        for number, height in zip(self.row_numbers, self.row_heights, strict=True):
            self._draw_row(self.table.rows[number], number, y, height)
            y -= height
            rules.append((y, look.rule))
        if self.last:
            rules[-1] = (y, look.head_rule)
        canvas.saveState()
        canvas.setStrokeColor(look.rule_colour)
        for at, weight in rules:
            canvas.setLineWidth(weight)
            canvas.line(0, at, total, at)
        canvas.restoreState()
        if self.source and self.last:
            self.source.drawOn(canvas, 0, y - look.row_padding - self.source_height)

    def _draw_row(self, row: list[Paragraph], number: int | None, top: float,
                  height: float) -> None:
        look, x = self.look, 0.0
        for k, cell in enumerate(row):
            cell.wrap(self._cell_width(k, number), 1e6)
            shift = self.table.offset(k, self.widths[k] - 2 * look.padding) \
                if number is not None and self.table.blocks[k] else 0.0
            declare(self.canv, cell.tag)  # an empty cell keeps its place (screen edition)
            cell.drawOn(self.canv, x + look.padding - shift,
                        top - look.row_padding - cell.height)
            x += self.widths[k]

    def _cell_width(self, column: int, number: int | None) -> float:
        """The width a cell is set in: its column's, less the padding; a figure's (body row
        `number`, set flush right) less the room right of it that puts its decimal sign
        under the others' (drawn moved left by the column's `offset`)."""
        inner = self.widths[column] - 2 * self.look.padding
        return inner - self.table.pads[number][column] if number is not None else inner


def table_flowable(kit, block: Table, column_width: float, type_width: float,
                   columns: int, in_sidebar: bool = False) -> TableFlowable:
    """The table set as its `width` asks: its column, the type area, or as its text needs
    (the column when it fits there, else the type area); too wide for that is an error.
    In a sidebar both widths are the box's text."""
    theme = kit.theme
    look = TableLook(theme.pt("table.padding"), theme.pt("table.row_padding"),
                     theme.pt("table.rule"), theme.pt("table.head_rule"), kit.colours.text,
                     theme.colour(theme.text("table.header_tint")), theme.pt("table.space"),
                     theme.pt("table.min_column"))
    table = cells(kit, block, look)
    caption = kit.para(block.caption, "caption") if block.caption else None
    source = kit.para(block.source, "credit") if block.source else None
    mode = block.width
    if mode == "auto":  # the column when every cell fits it on one line, else the type area
        fits = sum(table.natural) <= column_width
        mode = "column" if fits or columns == 1 else "page"
    room = column_width if mode == "column" else type_width
    if widths_for(table, room, False) is None:
        raise too_wide(kit, block, table, room, in_sidebar)
    flowable = TableFlowable(table, look, caption, source, stretch=block.width != "auto")
    flowable.wide = mode == "page" and columns > 1
    return flowable
