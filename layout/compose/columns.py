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
from dataclasses import dataclass, field, replace

from reportlab.platypus import Flowable

from layout.compose.floats import Floats
from layout.compose.flowables import HeadWithText
from layout.compose.ledger import Ledger
from layout.compose.photos import FloatAnchor
from layout.compose.text import Paragraph

TOLERANCE = 0.5  # pt: how close the balancing search gets to the shortest height


@dataclass
class _Fill:
    """Flowables placed in columns of one height, and what did not fit."""

    columns: list[list[tuple[Flowable, float, float]]]  # (flowable, top offset, height)
    rest: list[Flowable] = field(default_factory=list)
    waited: list[Flowable] = field(default_factory=list)  # boxes that wait in `rest`
    moved: list[Flowable] = field(default_factory=list)  # boxes set in a later column
    order: dict[int, tuple] = field(default_factory=dict)  # id -> its place in the text
    over_limit: list[Flowable] = field(default_factory=list)  # pull quotes past the limit

    @property
    def depth(self) -> float:
        """How far down the fullest column reaches."""
        return max((top + h for column in self.columns for _, top, h in column[-1:]),
                   default=0.0)

    @property
    def empty(self) -> bool:
        return not any(self.columns)

    @property
    def boxes_alone(self) -> bool:
        """A column holds floating boxes only while another holds text that comes after
        them: balanced so, a box would stand beside the text it belongs in, not among it."""
        last = (len(self.order),)
        for column in self.columns:
            if column and all(getattr(f, "floats", False) for f, _, _ in column):
                first = min(self.order.get(id(f), last) for f, _, _ in column)
                if any(self.order.get(id(f), last) > first for c in self.columns if c
                       is not column for f, _, _ in c if not getattr(f, "floats", False)):
                    return True
        return False


class Columns(Flowable):
    """Flowables set in `count` columns `gutter` apart, balanced where they end.

    A full-page picture among them (a `FloatAnchor`) floats: the text around it goes on
    filling the page it falls on, and its pages follow that page — a spread's the next
    left-hand page, the text filling one more page first when the next is a right-hand one
    (`ledger.page` and `first_page` say which side the page being filled is)."""

    def __init__(self, flowables: list[Flowable], count: int, gutter: float,
                 needed: float = 0.0, ledger: Ledger | None = None, leading: float = 0.0,
                 frame_height: float = 0.0, first_page: int = 1,
                 pending: list | None = None, floats: Floats | None = None):
        super().__init__()
        flowables = _apart(flowables)
        self.flowables, self.count, self.gutter, self.needed = flowables, count, gutter, needed
        self.ledger = ledger  # told which column is being filled (the page-turn rule)
        self.leading = leading  # the baseline grid's step (0: no grid)
        self.frame_height = frame_height  # the type area's: the grid starts at its top
        self.first_page = first_page  # with ledger.page: the side of the page being filled
        self.pending = pending or []  # anchors already passed, their pages not yet placed
        self.floats = floats  # pull quotes per page and spread; what the proof says of boxes
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
        for box in fill.waited:  # called on this page, set on a later one
            if not hasattr(box, "called_at"):
                box.called_at = self.folio
        placed = [_Placed(fill, self.column_width(avail_width), self.gutter, self.floats,
                          self.folio)]
        now, later = self._due(anchors, bool(fill.rest))
        pages = [page for anchor in now for page in anchor.pages]
        rest = [Columns(fill.rest, self.count, self.gutter, self.needed, self.ledger,
                        self.leading, self.frame_height, self.first_page, later, self.floats)
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
                  self.height, self.floats, self.folio)

    @property
    def folio(self) -> int:
        """The page being filled, as the issue numbers it."""
        return self.first_page + (self.ledger.page - 1 if self.ledger else 0)

    def _rules(self) -> _Rules:
        if self.floats is None:
            return _Rules(recto=self.folio % 2 == 1)
        quotes, wait = self.floats.quotes_left(self.folio)
        return _Rules(quotes, wait, recto=self.folio % 2 == 1)

    def column_width(self, width: float) -> float:
        return (width - (self.count - 1) * self.gutter) / self.count

    def _lay_out(self, width: float, height: float) -> _Fill:
        """Full columns if the flowables do not all fit; else the shortest balanced ones."""
        column = self.column_width(width)
        grid = _Grid(self.leading, max(self.frame_height - height, 0.0))
        rules = self._rules()
        full = self._settled(column, height, grid, rules)
        if full.rest or full.empty:
            return full
        low, high, best = full.depth / self.count, full.depth, full
        while high - low > TOLERANCE:
            middle = (low + high) / 2
            trial = self._settled(column, middle, grid, rules)
            if trial.rest or trial.boxes_alone:
                low = middle
            else:
                high, best = middle, trial
        return best

    def _settled(self, column: float, height: float, grid: _Grid, rules: _Rules) -> _Fill:
        """The columns filled; boxes that waited for room the page turned out not to have,
        with the text done, are kept on this page, then set where they are called, rather
        than left alone for a page of their own."""
        fill = _fill(self.flowables, column, height, self.count, self.ledger, grid, rules)
        for _ in range(2):
            if not (fill.rest and all(f in fill.waited for f in fill.rest)):
                break
            waited = frozenset(id(f) for f in fill.rest)
            rules = (replace(rules, pinned=rules.pinned | waited) if waited <= rules.kept
                     else replace(rules, kept=rules.kept | waited))
            fill = _fill(self.flowables, column, height, self.count, self.ledger, grid, rules)
        return fill


class _Placed(Flowable):
    """The part of a column run that fits on one page, already placed."""

    def __init__(self, fill: _Fill, column_width: float, gutter: float,
                 floats: Floats | None = None, folio: int = 0):
        super().__init__()
        self.fill, self.column_width, self.gutter = fill, column_width, gutter
        self.floats, self.folio = floats, folio

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.fill.depth
        return self.width, self.height

    def draw(self):
        _draw(self.canv, self.fill, self.column_width, self.gutter, self.height,
              self.floats, self.folio)


def _draw(canvas, fill: _Fill, width: float, gutter: float, height: float,
          floats: Floats | None, folio: int) -> None:
    # in the order of the text, not of the columns: a box that waited, or was brought
    # forward, reads (and is tagged) where it is called
    placed = sorted(((fill.order.get(id(f), (len(fill.order),)), k, f, top, h)
                     for k, column in enumerate(fill.columns) for f, top, h in column),
                    key=lambda item: item[0])
    for _, k, flowable, top, h in placed:
        flowable.drawOn(canvas, k * (width + gutter), height - top - h)
        if floats is not None and getattr(flowable, "floats", False):
            flowable.over_limit = flowable in fill.over_limit
            floats.drawn(flowable, folio)


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
          ledger: Ledger | None = None, grid: _Grid | None = None,
          rules: _Rules | None = None) -> _Fill:
    """Fill `count` columns of `height` one after the other with the flowables (the ledger
    knows, while each is filled, whether it is the page's last), each on the grid."""
    try:
        return _fill_columns(flowables, width, height, count, ledger,
                             grid or _Grid(0.0, 0.0), rules or _Rules())
    finally:
        if ledger is not None:
            ledger.inner_column = False


@dataclass(frozen=True)
class _Rules:
    """What the page being filled allows its floating boxes."""

    quotes: int | None = None  # pull quotes it may still take (None: no limit)
    quotes_wait: bool = False  # one more may wait for the facing page
    recto: bool = False  # its last column is the last of its spread
    # ids of boxes that waited for room the page turned out not to have: `kept` ones are set
    # on this page (no longer waiting for the facing one), `pinned` ones where they are called
    kept: frozenset = frozenset()
    pinned: frozenset = frozenset()

    def free(self, box: Flowable) -> bool:
        """Whether the box may wait for room further on."""
        return id(box) not in self.pinned


def _fill_columns(flowables: list[Flowable], width: float, height: float, count: int,
                  ledger: Ledger | None, grid: _Grid, rules: _Rules) -> _Fill:
    queue = list(flowables)
    columns: list[list[tuple[Flowable, float, float]]] = []
    fill = _Fill(columns, order={id(f): (k,) for k, f in enumerate(flowables)})
    quotes = 0  # pull quotes placed on the page
    for k in range(count):
        if ledger is not None:
            ledger.inner_column = k < count - 1
        # how much text may stand between a box brought forward and its call for both to
        # be on this page, or (a pull quote, a sidebar: read apart) on this spread
        reach = ((count - 1 - k) * height, (count - 1 - k + (0 if rules.recto else count))
                 * height)
        placed, waiting = _column(queue, width, height, grid, rules, fill, quotes,
                                  last=k == count - 1, reach=reach)
        quotes += sum(_is_quote(f) for f, _, _ in placed)
        queue[0:0] = waiting
        columns.append(placed)
    fill.rest = queue
    fill.moved = [f for f in fill.waited if f not in queue]
    fill.waited = [f for f in fill.waited if f in queue]
    return fill


def _column(queue: list[Flowable], width: float, height: float, grid: _Grid, rules: _Rules,
            fill: _Fill, quotes: int, last: bool, reach: tuple = (0.0, 0.0)):
    """Fill one column from the queue (taking what it places): (placed, waiting).

    A box that does not fit waits while the text runs on; in the last column of a recto
    (the next column is on the next spread) it heads this column instead, once."""
    start = list(queue)
    hoisted: list[Flowable] = []
    while True:
        placed: list[tuple[Flowable, float, float]] = []
        waiting: list[Flowable] = []  # floating boxes that did not fit this column
        used = after = 0.0  # where the last flowable ends; the space it wants after it
        here = quotes
        waited, over = [], []  # noted in the fill once the column is settled
        restart = False
        while queue:
            flowable = queue[0]
            if not placed and getattr(flowable, "between", False):
                queue.pop(0)  # a rule between briefs never heads a column
                continue
            if _is_quote(flowable) and _text_follows(queue) and rules.free(flowable):
                full = (rules.quotes is not None and here >= rules.quotes
                        and rules.quotes_wait and id(flowable) not in rules.kept)
                if full or any(_is_quote(f) for f, _, _ in placed):
                    # one pull quote to a column, and no more than the page allows: it waits
                    waiting.append(queue.pop(0))
                    waited.append(flowable)
                    continue
            space = max(flowable.getSpaceBefore(), after) if placed else 0.0
            top = grid.snap(used, space)
            if top > height + 1e-6:
                break
            flowable.at_column_head = not placed  # an inset's standoff above (compose/inset.py)
            _, h = flowable.wrap(width, height - top)
            if top + h <= height + 1e-6:
                placed.append((flowable, top, h))
                if _is_quote(flowable):
                    if rules.quotes is not None and here >= rules.quotes:
                        over.append(flowable)  # no text after it: set here, and named
                    here += 1
                used = top + h
                after = flowable.getSpaceAfter()
                queue.pop(0)
                continue
            if (getattr(flowable, "floats", False) and placed and _text_follows(queue)
                    and rules.free(flowable)):
                if (last and rules.recto and flowable not in hoisted
                        and not (_is_quote(flowable) and any(_is_quote(f) for f in hoisted))):
                    # the next column is on the next spread: the box heads this one instead
                    hoisted.append(flowable)
                    queue[:] = [*hoisted, *(f for f in start if f not in hoisted)]
                    restart = True
                    break
                waiting.append(queue.pop(0))  # the text runs on; the box heads the next column
                waited.append(flowable)
                continue
            space = top - used
            parts = flowable.split(width, height - used - space)
            if len(parts) >= 2:
                _, h = parts[0].wrap(width, height - used - space)
                placed.append((parts[0], used + space, h))
                key = fill.order.get(id(flowable), (len(fill.order),))
                fill.order.update({id(part): (*key, j) for j, part in enumerate(parts)})
                queue[0:1] = parts[1:]
            elif placed and grid.leading and height - used > 1.5 * grid.leading:
                box = _box_for_hole(queue, placed, used, after, width, height, grid, rules,
                                    here, reach)
                if box is not None:
                    placed.append(box)
                    here += _is_quote(box[0])
            break
        if queue and placed and getattr(placed[-1][0], "between", False):
            placed.pop()  # nor stands at its foot: the column's end parts the briefs
        if not restart:
            fill.waited += waited
            fill.over_limit += over
            return placed, waiting


LOOK_AHEAD = 12  # flowables searched for a box to fill a hole


def _box_for_hole(queue: list[Flowable], placed: list, used: float, after: float,
                  width: float, height: float, grid: _Grid, rules: _Rules, quotes: int,
                  reach: tuple[float, float]) -> tuple[Flowable, float, float] | None:
    """A floating box from further on that fills the hole the next text leaves at this
    column's foot (a heading that needs its lines, a paragraph that cannot split), as a
    make-up editor brings one forward: taken out of the queue and placed, if its call is
    near enough (`reach`: the text before it fits what is left of the page, or, for a pull
    quote or sidebar, which read apart from the text, of the spread), and the pull-quote
    rules allow it here."""
    between = 0.0
    for k, flowable in enumerate(queue[:LOOK_AHEAD]):
        if isinstance(flowable, FloatAnchor) or between > reach[1]:
            return None
        if k and getattr(flowable, "floats", False) and rules.free(flowable):
            apart = _is_quote(flowable) or getattr(flowable, "float_name", "") == "sidebar"
            if between > reach[0 if not apart else 1]:
                return None
            quote = _is_quote(flowable)
            if quote and (any(_is_quote(f) for f, _, _ in placed)
                          or rules.quotes is not None and quotes >= rules.quotes):
                continue
            top = grid.snap(used, max(flowable.getSpaceBefore(), after))
            _, h = flowable.wrap(width, height - top)
            if top + h > height + 1e-6:
                return None  # the first box on: the boxes keep their order
            del queue[k]
            return flowable, top, h
        between += flowable.wrap(width, height)[1]
    return None


def _is_quote(flowable: Flowable) -> bool:
    return getattr(flowable, "pull_quote", False)


def _apart(flowables: list[Flowable]) -> list[Flowable]:
    """Pull quotes at the end of a run, with no text after them (a signature, a box at
    most), would stand one on the other: each but the last is set back before a text of its
    own, so that text stands between every two (a run that ends in one quote is left as it
    is)."""
    texts = [k for k, f in enumerate(flowables) if isinstance(f, Paragraph | HeadWithText)]
    end = texts[-1] + 1 if texts else 0
    tail = flowables[end:]
    quotes = [f for f in tail if _is_quote(f)]
    if len(quotes) < 2:
        return flowables
    body = list(flowables[:end])
    moved = []
    for quote in reversed(quotes[:-1]):
        if texts:
            body.insert(texts.pop(), quote)
            moved.append(id(quote))
    return body + [f for f in tail if id(f) not in moved]


def _text_follows(queue: list[Flowable]) -> bool:
    """Whether something that is not a floating box comes after the queue's first: text
    that can run on while the box waits."""
    return any(not getattr(f, "floats", False) for f in queue[1:])
