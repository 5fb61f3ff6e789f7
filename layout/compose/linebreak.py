"""Line breaking over boxes, glue and penalties: total fit (Knuth and Plass) and first fit.

Boxes are pieces of text, glue is word space (it stretches and shrinks), penalties are places
a line may end inside a word: hyphenation points, after explicit hyphens and slashes, and
the paragraph's end. Total fit chooses all of a paragraph's breaks together, so that the
sum of the lines' demerits is least; fitness classes keep a tight line from sitting next to a
very loose one, and consecutive hyphens and a hyphen on the next-to-last line cost extra.

Two things of TeX's micro-typography (pdfTeX's, as microtype sets it up) are part of the
measure of every line: the glyphs of a justified line may be set a little wider or narrower
(font expansion, in steps), and they take the spare room first, the word spaces only what
is left; and punctuation at a line's edges hangs into the margin (character protrusion): a
line may hold as much more as its first and last characters hang (`Box.lead`, `Box.trail`,
`Penalty.hang`).

Every item keeps the place in the paragraph's text it stands for, so the chosen breaks can
be drawn exactly. The work is linear in the paragraph's length: a line can only reach so far,
so the active breakpoints are few, and they are capped besides.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from layout.style.typesetting import Setting, house

INFINITY = 10_000
BADNESS_CAP = 10_000
CAP_RATIO = (BADNESS_CAP / 100) ** (1 / 3)  # where 100 r³ reaches the cap
EMERGENCY_TOLERANCE = 1e9  # second pass: any looseness rather than no solution
MAX_ACTIVE = 120  # breakpoints kept alive at once: bounds the work per item
MAX_WAYS = 8  # ways kept to one place: 4 fitness classes, hyphen ladder or not


@dataclass(frozen=True, slots=True)
class Box:
    """Text drawn as it is: characters start..end of the paragraph."""

    width: float
    start: int = 0
    end: int = 0
    lead: float = 0.0  # how far its first character hangs into the margin if it starts a line
    trail: float = 0.0  # how far its last one hangs if a line ends after it (at a space)


@dataclass(frozen=True, slots=True)
class Glue:
    """A word space (characters start..end, drawn as one space) that stretches and shrinks."""

    width: float
    stretch: float
    shrink: float
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Penalty:
    """A place a line may end at character `at`; `hyphen`: a hyphen is drawn there."""

    width: float
    cost: float
    flagged: bool = False
    at: int = 0
    hyphen: bool = False
    hang: float = 0.0  # how far the line's last character (or hyphen) hangs into the margin


@dataclass(slots=True)
class _Node:
    """One way of breaking the paragraph up to a place: what it cost, how it got there."""

    position: int
    fitness: int
    demerits: float
    hyphens: int  # hyphenated lines in a row ending here
    previous: _Node | None


@dataclass(slots=True)
class _Place:
    """A place a line may start after, with the totals there and the best ways to it.

    The ways that reach it after the same number of lines (up to the last distinct width)
    share one measure of every line that starts here, so it is worked out once for all.
    """

    position: int
    line: int  # lines before it, capped where the widths stop changing
    width: float
    stretch: float
    shrink: float
    boxes: float
    nodes: list[_Node]
    lead: float = 0.0  # how far the first character of a line starting here hangs


def break_lines(items: list, widths: list[float], settings: Setting | None = None,
                ragged: float = 0.0, expansion: float = 0.0) -> list[int] | None:
    """Item indices where lines end (each a glue or penalty), or None if nothing fits.

    `settings` are the theme's line-breaking values (the house design's when None).

    `widths` are the first lines' widths, the last repeating; `ragged` > 0 sets ragged
    lines: each line may fall short by that much at no more cost than a justified line
    stretched to its limit (the glue itself then neither stretches nor shrinks).
    `expansion` lets the glyphs of a justified line be set up to that share wider or
    narrower (in the setting's steps), before its word spaces (see `adjustment`).
    """
    settings = settings or house()
    candidates = _candidates(items)
    sums = _sums(items)
    step = settings.scaling_step if expansion else 0.0
    for tolerance in (settings.tolerance, EMERGENCY_TOLERANCE):
        breaks = _try(items, candidates, sums, widths, settings, tolerance, ragged, expansion,
                      step)
        if breaks is not None:
            return breaks
    return None


def first_fit(items: list, widths: list[float], ragged: float = 0.0,
              expansion: float = 0.0) -> list[int] | None:
    """Each line as full as it can be, one after the other (what most software does)."""
    width_sum, _, shrink_sum, box_sum = _sums(items)
    breaks: list[int] = []
    start, last = 0, None  # the current line's first item; its last place to end so far

    def fits(index: int, penalty_width: float, hang: float) -> bool:
        natural = width_sum[index] - width_sum[start] + penalty_width - hang - _lead(items, start)
        shrink = 0.0 if ragged else shrink_sum[index] - shrink_sum[start]
        shrink += expansion * (box_sum[index] - box_sum[start])
        return natural - shrink <= widths[min(len(breaks), len(widths) - 1)]

    for index, penalty_width, _cost, _flagged, forced, hang in _candidates(items):
        if not fits(index, penalty_width, hang):
            if last is None:
                return None  # a piece wider than the line
            breaks.append(last)
            start, last = _after_index(items, last), None
            if not fits(index, penalty_width, hang):
                return None
        last = index
        if forced:
            breaks.append(index)
            start, last = _after_index(items, index), None
    return breaks if breaks and breaks[-1] == len(items) - 1 else None


def _candidates(items) -> list[tuple[int, float, float, bool, bool, float]]:
    """The places a line may end: (index, penalty width, cost, flagged, forced, hang: how
    far the line's last character hangs into the margin there).

    Glue is one only after a box; a penalty is one unless it forbids the break.
    """
    out = []
    previous_box = False
    for index, item in enumerate(items):
        kind = type(item)
        if kind is Penalty:
            if item.cost < INFINITY:
                out.append((index, item.width, item.cost, item.flagged, item.cost <= -INFINITY,
                            item.hang))
            previous_box = False
        elif kind is Glue:
            if previous_box:
                out.append((index, 0.0, 0.0, False, False, items[index - 1].trail))
            previous_box = False
        else:
            previous_box = True
    return out


def adjustment(spare: float, glue: float, boxes: float, expansion: float,
               step: float = 0.0) -> tuple[float, float]:
    """How a line's spare room (negative: what it must lose) is shared: (glue ratio, glyph
    expansion in pt). The glyphs take it first, at most `expansion` of their width, in
    steps of `step` of it (0: any amount); the glue takes the rest. Where a tight line's glue
    cannot give up what a step short leaves, the glyphs go one step narrower (never past
    `expansion`)."""
    grown = _grown(spare, glue, boxes, expansion, step)
    rest = spare - grown
    if glue > 0:
        return rest / glue, grown
    return (0.0 if abs(rest) < 1e-9 else INFINITY if rest > 0 else -INFINITY), grown


def _grown(spare: float, glue: float, boxes: float, expansion: float, step: float) -> float:
    """How much wider (negative: narrower) a line's glyphs are set, in pt (see `adjustment`:
    `glue` is what its spaces can give in the direction of `spare`)."""
    flex = expansion * boxes
    grown = spare if -flex <= spare <= flex else (flex if spare > 0 else -flex)
    if step and boxes and grown:
        unit = step * boxes
        steps = int(abs(grown) / unit + 1e-9)
        if grown < 0 and -grown - steps * unit > glue + 1e-9 \
                and (steps + 1) * unit <= flex + 1e-9:
            steps += 1  # the spaces cannot give up the rest: one step narrower
        grown = steps * unit if grown > 0 else -steps * unit
    return grown


def _sums(items) -> tuple[list[float], list[float], list[float], list[float]]:
    """Running totals of width, stretch, shrink and box width before each item."""
    width_sum = [0.0, *accumulate(0.0 if type(i) is Penalty else i.width for i in items)]
    stretch_sum = [0.0, *accumulate(i.stretch if type(i) is Glue else 0.0 for i in items)]
    shrink_sum = [0.0, *accumulate(i.shrink if type(i) is Glue else 0.0 for i in items)]
    box_sum = [0.0, *accumulate(i.width if type(i) is Box else 0.0 for i in items)]
    return width_sum, stretch_sum, shrink_sum, box_sum


def _try(items, candidates, sums, widths, settings, tolerance, ragged, expansion, step):
    width_sum, stretch_sum, shrink_sum, box_sum = sums
    active = [_Place(0, 0, 0.0, 0.0, 0.0, 0.0, [_Node(0, 1, 0.0, 0, None)], _lead(items, 0))]
    last_width, count = widths[-1], len(widths)
    common = count - 1  # from this line on every line has the last width
    adjacent, cap, line_penalty = settings.adjacent_demerits, MAX_ACTIVE, settings.line_penalty
    credit = settings.line_credit
    for index, penalty_width, cost, flagged, forced, hang in candidates:
        width_here, stretch_here, shrink_here = width_sum[index], stretch_sum[index], \
            shrink_sum[index]
        boxes_here = box_sum[index]
        best: dict[tuple[int, int, int], tuple[float, _Node]] = {}
        survivors = []
        too_loose = False  # a line from an earlier place at the common width is too loose
        for place in active:
            if too_loose and place.line >= common:
                survivors.append(place)  # later places make shorter lines: looser still
                continue
            line_width = widths[place.line] if place.line < count else last_width
            spare = line_width - (width_here - place.width + penalty_width) + hang + place.lead
            if spare >= 0:
                glue = stretch_here - place.stretch + ragged
            else:
                glue = 0.0 if ragged else shrink_here - place.shrink
            if expansion:  # the glyphs take the adjustment first (`_grown`, inlined)
                boxes = boxes_here - place.boxes
                flex = expansion * boxes
                grown = spare if -flex <= spare <= flex else (flex if spare > 0 else -flex)
                if step and boxes and grown:
                    unit = step * boxes
                    if grown > 0:
                        grown = int(grown / unit + 1e-9) * unit
                    else:
                        steps = int(-grown / unit + 1e-9)
                        if -grown - steps * unit > glue + 1e-9 \
                                and (steps + 1) * unit <= flex + 1e-9:
                            steps += 1
                        grown = -steps * unit
                rest = spare - grown
                if glue > 0:
                    ratio = rest / glue
                else:
                    ratio = 0.0 if -1e-9 < rest < 1e-9 else INFINITY if rest > 0 else -INFINITY
            elif glue > 0:
                ratio = spare / glue
            else:
                ratio = 0.0 if not spare else INFINITY if spare > 0 else -INFINITY
            if ratio >= -1 and not forced:
                survivors.append(place)  # else no line from here can end later: drop it
            if not -1 <= ratio <= tolerance:
                too_loose = ratio > tolerance and place.line >= common
                continue
            line_demerits = _demerits(ratio, cost, line_penalty) - credit
            fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
            next_line = min(place.line + 1, count)
            for node in place.nodes:
                total = node.demerits + line_demerits
                if node.hyphens and (flagged or forced):
                    total += _hyphen_demerits(node.hyphens, flagged, forced, settings)
                if abs(fitness - node.fitness) > 1:
                    total += adjacent
                # a second hyphen in a row is kept apart from a third: the cheaper of the two
                # may be the one that leads into a ladder
                key = (next_line, fitness, min(node.hyphens, 1) if flagged else -1)
                if key not in best or total < best[key][0]:
                    best[key] = (total, node)
        active = survivors
        if best:
            after = _after_index(items, index)
            places: dict[int, _Place] = {}
            for (line, fitness, _), (total, node) in best.items():
                place = places.get(line)
                if place is None:
                    place = places[line] = _Place(index, line, width_sum[after],
                                                  stretch_sum[after], shrink_sum[after],
                                                  box_sum[after], [], _lead(items, after))
                    active.append(place)
                place.nodes.append(_Node(index, fitness, total,
                                         node.hyphens + 1 if flagged else 0, node))
            if len(active) * MAX_WAYS > cap and sum(len(p.nodes) for p in active) > cap:
                _prune(active, cap)
        if not active:
            return None
    finals = [n for p in active if p.position == len(items) - 1 for n in p.nodes]
    if not finals:
        return None
    node = min(finals, key=lambda n: n.demerits)
    breaks = []
    while node.previous is not None:
        breaks.append(node.position)
        node = node.previous
    return breaks[::-1]


def _prune(active: list[_Place], cap: int) -> None:
    """Keep the `cap` cheapest ways (and the places they reach): the work stays linear."""
    cheapest = sorted(n.demerits for p in active for n in p.nodes)[cap - 1]
    for place in active:
        place.nodes = [n for n in place.nodes if n.demerits <= cheapest]
    active[:] = [p for p in active if p.nodes]


def _demerits(ratio: float, cost: float, line_penalty: float) -> float:
    """A line's demerits for how far its spaces are set from their natural width and for
    the penalty it ends at."""
    # badness capped as TeX caps it, so that an unstretchable line (an address alone on it)
    # does not swamp every other line's demerits; past the cap it still grows, slowly, so
    # that of two very loose lines the less loose one wins
    badness = 100 * abs(ratio) ** 3
    if badness > BADNESS_CAP:
        badness = BADNESS_CAP + 100 * (abs(ratio) - CAP_RATIO)
    demerits = (line_penalty + badness) ** 2
    if cost > 0:
        demerits += cost ** 2
    elif cost > -INFINITY:
        demerits -= cost ** 2
    return demerits


def _hyphen_demerits(hyphens: int, flagged: bool, forced: bool, settings: Setting) -> float:
    """What a line costs for ending in a hyphen after `hyphens` hyphenated lines in a row, or
    for being the paragraph's last line after a hyphenated one."""
    extra = 0.0
    if flagged:
        extra += settings.double_hyphen_demerits
        if hyphens >= 2:
            extra += settings.ladder_demerits
    if forced:
        extra += settings.final_hyphen_demerits
    return extra


def _lead(items, k: int) -> float:
    """How far the first character of a line starting at item k hangs into the margin."""
    return items[k].lead if k < len(items) and type(items[k]) is Box else 0.0


def _after_index(items, index: int) -> int:
    """The first item of the line that starts after a break at `index`."""
    k = index + 1 if type(items[index]) is Glue else index
    while k < len(items) and type(items[k]) is not Box:
        if k > index and type(items[k]) is Penalty and items[k].cost <= -INFINITY:
            break
        k += 1
    return k
