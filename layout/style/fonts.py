"""Font registration (TrueType only, embedded and subset) and glyph coverage checks.

ReportLab draws nothing for a character its font lacks, so coverage is checked before layout.
"""

from __future__ import annotations

import hashlib
import io
import struct
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from layout.compose.reportlab_private import replace_font
from layout.content.boundary import FONT_LIMIT, Boundary
from layout.errors import IssueError
from layout.style.script_faces import companions
from layout.style.shaping import has_glyph, register_face, register_script_face
from layout.style.theme import STYLES, Theme, face_name

IGNORED = set("\n\u00ad")  # line breaks and soft hyphens are never drawn as glyphs
_LOADED: dict[str, TTFont] = {}  # digest of the file -> font (one for names sharing a file)


def _load(name: str, path: Path, data: bytes, digest: str) -> TTFont:
    """The font parsed from the bytes read (not from the path, which might change since)."""
    if digest not in _LOADED:
        source = io.BytesIO(data)
        source.name = str(path)  # ReportLab names the font file by it, as when it opens one
        _LOADED[digest] = TTFont(name, source)
    return _LOADED[digest]


def _tables(data: bytes) -> dict[bytes, bytes]:
    """The font's tables by tag (a TrueType file's table directory read as it is)."""
    count = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for k in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * k: 28 + 16 * k])
        if offset + length > len(data):
            raise ValueError(f"its '{tag.decode('latin-1')}' table runs past the file's end")
        tables[tag] = data[offset: offset + length]
    return tables


def table_problem(data: bytes) -> str | None:
    """What is wrong with the tables every glyph is measured and drawn from, in words, or
    None: checked before ReportLab or HarfBuzz read them (a zero em, more glyphs than the
    metrics hold, a location table too short)."""
    if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        return None  # not TrueType at all (or OpenType/CFF): said below in its own words
    try:
        tables = _tables(data)
    except (struct.error, ValueError, IndexError):
        return None  # no table directory to speak of: not a TrueType font, said below
    try:
        if b"CFF " in tables or b"CFF2" in tables:
            return None  # refused below as PostScript outlines, with its own words
        for tag in (b"head", b"maxp", b"hhea", b"hmtx", b"loca", b"glyf", b"cmap"):
            if tag not in tables:
                return f"it has no '{tag.decode().strip()}' table"
        head, maxp, hhea = tables[b"head"], tables[b"maxp"], tables[b"hhea"]
        units = struct.unpack(">H", head[18:20])[0]
        if not 16 <= units <= 16384:
            return f"its em is {units} units (unitsPerEm must be 16 to 16384)"
        glyphs = struct.unpack(">H", maxp[4:6])[0]
        metrics = struct.unpack(">H", hhea[34:36])[0]
        long_loca = struct.unpack(">h", head[50:52])[0]
        if glyphs == 0 or not 0 < metrics <= glyphs:
            return f"it claims {glyphs} glyphs and {metrics} horizontal metrics"
        if len(tables[b"hmtx"]) < 4 * metrics + 2 * (glyphs - metrics):
            return (f"its 'hmtx' table ({len(tables[b'hmtx'])} bytes) is too short for its "
                    f"{glyphs} glyphs")
        if len(tables[b"loca"]) < (glyphs + 1) * (4 if long_loca else 2):
            return (f"its 'loca' table ({len(tables[b'loca'])} bytes) is too short for its "
                    f"{glyphs} glyphs")
    except (struct.error, ValueError, IndexError) as err:
        return f"its tables cannot be read ({err})"
    return None


def register_fonts(theme: Theme, fonts_dir: Path,
                   boundary: Boundary | None = None) -> dict[str, TTFont]:
    """Register every face of the theme with ReportLab; return name -> font.

    Font files are read inside `boundary` (by default the fonts folder): a name in the theme
    leads to the project's fonts/ or the issue folder, nowhere else. Each font remembers the
    SHA-256 of its file as `source_digest`.
    """
    boundary = boundary or Boundary(fonts_dir)
    faces = {}
    for name, (path, written, line) in theme.font_files(fonts_dir).items():
        data = boundary.read(path, written, theme.path, line, "font file", FONT_LIMIT)
        digest = hashlib.sha256(data).hexdigest()
        problem = table_problem(data)
        if problem:
            raise IssueError(theme.path, line, f"font file '{written}' is damaged: {problem}",
                             "replace it with a valid .ttf file (export it again from the "
                             "foundry's original)")
        try:
            font = _load(name, path, data, digest)
        except (TTFError, ValueError, KeyError, IndexError, TypeError, AssertionError,
                OverflowError, struct.error) as err:  # what ReportLab's parser raises
            postscript = "postscript" in str(err).lower()
            message = ("has PostScript (CFF) outlines" if postscript
                       else "is not a TrueType font ReportLab can use")
            hint = ("ReportLab can use only TrueType (.ttf) fonts, not OpenType/CFF"
                    if postscript else "replace it with a valid .ttf file")
            raise IssueError(theme.path, line, f"font file '{written}' {message}", hint) from None
        font.source_digest = digest
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font)
        if pdfmetrics.getFont(name) is not font:  # the name's file or its bytes changed, or
            replace_font(name, font)  # ReportLab gave it a font of the same PostScript name
        register_face(name, path, data, digest)
        faces[name] = font
        faces.update(_script_faces(name, path, data, digest))
    for family in theme.families():
        for style in STYLES:
            bold, italic = "bold" in style, "italic" in style
            addMapping(face_name(family, "regular"), bold, italic, face_name(family, style))
    return faces


def _script_faces(name: str, path: Path, data: bytes, digest: str) -> dict[str, TTFont]:
    """The faces of a face's own superscript and subscript glyphs (style/script_faces.py),
    registered as `name.sups` (`name.subs`, `name.sinf`): name -> font."""
    out = {}
    for script, (feature, program, covered) in _companions(digest, data).items():
        companion, own = f"{name}.{feature}", hashlib.sha256(program).hexdigest()
        where = path.with_name(f"{path.name}#{feature}")  # no file: its bytes are registered
        font = _load(companion, where, program, own)
        font.source_digest = own
        if companion not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font)
        if pdfmetrics.getFont(companion) is not font:
            replace_font(companion, font)
        register_face(companion, where, program, own)
        register_script_face(name, script, companion, covered)
        out[companion] = font
    return out


_COMPANIONS: dict[str, dict] = {}  # digest of a face -> its script faces (made once)


def _companions(digest: str, data: bytes) -> dict:
    if digest not in _COMPANIONS:
        _COMPANIONS[digest] = companions(data)
    return _COMPANIONS[digest]


def missing_glyphs(text: str, face: str) -> list[str]:
    """The characters of text that a registered face cannot draw, in order of first
    appearance."""
    seen, missing = set(), []
    for ch in text:
        if ch in seen or ch in IGNORED or ch == " ":
            continue
        seen.add(ch)
        if not has_glyph(face, ch):
            missing.append(ch)
    return missing
