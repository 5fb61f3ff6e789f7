"""Printer's marks outside the bleed: crop marks, registration marks and a slug line.

The MediaBox grows by `MARGIN` on every side; it keeps its origin at (0, 0) (some RIPs and
imposition tools mishandle a negative origin), so the page's content, TrimBox and BleedBox
move up and right by the margin. The marks are drawn in the Registration colour
(`/Separation /All`), which prints on every plate, spot plates included.
"""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    RectangleObject,
    StreamObject,
)
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from layout.compose.text.draw import write_text
from layout.press.fonts import FontMerge
from layout.press.pressed import pressed
from layout.press.pypdf_private import add_object
from layout.press.sheet_marks import REGISTRATION

MARGIN = 15 * mm
OFFSET = 3 * mm  # crop marks start this far outside the bleed
LENGTH = 6 * mm
LINE = 0.25


def add_marks(writer: PdfWriter, slug: str, font: str, fonts: FontMerge) -> None:
    """Add crop and registration marks and a slug line to every page of the writer.

    The marks of all pages are drawn in one ReportLab document (one font subset for every
    slug line; pressed, its text joins the pages' subset of its face in `fonts`). Each page
    shows its marks as a form XObject drawn after its own content, so no page's content is
    parsed.
    """
    pages = list(writer.pages)
    boxes = [([float(v) for v in page.trimbox], [float(v) for v in page.bleedbox])
             for page in pages]
    done = pressed(_marks_pdf(boxes, slug, font))
    fonts.add(done.facts.used)
    marks_document = done.reader
    openings: dict[tuple[float, float], object] = {}  # the page's own content, moved …
    closing = add_object(writer, _stream(b"Q\n/ADZMarks Do\n"))  # … the marks drawn last
    for page, marks, (trim, bleed) in zip(pages, marks_document.pages, boxes, strict=True):
        dx, dy = MARGIN - bleed[0], MARGIN - bleed[1]
        if (dx, dy) not in openings:
            openings[(dx, dy)] = add_object(writer, _stream(
                f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm\n".encode()))
        media = RectangleObject([0, 0, bleed[2] - bleed[0] + 2 * MARGIN,
                                 bleed[3] - bleed[1] + 2 * MARGIN])
        page.mediabox = media
        page.cropbox = media
        page.bleedbox = RectangleObject(_moved(bleed, dx, dy))
        page.trimbox = RectangleObject(_moved(trim, dx, dy))
        if "/ArtBox" in page:
            page.artbox = RectangleObject(_moved([float(v) for v in page.artbox], dx, dy))
        resources = DictionaryObject(page["/Resources"].get_object())
        xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
        xobjects[NameObject("/ADZMarks")] = add_object(writer, page_form(writer, marks))
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        contents = page.raw_get("/Contents")  # a stream's reference, or an array of them
        own = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) \
            else [contents]
        page[NameObject("/Contents")] = ArrayObject([openings[(dx, dy)], *own, closing])


def _moved(box: list[float], dx: float, dy: float) -> list[float]:
    return [box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy]


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def page_form(writer: PdfWriter, page) -> StreamObject:
    """A page (of any document) as a form XObject for the writer: its content, its
    resources copied in, its MediaBox as the form's box."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    parts = contents if isinstance(contents, ArrayObject) else [contents] if contents else []
    form = _stream(b"\n".join(part.get_object().get_data() for part in parts))
    resources = page.get("/Resources")
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): RectangleObject(page.mediabox),
        NameObject("/Resources"): resources.get_object().clone(writer)
        if resources is not None else DictionaryObject(),
    })
    return form.flate_encode()


def _marks_pdf(boxes: list, slug: str, font: str) -> bytes:
    """One page of marks for each (trim, bleed) box pair, each page the size of its bleed plus
    the margin on every side (the page's own coordinates, moved by the margin)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, enforceColorSpace="sep_cmyk", initialFontName=font)
    for number, (trim, bleed) in enumerate(boxes, start=1):
        canvas.setPageSize((bleed[2] - bleed[0] + 2 * MARGIN, bleed[3] - bleed[1] + 2 * MARGIN))
        _draw_marks(canvas, trim, bleed, f"{slug}   page {number} of {len(boxes)}", font)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_marks(canvas: Canvas, trim, bleed, slug_text: str, font: str) -> None:
    """Marks and slug, marked as an artifact: nothing of them is the magazine's text."""
    canvas.addLiteral("/Artifact BMC")
    canvas.translate(MARGIN - bleed[0], MARGIN - bleed[1])
    canvas.setStrokeColor(REGISTRATION)
    canvas.setFillColor(REGISTRATION)
    canvas.setLineWidth(LINE)
    x0, y0, x1, y1 = trim
    b0, c0, b1, c1 = bleed
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        gap_x = abs(x - (b0 if dx < 0 else b1)) + OFFSET
        gap_y = abs(y - (c0 if dy < 0 else c1)) + OFFSET
        canvas.line(x + dx * gap_x, y, x + dx * (gap_x + LENGTH), y)  # horizontal mark
        canvas.line(x, y + dy * gap_y, x, y + dy * (gap_y + LENGTH))  # vertical mark
    middle_x, middle_y = (x0 + x1) / 2, (y0 + y1) / 2
    reach = OFFSET + LENGTH / 2
    for cx, cy in ((middle_x, c1 + reach), (middle_x, c0 - reach), (b0 - reach, middle_y),
                   (b1 + reach, middle_y)):
        _registration_target(canvas, cx, cy)
    write_text(canvas, font, 6, x0, c0 - OFFSET - LENGTH - 2 * mm, slug_text)
    canvas.addLiteral("EMC")


def _registration_target(canvas: Canvas, x: float, y: float) -> None:
    radius = 2 * mm
    canvas.circle(x, y, radius, stroke=1, fill=0)
    canvas.circle(x, y, radius / 2, stroke=1, fill=0)
    canvas.line(x - radius * 1.5, y, x + radius * 1.5, y)
    canvas.line(x, y - radius * 1.5, x, y + radius * 1.5)
