"""What is printed around the pages of an imposed sheet, outside their bleed: crop marks at
the corners, fold marks at the spine, a collating mark that steps from sheet to sheet, the
sheet and side label, and a colour bar where the sheet has room.

The geometry is plain data (`SideMarks`, made by `side_marks`); `marks_document` draws all
sides in one ReportLab document, marks in the Registration colour (`/Separation /All`, on
every plate) and the colour bar in process CMYK.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

Line = tuple[float, float, float, float]  # x0, y0, x1, y1 in pt
Rect = tuple[float, float, float, float]  # x, y, width, height in pt
CMYK = tuple[float, float, float, float]

REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
MARK_LINE = 0.25  # pt
MARK_GAP = 1 * mm  # between the bleed edge and the start of a mark
MARK_LENGTH = 5 * mm
MARK_MIN_LENGTH = 2 * mm  # with less room than this the sheet gets no marks
FOLD_DASH = (2, 1.5)  # pt: a fold mark is dashed, a cut mark solid
COLLATING_SIZE = (2 * mm, 1.5 * mm)
COLLATING_STEPS = 4  # the mark moves one step per sheet and comes back every 4 sheets
LABEL_SIZE = 6.0  # pt
PATCH = (5 * mm, 4 * mm)  # colour bar patch width, height
PATCHES: list[CMYK] = [  # solids, overprints of two solids, half tints
    (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
    (1, 1, 0, 0), (1, 0, 1, 0), (0, 1, 1, 0),
    (0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0), (0, 0, 0, 0.5),
]


@dataclass(frozen=True)
class SideMarks:
    """Everything drawn outside the pages on one side of a sheet, in sheet coordinates."""

    size: tuple[float, float]
    crop: list[Line] = field(default_factory=list)
    fold: list[Line] = field(default_factory=list)
    collating: Rect | None = None
    colour_bar: list[tuple[Rect, CMYK]] = field(default_factory=list)
    label: tuple[float, float, str] | None = None


def side_marks(size: tuple[float, float], trim: tuple[float, float], bleed: float,
               sheet: int, label: str) -> SideMarks:
    """The marks of a sheet side: `trim` is one page's (width, height), the two pages meet at
    the spine in the middle of the sheet; `sheet` counts from 0 (the outermost sheet).

    >>> side = side_marks((450 * mm, 320 * mm), (210 * mm, 297 * mm), 3 * mm, 0, "x")
    >>> len(side.crop), len(side.fold), side.collating is not None, side.label[2]
    (8, 1, True, 'x')
    >>> len(side.colour_bar) > 0  # (the foot of the spine holds the collating mark)
    True
    >>> side_marks((420 * mm, 297 * mm), (210 * mm, 297 * mm), 3 * mm, 0, "x").crop
    []
    """
    (sheet_w, sheet_h), (trim_w, trim_h) = size, trim
    start = bleed + MARK_GAP
    room_x, room_y = (sheet_w - 2 * trim_w) / 2, (sheet_h - trim_h) / 2
    length = min(MARK_LENGTH, min(room_x, room_y) - start)
    if length < MARK_MIN_LENGTH:
        return SideMarks(size)
    spine, bottom = sheet_w / 2, room_y
    top, left, right = bottom + trim_h, spine - trim_w, spine + trim_w
    crop: list[Line] = []
    for x in (left, right):
        crop += [(x, bottom - start - length, x, bottom - start),
                 (x, top + start, x, top + start + length)]
    for y in (bottom, top):
        crop += [(left - start - length, y, left - start, y),
                 (right + start, y, right + start + length, y)]
    fold = [(spine, top + start, spine, top + start + length),
            (spine, bottom - start - length, spine, bottom - start)]
    step = sheet % COLLATING_STEPS
    width, height = COLLATING_SIZE
    collating_top = bottom - start - step * height
    collating = None
    if collating_top - height >= 0:  # below the foot, on the fold line: cut off at the trim
        collating = (spine - width / 2, collating_top - height, width, height)
        fold = fold[:1]  # the foot of the spine holds the collating mark instead
    bar = []
    bar_y = top + start + (length - PATCH[1]) / 2
    if room_y - start >= PATCH[1]:
        x = left + start + length + MARK_GAP
        for colour in PATCHES:
            if x + PATCH[0] > spine - start:
                break
            bar.append(((x, bar_y, *PATCH), colour))
            x += PATCH[0]
    baseline = bottom - start - 2.5 * mm  # the label's capitals just clear the bleed
    text = (left + start + length + MARK_GAP, baseline, label) if baseline >= 1 * mm else None
    return SideMarks(size, crop, fold, collating, bar, text)


def marks_document(sides: list[SideMarks], font: str) -> bytes:
    """One page per sheet side with its marks, label and colour bar (a ReportLab PDF)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=font)
    for side in sides:
        canvas.setPageSize(side.size)
        _draw(canvas, side, font)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, side: SideMarks, font: str) -> None:
    canvas.setStrokeColor(REGISTRATION)
    canvas.setFillColor(REGISTRATION)
    canvas.setLineWidth(MARK_LINE)
    for line in side.crop:
        canvas.line(*line)
    canvas.setDash(*FOLD_DASH)
    for line in side.fold:
        canvas.line(*line)
    canvas.setDash()
    if side.collating is not None:
        canvas.rect(*side.collating, stroke=0, fill=1)
    if side.label is not None:
        x, y, text = side.label
        canvas.setFont(font, LABEL_SIZE)
        canvas.drawString(x, y, text)
    for rect, colour in side.colour_bar:
        canvas.setFillColor(CMYKColor(*colour))
        canvas.rect(*rect, stroke=0, fill=1)
