"""Lines -> PDF text operators: every character as typed, each line at its exact place.

One text object per paragraph part; each line is placed with `Tm` and written as `TJ` arrays
whose numbers carry the kerning and the justified word spaces (no `Tw`, which would also
stretch no-break spaces); a line whose glyphs are set a little wider or narrower says so
with `Tz`. The real space characters are drawn, the space a line broke at
included, so that copy and paste and text extraction give the words as typed. Two characters
are drawn that were not typed: U+00AD where a word is hyphenated at a line end (extractors
return it as a soft hyphen, so it is known to be ours), and a typed hyphen-minus that ends a
line is drawn as U+2010 HYPHEN, the same glyph, which extractors do not take for a
hyphenation to undo.

Text is written once, in the document's faces: each character is two bytes, its code point,
in a font resource that stands for the face (`encoded`, reportlab_private.face_resource);
the press embeds each face once for the whole document with CID = code point and reads
nothing of the text back. Text that is no paragraph (folios, labels, a masthead, barcode
digits, marks) is written by `write_text`, never by ReportLab's drawString.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose import reportlab_private as rl
from layout.compose.text.lines import Line
from layout.compose.text.prepare import AS_SPACE, Prepared, script_size
from layout.style import shaping

SOFT_HYPHEN, HYPHEN = "\u00ad", "\u2010"


@dataclass(frozen=True)
class Initial:
    """A drop cap: the letters, their face, size and colour, and how many lines they span."""

    text: str
    face: str
    size: float
    colour: object
    lines: int  # the lines its capital spans: its baseline is the last one's
    width: float  # the room it takes from the first lines, gap included
    beside: int = 0  # lines set beside it (more than `lines` when its descender hangs below)

    @property
    def indented(self) -> int:
        """How many of the paragraph's first lines are shortened to make room for it."""
        return max(self.lines, self.beside)


def encoded(canvas, face: str, characters: str) -> tuple[str, bytes]:
    """The font resource standing for `face` in the canvas's document and the characters'
    codes in it: two bytes each, the character's code point (the CID of the face's one
    font for the whole document, press/fonts.py); each character is noted with its width."""
    if characters and max(characters) > "\uffff":
        wide = next(ch for ch in characters if ch > "\uffff")
        raise ValueError(f"U+{ord(wide):04X} is outside the Basic Multilingual Plane: the "
                         f"press cannot draw it in {face} yet")
    resource, widths = rl.face_resource(canvas, face)
    for ch in set(characters):
        if ord(ch) not in widths:
            widths[ord(ch)] = shaping.advance(face, ch)
    return resource, characters.encode("utf-16-be")


def write_text(canvas, face: str, size: float, x: float, y: float, text: str,
               anchor: str = "start", tracking: float = 0.0, colour=None,
               before: str = "", after: str = "") -> float:
    """Text that is not a composed paragraph (folios, labels, a masthead, marks) written at
    (x, y) in the canvas's current fill colour (or `colour`): `anchor` "start", "middle"
    or "end" of its width at x; `tracking` pt added after every character but the last
    (Tc); `before`/`after` operators around it (a tag's marked content). Every text
    ReportLab would otherwise draw itself goes through here, so that it is written in the
    document's fonts like the paragraphs. Returns the text's width (pt)."""
    width = sum(shaping.plain_widths(face, text)) * size / 1000 \
        + tracking * max(len(text) - 1, 0)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    resource, codes = encoded(canvas, face, text)
    ops = ["q", before] if before else ["q"]
    ops.append("BT" if colour is None else f"BT {colour_operator(colour)}")
    if tracking:
        ops.append(f"{rl.number(tracking)} Tc")
    ops.append(f"1 0 0 1 {rl.number(x)} {rl.number(y)} Tm {resource} {rl.number(size)} Tf "
               f"{rl.pdf_string(codes)} Tj ET")
    if after:
        ops.append(after)
    ops.append("Q")
    canvas.addLiteral(" ".join(ops))
    return width


def colour_operator(colour) -> str:
    """The fill operator of a CMYK colour."""
    return " ".join(rl.number(v) for v in (colour.cyan, colour.magenta, colour.yellow,
                                            colour.black)) + " k"


def draw_lines(canvas, p: Prepared, lines: list[Line], xs: list[float], baselines: list[float],
               colour, initial: Initial | None = None, initial_baseline: float = 0.0,
               cuts: dict | None = None) -> None:
    """Write the lines into the canvas: line k at (xs[k] + its own offset, baselines[k]).

    `cuts` (the screen edition's tags): character index -> a function giving the operators
    to write before that character, called when it is drawn."""
    size = p.spec.size
    ops = ["q BT 0 Tc 100 Tz 0 Ts 0 Tr", colour_operator(colour)]
    if initial is not None:
        ops.append(colour_operator(initial.colour))
        ops.append(f"1 0 0 1 0 {rl.number(initial_baseline)} Tm")
        _show(canvas, ops, [(initial.face, initial.text, [0.0] * len(initial.text), 0, None)],
              initial.size)
        ops.append(colour_operator(colour))
    end_of_text = len(p.text)
    scale = 1.0
    for line, x, y in zip(lines, xs, baselines, strict=True):
        if line.scale != scale:
            scale = line.scale
            ops.append(f"{rl.number(100 * scale)} Tz")
        ops.append(f"1 0 0 1 {rl.number(x + line.x)} {rl.number(y)} Tm")
        _show(canvas, ops, _segments(p, line, line.end < end_of_text, cuts or {}), size, p)
    ops.append("ET Q")
    canvas.addLiteral("\n".join(ops))


def _segments(p: Prepared, line: Line, continues: bool, cuts: dict
              ) -> list[tuple[str, str, list[float], int, object]]:
    """The line as (face, characters, TJ number after each, script, what to write before
    them) runs of one face and script (TJ numbers in thousandths of the text's size: `_show`
    scales a script's), cut where `cuts` (the screen edition's tags) has something to write."""
    units = 1000 / p.spec.size  # TJ numbers are thousandths of the size
    start, end = line.start, line.end
    kept = [k for k in range(start, end) if not p.hidden[k]] if p.hidden.find(1, start, end) >= 0 \
        else range(start, end)
    text, faces, plain, advances = p.text, p.faces, p.plain, p.advances
    numbers = [(plain[k] - advances[k]) * units for k in kept]
    chars = [" " if text[k] in AS_SPACE else text[k] for k in kept]
    line_faces = [faces[k] for k in kept]
    scripts = [p.scripts[k] for k in kept] if p.scripts else [0] * len(chars)
    if line.spaces:  # word spaces: their own width and their share, never scaled (Tz)
        where = {k: j for j, k in enumerate(kept)} if not isinstance(kept, range) else None
        for k, extra in line.spaces:
            j = where[k] if where is not None else k - start
            numbers[j] = (plain[k] - (advances[k] + extra) / line.scale) * units
    if chars and line.unkerned_end and kept[-1] == end - 1:
        numbers[-1] = 0.0
    if continues and chars and chars[-1] == "-" and shaping.has_glyph(line_faces[-1], HYPHEN):
        chars[-1] = HYPHEN
    if line.hyphen:
        face = line_faces[-1] if chars else faces[max(end - 1, 0)]
        chars.append(SOFT_HYPHEN if shaping.has_glyph(face, SOFT_HYPHEN) else "-")
        line_faces.append(face)
        numbers.append(0.0)
        scripts.append(scripts[-1] if scripts else 0)
    if line.trailing >= 0:
        chars.append(" ")
        line_faces.append(faces[line.trailing])
        numbers.append(0.0)
        scripts.append(p.scripts[line.trailing] if p.scripts else 0)
    at = [*kept, *([-1] if line.hyphen else []),  # the character index of each drawn
          *([line.trailing] if line.trailing >= 0 else [])] if cuts else []
    segments: list[tuple[str, str, list[float], int, object]] = []
    first = 0
    for j in range(1, len(chars) + 1):
        if j == len(chars) or (line_faces[j], scripts[j]) != (line_faces[first], scripts[first]) \
                or (cuts and at[j] in cuts):
            segments.append((line_faces[first], "".join(chars[first:j]), numbers[first:j],
                             scripts[first], cuts.get(at[first]) if cuts else None))
            first = j
    return segments


def _show(canvas, ops: list[str], segments, size: float, p: Prepared | None = None) -> None:
    """Tf and TJ operators for each run; numbers between characters only where not zero.
    A sub- or superscript is set smaller and raised or lowered (Ts), its numbers scaled."""
    current = None
    rise = 0.0
    for face, characters, numbers, script, before in segments:
        if before is not None:
            ops.append(before())
        run_size = script_size(p.spec, script) if p is not None and script else size
        if run_size != size:
            numbers = [n * size / run_size for n in numbers]
        wanted = 0.0
        if script and p is not None:
            values = p.spec.values
            wanted = values.sup_rise * size if script == 1 else -values.sub_drop * size
        if wanted != rise:
            ops.append(f"{rl.number(wanted)} Ts")
            rise = wanted
        resource, codes = encoded(canvas, face, characters)
        if (resource, run_size) != current:
            ops.append(f"{resource} {rl.number(run_size)} Tf")
            current = (resource, run_size)
        parts, since = [], 0
        for j in range(len(characters)):
            number = numbers[j]
            if abs(number) > 1e-4:
                parts.append(f"{rl.pdf_string(codes[2 * since:2 * j + 2])} {rl.number(number)}")
                since = j + 1
        if since < len(characters):
            parts.append(rl.pdf_string(codes[2 * since:]))
        ops.append(f"[{' '.join(parts)}] TJ")
    if rise:
        ops.append("0 Ts")
