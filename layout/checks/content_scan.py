"""What each page of a PDF draws, read for preflight; coordinates are PDF user space in pt.

`scan_page` interprets a page's content streams with pypdf (Form XObjects, tiling patterns
and annotation appearances followed) for images and their placed size, thin strokes, colour
spaces, fonts, the colour and overprint of every text shown and every path painted,
transparency and optional content; `glyph_boxes` asks pdfium's text page where every glyph
lies. This reading is independent of the press's own rewrite (press/rewrite.py), so the
preflight checks what was written, not what the writer meant.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from pypdf import PageObject
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, NumberObject

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pt
Matrix = tuple[float, float, float, float, float, float]

HAIRLINE = 0.25  # pt: thinner strokes may not print
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 12  # nested forms/patterns; deeper is a loop or a broken file
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
BASE14 = frozenset({
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold",
    "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
    "Arial", "Arial,Bold", "Arial,Italic", "Arial,BoldItalic", "TimesNewRoman", "CourierNew",
})
DEVICE_SPACES = {"/DeviceRGB": "rgb", "/RGB": "rgb", "/DeviceGray": "gray", "/G": "gray",
                 "/DeviceCMYK": "cmyk", "/CMYK": "cmyk", "/Pattern": "pattern"}
ICC_FAMILIES = {1: "gray", 3: "rgb", 4: "cmyk"}
COLOUR_OPERATORS = {b"rg": "rgb", b"RG": "rgb", b"g": "gray", b"G": "gray"}
STROKES = frozenset({b"S", b"s", b"B", b"B*", b"b", b"b*"})
FILLS = frozenset({b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})
TEXT_SHOWS = frozenset({b"Tj", b"TJ", b"'", b'"'})
FILL_MODES = frozenset({0, 2, 4, 6})
STROKE_MODES = frozenset({1, 2, 5, 6})
PROCESS_COLORANTS = frozenset({"Cyan", "Magenta", "Yellow", "Black"})
NORMAL_BLEND = frozenset({"/Normal", "/Compatible"})


@dataclass(frozen=True)
class Colour:
    """A colour as drawn: its family (cmyk, rgb, gray, lab, separation, devicen, pattern,
    other), its components, and for a separation the colorant's name."""

    family: str
    values: tuple[float, ...] = ()
    colorant: str = ""

    @property
    def cmyk(self) -> tuple[float, float, float, float] | None:
        """The four process components, for a CMYK colour."""
        return tuple(self.values) if self.family == "cmyk" and len(self.values) == 4 else None


INITIAL_COLOUR = Colour("gray", (0.0,))


@dataclass(frozen=True)
class TextUse:
    """One text-showing operation: size on the page, colours, overprint, where it starts."""

    size: float
    fill: Colour
    render: int
    overprint: bool  # fill overprint (op) on
    mode: int  # overprint mode (OPM)
    origin: tuple[float, float]
    stroke: Colour = INITIAL_COLOUR
    stroke_overprint: bool = False  # OP on

    @property
    def filled(self) -> bool:
        return self.render in FILL_MODES

    @property
    def stroked(self) -> bool:
        return self.render in STROKE_MODES


@dataclass(frozen=True)
class PathPaint:
    """One painted path: its colour, whether it was filled or stroked, its box on the page."""

    colour: Colour
    stroked: bool
    box: Box
    overprint: bool = False  # op for a fill, OP for a stroke
    mode: int = 0  # OPM


def resolved(obj: Any, key: str, default: Any = None) -> Any:
    """obj[key] with an indirect reference resolved, or default (dict.get does not resolve)."""
    value = obj.get(key) if obj is not None else None
    return default if value is None else value.get_object()


@dataclass
class ImagePlacement:
    """One image drawn on a page: its pixels and the size it is placed at."""

    name: str
    pixels: tuple[int, int]
    size_pt: tuple[float, float]
    bits: int = 8  # per component (BitsPerComponent; 1 for a mask)

    @property
    def ppi(self) -> float:
        """Effective resolution: the lower of the two axes."""
        return min(px * 72 / pt if pt > 1e-9 else math.inf
                   for px, pt in zip(self.pixels, self.size_pt, strict=True))


@dataclass
class ShownFont:
    """A font dictionary and every string a page shows in it (codes not yet split)."""

    font: DictionaryObject
    strings: set[bytes] = field(default_factory=set)


@dataclass
class PageContent:
    """What one page's content draws, forms and patterns included."""

    images: list[ImagePlacement] = field(default_factory=list)
    thin_strokes: list[float] = field(default_factory=list)
    colours: dict[str, set[str]] = field(default_factory=dict)  # family -> where it is used
    fonts: dict[str, str | None] = field(default_factory=dict)  # font -> problem, if any
    texts: list[TextUse] = field(default_factory=list)
    paths: list[PathPaint] = field(default_factory=list)
    transparency: set[str] = field(default_factory=set)  # what makes the page transparent
    optional_content: set[str] = field(default_factory=set)  # where it is used
    spots: dict[str, set[str]] = field(default_factory=dict)  # colorant -> where it is used
    forbidden: set[str] = field(default_factory=set)  # what PDF/X-4 does not allow (OPI …)
    shown: dict[int, ShownFont] = field(default_factory=dict)  # font object -> its strings

    def colour(self, family: str, what: str) -> None:
        """Note that colour family is used, and by what (an operator, an image …)."""
        self.colours.setdefault(family, set()).add(what)

    def spot(self, space: Any, resources: DictionaryObject | None, what: str) -> None:
        """Note the named colorants of a Separation or DeviceN space (not All, None or a
        process ink), and by what they are used."""
        for colorant in colorants(space, resources):
            if colorant not in ("All", "None") and colorant not in PROCESS_COLORANTS:
                self.spots.setdefault(colorant, set()).add(what)


def scan_page(page: PageObject) -> PageContent:
    """Interpret a page's content and its annotations' appearances; note a page transparency
    group's blending space too."""
    drawn = PageContent()
    group = resolved(page, "/Group", DictionaryObject())
    if "/CS" in group:
        drawn.colour(_colour_family(group["/CS"]), "page transparency group")
    if resolved(group, "/S") == "/Transparency":
        drawn.transparency.add("page transparency group")
    _Interpreter(drawn, resolved(page, "/Resources"), IDENTITY, 0).run(page.get_contents())
    for annotation in resolved(page, "/Annots") or []:
        appearances = resolved(annotation.get_object(), "/AP", DictionaryObject())
        for key in ("/N", "/R", "/D"):
            appearance = resolved(appearances, key)
            streams = appearance.values() if isinstance(appearance, DictionaryObject) \
                and not hasattr(appearance, "get_data") else [appearance]
            for stream in streams:
                stream = stream.get_object() if stream is not None else None
                if stream is not None and hasattr(stream, "get_data"):
                    _Interpreter(drawn, resolved(stream, "/Resources"), IDENTITY, 1,
                                 "annotation appearance ").run(ContentStream(stream, None))
    return drawn


def glyph_boxes(pdf: Path) -> list[list[Box]]:
    """Per page, the ink box of every character that is not white space (pdfium's text page)."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [_page_glyph_boxes(document[k]) for k in range(len(document))]
    finally:
        document.close()


def _page_glyph_boxes(page: pypdfium2.PdfPage) -> list[Box]:
    """Boxes in user space, as the page's content places them (a MediaBox may start below 0);
    the spaces and line breaks pdfium inserts between words are not glyphs."""
    text = page.get_textpage()
    boxes = [text.get_charbox(k) for k in range(text.count_chars())
             if not pdfium_c.FPDFText_IsGenerated(text, k)
             and not chr(pdfium_c.FPDFText_GetUnicode(text, k)).isspace()]
    text.close()
    page.close()
    return boxes


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF order: a `cm` matrix m is applied before the current CTM n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _colour_family(space: Any, resources: DictionaryObject | None = None) -> str:
    """rgb, gray, cmyk, lab, pattern or other, for a colour space name or array."""
    space = space.get_object() if space is not None else None
    if isinstance(space, NameObject):
        if space in DEVICE_SPACES:
            return DEVICE_SPACES[space]
        named = resolved(resources, "/ColorSpace", DictionaryObject())
        return _colour_family(named[space]) if space in named else "other"
    if not isinstance(space, ArrayObject) or not space:
        return "other"
    kind = space[0]
    if kind == "/ICCBased":
        return ICC_FAMILIES.get(int(resolved(space[1], "/N", 0)), "other")
    if kind in ("/Indexed", "/I", "/Pattern") and len(space) > 1:
        return _colour_family(space[1], resources)
    if kind in ("/Separation", "/DeviceN") and len(space) > 2:  # the alternate space
        return _colour_family(space[2], resources)
    return {"/CalRGB": "rgb", "/CalGray": "gray", "/Lab": "lab"}.get(kind, "other")


def colorants(space: Any, resources: DictionaryObject | None = None, depth: int = 0) -> list[str]:
    """The colorant names of a Separation or DeviceN space (also under Indexed or a
    pattern's base, or named in the resources); [] for any other space."""
    space = space.get_object() if space is not None else None
    if depth > 4:
        return []
    if isinstance(space, NameObject):
        named = resolved(resources, "/ColorSpace", DictionaryObject())
        return colorants(named[space], None, depth + 1) if space in named else []
    if not isinstance(space, ArrayObject) or len(space) < 2:
        return []
    kind = space[0]
    if kind == "/Separation":
        return [str(space[1])[1:]]
    if kind == "/DeviceN":
        return [str(n)[1:] for n in space[1].get_object()]
    if kind in ("/Indexed", "/I", "/Pattern"):
        return colorants(space[1], resources, depth + 1)
    return []


def _colour_of(space: Any, resources: DictionaryObject | None) -> Colour:
    """The initial colour of a colour space (its family, a separation's colorant)."""
    space = space.get_object() if space is not None else None
    if isinstance(space, NameObject):
        if space in DEVICE_SPACES:
            family = DEVICE_SPACES[space]
            return Colour(family, (0.0,) * {"cmyk": 4, "rgb": 3}.get(family, 1))
        named = resolved(resources, "/ColorSpace", DictionaryObject())
        return _colour_of(named[space], None) if space in named else Colour("other")
    if isinstance(space, ArrayObject) and space:
        kind = space[0]
        if kind == "/Separation" and len(space) > 1:
            return Colour("separation", (1.0,), str(space[1])[1:])
        if kind == "/DeviceN" and len(space) > 1:
            names = [str(n)[1:] for n in space[1].get_object()]
            return Colour("devicen", (1.0,) * len(names), ",".join(names))
        if kind == "/ICCBased":
            family = ICC_FAMILIES.get(int(resolved(space[1], "/N", 0)), "other")
            return Colour(family, (0.0,) * {"cmyk": 4, "rgb": 3}.get(family, 1))
    return Colour(_colour_family(space, resources))


def _transform(point: tuple[float, float], m: Matrix) -> tuple[float, float]:
    x, y = point
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _font_problem(font: DictionaryObject) -> str | None:
    """Why a font may not go to press (not embedded), or None."""
    if resolved(font, "/Subtype") == "/Type3":
        return None  # its glyphs are content streams in the file
    descendants = resolved(font, "/DescendantFonts")
    described = descendants[0].get_object() if descendants else font
    descriptor = resolved(described, "/FontDescriptor", DictionaryObject())
    if any(key in descriptor for key in FONT_FILES):
        return None
    base = _font_name(font)
    return f"{base} (base-14, not embedded)" if base in BASE14 else f"{base} (not embedded)"


def _font_name(font: DictionaryObject) -> str:
    """BaseFont without the slash and the subset tag: AAAAAA+NotoSerif -> NotoSerif."""
    return str(resolved(font, "/BaseFont", "?")).lstrip("/").split("+")[-1]


def _string_bytes(item: str | bytes) -> bytes:
    """A shown string's bytes as written (pypdf may have decoded it to text)."""
    original = getattr(item, "original_bytes", None)
    if original is not None:
        return bytes(original)
    return bytes(item) if isinstance(item, bytes) else item.encode("latin-1", "replace")


def _matrix(obj: DictionaryObject) -> Matrix:
    return tuple(float(v) for v in resolved(obj, "/Matrix", IDENTITY))


@dataclass
class _GraphicsState:
    """What q saves and Q restores, as far as preflight follows it."""

    ctm: Matrix = IDENTITY
    width: float = 1.0
    fill: Colour = INITIAL_COLOUR
    stroke: Colour = INITIAL_COLOUR
    overprint: tuple[bool, bool, int] = (False, False, 0)  # op, OP, OPM
    font_size: float = 0.0
    render: int = 0
    font: DictionaryObject | None = None

    def copy(self) -> _GraphicsState:
        return _GraphicsState(self.ctm, self.width, self.fill, self.stroke, self.overprint,
                              self.font_size, self.render, self.font)


class _Interpreter:
    """Follows one content stream's graphics state and notes what it draws."""

    def __init__(self, drawn: PageContent, resources: DictionaryObject | None, ctm: Matrix,
                 depth: int, where: str = ""):
        self.drawn, self.depth, self.where = drawn, depth, where
        self.resources = resources if resources is not None else DictionaryObject()
        self.state = _GraphicsState(ctm=ctm)
        self.stack: list[_GraphicsState] = []
        self.text_matrix: Matrix = IDENTITY
        self.line_matrix: Matrix = IDENTITY
        self.leading = 0.0
        self.path: list[tuple[float, float]] = []

    @property
    def ctm(self) -> Matrix:
        return self.state.ctm

    def run(self, contents: ContentStream | None) -> None:
        """Interpret the operations; only what is drawn counts, not every resource listed
        (ReportLab shares one font dictionary between all pages)."""
        for operands, operator in contents.operations if contents is not None else ():
            handler = _OPERATORS.get(operator)
            if handler is not None:
                handler(self, operands, operator)

    def _resource(self, category: str, name: Any = None) -> Any:
        """A resource category (dict), or one named resource in it (None if absent)."""
        found = resolved(self.resources, category, DictionaryObject())
        return found if name is None else resolved(found, name)

    def _nested(self, resources: Any, ctm: Matrix) -> _Interpreter:
        nested = _Interpreter(self.drawn, resources.get_object() if resources is not None
                              else None, ctm, self.depth + 1, self.where)
        nested.state = self.state.copy()  # a form inherits the graphics state …
        nested.state.ctm = ctm  # … under its own matrix
        return nested

    def save(self, operands: Any, operator: bytes) -> None:
        self.stack.append(self.state.copy())

    def restore(self, operands: Any, operator: bytes) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def concat(self, operands: Any, operator: bytes) -> None:
        self.state.ctm = _multiply(tuple(float(v) for v in operands), self.state.ctm)

    def line_width(self, operands: Any, operator: bytes) -> None:
        self.state.width = float(operands[0])

    def graphics_state(self, operands: Any, operator: bytes) -> None:
        state = self._resource("/ExtGState", operands[0])
        if state is None:
            return
        if "/LW" in state:
            self.state.width = float(state["/LW"])
        fill, stroke, mode = self.state.overprint
        if "/OP" in state:
            stroke = bool(state["/OP"])
            fill = bool(state.get("/op", state["/OP"]))
        elif "/op" in state:
            fill = bool(state["/op"])
        if "/OPM" in state:
            mode = int(state["/OPM"])
        self.state.overprint = (fill, stroke, mode)
        self._note_transparency(state, f"graphics state {operands[0]}")
        if resolved(state, "/TR") not in (None, "/Identity"):
            self.drawn.forbidden.add(f"{self.where}transfer function (/TR) in graphics state "
                                     f"{operands[0]}")
        if resolved(state, "/TR2") not in (None, "/Identity", "/Default"):
            self.drawn.forbidden.add(f"{self.where}transfer function (/TR2) in graphics state "
                                     f"{operands[0]}")

    def _note_transparency(self, state: DictionaryObject, what: str) -> None:
        mask = resolved(state, "/SMask")
        if mask is not None and mask != "/None":
            self.drawn.transparency.add(f"{self.where}soft mask in {what}")
        for key in ("/CA", "/ca"):
            if key in state and float(state[key]) < 1:
                self.drawn.transparency.add(f"{self.where}opacity {float(state[key]):g} in {what}")
        blend = resolved(state, "/BM")
        blends = list(blend) if isinstance(blend, ArrayObject) else [blend]
        if blend is not None and not any(b in NORMAL_BLEND for b in blends[:1]):
            self.drawn.transparency.add(f"{self.where}blend mode {blends[0]} in {what}")

    # --- paths

    def path_points(self, operands: Any, operator: bytes) -> None:
        values = [float(v) for v in operands]
        self.path += list(zip(values[0::2], values[1::2], strict=False))

    def rectangle(self, operands: Any, operator: bytes) -> None:
        x, y, w, h = (float(v) for v in operands)
        self.path += [(x, y), (x + w, y + h), (x, y + h), (x + w, y)]

    def _path_box(self) -> Box | None:
        if not self.path:
            return None
        points = [_transform(p, self.ctm) for p in self.path]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)

    def stroke(self, operands: Any, operator: bytes) -> None:
        a, b, c, d = self.ctm[:4]
        width = self.state.width * math.sqrt(abs(a * d - b * c))  # user-space width
        if width < HAIRLINE - 1e-6:
            self.drawn.thin_strokes.append(width)

    def paint(self, operands: Any, operator: bytes) -> None:
        box = self._path_box()
        fill_op, stroke_op, mode = self.state.overprint
        if operator in STROKES:
            self.stroke(operands, operator)
            if box is not None:
                self.drawn.paths.append(PathPaint(self.state.stroke, True, box, stroke_op, mode))
        if operator in FILLS and box is not None:
            self.drawn.paths.append(PathPaint(self.state.fill, False, box, fill_op, mode))
        self.path = []

    def end_path(self, operands: Any, operator: bytes) -> None:
        self.path = []

    # --- colour

    def colour_operator(self, operands: Any, operator: bytes) -> None:
        self.drawn.colour(COLOUR_OPERATORS[operator], f"{self.where}'{operator.decode()}' "
                                                      "operator")
        family = COLOUR_OPERATORS[operator]
        colour = Colour(family, tuple(float(v) for v in operands))
        if operator.islower():
            self.state.fill = colour
        else:
            self.state.stroke = colour

    def cmyk_operator(self, operands: Any, operator: bytes) -> None:
        colour = Colour("cmyk", tuple(float(v) for v in operands))
        if operator == b"k":
            self.state.fill = colour
        else:
            self.state.stroke = colour

    def colour_space(self, operands: Any, operator: bytes) -> None:
        name = operands[0]
        self.drawn.colour(_colour_family(name, self.resources),
                          f"{self.where}colour space {name}")
        self.drawn.spot(name, self.resources, f"{self.where}colour space {name}")
        colour = _colour_of(name, self.resources)
        if operator == b"cs":
            self.state.fill = colour
        else:
            self.state.stroke = colour

    def set_colour(self, operands: Any, operator: bytes) -> None:
        """sc/scn/SC/SCN: new components in the current space (or a pattern)."""
        numbers = tuple(float(v) for v in operands if not isinstance(v, NameObject))
        current = self.state.fill if operator in (b"sc", b"scn") else self.state.stroke
        colour = Colour(current.family, numbers, current.colorant)
        if operator in (b"sc", b"scn"):
            self.state.fill = colour
        else:
            self.state.stroke = colour
        if operator in (b"scn", b"SCN"):
            self.pattern(operands, operator)

    def shading(self, operands: Any, operator: bytes) -> None:
        shading = self._resource("/Shading", operands[0])
        if shading is not None:
            self.drawn.colour(_colour_family(resolved(shading, "/ColorSpace"), self.resources),
                              f"{self.where}shading {operands[0]}")
            self.drawn.spot(resolved(shading, "/ColorSpace"), self.resources,
                            f"{self.where}shading {operands[0]}")

    def pattern(self, operands: Any, operator: bytes) -> None:
        """scn/SCN naming a pattern: a shading's colour space, or a tiling pattern's content."""
        name = operands[-1] if operands else None
        pattern = self._resource("/Pattern", name) if isinstance(name, NameObject) else None
        if pattern is None:
            return
        if "/Shading" in pattern:
            shading = pattern["/Shading"].get_object()
            self.drawn.colour(_colour_family(resolved(shading, "/ColorSpace"), self.resources),
                              f"{self.where}pattern {name}")
            self.drawn.spot(resolved(shading, "/ColorSpace"), self.resources,
                            f"{self.where}pattern {name}")
        elif hasattr(pattern, "get_data") and self.depth < MAX_DEPTH:
            self._nested(resolved(pattern, "/Resources"), _matrix(pattern)).run(
                ContentStream(pattern, None))

    # --- text

    def select_font(self, operands: Any, operator: bytes) -> None:
        font = self._resource("/Font", operands[0]) if operands else None
        if len(operands) > 1:
            self.state.font_size = float(operands[1])
        self.state.font = font
        if font is not None:
            name = _font_name(font)
            self.drawn.fonts[name] = self.drawn.fonts.get(name) or _font_problem(font)

    def begin_text(self, operands: Any, operator: bytes) -> None:
        self.text_matrix = self.line_matrix = IDENTITY

    def text_matrix_operator(self, operands: Any, operator: bytes) -> None:
        self.text_matrix = self.line_matrix = tuple(float(v) for v in operands)

    def text_move(self, operands: Any, operator: bytes) -> None:
        tx, ty = (float(v) for v in operands[:2])
        if operator == b"TD":
            self.leading = -ty
        self.line_matrix = _multiply((1, 0, 0, 1, tx, ty), self.line_matrix)
        self.text_matrix = self.line_matrix

    def next_line(self, operands: Any, operator: bytes) -> None:
        self.line_matrix = _multiply((1, 0, 0, 1, 0, -self.leading), self.line_matrix)
        self.text_matrix = self.line_matrix

    def set_leading(self, operands: Any, operator: bytes) -> None:
        self.leading = float(operands[0])

    def render_mode(self, operands: Any, operator: bytes) -> None:
        self.state.render = int(operands[0])

    def show_text(self, operands: Any, operator: bytes) -> None:
        if operator in (b"'", b'"'):
            self.next_line(operands, operator)
        matrix = _multiply(self.text_matrix, self.ctm)
        a, b, c, d = matrix[:4]
        size = abs(self.state.font_size) * math.sqrt(abs(a * d - b * c))
        fill, stroke, mode = self.state.overprint
        self.drawn.texts.append(TextUse(size, self.state.fill, self.state.render, fill, mode,
                                        (matrix[4], matrix[5]), self.state.stroke, stroke))
        font = self.state.font
        if font is not None and operands:
            key = font.indirect_reference.idnum if font.indirect_reference is not None \
                else id(font)
            shown = self.drawn.shown.setdefault(key, ShownFont(font))
            items = operands[0] if operator == b"TJ" else operands[-1:]
            for item in items if isinstance(items, (list, ArrayObject)) else [items]:
                if isinstance(item, (str, bytes)):
                    shown.strings.add(_string_bytes(item))

    # --- marked content and XObjects

    def marked_content(self, operands: Any, operator: bytes) -> None:
        if len(operands) > 1 and operands[0] == "/OC":
            self.drawn.optional_content.add(f"{self.where}marked content {operands[1]}")

    def postscript(self, operands: Any, operator: bytes) -> None:
        self.drawn.forbidden.add(f"{self.where}PostScript operator (PS)")

    def draw_xobject(self, operands: Any, operator: bytes) -> None:
        xobject = self._resource("/XObject", operands[0])
        if xobject is None:
            return
        if "/OC" in xobject:
            self.drawn.optional_content.add(f"{self.where}XObject {operands[0]}")
        if "/OPI" in xobject:
            self.drawn.forbidden.add(f"{self.where}OPI proxy reference in XObject {operands[0]}")
        if "/Alternates" in xobject:
            self.drawn.forbidden.add(f"{self.where}alternate images of {operands[0]}")
        if resolved(xobject, "/Subtype") == "/PS" or resolved(xobject, "/Subtype2") == "/PS":
            self.drawn.forbidden.add(f"{self.where}PostScript XObject {operands[0]}")
        if resolved(xobject, "/Subtype") == "/Image":
            self._place_image(str(operands[0]), xobject)
            if resolved(xobject, "/SMask") is not None:
                self.drawn.transparency.add(f"{self.where}soft mask of image {operands[0]}")
        elif resolved(xobject, "/Subtype") == "/Form" and self.depth < MAX_DEPTH:
            group = resolved(xobject, "/Group", DictionaryObject())
            if resolved(group, "/S") == "/Transparency":
                self.drawn.transparency.add(f"{self.where}transparency group {operands[0]}")
                if "/CS" in group:
                    self.drawn.colour(_colour_family(group["/CS"], self.resources),
                                      f"{self.where}transparency group {operands[0]}")
            resources = resolved(xobject, "/Resources", self.resources)  # old files inherit
            self._nested(resources, _multiply(_matrix(xobject), self.ctm)).run(
                ContentStream(xobject, None))

    def inline_image(self, operands: Any, operator: bytes) -> None:
        settings = operands["settings"]
        image = DictionaryObject({
            NameObject("/Width"): resolved(settings, "/W", resolved(settings, "/Width")),
            NameObject("/Height"): resolved(settings, "/H", resolved(settings, "/Height")),
            NameObject("/ImageMask"): resolved(settings, "/IM", resolved(settings, "/ImageMask")),
            NameObject("/BitsPerComponent"): NumberObject(int(resolved(
                settings, "/BPC", resolved(settings, "/BitsPerComponent", 8)))),
        })
        space = resolved(settings, "/CS", resolved(settings, "/ColorSpace"))
        if space is not None:
            image[NameObject("/ColorSpace")] = space
        self._place_image("inline image", image)

    def _place_image(self, name: str, image: DictionaryObject) -> None:
        a, b, c, d = self.ctm[:4]  # the image is the unit square under the CTM
        pixels = (int(resolved(image, "/Width", 0)), int(resolved(image, "/Height", 0)))
        bits = 1 if resolved(image, "/ImageMask") else \
            int(resolved(image, "/BitsPerComponent", 8))
        self.drawn.images.append(ImagePlacement(name, pixels, (math.hypot(a, b),
                                                               math.hypot(c, d)), bits))
        if not resolved(image, "/ImageMask") and "/ColorSpace" in image:
            family = _colour_family(image["/ColorSpace"], self.resources)
            self.drawn.colour(family, f"{self.where}image {name}")
            self.drawn.spot(image["/ColorSpace"], self.resources, f"{self.where}image {name}")


_OPERATORS: dict[bytes, Callable[[_Interpreter, Any, bytes], None]] = {
    b"q": _Interpreter.save, b"Q": _Interpreter.restore, b"cm": _Interpreter.concat,
    b"w": _Interpreter.line_width, b"gs": _Interpreter.graphics_state,
    b"m": _Interpreter.path_points, b"l": _Interpreter.path_points,
    b"c": _Interpreter.path_points, b"v": _Interpreter.path_points,
    b"y": _Interpreter.path_points, b"re": _Interpreter.rectangle,
    **dict.fromkeys(STROKES | FILLS, _Interpreter.paint), b"n": _Interpreter.end_path,
    **dict.fromkeys(COLOUR_OPERATORS, _Interpreter.colour_operator),
    b"k": _Interpreter.cmyk_operator, b"K": _Interpreter.cmyk_operator,
    b"cs": _Interpreter.colour_space, b"CS": _Interpreter.colour_space,
    b"sc": _Interpreter.set_colour, b"SC": _Interpreter.set_colour,
    b"scn": _Interpreter.set_colour, b"SCN": _Interpreter.set_colour,
    b"sh": _Interpreter.shading,
    b"Tf": _Interpreter.select_font, b"BT": _Interpreter.begin_text,
    b"Tm": _Interpreter.text_matrix_operator, b"Td": _Interpreter.text_move,
    b"TD": _Interpreter.text_move, b"T*": _Interpreter.next_line,
    b"TL": _Interpreter.set_leading, b"Tr": _Interpreter.render_mode,
    **dict.fromkeys(TEXT_SHOWS, _Interpreter.show_text),
    b"BDC": _Interpreter.marked_content,
    b"Do": _Interpreter.draw_xobject, b"PS": _Interpreter.postscript,
    b"INLINE IMAGE": _Interpreter.inline_image,
}
