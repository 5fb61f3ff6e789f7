"""Font registration (TrueType only, embedded and subset) and glyph coverage checks.

ReportLab draws nothing for a character its font lacks, so coverage is checked before layout.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from layout.errors import IssueError
from layout.style.shaping import has_glyph, register_face
from layout.style.theme import STYLES, Theme, face_name

IGNORED = set("\n\u00ad")  # line breaks and soft hyphens are never drawn as glyphs


@cache
def _load(name: str, path: Path) -> TTFont:
    return TTFont(name, str(path))


def register_fonts(theme: Theme, fonts_dir: Path) -> dict[str, TTFont]:
    """Register every face of the theme with ReportLab; return name -> font."""
    faces = {}
    for name, path in theme.font_files(fonts_dir).items():
        if not path.is_file():
            raise IssueError(theme.path, None, f"font file {path} not found",
                             "put the .ttf in fonts/ or fix its name in the theme")
        try:
            font = _load(name, path)
        except TTFError as err:
            hint = ("ReportLab can use only TrueType (.ttf) fonts, not OpenType/CFF"
                    if "postscript" in str(err).lower() else "replace it with a valid .ttf file")
            raise IssueError(path, None, f"cannot use font: {err}", hint) from None
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font)
        register_face(name, path)
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
