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
from layout.style.shaping import has_glyph, register_face
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
    for family in theme.families():
        for style in STYLES:
            bold, italic = "bold" in style, "italic" in style
            addMapping(face_name(family, "regular"), bold, italic, face_name(family, style))
    return faces


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
