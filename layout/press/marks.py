"""Printer's marks outside the bleed: crop marks, registration marks and a slug line.

The MediaBox grows by `margin` on every side (to negative coordinates, so the page content
and its Trim/BleedBox stay where they are); the marks are drawn in registration colour.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

REGISTRATION = CMYKColor(1, 1, 1, 1)  # prints on every plate
MARGIN = 15 * mm
OFFSET = 3 * mm  # crop marks start this far outside the bleed
LENGTH = 6 * mm
LINE = 0.25


def add_marks(writer: PdfWriter, slug: str, font: str) -> None:
    """Add crop and registration marks and a slug line to every page of the writer."""
    count = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        trim = [float(v) for v in page.trimbox]
        bleed = [float(v) for v in page.bleedbox]
        width, height = bleed[2] + 2 * MARGIN, bleed[3] + 2 * MARGIN
        marks = _marks_page(width, height, trim, bleed, f"{slug}   page {number} of {count}",
                            font)
        box = RectangleObject([-MARGIN, -MARGIN, bleed[2] + MARGIN, bleed[3] + MARGIN])
        page.mediabox = box
        page.cropbox = box
        page.merge_transformed_page(marks, Transformation().translate(-MARGIN, -MARGIN))


def _marks_page(width, height, trim, bleed, slug_text, font):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, enforceColorSpace="cmyk",
                    initialFontName=font)
    canvas.translate(MARGIN, MARGIN)
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
    canvas.setFont(font, 6)
    canvas.drawString(x0, c0 - OFFSET - LENGTH - 2 * mm, slug_text)
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]


def _registration_target(canvas: Canvas, x: float, y: float) -> None:
    radius = 2 * mm
    canvas.circle(x, y, radius, stroke=1, fill=0)
    canvas.circle(x, y, radius / 2, stroke=1, fill=0)
    canvas.line(x - radius * 1.5, y, x + radius * 1.5, y)
    canvas.line(x, y - radius * 1.5, x, y + radius * 1.5)
