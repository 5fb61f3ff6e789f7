"""Imposition: the finished A4 pages two-up, as printer sheets a press can plate or as reader
spreads for proofing on screen.

The plan (which page goes where, how far creep moves it) is plain data and knows nothing of
PDFs; the functions after it place each page once as a form XObject, always from its TrimBox
and BleedBox (a MediaBox may hold printer's marks). A printer sheet is PDF/X-4 like the
pages: a TrimBox and BleedBox per sheet side, the pages moved away from the gripper edge
(the foot), crop marks, register targets, a sheet and side label and a colour bar outside
the bleed and the gripper margin (press/sheet_marks.py), the fonts merged with the pages'
(press/fonts.py).
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from layout.files import write_atomically
from layout.outputs import check_output_file
from layout.pdf_input import check_pdf
from layout.press.fonts import FontMerge, adopt_merged, postscript_names
from layout.press.marks import page_form
from layout.press.pdfx import build_moment, make_pdfx
from layout.press.pypdf_private import add_object
from layout.press.rewrite import press_document
from layout.press.sheet_marks import marks_document, side_marks
from layout.style import shaping

SHEETS: dict[str, tuple[float, float]] = {  # landscape (width, height) in pt
    "SRA3": (450 * mm, 320 * mm),
    "A3": (420 * mm, 297 * mm),
}
MAX_CREEP = 1.0  # mm: the innermost pages move this far at most (the bleed is 3 mm, and
# the preflight wants artwork to reach 2 mm past the trim on the flat sheet)
PROJECT_FONTS = Path(__file__).resolve().parents[2] / "fonts"
LABEL_FACE = "NotoSans-Regular"  # the sheet labels' face (merged with the pages' subset)
LABEL_FONT = "ADZSheetLabel"
FIT_TOLERANCE = 0.5  # pt: A4 two-up fills A3 exactly, up to the rounding of the boxes
GRIPPER = 12.0  # mm: the press grips the sheet here (theme: imposition.gripper)

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


def creep_shifts(sheets: int, creep_mm: float) -> list[float]:
    """How far (mm) each sheet's pages move towards the spine, outermost sheet first: nested
    sheets push their fore-edge out, so the innermost moves by the whole creep.

    >>> creep_shifts(3, 0.5)
    [0.0, 0.25, 0.5]
    >>> creep_shifts(1, 0.5)
    [0.0]
    """
    if not 0 <= creep_mm <= MAX_CREEP:
        raise ValueError(f"creep of {creep_mm:g} mm: give 0 to {MAX_CREEP:g} mm (more would "
                         "take the pages' bleed past the trim)")
    if sheets < 2:
        return [0.0] * sheets
    return [round(creep_mm * k / (sheets - 1), 4) for k in range(sheets)]


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


def _mm(width: float, height: float) -> str:
    return f"{width / mm:.0f} x {height / mm:.0f} mm"


# ---------------------------------------------------------------- PDF work


def impose(source: Path, target: Path, sheet: str = "SRA3", reader: bool = False,
           creep_mm: float = 0.0, fonts_dir: Path = PROJECT_FONTS,
           gripper_mm: float = GRIPPER, notes: list[str] | None = None) -> int:
    """Impose source's pages two-up into target; return the number of pages written.

    Printer sheets (the default) are the sides of saddle-stitch sheets of `sheet` paper,
    PDF/X-4, with bleed, marks, labels and a colour bar where the sheet has room, the pages
    `gripper_mm` and their bleed away from the foot (the gripper edge), the inner sheets'
    pages moved by `creep_mm` at most; `reader=True` gives trimmed reader spreads for
    proofing on screen instead. Fonts are merged with the TrueType files of `fonts_dir`.
    What the sheet has no room for is said in `notes`.
    """
    check_pdf(source)
    check_output_file(target, [source])
    size = sheet_size(sheet)
    document = PdfReader(source)
    pages = list(document.pages)
    if not pages:
        raise ValueError(f"{source}: the PDF has no pages to impose")
    boxes = [page_boxes(page, number) for number, page in enumerate(pages, start=1)]
    trim = common_trim(boxes)
    faces = postscript_names(sorted(fonts_dir.glob("*.ttf")))
    fonts = FontMerge(faces)  # the sheets embed each face once, the labels' text included
    adopt_merged(document, faces)  # the issue's own fonts, to take in the labels' text
    fonts.add(press_document(document).used)
    writer = PdfWriter()
    placer = _Placer(writer, pages)
    info = document.metadata or {}
    title = str(info.get("/Title") or source.stem)
    if reader:
        _reader_spreads(writer, placer, boxes, trim)
        fonts.finish(writer)
        writer.add_metadata({"/Title": f"{title}: reader spreads", "/Creator":
                             "ADALAZAMAT layout", "/Producer": "ReportLab + pypdf"})
    else:
        check_fit(size, trim, sheet)
        printer_sides(len(pages))  # refuses a page count that is not a multiple of 4
        shifts = creep_shifts(len(pages) // 4, creep_mm)
        _register_label_font(faces)
        labels = [f"{title}  ·  {_side_label(k, len(pages), sheet, shifts)}"
                  for k in range(len(pages) // 2)]
        bleed = max(box.widest_bleed for box in boxes)
        bottom, gripper = trim_position(size, trim, bleed, gripper_mm * mm, sheet)
        missing = _printer_sheets(writer, placer, boxes, size, trim, shifts, labels, fonts,
                                  bottom, gripper)
        if notes is not None:
            if gripper_mm and not gripper:
                notes.append(f"{sheet.upper()} has no room for a {gripper_mm:g} mm gripper "
                             "margin beside the pages and their bleed: the pages stay "
                             "centred (a proof, not plates)")
            notes += missing
        fonts.finish(writer)
        moment = build_moment(os.environ.get("SOURCE_DATE_EPOCH"), [source])
        fingerprint = hashlib.sha256(source.read_bytes()
                                     + f"{sheet}|{creep_mm}|{gripper_mm}".encode())
        make_pdfx(writer, f"{title}: printer sheets, {sheet.upper()}",
                  str(info.get("/Author") or title), moment, fingerprint.digest())
    data = io.BytesIO()
    writer.write(data)
    write_atomically(target, data.getvalue())
    return len(writer.pages)


def trim_position(size: tuple[float, float], trim: tuple[float, float], bleed: float,
                  gripper: float, sheet: str) -> tuple[float, float]:
    """(the pages' trim bottom above the sheet's foot, the gripper margin kept), in pt: the
    pages centred, or moved up so that their bleed clears the gripper margin. A sheet with
    no room for the bleed beside the pages (A3) keeps them centred and no gripper; one that
    has room for the bleed but not for the gripper too is an error.

    >>> [round(v / mm, 1) for v in trim_position((450 * mm, 320 * mm), (210 * mm, 297 * mm),
    ...                                          3 * mm, 12 * mm, "SRA3")]
    [15.0, 12.0]
    """
    centred = (size[1] - trim[1]) / 2
    if gripper <= 0 or centred < bleed:
        return max(centred, 0.0), 0.0
    if gripper + 2 * bleed + trim[1] > size[1] + FIT_TOLERANCE:
        raise ValueError(f"a {gripper / mm:g} mm gripper margin, {round(bleed / mm, 1):g} mm of "
                         "bleed and "
                         f"pages {trim[1] / mm:.0f} mm high do not fit on {sheet.upper()} "
                         f"({size[1] / mm:.0f} mm): give a smaller --gripper")
    return max(centred, gripper + bleed), gripper


def _register_label_font(faces: dict[str, Path]) -> None:
    """The labels' face with ReportLab (its file from the fonts folder)."""
    if LABEL_FONT in pdfmetrics.getRegisteredFontNames():
        return
    path = faces.get(LABEL_FACE) or next(iter(faces.values()), None)
    if path is None:
        raise ValueError("no TrueType font to write the sheet labels with")
    pdfmetrics.registerFont(TTFont(LABEL_FONT, str(path)))
    shaping.register_face(LABEL_FONT, path)  # the labels are written by compose's writer


def _side_label(index: int, pages: int, sheet: str, shifts: list[float]) -> str:
    """'sheet 2 of 11, back: pages 4 | 41, SRA3' (and the creep on that sheet)."""
    left, right = printer_sides(pages)[index]
    number, side = index // 2 + 1, "front" if index % 2 == 0 else "back"
    creep = f", creep {shifts[number - 1]:.2f} mm" if shifts and shifts[-1] else ""
    return (f"sheet {number} of {pages // 4}, {side}: pages {left} | {right}, "
            f"{sheet.upper()}{creep}")


class _Placer:
    """Each source page as one form XObject of the writer (made the first time it is used)."""

    def __init__(self, writer: PdfWriter, pages: list[PageObject]):
        self.writer, self.pages = writer, pages
        self.forms: dict[int, IndirectObject] = {}

    def place(self, side: PageObject, content: list[bytes], number: int, keep: Box,
              dx: float, dy: float) -> None:
        """Draw the part `keep` of page `number` (1-based) moved by (dx, dy) pt."""
        name = f"/P{number}"
        if number not in self.forms:
            form = page_form(self.writer, self.pages[number - 1])
            self.forms[number] = add_object(self.writer, form)
        _add_resource(side, "/XObject", name, self.forms[number])
        content.append(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm {keep.x0:.4f} {keep.y0:.4f} "
                       f"{keep.width:.4f} {keep.height:.4f} re W n {name} Do Q".encode())



def _add_resource(page: PageObject, category: str, name: str, value) -> None:
    resources = page.get("/Resources")
    if resources is None:
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    resources = resources.get_object()
    named = resources.get(category)
    if named is None:
        named = DictionaryObject()
        resources[NameObject(category)] = named
    named.get_object()[NameObject(name)] = value


def _set_content(writer: PdfWriter, page: PageObject, content: list[bytes]) -> None:
    stream = DecodedStreamObject()
    stream.set_data(b"\n".join(content))
    page[NameObject("/Contents")] = add_object(writer, stream.flate_encode())


def _printer_sheets(writer: PdfWriter, placer: _Placer, boxes: list[PageBoxes],
                    size: tuple[float, float], trim: tuple[float, float], shifts: list[float],
                    labels: list[str], fonts: FontMerge, trim_bottom: float,
                    gripper: float) -> list[str]:
    """One sheet side per output page: the pair meets at the spine, centred across the
    sheet, its trim `trim_bottom` above the foot; the inner sheets' pages move towards the
    spine by their creep. Returns what the marks had no room for."""
    bleed = max(box.widest_bleed for box in boxes)
    spine = size[0] / 2
    room = min((size[0] - 2 * trim[0]) / 2, trim_bottom - gripper,
               size[1] - trim_bottom - trim[1])
    sheet_bleed = min(bleed, max(room, 0.0))
    sides = printer_sides(len(boxes))
    marks = [side_marks(size, trim, bleed, label, trim_bottom, gripper) for label in labels]
    marks_pdf = PdfReader(io.BytesIO(marks_document(marks, LABEL_FONT)))
    fonts.add(press_document(marks_pdf).used)
    for index, (left, right) in enumerate(sides):
        shift = shifts[index // 2] * mm if shifts else 0.0
        side = writer.add_blank_page(*size)
        sheet_trim = Box(spine - trim[0], trim_bottom, spine + trim[0], trim_bottom + trim[1])
        side.trimbox = sheet_trim.as_pdf()
        side.bleedbox = Box(sheet_trim.x0 - sheet_bleed, sheet_trim.y0 - sheet_bleed,
                            sheet_trim.x1 + sheet_bleed, sheet_trim.y1 + sheet_bleed).as_pdf()
        content: list[bytes] = []
        lb, rb = boxes[left - 1], boxes[right - 1]  # each keeps its bleed but at the spine
        placer.place(side, content, left, Box(lb.bleed.x0, lb.bleed.y0, lb.trim.x1,
                                              lb.bleed.y1),
                     spine - lb.trim.x1 + shift, trim_bottom - lb.trim.y0)
        placer.place(side, content, right, Box(rb.trim.x0, rb.bleed.y0, rb.bleed.x1,
                                               rb.bleed.y1),
                     spine - rb.trim.x0 - shift, trim_bottom - rb.trim.y0)
        mark = add_object(writer, page_form(writer, marks_pdf.pages[index]))
        _add_resource(side, "/XObject", "/Marks", mark)
        content.append(b"/Marks Do")
        _set_content(writer, side, content)
    return marks[0].missing if marks else []




def _reader_spreads(writer: PdfWriter, placer: _Placer, boxes: list[PageBoxes],
                    trim: tuple[float, float]) -> None:
    """Two trimmed pages per output page, as the reader sees them; no bleed, no marks."""
    for spread in reader_spreads_plan(len(boxes)):
        side = writer.add_blank_page(2 * trim[0], trim[1])
        content: list[bytes] = []
        for half, number in enumerate(spread):
            if number is not None:
                box = boxes[number - 1].trim
                placer.place(side, content, number, box, half * trim[0] - box.x0, -box.y0)
        _set_content(writer, side, content)
