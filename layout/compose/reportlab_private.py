"""Every ReportLab internal this project touches, named here and used nowhere else.

Written against ReportLab 5.1 (WRITTEN_AGAINST); tests/compose/test_reportlab_private.py
fails loudly when another version is installed, so that each use below is checked again.

- `Canvas._doc`: the PDF document behind a canvas; ReportLab keeps its font subsets per
  document.
- `TTFont.splitString(text, doc)`: the codes of a text in the face's subsets, assigned as
  ReportLab embeds them (256 codes a subset; code 32 is always the space; U+00A0 is drawn as
  the space).
- `TTFont.getSubsetInternalName(subset, doc)`: the font resource of one subset ("/F3+0").
- `pdfmetrics._fonts` and `_dynFaceNames`: the registered fonts by name and by PostScript
  name. `registerFont` keeps the first font registered under a name, and gives a new name
  the font registered before under the same PostScript name (a document embeds a face once,
  by that name): a face whose file changed is put in the old one's place in both.
- `reportlab.lib.rl_accel.escapePDF` and `fp_str`: a PDF string literal and a number, as
  ReportLab writes them.

Everything else is public API: `Canvas.addLiteral` writes our operators into the page,
`Canvas.absolutePosition` and `getPageNumber` say where a flowable is drawn.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

WRITTEN_AGAINST = "5.1"


def encoded(canvas: Canvas, face: str, text: str) -> list[tuple[str, bytes]]:
    """`text` in `face` as (font resource, codes) pieces, one code per character."""
    font = pdfmetrics.getFont(face)
    doc = canvas._doc
    return [(font.getSubsetInternalName(subset, doc), codes)
            for subset, codes in font.splitString(text, doc)]


def replace_font(name: str, font: TTFont) -> None:
    """Register `font` under `name` and its PostScript name, in place of the fonts
    registered under them before."""
    pdfmetrics._fonts[name] = font
    pdfmetrics._dynFaceNames[font.face.name] = font


def pdf_string(codes: bytes) -> str:
    """A PDF string literal of the codes: '(…)'."""
    return f"({escapePDF(codes)})"


def number(value: float) -> str:
    """A number as ReportLab writes it in content streams."""
    return fp_str(value)
