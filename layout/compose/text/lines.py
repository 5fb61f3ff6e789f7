"""Chosen breaks -> lines: which characters each line draws, where, and how its spaces stretch.

A justified line whose first or last character hangs into the margin (character protrusion)
is set that much wider, from that much further left; its glyphs are set wider or narrower
first (glyph expansion, in the setting's steps), its word spaces take the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.compose.linebreak import (
    INFINITY,
    Box,
    Glue,
    Penalty,
    adjustment,
    break_lines,
    first_fit,
)
from layout.compose.text.prepare import Prepared, with_emergency_breaks


@dataclass(frozen=True, slots=True)
class Line:
    """One line: characters start..end, set from `x` in its column."""

    start: int
    end: int
    x: float
    spaces: tuple[tuple[int, float], ...]  # (character of a word space, extra width in pt);
    # the word spaces of a justified line, which keep their width when its glyphs are scaled
    hyphen: bool  # a hyphen is drawn after the last character
    trailing: int  # the word space the line broke at (drawn, never stretched), or -1
    unkerned_end: bool  # the last character keeps its plain advance (a break inside a word)
    words: int
    scale: float = 1.0  # horizontal scale of the glyphs (1 ± the style's expansion at most)


class Unset(Exception):
    """No break sets the paragraph in its measure (a measure narrower than one character):
    the composer names the article and the paragraph."""

    def __init__(self, text: str, width: float):
        super().__init__(f"no line of {width:.1f} pt can hold '{text[:60]}'")
        self.text, self.width = text, width


def set_lines(p: Prepared, widths: list[float], from_char: int, align: str,
              total_fit: bool = True) -> list[Line]:
    """The lines of the paragraph from character `from_char` on, set to `widths` (the last
    repeats). Remembered per paragraph: balanced columns ask for the same lines many times.
    """
    key = (tuple(round(w, 3) for w in widths), from_char, align, total_fit)
    lines = p.lines_cache.get(key)
    if lines is None:
        lines = p.lines_cache[key] = _set(p, list(widths), from_char, align, total_fit)
    return lines


def _set(p: Prepared, widths: list[float], from_char: int, align: str,
         total_fit: bool) -> list[Line]:
    items = p.items if from_char == 0 else _rest(p.items, from_char)
    if from_char == 0 and items and type(items[0]) is Box and items[0].lead:
        # a paragraph's first line starts at its indent or beside its initial: nothing hangs
        items = [replace(items[0], lead=0.0), *items[1:]]
    values = p.spec.values
    ragged = 0.0 if p.spec.justified else values.ragged * p.spec.size
    expansion = p.spec.expansion  # 0 unless justified

    def breaks_of(items: list) -> list[int] | None:
        breaks = (break_lines(items, widths, values, ragged, expansion) if total_fit
                  else first_fit(items, widths, ragged, expansion))
        return breaks if breaks is not None else first_fit(items, widths, ragged, expansion)

    # what is wider than every line must break anywhere; what is wider than the narrowest
    # only (the indented first line, the lines beside an initial) only where nothing else
    # sets the paragraph: the narrow line may well not be where it falls
    # (tied words break only if they cannot be squeezed into the line; at last, if wider
    # than it at all)
    widest_line = max(widths)
    for k, width in enumerate((widest_line, min(widths), min(widths))):
        if k == 1 and (width == widest_line or p.widest <= width):
            continue  # nothing more to make breakable at the narrowest
        if k == 2 and p.widest <= width:
            break
        tried = with_emergency_breaks(p, items, width, k < 2) if p.widest > width else items
        breaks = breaks_of(tried)
        if breaks is not None:
            return _lines(p, tried, breaks, widths, align)
    raise Unset(p.text[items[0].start if items and type(items[0]) is Box else 0:],
                min(widths))


def _rest(items: list, from_char: int) -> list:
    """The items from the first box that starts at or after `from_char`."""
    for k, item in enumerate(items):
        if type(item) is Box and item.start >= from_char:
            return items[k:]
    return items[-3:]


def _lines(p: Prepared, items: list, breaks: list[int], widths: list[float],
           align: str) -> list[Line]:
    out: list[Line] = []
    start = _first_box(items, 0)
    for number, end in enumerate(breaks):
        width = widths[min(number, len(widths) - 1)]
        line = _line(p, items, start, end, width, align)
        if line.end > line.start or line.hyphen:
            out.append(line)
        start = _first_box(items, end + 1)
    return out


def _first_box(items: list, k: int) -> int:
    while k < len(items) and type(items[k]) is not Box:
        k += 1
    return k


def _line(p: Prepared, items: list, first: int, end: int, width: float, align: str) -> Line:
    glues: list[Glue] = []
    natural = boxes = 0.0
    first_char = text_end = None
    lead = trail = 0.0  # how far its first and last characters hang into the margins
    for item in items[first:end]:
        kind = type(item)
        if kind is Box:
            natural += item.width
            boxes += item.width
            if first_char is None:
                first_char, lead = item.start, item.lead
            text_end, trail = item.end, item.trail
        elif kind is Glue and text_end is not None:
            natural += item.width
            glues.append(item)
    # spaces after the last word (before a forced break) are not part of the line
    while glues and glues[-1].start >= text_end:
        natural -= glues.pop().width
    brk = items[end]
    hyphen = unkerned = last = False
    trailing = -1
    text = p.text
    hang = trail if type(brk) is Glue and type(items[end - 1]) is Box else 0.0
    if type(brk) is Penalty:
        hang = brk.hang
        natural += brk.width
        hyphen = brk.hyphen
        last = brk.cost <= -INFINITY and not hyphen
        inside_word = 0 < brk.at < len(text) and not text[brk.at].isspace()
        unkerned = inside_word and brk.at == text_end
        if brk.at < len(text) and text[brk.at].isspace() and not p.hidden[brk.at]:
            trailing = brk.at
    elif type(brk) is Glue and brk.end > brk.start:
        trailing = brk.start
    if type(brk) is Penalty:
        boxes += brk.width  # the hyphen is set like the glyphs before it
    if align != "justify":
        lead = hang = 0.0
    spaces, scale = _justify(glues, width + lead + hang - natural, boxes, align, last,
                             p.spec.expansion, p.spec.values.scaling_step)
    used = natural + (scale - 1) * boxes + sum(extra for _, extra in spaces)
    x = {"right": width - used, "center": (width - used) / 2}.get(align, -lead)
    start = first_char if first_char is not None else 0
    return Line(start, text_end if text_end is not None else start, x, spaces, hyphen, trailing,
                unkerned, len(glues) + 1, scale)


def _justify(glues: list[Glue], spare: float, boxes: float, align: str, last: bool,
             expansion: float, step: float) -> tuple[tuple[tuple[int, float], ...], float]:
    """Extra width of each word space (the spare room shared by stretch or shrink), and the
    horizontal scale of the glyphs (they take it first when the style allows)."""
    if align != "justify" or (spare > 0 and last) or not (glues or expansion):
        return (), 1.0
    glue = sum(g.stretch if spare > 0 else g.shrink for g in glues)
    ratio, grown = adjustment(spare, glue, boxes, expansion, step)
    if spare < 0:
        ratio = max(ratio, -1.0)
    spaces = tuple((g.start, ratio * (g.stretch if spare > 0 else g.shrink)) for g in glues)
    return spaces, 1 + grown / boxes if boxes else 1.0
