"""What is printed around the pages of an imposed sheet, outside their bleed: crop marks at
the corners, register targets at the centres of the sheet's edges, a colour bar across the
sheet's width, and the sheet and side label, all clear of the gripper margin.

The press grips the sheet along one long edge (the foot here): nothing may print within
`gripper` of it, so the pages sit that far (plus their bleed) from it and the marks go to the
other edges. A register target sits at the centre of every edge that has room for it; the
one at the head stands on the spine (its upright is the fold). Saddle-stitched sheets nest
inside each other, so no collating mark is printed: on the spine it would be hidden.

The geometry is plain data (`SideMarks`, made by `side_marks`); `marks_document` draws all
sides in one ReportLab document, marks in the Registration colour (`/Separation /All`, on
every plate) and the colour bar in process CMYK (its overprints with overprint on).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from layout.compose.text.draw import write_text

Line = tuple[float, float, float, float]  # x0, y0, x1, y1 in pt
Rect = tuple[float, float, float, float]  # x, y, width, height in pt
CMYK = tuple[float, float, float, float]
Target = tuple[float, float, float]  # centre x, y and radius in pt

REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
MARK_LINE = 0.25  # pt
MARK_GAP = 1 * mm  # between the bleed edge and the start of a mark
MARK_LENGTH = 5 * mm
MARK_MIN_LENGTH = 2 * mm  # with less room than this the sheet gets no marks
EDGE = 0.5 * mm  # nothing printed closer to a sheet edge than this
TARGET_RADIUS = 1.6 * mm  # a register target: two rings and a cross
LABEL_SIZE = 6.0  # pt
PATCH = (5 * mm, 3 * mm)  # colour bar patch width, height
PATCHES: list[CMYK] = [  # solids, half tints, overprints of two and three solids, grey balance
    (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
    (0.5, 0, 0, 0), (0, 0.5, 0, 0), (0, 0, 0.5, 0), (0, 0, 0, 0.5),
    (1, 1, 0, 0), (1, 0, 1, 0), (0, 1, 1, 0), (1, 1, 1, 0),
    (0.5, 0.4, 0.4, 0), (0, 0, 0, 0.5),  # grey balance 50/40/40 beside 50 % K …
    (0.25, 0.19, 0.19, 0), (0, 0, 0, 0.25),  # … and 25/19/19 beside 25 % K (ISO 12647-2)
]
C, M, Y = (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0)
OVERPRINTED = {(1, 1, 0, 0): (C, M), (1, 0, 1, 0): (C, Y), (0, 1, 1, 0): (M, Y),
               (1, 1, 1, 0): (C, M, Y)}  # an overprint patch: these solids, one over another


@dataclass(frozen=True)
class SideMarks:
    """Everything drawn outside the pages on one side of a sheet, in sheet coordinates;
    `missing` says plainly what had no room."""

    size: tuple[float, float]
    crop: list[Line] = field(default_factory=list)
    fold: list[Line] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    colour_bar: list[tuple[Rect, CMYK]] = field(default_factory=list)
    label: tuple[float, float, str] | None = None  # x, y of a label reading upwards
    missing: list[str] = field(default_factory=list)


def side_marks(size: tuple[float, float], trim: tuple[float, float], bleed: float,
               label: str, bottom: float | None = None, gripper: float = 0.0) -> SideMarks:
    """The marks of a sheet side: `trim` is one page's (width, height), the two pages meet at
    the spine in the middle of the sheet with their trim `bottom` above the foot (default:
    centred); nothing is printed within `gripper` of the foot.

    >>> side = side_marks((450 * mm, 320 * mm), (210 * mm, 297 * mm), 3 * mm, "x",
    ...                   bottom=15 * mm, gripper=12 * mm)
    >>> len(side.crop), len(side.targets), side.label[2], len(side.colour_bar) > 40
    (6, 3, 'x', True)
    >>> side.missing
    ['no register target at the foot: the 12 mm gripper margin leaves no room']
    >>> side_marks((420 * mm, 297 * mm), (210 * mm, 297 * mm), 3 * mm, "x").crop
    []
    """
    (sheet_w, sheet_h), (trim_w, trim_h) = size, trim
    bottom = (sheet_h - trim_h) / 2 if bottom is None else bottom
    start = bleed + MARK_GAP
    spine, top = sheet_w / 2, bottom + trim_h
    left, right = spine - trim_w, spine + trim_w
    side_room, head_room = left - start - EDGE, sheet_h - top - start - EDGE
    foot_room = bottom - start - max(gripper, EDGE)
    if max(side_room, head_room) < MARK_MIN_LENGTH:
        return SideMarks(size, missing=["no room outside the bleed for marks"])
    crop: list[Line] = []
    missing = []
    if side_room >= MARK_MIN_LENGTH:
        length = min(MARK_LENGTH, side_room)
        for y in (bottom, top):  # across, into the side margins
            crop += [(left - start - length, y, left - start, y),
                     (right + start, y, right + start + length, y)]
    else:
        missing.append("no crop marks at the sides: too little room outside the bleed")
    if head_room >= MARK_MIN_LENGTH:
        length = min(MARK_LENGTH, head_room)
        crop += [(x, top + start, x, top + start + length) for x in (left, right)]
    else:
        missing.append("no crop marks at the head: too little room above the bleed")
    if foot_room >= MARK_MIN_LENGTH:
        length = min(MARK_LENGTH, foot_room)
        crop += [(x, bottom - start - length, x, bottom - start) for x in (left, right)]
    targets = []
    middle = bottom + trim_h / 2
    reach = 2 * TARGET_RADIUS - 1e-6
    if side_room >= reach:
        targets += [(left - start - side_room / 2, middle, TARGET_RADIUS),
                    (right + start + side_room / 2, middle, TARGET_RADIUS)]
    else:
        missing.append("no register targets at the sides: too little room outside the bleed")
    if head_room >= reach:
        targets.append((spine, top + start + head_room / 2, TARGET_RADIUS))
    else:
        missing.append("no register target at the head: too little room above the bleed")
    fold = []
    if foot_room >= reach:
        targets.append((spine, bottom - start - foot_room / 2, TARGET_RADIUS))
    elif gripper > 0:
        missing.append(f"no register target at the foot: the {gripper / mm:.0f} mm gripper "
                       "margin leaves no room")
    if head_room < reach and head_room >= MARK_MIN_LENGTH:
        fold.append((spine, top + start, spine, top + start + min(MARK_LENGTH, head_room)))
    bar = _colour_bar(sheet_w, top + start, head_room, [left, right], spine)
    if not bar:
        missing.append("no colour bar: too little room above the bleed")
    text = (left - start - side_room + LABEL_SIZE, bottom, label) if side_room >= 3 * mm \
        else None
    return SideMarks(size, crop, fold, targets, bar, text, missing)


def _colour_bar(width: float, y: float, room: float, crops: list[float],
                spine: float) -> list[tuple[Rect, CMYK]]:
    """Patches across the sheet's width at the head, clear of the crop marks and of the
    register target on the spine; the patches repeat along the whole width."""
    if room < PATCH[1] - 1e-6:
        return []
    y += (room - PATCH[1]) / 2
    keep_clear = [(x - 1 * mm, x + 1 * mm) for x in crops]
    keep_clear.append((spine - TARGET_RADIUS - 1 * mm, spine + TARGET_RADIUS + 1 * mm))
    bar, x, k = [], EDGE + 1 * mm, 0
    while x + PATCH[0] <= width - EDGE - 1 * mm:
        clash = next((b for a, b in keep_clear if x < b and x + PATCH[0] > a), None)
        if clash is not None:
            x = clash
            continue
        bar.append(((x, y, *PATCH), PATCHES[k % len(PATCHES)]))
        x += PATCH[0]
        k += 1
    return bar


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
    canvas.setDash(2, 1.5)
    for line in side.fold:
        canvas.line(*line)
    canvas.setDash()
    for x, y, radius in side.targets:
        canvas.circle(x, y, radius, stroke=1, fill=0)
        canvas.circle(x, y, radius / 2, stroke=1, fill=0)
        canvas.line(x - radius * 1.15, y, x + radius * 1.15, y)
        canvas.line(x, y - radius * 1.15, x, y + radius * 1.15)
    if side.label is not None:
        x, y, text = side.label
        canvas.saveState()
        canvas.translate(x, y)
        canvas.rotate(90)
        write_text(canvas, font, LABEL_SIZE, 0, 0, text)
        canvas.restoreState()
    for rect, colour in side.colour_bar:
        solids = OVERPRINTED.get(colour)
        if solids is None:
            canvas.setFillColor(CMYKColor(*colour))
            canvas.rect(*rect, stroke=0, fill=1)
            continue
        canvas.saveState()  # each solid over the one before, as the press lays them
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(1)
        for solid in solids:
            canvas.setFillColor(CMYKColor(*solid))
            canvas.rect(*rect, stroke=0, fill=1)
        canvas.restoreState()
