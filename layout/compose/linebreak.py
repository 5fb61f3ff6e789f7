"""Total-fit line breaking (Knuth and Plass): choose all of a paragraph's breaks together.

Boxes are words or word pieces, glue is word space (it stretches and shrinks), penalties
are places a line may end: hyphenation points, after explicit hyphens, and the paragraph's
end. The breaks that minimise the paragraph's total demerits win; fitness classes keep a
tight line from sitting next to a very loose one, and consecutive hyphens and a hyphen on
the next-to-last line cost extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

INFINITY = 10_000


@dataclass(frozen=True)
class Box:
    width: float


@dataclass(frozen=True)
class Glue:
    width: float
    stretch: float
    shrink: float


@dataclass(frozen=True)
class Penalty:
    width: float
    cost: float
    flagged: bool = False


@dataclass(frozen=True)
class Settings:
    """TeX's parameters, tuned on the issue's two-column pages."""

    line_penalty: float = 10
    hyphen_penalty: float = 150
    explicit_hyphen_penalty: float = 50
    double_hyphen_demerits: float = 300_000  # hyphen ladders show in narrow columns
    final_hyphen_demerits: float = 8_000
    adjacent_demerits: float = 10_000
    tolerance: float = 1.6  # first pass: adjustment ratios up to this
    emergency_tolerance: float = 1e9  # second pass: any looseness rather than no solution


@dataclass(slots=True)
class _Node:
    position: int
    line: int
    fitness: int
    width: float
    stretch: float
    shrink: float
    demerits: float
    flagged: bool
    previous: _Node | None


def break_lines(items: list, widths: list[float], settings: Settings = Settings()
                ) -> list[int] | None:
    """Item indices where lines end (each a glue or penalty), or None if nothing fits."""
    candidates = _candidates(items)
    for tolerance in (settings.tolerance, settings.emergency_tolerance):
        breaks = _try(items, candidates, widths, settings, tolerance)
        if breaks is not None:
            return breaks
    return None


def _candidates(items) -> list[tuple[int, float, float, bool, bool]]:
    """The places a line may end: (index, penalty width, cost, flagged, forced).

    Glue is one only after a box; a penalty is one unless it forbids the break.
    """
    out = []
    for index, item in enumerate(items):
        if isinstance(item, Penalty):
            if item.cost < INFINITY:
                out.append((index, item.width, item.cost, item.flagged, item.cost <= -INFINITY))
        elif isinstance(item, Glue) and index > 0 and isinstance(items[index - 1], Box):
            out.append((index, 0.0, 0.0, False, False))
    return out


def _try(items, candidates, widths, settings, tolerance):
    width_sum = [0.0, *accumulate(i.width if not isinstance(i, Penalty) else 0.0 for i in items)]
    stretch_sum = [0.0, *accumulate(getattr(i, "stretch", 0.0) for i in items)]
    shrink_sum = [0.0, *accumulate(getattr(i, "shrink", 0.0) for i in items)]
    active = [_Node(0, 0, 1, 0.0, 0.0, 0.0, 0.0, False, None)]
    last_width, lines = widths[-1], len(widths)
    for index, penalty_width, cost, flagged, forced in candidates:
        width_here, stretch_here, shrink_here = width_sum[index], stretch_sum[index], \
            shrink_sum[index]
        best: dict[int, tuple[float, _Node, float]] = {}
        survivors = []
        for node in active:
            line_width = widths[node.line] if node.line < lines else last_width
            natural = width_here - node.width + penalty_width
            if natural < line_width:
                stretch = stretch_here - node.stretch
                ratio = (line_width - natural) / stretch if stretch > 0 else INFINITY
            elif natural > line_width:
                shrink = shrink_here - node.shrink
                ratio = (line_width - natural) / shrink if shrink > 0 else -INFINITY
            else:
                ratio = 0.0
            if ratio >= -1 and not forced:
                survivors.append(node)  # else this line can never end later: drop the node
            if -1 <= ratio <= tolerance:
                demerits = _demerits(ratio, cost, flagged, forced, node, settings)
                fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
                if abs(fitness - node.fitness) > 1:
                    demerits += settings.adjacent_demerits
                total = node.demerits + demerits
                if fitness not in best or total < best[fitness][0]:
                    best[fitness] = (total, node, ratio)
        active = survivors
        if best:
            width_after, stretch_after, shrink_after = _after_break(
                items, index, width_sum, stretch_sum, shrink_sum)
            for fitness, (total, node, _) in best.items():
                active.append(_Node(index, node.line + 1, fitness, width_after, stretch_after,
                                    shrink_after, total, flagged, node))
        if not active:
            return None
    finals = [n for n in active if n.position == len(items) - 1]
    if not finals:
        return None
    node = min(finals, key=lambda n: n.demerits)
    breaks = []
    while node.previous is not None:
        breaks.append(node.position)
        node = node.previous
    return breaks[::-1]


def _demerits(ratio, cost, flagged, forced, node, settings) -> float:
    badness = 100 * abs(ratio) ** 3
    demerits = (settings.line_penalty + badness) ** 2
    if cost > 0:
        demerits += cost ** 2
    elif cost > -INFINITY:
        demerits -= cost ** 2
    if flagged and node.flagged:
        demerits += settings.double_hyphen_demerits
    if forced and node.flagged:
        demerits += settings.final_hyphen_demerits
    return demerits


def _after_break(items, index, width_sum, stretch_sum, shrink_sum):
    """Totals as a new line starts after a break: glue and penalties there are dropped."""
    k = index
    while k < len(items) and not isinstance(items[k], Box):
        if k > index and isinstance(items[k], Penalty) and items[k].cost <= -INFINITY:
            break
        k += 1
    return width_sum[k], stretch_sum[k], shrink_sum[k]
