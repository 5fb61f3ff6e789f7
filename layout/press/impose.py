"""Imposition: the finished A4 pages two-up, as printer spreads on a press sheet or as reader
spreads for proofing on screen.

The plan (which page goes where) is plain data and knows nothing of PDFs; the functions
after it place the pages with pypdf, always from their TrimBox and BleedBox (a MediaBox may
hold printer's marks), and draw crop marks with ReportLab.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation, apply_configuration
from pypdf.generic import ContentStream, RectangleObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from layout.files import write_atomically

SHEETS: dict[str, tuple[float, float]] = {  # landscape (width, height) in pt
    "SRA3": (450 * mm, 320 * mm),
    "A3": (420 * mm, 297 * mm),
}
REGISTRATION = (1, 1, 1, 1)  # CMYK: prints on every plate
MARK_LINE = 0.25  # pt
MARK_GAP = 1 * mm  # between the bleed edge and the start of a crop mark
MARK_LENGTH = 5 * mm
MARK_MIN_LENGTH = 2 * mm  # with less room than this the sheet gets no marks
FIT_TOLERANCE = 0.5  # pt: A4 two-up fills A3 exactly, up to the rounding of the boxes

Side = tuple[int, int]  # (left, right) 1-based page numbers on one side of a sheet
Spread = tuple[int | None, int | None]  # a reader spread; None is an empty half


# ---------------------------------------------------------------- the plan (plain data)


@dataclass(frozen=True)
class Sheet:
    """One sheet folded once at the spine: the pages on its front and on its back."""

    front: Side
    back: Side


def saddle_stitch_plan(pages: int) -> list[Sheet]:
    """Sheets for a saddle-stitched issue of `pages` pages, outermost sheet first.

    >>> saddle_stitch_plan(8)
    [Sheet(front=(8, 1), back=(2, 7)), Sheet(front=(6, 3), back=(4, 5))]
    >>> saddle_stitch_plan(4)
    [Sheet(front=(4, 1), back=(2, 3))]
    """
    if pages < 4 or pages % 4:
        short = 4 - pages % 4 if pages > 0 else 4
        raise ValueError(f"saddle stitch needs a page count that is a multiple of 4, "
                         f"not {pages} (add {short} page(s))")
    return [Sheet(front=(pages - 2 * k, 1 + 2 * k), back=(2 + 2 * k, pages - 1 - 2 * k))
            for k in range(pages // 4)]


def printer_sides(pages: int) -> list[Side]:
    """Every side to print, in order: sheet 1 front, sheet 1 back, sheet 2 front, …

    >>> printer_sides(8)
    [(8, 1), (2, 7), (6, 3), (4, 5)]
    """
    return [side for sheet in saddle_stitch_plan(pages) for side in (sheet.front, sheet.back)]


def reader_spreads_plan(pages: int) -> list[Spread]:
    """Spreads as a reader sees them: page 1 alone on the right, the last even page alone.

    >>> reader_spreads_plan(6)
    [(None, 1), (2, 3), (4, 5), (6, None)]
    >>> reader_spreads_plan(5)
    [(None, 1), (2, 3), (4, 5)]
    """
    if pages < 1:
        raise ValueError(f"reader spreads need at least one page, not {pages}")
    numbers: list[int | None] = [None, *range(1, pages + 1)]
    if len(numbers) % 2:
        numbers.append(None)
    return [(numbers[i], numbers[i + 1]) for i in range(0, len(numbers), 2)]


def sheet_size(name: str) -> tuple[float, float]:
    """The press sheet's (width, height) in pt, landscape; ValueError for an unknown name."""
    try:
        return SHEETS[name.upper()]
    except KeyError:
        valid = ", ".join(SHEETS)
        raise ValueError(f"unknown sheet {name!r}: choose one of {valid}") from None


# ---------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Box:
    """A rectangle in pt, (x0, y0) lower left, (x1, y1) upper right."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, rect: RectangleObject) -> Box:
        return cls(float(rect.left), float(rect.bottom), float(rect.right), float(rect.top))

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def as_pdf(self) -> RectangleObject:
        return RectangleObject((self.x0, self.y0, self.x1, self.y1))


@dataclass(frozen=True)
class PageBoxes:
    """A source page's trim and bleed; the bleed is the trim when the page declares none."""

    trim: Box
    bleed: Box

    @property
    def widest_bleed(self) -> float:
        """The largest distance from the trim to the bleed edge, in pt."""
        t, b = self.trim, self.bleed
        return max(t.x0 - b.x0, b.x1 - t.x1, t.y0 - b.y0, b.y1 - t.y1, 0.0)


def page_boxes(page: PageObject, number: int) -> PageBoxes:
    """Read a page's TrimBox and BleedBox; ValueError if it cannot be imposed."""
    if "/TrimBox" not in page:
        raise ValueError(f"page {number} has no TrimBox: imposition places pages by their trim")
    if page.rotation % 360:
        raise ValueError(f"page {number} is rotated by {page.rotation}°: expected upright pages")
    trim = Box.of(page.trimbox)
    bleed = Box.of(page.bleedbox) if "/BleedBox" in page else trim
    return PageBoxes(trim, bleed)


def common_trim(boxes: list[PageBoxes]) -> tuple[float, float]:
    """The trim (width, height) in pt that every page shares; ValueError if they differ."""
    width, height = boxes[0].trim.width, boxes[0].trim.height
    for number, box in enumerate(boxes, start=1):
        if abs(box.trim.width - width) > FIT_TOLERANCE or \
                abs(box.trim.height - height) > FIT_TOLERANCE:
            raise ValueError(f"page {number} is trimmed to {_mm(box.trim.width, box.trim.height)}"
                             f", page 1 to {_mm(width, height)}: all pages must share one trim")
    return width, height


def check_fit(sheet: tuple[float, float], trim: tuple[float, float], name: str) -> None:
    """Two trims side by side must fit on the sheet."""
    if 2 * trim[0] > sheet[0] + FIT_TOLERANCE or trim[1] > sheet[1] + FIT_TOLERANCE:
        raise ValueError(f"two pages of {_mm(*trim)} do not fit side by side "
                         f"on {name.upper()} ({_mm(*sheet)})")


def crop_mark_lines(sheet: tuple[float, float], trim: tuple[float, float],
                    bleed: float) -> list[tuple[float, float, float, float]]:
    """Crop-mark segments (x0, y0, x1, y1) in pt for a printer spread centred on the sheet.

    Marks run out from the trim corners, starting beyond the bleed; at the spine only the
    vertical marks (a horizontal one would cross the facing page). None if there is no room.
    """
    (sheet_w, sheet_h), (trim_w, trim_h) = sheet, trim
    start = bleed + MARK_GAP
    room = min((sheet_w - 2 * trim_w) / 2, (sheet_h - trim_h) / 2) - start
    length = min(MARK_LENGTH, room)
    if length < MARK_MIN_LENGTH:
        return []
    spine, bottom = sheet_w / 2, (sheet_h - trim_h) / 2
    top, left, right = bottom + trim_h, spine - trim_w, spine + trim_w
    lines = []
    for x in (left, spine, right):
        lines += [(x, bottom - start - length, x, bottom - start),
                  (x, top + start, x, top + start + length)]
    for y in (bottom, top):
        lines += [(left - start - length, y, left - start, y),
                  (right + start, y, right + start + length, y)]
    return lines


def _mm(width: float, height: float) -> str:
    return f"{width / mm:.0f} x {height / mm:.0f} mm"


# ---------------------------------------------------------------- PDF work


def impose(source: Path, target: Path, sheet: str = "SRA3", reader: bool = False) -> int:
    """Impose source's pages two-up into target; return the number of pages written.

    Printer spreads (the default) are the sides of saddle-stitch sheets of `sheet` paper,
    with bleed and crop marks where the sheet has room; `reader=True` gives trimmed reader
    spreads for proofing on screen instead.
    """
    size = sheet_size(sheet)
    document = PdfReader(source)
    pages = list(document.pages)
    if not pages:
        raise ValueError(f"{source}: the PDF has no pages to impose")
    boxes = [page_boxes(page, number) for number, page in enumerate(pages, start=1)]
    trim = common_trim(boxes)
    writer = PdfWriter()
    writer.pdf_header = document.pdf_header  # pypdf would write 1.3
    with apply_configuration(page_merge_box="cropbox"):  # the clip is the source CropBox
        if reader:
            _reader_spreads(writer, pages, boxes, trim)
            title = "reader spreads"
        else:
            check_fit(size, trim, sheet)
            _printer_spreads(writer, pages, boxes, size, trim)
            title = f"printer spreads, {sheet.upper()}"
    for page in writer.pages:
        page.compress_content_streams()
    writer.add_metadata({"/Title": f"{source.stem}: {title}", "/Creator": "ADALAZAMAT layout",
                         "/Producer": "ReportLab + pypdf"})
    data = io.BytesIO()
    writer.write(data)
    write_atomically(target, data.getvalue())
    return len(writer.pages)


def _printer_spreads(writer: PdfWriter, pages: list[PageObject], boxes: list[PageBoxes],
                     size: tuple[float, float], trim: tuple[float, float]) -> None:
    """One sheet side per output page: the pair meets at the spine, centred on the sheet."""
    bleed = max(box.widest_bleed for box in boxes)
    marks = _marks_page(size, crop_mark_lines(size, trim, bleed))
    spine, trim_bottom = size[0] / 2, (size[1] - trim[1]) / 2
    for left, right in printer_sides(len(pages)):
        side = writer.add_blank_page(*size)
        if marks is not None:
            side.merge_page(marks)
        lb, rb = boxes[left - 1], boxes[right - 1]  # each keeps its bleed but at the spine
        _place(side, pages[left - 1], Box(lb.bleed.x0, lb.bleed.y0, lb.trim.x1, lb.bleed.y1),
               spine - lb.trim.x1, trim_bottom - lb.trim.y0)
        _place(side, pages[right - 1], Box(rb.trim.x0, rb.bleed.y0, rb.bleed.x1, rb.bleed.y1),
               spine - rb.trim.x0, trim_bottom - rb.trim.y0)


def _reader_spreads(writer: PdfWriter, pages: list[PageObject], boxes: list[PageBoxes],
                    trim: tuple[float, float]) -> None:
    """Two trimmed pages per output page, as the reader sees them; no bleed, no marks."""
    for spread in reader_spreads_plan(len(pages)):
        side = writer.add_blank_page(2 * trim[0], trim[1])
        for half, number in enumerate(spread):
            if number is not None:
                box = boxes[number - 1].trim
                _place(side, pages[number - 1], box, half * trim[0] - box.x0, -box.y0)


def _place(side: PageObject, page: PageObject, keep: Box, dx: float, dy: float) -> None:
    """Merge the part `keep` of a source page onto the side, moved by (dx, dy) pt."""
    page.cropbox = keep.as_pdf()  # pypdf clips merged content to the source CropBox
    if "/Annots" in page:
        del page["/Annots"]  # links would point into the source, not the imposed sheets
    side.merge_transformed_page(page, Transformation().translate(dx, dy))


def _marks_page(size: tuple[float, float],
                lines: list[tuple[float, float, float, float]]) -> PageObject | None:
    """A sheet-sized page with the crop marks in registration colour, or None if no marks."""
    if not lines:
        return None
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1, enforceColorSpace="cmyk")
    canvas.setStrokeColorCMYK(*REGISTRATION)
    canvas.setLineWidth(MARK_LINE)
    for line in lines:
        canvas.line(*line)
    canvas.showPage()
    canvas.save()
    page = PdfWriter(clone_from=buffer).pages[0]
    _drop_text_objects(page)
    return page


def _drop_text_objects(page: PageObject) -> None:
    """Remove the empty text object ReportLab opens every page with, and its font.

    It names Helvetica, which is never embedded; a print file must not name a font it
    does not embed, and the marks need no text.
    """
    content = ContentStream(page.get_contents(), page.pdf)
    kept, in_text = [], False
    for operands, operator in content.operations:
        if operator == b"BT":
            in_text = True
        elif operator == b"ET":
            in_text = False
        elif not in_text:
            kept.append((operands, operator))
    content.operations = kept
    page.replace_contents(content)
    del page["/Resources"]["/Font"]
