"""Text in columns: filled one after the other on full pages, balanced where the text ends.

Columns are filled the way a frame is (space before a flowable dropped at the top of a
column, flowables split where they may); where all the text fits, the shortest column
height that holds it is searched, so the last page's columns end level. Nothing is ever
scaled to fit.

On the baseline grid: every flowable starts on a line of the page's grid (a whole number of
leadings above the type area's foot, which is itself on the grid), so body lines align
across columns whatever stands between them; the space under a pull quote, sidebar,
question or rule absorbs what its height lacks of a whole number of lines.

Floating boxes: a pull quote or sidebar that does not fit where it is called waits
while the text after it fills the column, and heads the next column (a hole at the
column's foot would show otherwise); so does a second pull quote for one column. Boxes
with no text after them (an article's last) stay where they are called.

A rule between news briefs (`between`) never stands at a column's head or foot: the column
break parts the briefs there, and the rule is dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from layout.compose.ledger import Ledger
from layout.compose.photos import FloatAnchor

TOLERANCE = 0.5  # pt: how close the balancing search gets to the shortest height


@dataclass
class _Fill:
    """Flowables placed in columns of one height, and what did not fit."""

    columns: list[list[tuple[Flowable, float, float]]]  # (flowable, top offset, height)
    rest: list[Flowable] = field(default_factory=list)

    @property
    def depth(self) -> float:
        """How far down the fullest column reaches."""
        return max((top + h for column in self.columns for _, top, h in column[-1:]),
                   default=0.0)

    @property
    def empty(self) -> bool:
        return not any(self.columns)


class Columns(Flowable):
    """Flowables set in `count` columns `gutter` apart, balanced where they end.

    A full-page picture among them (a `FloatAnchor`) floats: the text around it goes on
    filling the page it falls on, and its pages follow that page — a spread's the next
    left-hand page, the text filling one more page first when the next is a right-hand one
    (`ledger.page` and `first_page` say which side the page being filled is)."""

    def __init__(self, flowables: list[Flowable], count: int, gutter: float,
                 needed: float = 0.0, ledger: Ledger | None = None, leading: float = 0.0,
                 frame_height: float = 0.0, first_page: int = 1,
                 pending: list | None = None):
        super().__init__()
        self.flowables, self.count, self.gutter, self.needed = flowables, count, gutter, needed
        self.ledger = ledger  # told which column is being filled (the page-turn rule)
        self.leading = leading  # the baseline grid's step (0: no grid)
        self.frame_height = frame_height  # the type area's: the grid starts at its top
        self.first_page = first_page  # with ledger.page: the side of the page being filled
        self.pending = pending or []  # anchors already passed, their pages not yet placed
        self._filled: _Fill | None = None

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        fill = self._filled = self._lay_out(avail_width, avail_height)
        floats = self.pending or _anchors(fill)
        self.height = fill.depth if not (fill.rest or floats) else avail_height + 1  # split me
        return self.width, self.height

    def split(self, avail_width, avail_height):
        if avail_height < self.needed and not self.pending:
            return []
        fill = self._lay_out(avail_width, avail_height)
        anchors = self.pending + _anchors(fill)
        if not fill.rest and not anchors:
            return [self]
        if fill.empty:  # nothing fits here: the next page (the anchors wait with the text)
            return []
        placed = [_Placed(fill, self.column_width(avail_width), self.gutter)]
        now, later = self._due(anchors, bool(fill.rest))
        pages = [page for anchor in now for page in anchor.pages]
        rest = [Columns(fill.rest, self.count, self.gutter, self.needed, self.ledger,
                        self.leading, self.frame_height, self.first_page, later)
                ] if fill.rest else []
        return placed + pages + rest

    def _due(self, anchors: list, more_text: bool) -> tuple[list, list]:
        """The anchors whose pages follow this page, and those that wait for a later one:
        a spread waits while the next page is a right-hand one and text is left to fill it."""
        if not more_text or self.ledger is None:
            return anchors, []
        next_is_verso = (self.first_page + self.ledger.page) % 2 == 0
        now = [a for a in anchors if not a.verso or next_is_verso]
        return now, [a for a in anchors if a not in now]

    def draw(self):
        if self._filled is not None:
            _draw(self.canv, self._filled, self.column_width(self.width), self.gutter,
                  self.height)

    def column_width(self, width: float) -> float:
        return (width - (self.count - 1) * self.gutter) / self.count

    def _lay_out(self, width: float, height: float) -> _Fill:
        """Full columns if the flowables do not all fit; else the shortest balanced ones."""
        column = self.column_width(width)
        grid = _Grid(self.leading, max(self.frame_height - height, 0.0))
        full = _fill(self.flowables, column, height, self.count, self.ledger, grid)
        if full.rest or full.empty:
            return full
        low, high, best = full.depth / self.count, full.depth, full
        while high - low > TOLERANCE:
            middle = (low + high) / 2
            trial = _fill(self.flowables, column, middle, self.count, self.ledger, grid)
            if trial.rest:
                low = middle
            else:
                high, best = middle, trial
        return best


class _Placed(Flowable):
    """The part of a column run that fits on one page, already placed."""

    def __init__(self, fill: _Fill, column_width: float, gutter: float):
        super().__init__()
        self.fill, self.column_width, self.gutter = fill, column_width, gutter

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.fill.depth
        return self.width, self.height

    def draw(self):
        _draw(self.canv, self.fill, self.column_width, self.gutter, self.height)


def _draw(canvas, fill: _Fill, width: float, gutter: float, height: float) -> None:
    for k, column in enumerate(fill.columns):
        for flowable, top, h in column:
            flowable.drawOn(canvas, k * (width + gutter), height - top - h)


def _anchors(fill: _Fill) -> list:
    """The float anchors among the flowables placed on this page."""
    return [f for column in fill.columns for f, _, _ in column if isinstance(f, FloatAnchor)]


@dataclass(frozen=True)
class _Grid:
    """The baseline grid as seen from the top of the columns: its lines are whole numbers of
    `leading` below the type area's top, which is `above` over the columns' top."""

    leading: float
    above: float

    def snap(self, bottom: float, space: float) -> float:
        """Where a flowable starts that wants `space` between it and what ends at `bottom`:
        the grid line nearest `bottom + space`, but never nearer what is above than half
        that space (offsets from the columns' top)."""
        top = bottom + space
        if self.leading <= 0:
            return top
        lines = math.ceil((self.above + top) / self.leading - 1e-6)
        below = lines * self.leading - self.above  # the first grid line at or below `top`
        above = below - self.leading
        if above >= bottom + space / 2 - 1e-6 and top - above < below - top - 1e-6:
            return above
        return below


def _fill(flowables: list[Flowable], width: float, height: float, count: int,
          ledger: Ledger | None = None, grid: _Grid | None = None) -> _Fill:
    """Fill `count` columns of `height` one after the other with the flowables (the ledger
    knows, while each is filled, whether it is the page's last), each on the grid."""
    try:
        return _fill_columns(flowables, width, height, count, ledger,
                             grid or _Grid(0.0, 0.0))
    finally:
        if ledger is not None:
            ledger.inner_column = False


def _fill_columns(flowables: list[Flowable], width: float, height: float, count: int,
                  ledger: Ledger | None, grid: _Grid) -> _Fill:
    queue = list(flowables)
    columns: list[list[tuple[Flowable, float, float]]] = []
    for k in range(count):
        if ledger is not None:
            ledger.inner_column = k < count - 1
        placed: list[tuple[Flowable, float, float]] = []
        waiting: list[Flowable] = []  # floating boxes that did not fit this column
        used = after = 0.0  # where the last flowable ends; the space it wants after it
        while queue:
            flowable = queue[0]
            if not placed and getattr(flowable, "between", False):
                queue.pop(0)  # a rule between briefs never heads a column
                continue
            if getattr(flowable, "pull_quote", False) and _text_follows(queue) and any(
                    getattr(f, "pull_quote", False) for f, _, _ in placed):
                waiting.append(queue.pop(0))  # one pull quote to a column: it waits
                continue
            space = max(flowable.getSpaceBefore(), after) if placed else 0.0
            top = grid.snap(used, space)
            if top > height + 1e-6:
                break
            flowable.at_column_head = not placed  # an inset's standoff above (compose/inset.py)
            _, h = flowable.wrap(width, height - top)
            if top + h <= height + 1e-6:
                placed.append((flowable, top, h))
                used = top + h
                after = flowable.getSpaceAfter()
                queue.pop(0)
                continue
            if getattr(flowable, "floats", False) and placed and _text_follows(queue):
                waiting.append(queue.pop(0))  # the text runs on; the box heads the next column
                continue
            space = top - used
            parts = flowable.split(width, height - used - space)
            if len(parts) >= 2:
                _, h = parts[0].wrap(width, height - used - space)
                placed.append((parts[0], used + space, h))
                queue[0:1] = parts[1:]
            break
        if queue and placed and getattr(placed[-1][0], "between", False):
            placed.pop()  # nor stands at its foot: the column's end parts the briefs
        queue[0:0] = waiting
        columns.append(placed)
    return _Fill(columns, queue)


def _text_follows(queue: list[Flowable]) -> bool:
    """Whether something that is not a floating box comes after the queue's first: text
    that can run on while the box waits."""
    return any(not getattr(f, "floats", False) for f in queue[1:])
