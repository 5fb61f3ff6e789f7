"""Preflight checks of what the text draws, glyph by glyph: every code a page shows reaches
a real glyph of the embedded font (not .notdef, not a glyph the subset left out), and the
font's ToUnicode map names the character that glyph is.

The codes come from the content (content_scan: the strings each page shows, per font); the
glyphs from the embedded program, read with fontTools; the characters from the ToUnicode
CMap, parsed here, and cross-checked against the face's own cmap: the subset's, or, when a
subset has none (ours have none), the TrueType file of the same PostScript name in the
fonts folder, glyph outlines compared point for point.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf.generic import DictionaryObject

from layout.checks.content_scan import resolved
from layout.checks.document import Document, Verdict, by_problem, listing, pages_of

PROJECT_FONTS = Path(__file__).resolve().parents[2] / "fonts"
EMPTY_ALLOWED = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Mn"})  # may be drawn with no outline
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


@dataclass
class FontGlyphs:
    """One font dictionary as the glyph checks read it."""

    name: str
    code_bytes: int = 0  # 1 or 2; 0: codes this module cannot map to glyphs
    why_not: str = ""  # why the font is not checked
    program: TTFont | None = None
    cid_to_gid: bytes | None = None  # None: Identity
    simple_cmap: dict[int, int] = field(default_factory=dict)  # simple fonts: code -> glyph
    to_unicode: dict[int, str] | None = None  # None: no ToUnicode map

    def codes(self, strings: set[bytes]) -> set[int]:
        step = self.code_bytes
        return {int.from_bytes(s[k:k + step], "big") for s in strings
                for k in range(0, len(s) - step + 1, step)}

    def glyph(self, code: int) -> int:
        """The glyph id a code draws (0, .notdef, when the font maps it nowhere)."""
        if self.code_bytes == 1:
            return self.simple_cmap.get(code, 0)
        if self.cid_to_gid is None:
            return code
        entry = self.cid_to_gid[2 * code:2 * code + 2]
        return int.from_bytes(entry, "big") if len(entry) == 2 else 0

    @property
    def glyph_count(self) -> int:
        return self.program["maxp"].numGlyphs if self.program is not None else 0

    def empty(self, gid: int) -> bool:
        """The glyph has no outline (a space, or a glyph the subset kept only as a slot)."""
        program = self.program
        if program is None or "glyf" not in program:
            return False
        glyph = program["glyf"][program.getGlyphOrder()[gid]]
        return glyph.numberOfContours == 0


def parse_to_unicode(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries: code -> text (ISO 32000-1 §9.10.3)."""
    mapped: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(block)
        for source, target in zip(values[0::2], values[1::2], strict=False):
            mapped[int(source or b"0", 16)] = _utf16(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in re.findall(rb"<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*(?:<[0-9A-Fa-f]*>|\[[^\]]*\])",
                               block):
            low, high, *rest = _HEX.findall(line)
            low, high = int(low or b"0", 16), int(high or b"0", 16)
            if b"[" in line:
                for k, target in enumerate(rest):
                    mapped[low + k] = _utf16(target)
            elif rest and high - low < 65536:
                first = _utf16(rest[0])
                for k in range(high - low + 1):
                    mapped[low + k] = first[:-1] + chr(ord(first[-1]) + k) if first else ""
    return mapped


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", "replace")


def read_font(font: DictionaryObject) -> FontGlyphs:
    """What the checks need of a font dictionary: how its codes reach glyphs, its program,
    its ToUnicode map."""
    name = str(resolved(font, "/BaseFont", "/?"))[1:]
    found = FontGlyphs(name)
    to_unicode = resolved(font, "/ToUnicode")
    if to_unicode is not None and hasattr(to_unicode, "get_data"):
        found.to_unicode = parse_to_unicode(to_unicode.get_data())
    subtype = resolved(font, "/Subtype")
    described = font
    if subtype == "/Type0":
        encoding = resolved(font, "/Encoding")
        if encoding not in ("/Identity-H", "/Identity-V"):
            found.why_not = f"{name}: encoding {encoding} (not Identity)"
            return found
        described = resolved(font, "/DescendantFonts")[0].get_object()
        if resolved(described, "/Subtype") != "/CIDFontType2":
            found.why_not = f"{name}: not a TrueType CIDFont"
            return found
        found.code_bytes = 2
        gid_map = resolved(described, "/CIDToGIDMap")
        if gid_map is not None and hasattr(gid_map, "get_data"):
            found.cid_to_gid = gid_map.get_data()
    elif subtype == "/TrueType":
        found.code_bytes = 1
    else:
        found.why_not = f"{name}: {str(subtype)[1:]} font"
        return found
    descriptor = resolved(described, "/FontDescriptor", DictionaryObject())
    program = resolved(descriptor, "/FontFile2")
    if program is None:
        found.code_bytes, found.why_not = 0, f"{name}: not embedded"
        return found
    found.program = TTFont(io.BytesIO(program.get_data()), lazy=True)
    if found.code_bytes == 1:
        found.simple_cmap = _simple_cmap(found.program)
    return found


def _simple_cmap(program: TTFont) -> dict[int, int]:
    """A simple TrueType font's code -> glyph: its (3,0) or (1,0) cmap (ISO 32000-1 §9.6.6.4),
    else (3,1) read as WinAnsi."""
    if "cmap" not in program:
        return {}
    order = {name: gid for gid, name in enumerate(program.getGlyphOrder())}
    tables = {(t.platformID, t.platEncID): t.cmap for t in program["cmap"].tables}
    if (3, 0) in tables:
        return {code & 0xFF: order[name] for code, name in tables[(3, 0)].items()}
    if (1, 0) in tables:
        return {code: order[name] for code, name in tables[(1, 0)].items()}
    unicode = tables.get((3, 1), {})
    mapped = {}
    for code in range(256):
        char = bytes([code]).decode("cp1252", "replace")
        if ord(char) in unicode:
            mapped[code] = order[unicode[ord(char)]]
    return mapped


def _fonts_by_page(doc: Document):
    """(page, FontGlyphs, codes shown) for every font each page shows text in."""
    read: dict[int, FontGlyphs] = {}
    for number, drawn in enumerate(doc.pages, start=1):
        for key, shown in drawn.shown.items():
            if key not in read:
                read[key] = read_font(shown.font)
            font = read[key]
            yield number, font, font.codes(shown.strings) if font.code_bytes else set()


def check_glyphs(doc: Document) -> Verdict:
    """Every code shown draws a glyph the embedded font has: not .notdef (glyph 0), not past
    the font's glyphs, not a slot the subset left empty for a character that has ink (the
    press would print a box or nothing where a letter was meant)."""
    found, unchecked, count = [], set(), 0
    for number, font, codes in _fonts_by_page(doc):
        if not font.code_bytes:
            unchecked.add(font.why_not)
            continue
        for code in sorted(codes):
            count += 1
            gid = font.glyph(code)
            char = (font.to_unicode or {}).get(code, "")
            shown = f"code <{code:0{2 * font.code_bytes}X}>" + (f" ({char!r})" if char else "")
            if gid == 0:
                found.append((f"{font.name}: {shown} draws .notdef", number))
            elif gid >= font.glyph_count:
                found.append((f"{font.name}: {shown} asks for glyph {gid}, the font has "
                              f"{font.glyph_count}", number))
            elif font.empty(gid) and char and not all(
                    unicodedata.category(c) in EMPTY_ALLOWED for c in char):
                found.append((f"{font.name}: {shown} draws glyph {gid}, which the embedded "
                              "font has no outline for", number))
    note = f"; not checked: {', '.join(sorted(unchecked))}" if unchecked else ""
    if found:
        problems = by_problem(found)
        return Verdict("fail", f"glyphs missing from their fonts: {listing(problems)}: "
                               "embed the face with these characters" + note,
                       pages_of(problems))
    return Verdict("pass", f"every code shown draws a glyph of its embedded font ({count} "
                           "codes, counted once per page and font)" + note)


def check_ink(doc: Document) -> Verdict:
    """A sample of pages rendered (ink_sample): every letter in dark type of text size prints
    ink where it is drawn. A glyph whose outline is empty, or a composite of itself, reads
    back as the right character and draws a code the font has — only the rendering shows the
    gap the press would print."""
    from layout.checks.ink_sample import PAGES, blank_characters, sample_pages

    blanks = blank_characters(doc.path)
    sampled = len(sample_pages(doc.path, len(doc.page_indexes), PAGES))
    if blanks:
        problems = by_problem((f"'{b.character}' (U+{ord(b.character):04X}) in {b.font}",
                               b.page) for b in blanks)
        return Verdict("fail", f"letters that print no ink where they are drawn: "
                               f"{listing(problems)}: their glyphs have no outline; embed a "
                               "sound copy of the face", pages_of(problems))
    if not sampled:
        return Verdict("warn", "no page was rendered: each draws over 1 MB (vector art?) — "
                               "look at a proof print for blank letters")
    return Verdict("pass", f"{sampled} page(s) rendered: every letter sampled prints ink")


def check_to_unicode(doc: Document) -> Verdict:
    """Each font's ToUnicode map names the character its glyph is (cross-checked with the
    face's cmap): a wrong map prints right but searches, copies and is read aloud wrong,
    and a printer's text-based checks (spelling, barcodes) read it wrong. A warning: the
    plates are not affected."""
    fonts_dir = doc.limits.fonts_dir or PROJECT_FONTS
    found, unchecked = [], set()
    for number, font, codes in _fonts_by_page(doc):
        if not font.code_bytes or font.program is None:
            continue
        if font.to_unicode is None:
            found.append((f"{font.name}: no ToUnicode map", number))
            continue
        reference = _Reference.of(font.program, font.name, fonts_dir)
        if reference is None:
            unchecked.add(font.name)
        for code in sorted(codes):
            gid = font.glyph(code)
            if not 0 < gid < font.glyph_count:
                continue  # the glyphs check reports it
            text = font.to_unicode.get(code)
            if text is None:
                found.append((f"{font.name}: code <{code:0{2 * font.code_bytes}X}> has no "
                              "ToUnicode entry", number))
            elif reference is not None and len(text) == 1:
                drawn = reference.drawn_character(font.program, gid, text)
                if drawn is not None:
                    found.append((f"{font.name}: glyph {gid} is {drawn!r} (U+{ord(drawn):04X}) "
                                  f"but ToUnicode maps it to {text!r} (U+{ord(text):04X})",
                                  number))
    note = f"; not cross-checked (no face file or cmap): {', '.join(sorted(unchecked))}" \
        if unchecked else ""
    if found:
        problems = by_problem(found)
        return Verdict("warn", f"ToUnicode wrong: {listing(problems)}: the text prints "
                               "right but reads (search, copy, accessibility) wrong" + note,
                       pages_of(problems))
    return Verdict("pass", "every shown glyph maps to its own character (ToUnicode against "
                           "the face's cmap)" + note)


@dataclass
class _Reference:
    """The character -> glyph truth for one font: the subset's own cmap, or the face
    file's cmap with its outlines (a subset renumbers glyphs but keeps their points)."""

    cmap: dict[int, int]
    face: TTFont | None = None  # None: cmap is the subset's own
    _outlines: dict[tuple, list[int]] | None = None

    @classmethod
    def of(cls, program: TTFont, name: str, fonts_dir: Path) -> _Reference | None:
        if "cmap" in program and program.getBestCmap():
            order = {n: gid for gid, n in enumerate(program.getGlyphOrder())}
            return cls({c: order[n] for c, n in program.getBestCmap().items()})
        return _face_reference(fonts_dir, name.split("+")[-1])

    def drawn_character(self, program: TTFont, gid: int, text: str) -> str | None:
        """The character glyph `gid` of `program` is when that is not `text`; None when it
        is `text`, or is no character of the face (a ligature, an alternate)."""
        wanted = self.cmap.get(ord(text))
        if self.face is None:
            if wanted == gid:
                return None
            others = sorted(c for c, g in self.cmap.items() if g == gid)
            return chr(others[0]) if others else None
        outline = _outline(program, gid)
        if wanted is not None and outline == _outline(self.face, wanted):
            return None
        others = self.by_outline().get(outline, [])
        return chr(others[0]) if others and ord(text) not in others else None

    def by_outline(self) -> dict[tuple, list[int]]:
        """The face's outlines -> the characters drawn with them (built when first asked)."""
        if self._outlines is None:
            self._outlines = {}
            for char, gid in sorted(self.cmap.items()):
                self._outlines.setdefault(_outline(self.face, gid), []).append(char)
        return self._outlines


def _outline(font: TTFont, gid: int) -> tuple:
    glyf = font["glyf"]
    glyph = glyf[font.getGlyphOrder()[gid]]
    coordinates, ends, _ = glyph.getCoordinates(glyf)
    return tuple(coordinates), tuple(ends), font["hmtx"][font.getGlyphOrder()[gid]][0]


@cache
def _faces(fonts_dir: Path) -> dict[str, Path]:
    """PostScript name -> TrueType file, for the files in fonts_dir."""
    found = {}
    for path in sorted(fonts_dir.glob("*.[tT][tT][fF]")):
        try:
            with TTFont(path, lazy=True) as face:
                name = face["name"].getDebugName(6)
        except Exception:  # a broken file is no reference
            continue
        if name:
            found[name] = path
    return found


@cache
def _face_reference(fonts_dir: Path, name: str) -> _Reference | None:
    """The face file's cmap and outlines (kept for the process: faces do not change)."""
    path = _faces(fonts_dir).get(name)
    if path is None:
        return None
    face = TTFont(path, lazy=True)
    order = {n: gid for gid, n in enumerate(face.getGlyphOrder())}
    return _Reference({c: order[n] for c, n in face.getBestCmap().items()}, face)
