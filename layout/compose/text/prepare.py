"""A paragraph's styled runs -> one text with advances, and the items total fit breaks.

The text is kept exactly as typed; what is not drawn (a second space in a row, a typed soft
hyphen inside a line) is marked, never removed, so every item points at the characters it
stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from layout.compose.linebreak import INFINITY, Box, Glue, Penalty
from layout.compose.text import rules
from layout.compose.text.rules import FIXED, HIDDEN, NOBREAK, Kind
from layout.style import shaping
from layout.style.typesetting import Setting, house

AS_SPACE = "\u00a0\n\t\u2028"  # measured (and drawn) as the space character
HARD_BREAK = "\u2028"  # a line break the editor typed: the line ends there
SCRIPTS = {"": 0, "sup": 1, "sub": 2}
LONG_WORD_LINES = 3  # a word longer than this many lines is cut into lines one by one


@dataclass(frozen=True)
class Spec:
    """What shapes a paragraph's items: size, language and how it is set."""

    size: float
    language: str
    justified: bool
    hyphenate: bool
    expansion: float = 0.0  # how much wider or narrower a justified line's glyphs may be set
    setting: Setting | None = None  # the theme's spaces, hyphenation and penalties

    @property
    def values(self) -> Setting:
        """The setting values (the house design's when the style gives none)."""
        return self.setting or house(self.language)


@dataclass(eq=False)
class Prepared:
    """A paragraph ready to break: text, per-character face and advance, items."""

    text: str
    faces: list[str]  # face of each character
    advances: list[float]  # kerned advance of each character, pt
    plain: list[float]  # advance without kerning, pt (what is drawn before a break)
    hidden: bytearray  # 1 where a character is not drawn inside a line
    items: list
    spec: Spec
    widest: float = 0.0  # the widest piece that cannot break
    lines_cache: dict = field(default_factory=dict)  # (widths, first item) -> lines
    addresses: list[tuple[int, int]] = field(default_factory=list)  # web/e-mail/path spans
    scripts: bytes = b""  # per character: 0, or 1 superscript, 2 subscript (empty: none)

    def width(self, start: int, end: int) -> float:
        """Natural width of characters start..end."""
        return self._sums[end] - self._sums[start]

    def __post_init__(self):
        self._sums = [0.0, *accumulate(self.advances)]


def prepare(runs: tuple[tuple[str, ...], ...], spec: Spec) -> Prepared:
    """(text, face) or (text, face, script) runs -> a Prepared paragraph (remembered: the
    same text recurs, in the same faces: a face is known by the digest of its file, not by
    its name); script is "", "sup" or "sub". A script run the face has its own superior or
    inferior glyphs for is set in them (style/script_faces.py), at the text's size."""
    if spec.values.script_glyphs and any(len(r) > 2 and r[2] for r in runs):
        runs = tuple(_in_script_face(run) for run in runs)
    return _prepare(runs, spec, tuple(shaping.digest(r[1]) for r in runs))


def _in_script_face(run: tuple[str, ...]) -> tuple[str, ...]:
    """(text, face, script) -> (text, the face of its own script glyphs) if it has them."""
    if len(run) < 3 or not run[2]:
        return run
    face = shaping.script_face(run[1], run[2], run[0])
    return (run[0], face) if face else run


@lru_cache(maxsize=4_000)
def _prepare(runs: tuple[tuple[str, ...], ...], spec: Spec,
             digests: tuple[str, ...]) -> Prepared:
    text = "".join(r[0] for r in runs)
    faces: list[str] = []
    scripts = bytearray()
    for piece, face, *script in runs:
        faces += [face] * len(piece)
        scripts += bytes([SCRIPTS[script[0] if script else ""]]) * len(piece)
    advances, plain, hidden = _advances(runs, spec)
    prepared = Prepared(text, faces, advances, plain, hidden, [], spec,
                        scripts=bytes(scripts) if any(scripts) else b"")
    prepared.items, prepared.widest = _items(prepared)
    return prepared


def script_size(spec: Spec, script: int) -> float:
    """The size characters of this script (0, 1 sup, 2 sub) are set in."""
    return spec.size * spec.values.script_size if script else spec.size


def _advances(runs: tuple[tuple[str, ...], ...], spec: Spec):
    """Kerned and plain advances (pt) of every character; which are never drawn."""
    advances: list[float] = []
    plain: list[float] = []
    hidden = bytearray()
    for text, face, *script in runs:
        size = script_size(spec, SCRIPTS[script[0]] if script else 0)
        key = shaping.digest(face)
        for match in _PIECES.finditer(text):
            kerned, nominal, mask = _measured(face, key, match.group(0), size)
            advances += kerned
            plain += nominal
            hidden += mask
    return advances, plain, hidden


@lru_cache(maxsize=200_000)
def _measured(face: str, key: str, piece: str, size: float) -> tuple[tuple, tuple, bytes]:
    """A word or a run of spaces in one face (whose bytes' digest is `key`, what the
    remembered results are known by): kerned and plain advances (pt), hidden marks."""
    scale = size / 1000
    if piece.isspace():
        widths = tuple(shaping.advance(face, " " if ch in AS_SPACE else ch) * scale
                       for ch in piece)
        return widths, widths, bytes(len(piece))
    hidden = bytes(ch in HIDDEN for ch in piece)
    kerned = [w * scale for w in shaping.widths(face, piece)]
    nominal = [w * scale for w in shaping.plain_widths(face, piece)]
    if any(hidden):
        for k, hide in enumerate(hidden):
            if hide:
                kerned[k] = nominal[k] = 0.0
    return tuple(kerned), tuple(nominal), hidden


_PIECES = re.compile(r"\S+|\s+")  # words and runs of spaces


def _items(p: Prepared) -> tuple[list, float]:
    """Boxes for words (with penalties where they may break), glue for word spaces."""
    text, spec = p.text, p.spec
    values = spec.values
    kinds = rules.space_kinds(text, spec.language)
    items: list = []
    widest = 0.0
    cursor = 0  # where the current word starts: a word runs on across FIXED spaces
    for match in rules.SPACES.finditer(text):
        start, end = match.span()
        kind = kinds[start]
        if kind == FIXED and cursor < start:
            continue
        if start > cursor:
            widest = max(widest, _word_items(p, cursor, start, items))
        cursor = end
        if not items or end >= len(text):  # spaces that open or close the paragraph
            p.hidden[start:end] = b"\1" * (end - start)
            continue
        p.hidden[start + 1:end] = b"\1" * (end - start - 1)  # a run of spaces is set as one
        if HARD_BREAK in match.group(0):  # the line ends here (its space drawn, unstretched)
            items += [Penalty(0.0, INFINITY, at=start), Glue(0.0, INFINITY, 0.0, start, start),
                      Penalty(0.0, -INFINITY, at=start)]
            continue
        if kind == NOBREAK or kind == FIXED:
            items.append(Penalty(0.0, INFINITY, at=start))
        width = p.advances[start]
        stretch, shrink = ((width * values.word_stretch, width * values.word_shrink)
                           if spec.justified else (0.0, 0.0))
        if kind == FIXED:
            stretch = shrink = 0.0
        items.append(Glue(width, stretch, shrink, start, end))
    if cursor < len(text):
        widest = max(widest, _word_items(p, cursor, len(text), items))
    end = len(text)
    items += [Penalty(0.0, INFINITY, at=end), Glue(0.0, INFINITY, 0.0, end, end),
              Penalty(0.0, -INFINITY, at=end)]
    return items, max(widest, max((w for _, _, w in _stretches(items)), default=0.0))


def _is_tie(items: list, k: int) -> bool:
    """Item k is a word space's tie: a forbidding penalty before the space it keeps from
    breaking (K. Tokayev, 40 volunteers), not the paragraph's closing one."""
    item = items[k]
    if type(item) is not Penalty or item.cost < INFINITY or k + 1 >= len(items):
        return False
    space = items[k + 1]
    return type(space) is Glue and space.start == item.at and space.end > space.start


def _stretches(items: list) -> list[tuple[int, int, float]]:
    """(first, last, width) of every run of items no line may end inside: the pieces of
    words between their break points and the words that word-space ties keep together
    (a number and what it counts, initials and a name), as wide as they are set."""
    out = []
    first, width, previous_box = 0, 0.0, False
    for k, item in enumerate(items):
        kind = type(item)
        if kind is Penalty:
            if item.cost < INFINITY:
                out.append((first, k, width + item.width))
                first, width = k + 1, 0.0
            previous_box = False
        elif kind is Glue:
            if previous_box:
                out.append((first, k, width))
                first, width = k + 1, 0.0
            else:
                width += item.width
            previous_box = False
        else:
            width += item.width
            previous_box = True
    return out


def _word_items(p: Prepared, start: int, end: int, items: list) -> float:
    """Append a word's boxes and break penalties; return its widest unbreakable piece."""
    word = p.text[start:end]
    widest, last = 0.0, start
    if rules.is_address(word):
        p.addresses.append((start, end))
    hyphenate = p.spec.hyphenate and not rules.after_initials(p.text, start)
    lead = _hang_left(p, start)
    for offset, kind in rules.word_breaks(word, p.spec.language, hyphenate, p.spec.setting):
        at = start + offset
        if at <= last or at >= end:
            continue
        items.append(Box(p.width(last, at), last, at, lead))
        widest = max(widest, items[-1].width)
        items.append(_penalty(p, at, kind))
        last, lead = at, 0.0
    items.append(Box(p.width(last, end), last, end, lead, _hang_right(p, end - 1)))
    return max(widest, items[-1].width)


def _hang_left(p: Prepared, k: int) -> float:
    """How far character k hangs into the margin when it starts a justified line (pt)."""
    hangs = p.spec.values.hangs if p.spec.justified else None
    if not hangs or p.hidden[k]:
        return 0.0
    return hangs.at_left(p.text[k]) * p.plain[k]


def _hang_right(p: Prepared, k: int) -> float:
    """How far character k hangs into the margin when it ends a justified line (pt): its
    advance there is its own, unkerned."""
    hangs = p.spec.values.hangs if p.spec.justified else None
    if not hangs or k < 0 or p.hidden[k]:
        return 0.0
    return hangs.at_right(p.text[k]) * p.plain[k]


def _hyphen_hang(p: Prepared, width: float) -> float:
    """How far the hyphen of a hyphenation, `width` wide, hangs into the margin."""
    hangs = p.spec.values.hangs if p.spec.justified else None
    return hangs.at_right("\u00ad") * width if hangs else 0.0


def _penalty(p: Prepared, at: int, kind: Kind) -> Penalty:
    """A break before character `at`: the character before it loses its kerning there."""
    unkern = p.plain[at - 1] - p.advances[at - 1]
    values = p.spec.values
    hyphen = kind in (Kind.SOFT, Kind.COMPOUND) or (kind == Kind.TYPED
                                                    and p.text[at - 1] == "\u00ad")
    if hyphen:
        width = _hyphen_width(p.faces[at - 1], p.spec.size)
        cost = values.compound_penalty if kind == Kind.COMPOUND else values.hyphen_penalty
        return Penalty(width + unkern, cost, True, at, True, _hyphen_hang(p, width))
    hang = _hang_right(p, at - 1)  # the typed hyphen, dash, slash or point the line ends in
    if kind == Kind.HYPHEN:
        return Penalty(unkern, values.explicit_hyphen_penalty, True, at, hang=hang)
    if kind == Kind.ADDRESS:
        return Penalty(unkern, values.url_penalty, False, at, hang=hang)
    return Penalty(unkern, values.explicit_hyphen_penalty, False, at, hang=hang)


def _hyphen_width(face: str, size: float) -> float:
    """The width of the hyphen drawn at a hyphenated line end."""
    return _hyphen(face, shaping.digest(face), size)


@lru_cache(maxsize=1_000)
def _hyphen(face: str, key: str, size: float) -> float:
    return shaping.advance(face, "\u00ad") * size / 1000


def with_emergency_breaks(p: Prepared, items: list, width: float, squeezed: bool = True
                          ) -> list:
    """The items, with every piece wider than `width` made breakable.

    Words tied together (a number and what it counts, initials and a name, a no-break
    space) that are wider than the line together (`squeezed`: even with their spaces and
    glyphs set as tight as a line may set them) may break at their ties, dearly; a piece
    still wider, up to a few lines long, may break after any character (with a hyphen); a
    longer one starts a line and is cut into full lines one after the other, so the work
    stays linear in its length.
    """
    items = _ties_released(items, width, p.spec.values.emergency_penalty,
                           p.spec.expansion if squeezed else None)
    out: list = []
    for item in items:
        if type(item) is not Box or item.width <= width:
            out.append(item)
        elif item.width <= LONG_WORD_LINES * width:
            for at in range(item.start + 1, item.end):
                out.append(Box(p.width(at - 1, at), at - 1, at,
                               item.lead if at - 1 == item.start else 0.0))
                if not p.hidden[at] and not p.text[at].isspace():
                    out.append(_emergency(p, at, p.spec.values.emergency_penalty))
            out.append(Box(p.width(item.end - 1, item.end), item.end - 1, item.end,
                           item.lead if item.end - 1 == item.start else 0.0, item.trail))
        else:
            if out and type(out[-1]) is Glue:  # the space before it ends the line, unstretched
                space = out.pop()
                if out and type(out[-1]) is Penalty and out[-1].at == space.start \
                        and out[-1].cost < INFINITY:
                    out.pop()  # a released tie: the forced break stands in its place
                out += [Penalty(0.0, INFINITY, at=space.start),
                        Glue(0.0, INFINITY, 0.0, space.start, space.start),
                        Penalty(0.0, -INFINITY, at=space.start)]
            out += _cut(p, item, width)
    return out


def _ties_released(items: list, width: float, cost: float, expansion: float | None) -> list:
    """The items, with the ties inside a run wider than `width` made breaks at `cost`: a
    tie keeps words on one line, never wider than the line (else no break fits at all).
    With `expansion` (not None), a run is as wide as it can be squeezed: its spaces shrunk
    and its glyphs set that much narrower."""
    def least(first: int, last: int, run: float) -> float:
        if expansion is None:
            return run
        squeeze = sum(item.shrink if type(item) is Glue else
                      expansion * item.width if type(item) is Box else 0.0
                      for item in items[first:last + 1])
        return run - squeeze
    released = [k for first, last, run in _stretches(items) if run > width
                and least(first, last, run) > width
                for k in range(first, last) if _is_tie(items, k)]
    if not released:
        return items
    out = list(items)
    for k in released:
        out[k] = Penalty(0.0, cost, False, items[k].at)
    return out


def _emergency(p: Prepared, at: int, cost: float) -> Penalty:
    """A break inside a word too wide for the line: with a hyphen, but none in an address
    (a reader would type it)."""
    unkern = p.plain[at - 1] - p.advances[at - 1]
    if _in_address(p, at):
        return Penalty(unkern, cost, False, at, hang=_hang_right(p, at - 1))
    width = _hyphen_width(p.faces[at - 1], p.spec.size)
    return Penalty(width + unkern, cost, True, at, True, _hyphen_hang(p, width))


def _in_address(p: Prepared, at: int) -> bool:
    return any(start < at < end for start, end in p.addresses)


def _cut(p: Prepared, item: Box, width: float) -> list:
    """A very long piece as whole lines, each but the last ending in a hyphen."""
    out: list = []
    start, used = item.start, 0.0
    address = _in_address(p, item.start + 1)
    for at in range(item.start, item.end):
        step = p.advances[at]
        hyphen = 0.0 if address else _hyphen_width(p.faces[at], p.spec.size)
        if used + step + hyphen > width and at > start and not p.hidden[at]:
            out.append(Box(p.width(start, at), start, at,
                           item.lead if start == item.start else 0.0))
            out.append(Penalty(hyphen + p.plain[at - 1] - p.advances[at - 1], -INFINITY,
                               not address, at, not address))
            start, used = at, 0.0
        used += step
    out.append(Box(p.width(start, item.end), start, item.end,
                   item.lead if start == item.start else 0.0, item.trail))
    return out
