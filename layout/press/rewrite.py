"""Every content stream of a source document (an article, the marks), rewritten once before
its pages are joined: 100 % K text and rules set to overprint; on the way, small text
printed in many inks is noted for the build's warning. The text itself is already written
in the document's fonts (compose/text/draw.py) and is copied as it is; the faces it draws
are read from the document's placeholders (press/fonts.py).

The rewrite follows the graphics state (q/Q, cm, colours, overprint, text state) of each
stream and copies every operation it does not change byte for byte. It depends on nothing
but the document itself, so a pressed article can be kept and reused (press/pressed.py).

Overprint: black text printed on a tint must not knock a white hole into the other plates
(misregistration shows as white slivers), so text and thin rules in exactly 0/0/0/100
DeviceCMYK are drawn with overprint on and overprint mode 1 (ISO 32000-1 §8.6.7: zero
components leave the plates below alone). Small type (under 12 pt) in a tint of black
alone overprints too where it stands on a light tint painted before it on the page (every
ink at most 30 %: a respondent's card), so the tint's plates have no type-shaped holes; on
a darker tint it is noted for the build's warning. Everything else keeps the document's own
overprint state: images, shadings, forms and larger black areas knock out as drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    NameObject,
    NumberObject,
)

from layout.press.contentstream import (
    NUMBER,
    name,
    number,
    operations,
)
from layout.press.fonts import FaceUse, faces_drawn
from layout.press.inks import INK, MAX_INKS, SMALL_TYPE, SmallType, inks, k_tint, light_tint

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 on the page
Overprint = tuple[bool, bool, int]  # fill overprint (op), stroke overprint (OP), OPM

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
KNOCKOUT: Overprint = (False, False, 0)  # the PDF default
THIN_RULE = 3.0  # pt: a black fill this thin (a rule) overprints; larger black areas do not
CMYK_SPACES = frozenset({"/DeviceCMYK", "/CMYK"})
FILL_PAINT = frozenset({b"f", b"F", b"f*"})
STROKE_PAINT = frozenset({b"S", b"s"})
BOTH_PAINT = frozenset({b"B", b"B*", b"b", b"b*"})
FILL_MODES = frozenset({0, 2, 4, 6})
STROKE_MODES = frozenset({1, 2, 5, 6})
DEVICE_COMPONENTS = {"/DeviceCMYK": 4, "/CMYK": 4, "/DeviceRGB": 3, "/RGB": 3,
                     "/DeviceGray": 1, "/G": 1}


@dataclass(slots=True)
class _State:
    """The part of the graphics state the rewrite follows (saved and restored by q/Q)."""

    ctm: Matrix = IDENTITY
    fill: tuple[str, tuple[float, ...]] = ("/DeviceGray", (0.0,))
    stroke: tuple[str, tuple[float, ...]] = ("/DeviceGray", (0.0,))
    size: float = 0.0
    render: int = 0
    own: Overprint = KNOCKOUT  # as the document sets it
    actual: Overprint = KNOCKOUT  # as it is in the output

    def copy(self) -> _State:
        return _State(self.ctm, self.fill, self.stroke, self.size, self.render, self.own,
                      self.actual)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def is_full_black(colour: tuple[str, tuple[float, ...]]) -> bool:
    """Exactly 0/0/0/100 in DeviceCMYK: the colour that overprints."""
    space, values = colour
    return space in CMYK_SPACES and len(values) == 4 and values[3] >= 1 - INK \
        and max(values[:3]) <= INK


@dataclass
class PressFacts:
    """What pressing a document found: the faces its text uses (for the merged fonts) and
    its small text in many inks (page indexes from 0)."""

    used: dict[str, FaceUse] = field(default_factory=dict)
    small_type: list[SmallType] = field(default_factory=list)


def press_document(reader: PdfReader) -> PressFacts:
    """Press a source document in place (its objects in memory): every page's and form's
    content rewritten; the faces its placeholders say it draws."""
    press = _DocumentPress()
    pages = list(reader.pages)
    contents = [_page_data(page) for page in pages]  # all read before any is replaced
    for index, (page, data) in enumerate(zip(pages, contents, strict=True)):
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        new = _Stream(press, resources, index, IDENTITY).rewrite(data)
        if new != data:
            _store_page(page, new)
    return PressFacts(faces_drawn(reader), press.small_type)


@dataclass
class _DocumentPress:
    """The state one document's rewrite shares between its streams."""

    small_type: list[SmallType] = field(default_factory=list)
    _forms: set[int] = field(default_factory=set)

    def overprint_state(self, resources: DictionaryObject, wanted: Overprint) -> bytes:
        """The name of an ExtGState that sets `wanted`, added to the resources."""
        op, big_op, mode = wanted
        key = f"/ADZop{int(op)}{int(big_op)}{mode}"
        states = resources.get("/ExtGState")
        if states is None:
            states = DictionaryObject()
            resources[NameObject("/ExtGState")] = states
        states = states.get_object()
        if key not in states:
            states[NameObject(key)] = DictionaryObject({
                NameObject("/Type"): NameObject("/ExtGState"),
                NameObject("/op"): BooleanObject(op),
                NameObject("/OP"): BooleanObject(big_op),
                NameObject("/OPM"): NumberObject(mode),
            })
        return key.encode()

    def form(self, form, ctm: Matrix, page: int, inherited: DictionaryObject) -> None:
        """Rewrite a form XObject the first time a page draws it."""
        key = form.indirect_reference.idnum if form.indirect_reference is not None \
            else id(form)
        if key in self._forms:
            return
        self._forms.add(key)
        resources = form.get("/Resources")
        resources = resources.get_object() if resources is not None else inherited
        matrix = tuple(float(v) for v in form.get("/Matrix", IDENTITY))
        data = form.get_data()
        new = _Stream(self, resources, page, _multiply(matrix, ctm)).rewrite(data)
        if new != data:
            _store(form, new)


class _Stream:
    """One content stream being rewritten."""

    def __init__(self, press: _DocumentPress, resources: DictionaryObject, page: int,
                 ctm: Matrix):
        self.press, self.resources, self.page = press, resources, page
        self.state = _State(ctm=ctm)
        self.stack: list[_State] = []
        self.text_matrix: Matrix = IDENTITY
        self.line_matrix: Matrix = IDENTITY
        self.leading = 0.0
        self.path: list[float] | None = None  # x0, y0, x1, y1 of the current path
        # what was painted so far, last on top: (page rectangle, CMYK or None: not a tint)
        self.grounds: list[tuple[Rect, tuple[float, ...] | None]] = []
        self.pieces: list[bytes] = []
        self.copied = 0  # bytes of the source copied to pieces so far

    # ------------------------------------------------------------- output

    def rewrite(self, data: bytes) -> bytes:
        """The stream with overprint set; everything else copied as it is."""
        self.data = data
        for operation in operations(data):
            handler = _HANDLERS.get(operation.operator)
            if handler is not None:
                handler(self, operation)
        if not self.pieces:
            return data
        self.pieces.append(data[self.copied:])
        return b"".join(self.pieces)

    # ------------------------------------------------------------- graphics state

    def save(self, op) -> None:
        self.stack.append(self.state.copy())

    def restore(self, op) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def concat(self, op) -> None:
        if len(op.operands) == 6:
            matrix = tuple(number(self.data, t) for t in op.operands)
            self.state.ctm = _multiply(matrix, self.state.ctm)

    def external_state(self, op) -> None:
        """A document's own gs: follow what it says about overprint."""
        if not op.operands:
            return
        states = self.resources.get("/ExtGState")
        found = states.get_object().get(name(self.data, op.operands[0])) if states else None
        if found is None:
            return
        found = found.get_object()
        op_fill, op_stroke, mode = self.state.own
        if "/OP" in found:
            op_stroke = bool(found["/OP"])
            op_fill = bool(found.get("/op", found["/OP"]))
        elif "/op" in found:
            op_fill = bool(found["/op"])
        if "/OPM" in found:
            mode = int(found["/OPM"])
        self.state.own = (op_fill, op_stroke, mode)
        actual_fill, actual_stroke, actual_mode = self.state.actual
        self.state.actual = (op_fill if ("/op" in found or "/OP" in found) else actual_fill,
                             op_stroke if "/OP" in found else actual_stroke,
                             mode if "/OPM" in found else actual_mode)

    # ------------------------------------------------------------- colour

    def _values(self, op) -> tuple[float, ...]:
        return tuple(number(self.data, t) for t in op.operands if t[0] == NUMBER)

    def fill_cmyk(self, op) -> None:
        self.state.fill = ("/DeviceCMYK", self._values(op))

    def stroke_cmyk(self, op) -> None:
        self.state.stroke = ("/DeviceCMYK", self._values(op))

    def fill_device(self, op) -> None:
        space = {b"g": "/DeviceGray", b"rg": "/DeviceRGB"}[op.operator]
        self.state.fill = (space, self._values(op))

    def stroke_device(self, op) -> None:
        space = {b"G": "/DeviceGray", b"RG": "/DeviceRGB"}[op.operator]
        self.state.stroke = (space, self._values(op))

    def fill_space(self, op) -> None:
        if op.operands:
            space = name(self.data, op.operands[0])
            self.state.fill = (space, (0.0,) * DEVICE_COMPONENTS.get(space, 1))

    def stroke_space(self, op) -> None:
        if op.operands:
            space = name(self.data, op.operands[0])
            self.state.stroke = (space, (0.0,) * DEVICE_COMPONENTS.get(space, 1))

    def fill_colour(self, op) -> None:
        self.state.fill = (self.state.fill[0], self._values(op))

    def stroke_colour(self, op) -> None:
        self.state.stroke = (self.state.stroke[0], self._values(op))

    # ------------------------------------------------------------- overprint

    def _overprint(self, start: int, fill_black: bool | None, stroke_black: bool | None) -> None:
        """Before a painting operation: overprint where it paints 100 % K, the document's own
        state elsewhere. None: that side is not painted (whatever is set may stay)."""
        state = self.state
        own_fill, own_stroke, own_mode = state.own
        fill, stroke, mode = state.actual
        if fill_black is not None:
            fill = True if fill_black else own_fill
        if stroke_black is not None:
            stroke = True if stroke_black else own_stroke
        black = bool(fill_black) or bool(stroke_black)
        if black:
            mode = 1
        elif (fill, stroke) == (own_fill, own_stroke):
            mode = own_mode
        wanted = (fill, stroke, mode)
        if not (fill or stroke) and wanted[:2] == state.actual[:2]:
            return  # overprint off: the mode does not matter
        if wanted != state.actual:
            key = self.press.overprint_state(self.resources, wanted)
            self.pieces.append(self.data[self.copied:start])
            self.pieces.append(key + b" gs ")
            self.copied = start
            state.actual = wanted

    def _restore_own(self, start: int) -> None:
        """Images, shadings and forms are drawn in the document's own overprint state."""
        own = self.state.own
        if self.state.actual[:2] != own[:2]:
            self._overprint(start, False, False)

    # ------------------------------------------------------------- paths

    def _extend_path(self, values: list[float]) -> None:
        xs, ys = values[0::2], values[1::2]
        if self.path is None:
            self.path = [min(xs), min(ys), max(xs), max(ys)]
        else:
            path = self.path
            path[0], path[1] = min(path[0], *xs), min(path[1], *ys)
            path[2], path[3] = max(path[2], *xs), max(path[3], *ys)

    def path_points(self, op) -> None:
        self._extend_path([number(self.data, t) for t in op.operands])

    def rectangle(self, op) -> None:
        if len(op.operands) == 4:
            x, y, w, h = (number(self.data, t) for t in op.operands)
            self._extend_path([x, y, x + w, y + h])

    def _thin(self) -> bool:
        """The current path is a rule: under THIN_RULE pt across on the page."""
        if self.path is None:
            return False
        a, b, c, d = self.state.ctm[:4]
        width = (self.path[2] - self.path[0]) * math.hypot(a, b)
        height = (self.path[3] - self.path[1]) * math.hypot(c, d)
        return min(width, height) <= THIN_RULE

    def _ground(self, box: list[float] | tuple[float, ...], colour) -> None:
        """Note a painted area (box in the current user space) under what comes later."""
        x0, y0, x1, y1 = box
        ctm = self.state.ctm
        points = [(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
                  for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        self.grounds.append(((min(xs), min(ys), max(xs), max(ys)), colour))

    def _ground_at(self, x: float, y: float) -> tuple[float, ...] | None:
        """The CMYK of the topmost tint painted under (x, y); () for bare paper; None when
        the top is no flat tint (a picture, a shading, a form)."""
        for (x0, y0, x1, y1), colour in reversed(self.grounds):
            if x0 <= x <= x1 and y0 <= y <= y1:
                return colour
        return ()

    def paint(self, op) -> None:
        operator = op.operator
        fill = stroke = None
        if operator in FILL_PAINT or operator in BOTH_PAINT:
            fill = is_full_black(self.state.fill) and self._thin()
            if self.path is not None:
                space, values = self.state.fill
                self._ground(self.path, values if space in CMYK_SPACES and len(values) == 4
                             else None)
        if operator in STROKE_PAINT or operator in BOTH_PAINT:
            stroke = is_full_black(self.state.stroke)
        self._overprint(op.start, fill, stroke)
        self.path = None

    def end_path(self, op) -> None:
        self.path = None

    def shading(self, op) -> None:
        self._restore_own(op.start)
        self.grounds.append(((-1e9, -1e9, 1e9, 1e9), None))  # the clip, as far as we know

    def inline_image(self, op) -> None:
        self._restore_own(op.start)
        self._ground((0, 0, 1, 1), None)

    def draw_xobject(self, op) -> None:
        if not op.operands:
            return
        xobjects = self.resources.get("/XObject")
        found = xobjects.get_object().get(name(self.data, op.operands[0])) if xobjects \
            else None
        self._restore_own(op.start)
        if found is None:
            return
        found = found.get_object()
        if found.get("/Subtype") == "/Form":
            self.press.form(found, self.state.ctm, self.page, self.resources)
            matrix = tuple(float(v) for v in found.get("/Matrix", IDENTITY))
            saved = self.state.ctm
            self.state.ctm = _multiply(matrix, saved)
            self._ground(tuple(float(v) for v in found.get("/BBox", (0, 0, 0, 0))), None)
            self.state.ctm = saved
        else:
            self._ground((0, 0, 1, 1), None)

    # ------------------------------------------------------------- text state

    def begin_text(self, op) -> None:
        self.text_matrix = self.line_matrix = IDENTITY

    def text_move(self, op) -> None:
        """Td and TD (which also sets the leading)."""
        if len(op.operands) == 2:
            tx, ty = (number(self.data, t) for t in op.operands)
            if op.operator == b"TD":
                self.leading = -ty
            self.line_matrix = _multiply((1, 0, 0, 1, tx, ty), self.line_matrix)
            self.text_matrix = self.line_matrix

    def next_line(self, op) -> None:
        self.line_matrix = _multiply((1, 0, 0, 1, 0, -self.leading), self.line_matrix)
        self.text_matrix = self.line_matrix

    def set_leading(self, op) -> None:
        if op.operands:
            self.leading = number(self.data, op.operands[0])

    def select_font(self, op) -> None:
        if len(op.operands) == 2:
            self.state.size = number(self.data, op.operands[1])

    def set_text_matrix(self, op) -> None:
        if len(op.operands) == 6:
            self.text_matrix = self.line_matrix = tuple(number(self.data, t)
                                                        for t in op.operands)

    def render_mode(self, op) -> None:
        if op.operands:
            self.state.render = int(number(self.data, op.operands[0]))

    # ------------------------------------------------------------- text

    def show(self, op) -> None:
        """Tj, TJ, ' and ": overprint for black text, note small many-ink text."""
        state = self.state
        if op.operator in (b"'", b'"'):
            self.next_line(op)
        mode = state.render
        if mode in FILL_MODES or mode in STROKE_MODES:
            self._overprint(op.start,
                            (is_full_black(state.fill) or self._grey_on_light())
                            if mode in FILL_MODES else None,
                            is_full_black(state.stroke) if mode in STROKE_MODES else None)
            if mode in FILL_MODES:
                self._note_inks()

    def _text_size(self) -> float:
        """The font size as printed (under the text and graphics matrices)."""
        a, b, c, d = self.text_matrix[:4]
        p, q, r, s = self.state.ctm[:4]
        return abs(self.state.size) * math.sqrt(abs((a * d - b * c) * (p * s - q * r)))

    def _grey_on_light(self) -> bool:
        """Small type in a K tint standing on a light tint: it overprints. On a darker
        tint it knocks out, and is noted for the build's warning."""
        space, values = self.state.fill
        if space not in CMYK_SPACES or not k_tint(values):
            return False
        size = self._text_size()
        if not 0 < size < SMALL_TYPE - 1e-6:
            return False
        x, y = _multiply(self.text_matrix, self.state.ctm)[4:]
        ground = self._ground_at(x, y)
        if not ground or max(ground) <= INK:
            return False  # paper, or not a flat tint (a picture): knocks out as drawn
        if light_tint(ground):
            return True
        self.press.small_type.append(SmallType(self.page, values, round(size, 2), ground))
        return False

    def _note_inks(self) -> None:
        space, values = self.state.fill
        if space not in CMYK_SPACES or len(values) != 4:
            return
        if inks(values) <= MAX_INKS:
            return
        size = self._text_size()
        if 0 < size < SMALL_TYPE - 1e-6:
            self.press.small_type.append(SmallType(self.page, values, round(size, 2)))


def _page_data(page) -> bytes:
    """A page's content, its streams joined (a token never spans two streams)."""
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    if isinstance(contents, ArrayObject):
        return b"\n".join(part.get_object().get_data() for part in contents)
    return contents.get_data()


def _store_page(page, new: bytes) -> None:
    """New content for a page: in its stream, or as one new stream in place of an array
    (whose streams other pages may share)."""
    contents = page["/Contents"].get_object()
    if isinstance(contents, ArrayObject):
        stream = DecodedStreamObject()
        stream.set_data(new)
        page[NameObject("/Contents")] = stream.flate_encode()  # made indirect when joined
    else:
        _store(contents, new)


def _store(stream, data: bytes) -> None:
    """New data for a stream, deflated whatever filters it had (ReportLab's pages are
    ASCII85 and Flate; pypdf's set_data re-encodes Flate streams only)."""
    if not isinstance(stream, EncodedStreamObject):
        stream.set_data(data)
        return
    for key in ("/Filter", "/DecodeParms"):
        if key in stream:
            del stream[key]
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream.decoded_self = DecodedStreamObject()  # the old data need not be decoded first
    stream.set_data(data)


_HANDLERS = {
    b"q": _Stream.save, b"Q": _Stream.restore, b"cm": _Stream.concat,
    b"gs": _Stream.external_state,
    b"k": _Stream.fill_cmyk, b"K": _Stream.stroke_cmyk,
    b"g": _Stream.fill_device, b"rg": _Stream.fill_device,
    b"G": _Stream.stroke_device, b"RG": _Stream.stroke_device,
    b"cs": _Stream.fill_space, b"CS": _Stream.stroke_space,
    b"sc": _Stream.fill_colour, b"scn": _Stream.fill_colour,
    b"SC": _Stream.stroke_colour, b"SCN": _Stream.stroke_colour,
    b"m": _Stream.path_points, b"l": _Stream.path_points, b"c": _Stream.path_points,
    b"v": _Stream.path_points, b"y": _Stream.path_points, b"re": _Stream.rectangle,
    **dict.fromkeys(FILL_PAINT | STROKE_PAINT | BOTH_PAINT, _Stream.paint),
    b"n": _Stream.end_path, b"sh": _Stream.shading, b"BI": _Stream.inline_image,
    b"Do": _Stream.draw_xobject,
    b"BT": _Stream.begin_text, b"Tf": _Stream.select_font, b"Tm": _Stream.set_text_matrix,
    b"Td": _Stream.text_move, b"TD": _Stream.text_move, b"T*": _Stream.next_line,
    b"TL": _Stream.set_leading,
    b"Tr": _Stream.render_mode,
    b"Tj": _Stream.show, b"TJ": _Stream.show, b"'": _Stream.show, b'"': _Stream.show,
}
