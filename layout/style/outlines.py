"""Ink, not only a character map: does a face's glyph for a character draw anything?

A font can map a character to a glyph with no outline (it prints blank), or to a composite
glyph built of itself or of a glyph the font does not have (it prints gaps, or nothing).
The glyph table is read as it is (TrueType `glyf`, through `loca`), each glyph once.
"""

from __future__ import annotations

import struct
import unicodedata
from functools import cache

from layout.style.shaping import digest, face_file, file_data, nominal_glyph

ARG_WORDS, HAS_SCALE, MORE, XY_SCALE, TWO_BY_TWO = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080
DEPTH = 16  # components nested deeper than this are refused (no font needs more than a few)


def inkless(ch: str) -> bool:
    """Characters that are meant to draw nothing: spaces, controls, format characters."""
    code = ord(ch)
    return (ch.isspace() or unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cc", "Cf")
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors
            or 0x180B <= code <= 0x180F)


class Glyphs:
    """The glyph table of one TrueType file."""

    def __init__(self, data: bytes):
        tables = {}
        for k in range(struct.unpack(">H", data[4:6])[0]):
            tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * k: 28 + 16 * k])
            tables[tag] = data[offset: offset + length]
        self.glyf, self.loca = tables.get(b"glyf", b""), tables.get(b"loca", b"")
        self.count = struct.unpack(">H", tables[b"maxp"][4:6])[0]
        self.long = struct.unpack(">h", tables[b"head"][50:52])[0] == 1
        self.verdicts: dict[int, str | None] = {}

    def _span(self, glyph: int) -> bytes:
        if self.long:
            start, end = struct.unpack(">II", self.loca[4 * glyph: 4 * glyph + 8])
        else:
            start, end = (2 * v for v in struct.unpack(">HH", self.loca[2 * glyph: 2 * glyph + 4]))
        return self.glyf[start:end] if start < end <= len(self.glyf) else b""

    def problem(self, glyph: int, path: tuple[int, ...] = ()) -> str | None:
        """Why glyph draws no ink or draws it wrongly, in words; None when it draws."""
        if glyph in self.verdicts and not path:
            return self.verdicts[glyph]
        verdict = self._problem(glyph, path)
        if not path:
            self.verdicts[glyph] = verdict
        return verdict

    def _problem(self, glyph: int, path: tuple[int, ...]) -> str | None:
        if glyph >= self.count:
            return f"refers to glyph {glyph}, beyond the font's {self.count} glyphs"
        if glyph in path:
            return "is a composite glyph built of itself"
        if len(path) > DEPTH:
            return "nests its composite glyphs too deeply"
        data = self._span(glyph)
        if len(data) < 10:
            return "has an empty outline"
        contours = struct.unpack(">h", data[:2])[0]
        if contours > 0:
            return None
        if contours == 0:
            return "has an empty outline"
        return self._composite(data, (*path, glyph))

    def _composite(self, data: bytes, path: tuple[int, ...]) -> str | None:
        at, inked = 10, False
        while True:
            if at + 4 > len(data):
                return "is a composite glyph cut short"
            flags, component = struct.unpack(">HH", data[at: at + 4])
            problem = self._problem(component, path)
            if problem and "empty outline" not in problem:
                return problem
            inked = inked or problem is None
            at += 4 + (4 if flags & ARG_WORDS else 2)
            at += 2 if flags & HAS_SCALE else 4 if flags & XY_SCALE else 8 if flags & \
                TWO_BY_TWO else 0
            if not flags & MORE:
                break
        return None if inked else "has an empty outline (all its parts are empty)"


_BY_DIGEST: dict[str, Glyphs | None] = {}  # a face's digest -> its glyph table


def _glyphs(face: str) -> Glyphs | None:
    key = digest(face)  # looked up by the digest, not by hashing the file's bytes each time
    if key not in _BY_DIGEST:
        data = file_data(face_file(face))
        _BY_DIGEST[key] = _parse(data) if data else None
    return _BY_DIGEST[key]


@cache
def _parse(data: bytes) -> Glyphs | None:
    """The glyph table of a file's bytes (bytes keep their hash: one lookup per call)."""
    try:
        return Glyphs(data)
    except (struct.error, KeyError, IndexError):
        return None


def ink_problem(face: str, ch: str) -> str | None:
    """Why the face's glyph for ch prints no ink, or wrongly; None when it prints (or ch is
    meant to print nothing, or the face has no glyph for it: coverage says that)."""
    if inkless(ch):
        return None
    glyph = nominal_glyph(face, ch)
    if not glyph:
        return None
    glyphs = _glyphs(face)
    if glyphs is None:
        return None
    try:
        return glyphs.problem(glyph)
    except (struct.error, IndexError):
        return "has an outline that cannot be read"
