"""Advance widths of text as the fonts set it, pair kerning included (HarfBuzz).

ReportLab draws each character with the advance in the font's metrics and does not kern; the
fonts' kerning lives in their GPOS tables. HarfBuzz shapes each word with kerning on and
every substitution off (one glyph per character, as ReportLab draws them); the difference
between a glyph's kerned and plain advance is that character's kerning. Widths are in
thousandths of an em; words recur, so each (face, word) is shaped once, the face known by
the digest of its bytes, not by its name.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb

FEATURES = {"kern": True, "liga": False, "clig": False, "calt": False, "dlig": False,
            "rlig": False, "locl": False}
_FILES: dict[str, Path] = {}  # registered face name -> TrueType file
_DIGESTS: dict[str, str] = {}  # registered face name -> SHA-256 of its file's bytes
_DATA: dict[Path, bytes] = {}  # TrueType file -> its bytes as the build last read them
_SHAPERS: dict[str, _Shaper] = {}  # digest -> shaper: a face is known by its bytes
_SCRIPT_FACES: dict[tuple[str, str], tuple[str, frozenset[str]]] = {}  # (digest, "sup" or
# "sub") -> the face of its sups/subs glyphs (style/script_faces.py) and what it covers


def register_face(name: str, path: Path, data: bytes | None = None,
                  digest: str | None = None) -> None:
    """Make a face known by the name the styles use for it: its file, and the bytes read
    from it (by default read now), whose SHA-256 is `digest` (computed when not given).
    Measuring and embedding use these bytes, never the file again, so what is set is what
    the cache key's digest says; every cache of advances is keyed by the digest, so a name
    given another file (or a file given other bytes) is never measured with the old ones."""
    data = path.read_bytes() if data is None else data
    _FILES[name], _DATA[path] = path, data
    _DIGESTS[name] = digest or hashlib.sha256(data).hexdigest()
    if _DIGESTS[name] not in _SHAPERS:
        _SHAPERS[_DIGESTS[name]] = _Shaper(data)


def register_script_face(face: str, script: str, companion: str, covered: frozenset[str]):
    """Make `companion` (registered) the face of `face`'s superscript or subscript glyphs,
    which it has for the characters `covered`."""
    _SCRIPT_FACES[_DIGESTS[face], script] = (companion, covered)


def script_face(face: str, script: str, text: str) -> str | None:
    """The face of `face`'s own glyphs for `text` as a superscript ("sup") or subscript
    ("sub"), if it has one covering every character of the text; else None."""
    found = _SCRIPT_FACES.get((_DIGESTS[face], script))
    return found[0] if found and set(text) <= found[1] else None


def digest(face: str) -> str:
    """The SHA-256 of a registered face's bytes: what the engine's caches know it by."""
    return _DIGESTS[face]


def file_data(path: Path) -> bytes | None:
    """The bytes of a registered face's file, as last read when a face was registered."""
    return _DATA.get(path)


class _Shaper:
    """One face's HarfBuzz font and plain advances."""

    def __init__(self, data: bytes):
        face = self.hb_face = hb.Face(hb.Blob(data))
        self.font = hb.Font(face)
        self.scale = 1000 / face.upem
        self.plain: dict[str, float] = {}

    def advance(self, ch: str) -> float:
        """The plain advance of a character (what a PDF viewer moves by), 1/1000 em."""
        width = self.plain.get(ch)
        if width is None:
            glyph = self.font.get_nominal_glyph(ord(ch))
            width = self.font.get_glyph_h_advance(glyph) * self.scale if glyph else 0.0
            self.plain[ch] = width
        return width

    def kerned(self, text: str) -> tuple[float, ...]:
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        buffer.flags = hb.BufferFlags.PRESERVE_DEFAULT_IGNORABLES  # U+00AD keeps its glyph
        hb.shape(self.font, buffer, FEATURES)
        out = [self.advance(ch) for ch in text]
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            kern = (position.x_advance - self.font.get_glyph_h_advance(info.codepoint))
            if kern and info.cluster < len(out):
                out[info.cluster] += kern * self.scale
        return tuple(out)


def _shaper(face: str) -> _Shaper:
    return _SHAPERS[_DIGESTS[face]]


def widths(face: str, text: str) -> tuple[float, ...]:
    """Kerned advance of each character of `text` in `face`, 1/1000 em."""
    return _widths(_DIGESTS[face], text)


@lru_cache(maxsize=300_000)
def _widths(key: str, text: str) -> tuple[float, ...]:
    shaper = _SHAPERS[key]
    return (shaper.advance(text),) if len(text) == 1 else shaper.kerned(text)


def plain_widths(face: str, text: str) -> list[float]:
    """The plain advance of each character (what a PDF viewer moves by), 1/1000 em."""
    shaper = _shaper(face)
    known = shaper.plain
    return [known[ch] if ch in known else shaper.advance(ch) for ch in text]


def advance(face: str, ch: str) -> float:
    """The plain advance of one character, 1/1000 em."""
    return _shaper(face).advance(ch)


def has_glyph(face: str, ch: str) -> bool:
    """Whether the face can draw the character."""
    return bool(_shaper(face).font.get_nominal_glyph(ord(ch)))


def postscript_name(face: str) -> str:
    """The face's PostScript name (what a PDF's BaseFont says), e.g. 'NotoSerif-Regular'."""
    return _shaper(face).hb_face.get_name(hb.OTNameIdPredefined.POSTSCRIPT_NAME) or face


def nominal_glyph(face: str, ch: str) -> int:
    """The glyph the face's character map gives ch (0: none)."""
    return _shaper(face).font.get_nominal_glyph(ord(ch)) or 0


def face_file(face: str) -> Path:
    """The TrueType file a face was registered from."""
    return _FILES[face]


def cap_height(face: str) -> float:
    """The height of the capitals (of 'H') as a fraction of the size."""
    shaper = _shaper(face)
    glyph = shaper.font.get_nominal_glyph(ord("H"))
    extents = shaper.font.get_glyph_extents(glyph) if glyph else None
    return extents.y_bearing * shaper.scale / 1000 if extents else 0.7


def depth(face: str, text: str) -> float:
    """How far the ink of `text` reaches below the baseline (0 if not), as a fraction of
    the size: the descender of Қ, Д, Q, J as the glyphs draw it."""
    shaper = _shaper(face)
    lowest = 0.0
    for ch in text:
        glyph = shaper.font.get_nominal_glyph(ord(ch))
        extents = shaper.font.get_glyph_extents(glyph) if glyph else None
        if extents:
            lowest = min(lowest, (extents.y_bearing + extents.height) * shaper.scale / 1000)
    return -lowest


def ascent(face: str, text: str) -> float:
    """How far the ink of `text` reaches above the baseline, as a fraction of the size."""
    shaper = _shaper(face)
    highest = 0.0
    for ch in text:
        glyph = shaper.font.get_nominal_glyph(ord(ch))
        extents = shaper.font.get_glyph_extents(glyph) if glyph else None
        if extents:
            highest = max(highest, extents.y_bearing * shaper.scale / 1000)
    return highest
