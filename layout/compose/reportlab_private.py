"""Every ReportLab internal this project touches, named here and used nowhere else.

Written against ReportLab 5.1 (WRITTEN_AGAINST); tests/compose/test_reportlab_private.py
fails loudly when another version is installed, so that each use below is checked again.

- `Canvas._doc`: the PDF document behind a canvas (its font dictionary).
- `pdfmetrics._fonts` and `_dynFaceNames`: the registered fonts by name and by PostScript
  name. `registerFont` keeps the first font registered under a name, and gives a new name
  the font registered before under the same PostScript name (a document embeds a face once,
  by that name): a face whose file changed is put in the old one's place in both.
- `PDFDocument.idToObject["BasicFonts"]`: the font dictionary every page's resources name;
  `face_resource` puts a face's placeholder there (press/fonts.py embeds the face once for
  the whole document and puts it in the placeholder's place). `PDFDictionary.format` is
  where the placeholder writes what was drawn in it, once, as the document is saved.
- `TTFont.face` (a `TTFontFace`): the face's descriptor metrics as ReportLab reads them.
- `renderPDF._PDFRenderer` and its `_tracker` state: a Drawing (the ISSN barcode) drawn
  with its text written by our own writer (`draw_drawing`), not by `Canvas.drawString`.
- `reportlab.lib.rl_accel.escapePDF` and `fp_str`: a PDF string literal and a number, as
  ReportLab writes them.

Everything else is public API: `Canvas.addLiteral` writes our operators into the page,
`Canvas.absolutePosition` and `getPageNumber` say where a flowable is drawn.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont
from reportlab.pdfgen.canvas import Canvas

WRITTEN_AGAINST = "5.1"


def replace_font(name: str, font: TTFont) -> None:
    """Register `font` under `name` and its PostScript name, in place of the fonts
    registered under them before."""
    pdfmetrics._fonts[name] = font
    pdfmetrics._dynFaceNames[font.face.name] = font


class _FacePlaceholder(pdfdoc.PDFDictionary):
    """A face's stand-in in a document's fonts: its PostScript name, its descriptor's
    metrics, and every character drawn in it with its width (1/1000 em) as one flat array
    [code point width code point width …], filled in as the document is saved."""

    def __init__(self, base: str, descriptor: dict):
        super().__init__({"Type": "/Font", PLACEHOLDER_KEY: pdfdoc.PDFName(base),
                          PLACEHOLDER_KEY + "Descriptor": pdfdoc.PDFDictionary(descriptor)})
        self.widths: dict[int, float] = {}

    def format(self, document, IND=b"\n "):
        flat: list[float] = []
        for point in sorted(self.widths):
            flat += [point, self.widths[point]]
        self.dict[PLACEHOLDER_KEY + "Widths"] = pdfdoc.PDFArray(flat)
        return super().format(document, IND)


PLACEHOLDER_KEY = "ADZFace"  # press/fonts.py reads the placeholders by this key


def face_resource(canvas: Canvas, face: str) -> tuple[str, dict[int, float]]:
    """The font resource (\"/ADZ1\") that stands for `face` in the canvas's document, and
    the widths of the characters drawn in it so far (code point -> 1/1000 em), for the
    caller to add to."""
    doc = canvas._doc
    known = doc.__dict__.setdefault("_adz_faces", {})
    found = known.get(face)
    if found is None:
        ttf = pdfmetrics.getFont(face)
        metrics = ttf.face
        flags = (metrics.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC  # as ReportLab's subsets
        placeholder = _FacePlaceholder(metrics.name.decode("latin-1"), {
            "Flags": flags, "FontBBox": pdfdoc.PDFArray(metrics.bbox),
            "ItalicAngle": metrics.italicAngle, "Ascent": metrics.ascent,
            "Descent": metrics.descent, "CapHeight": metrics.capHeight,
            "StemV": metrics.stemV, "MissingWidth": metrics.defaultWidth})
        name = f"ADZ{len(known) + 1}"
        doc.idToObject[pdfdoc.BasicFonts].dict[name] = placeholder
        found = known[face] = (f"/{name}", placeholder.widths)
    return found


class _Renderer(renderPDF._PDFRenderer):
    """ReportLab's renderer of drawings, its strings written by `write`."""

    def __init__(self, write):
        super().__init__()
        self._write = write

    def applyStateChanges(self, delta, newState):  # noqa: N802, N803 (ReportLab's names)
        """The drawing's state onto the canvas but its font: its strings go through `write`
        in the document's faces, so ReportLab's own setFont (an empty text object naming
        Helvetica, a base-14 font preflight refuses) is never written."""
        delta = {key: value for key, value in delta.items()
                 if key not in ("fontName", "fontSize")}
        if delta.get("strokeWidth") == 0:  # no stroke, not the thinnest one a device has
            delta["strokeColor"] = None
        super().applyStateChanges(delta, newState)

    def drawString(self, stringObj):  # noqa: N802, N803 (ReportLab's names)
        if not self._fill:
            return
        state = self._tracker.getState()
        anchor = state["textAnchor"]
        self._write(self._canvas, state["fontName"], state["fontSize"], stringObj.x,
                    stringObj.y, stringObj.text,
                    anchor=anchor if anchor in ("middle", "end") else "start")


def draw_drawing(drawing, canvas: Canvas, x: float, y: float, write) -> None:
    """A ReportLab Drawing on the canvas at (x, y), its text written by
    `write(canvas, face, size, x, y, text, anchor=…)`."""
    _Renderer(write).draw(renderPDF.renderScaledDrawing(drawing), canvas, x, y)


def pdf_string(codes: bytes) -> str:
    """A PDF string literal of the codes: '(…)'."""
    return f"({escapePDF(codes)})"


def number(value: float) -> str:
    """A number as ReportLab writes it in content streams."""
    return fp_str(value)
