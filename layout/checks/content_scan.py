"""What each page of a PDF draws, read for preflight; coordinates are PDF user space in pt.

`scan_page` interprets a page's content streams with pypdf (Form XObjects and tiling patterns
followed) for images and their placed size, thin strokes, colour spaces and fonts;
`glyph_boxes` asks pdfium's text page where every glyph lies.
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
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject

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

    @property
    def ppi(self) -> float:
        """Effective resolution: the lower of the two axes."""
        return min(px * 72 / pt if pt > 1e-9 else math.inf
                   for px, pt in zip(self.pixels, self.size_pt, strict=True))


@dataclass
class PageContent:
    """What one page's content draws, forms and patterns included."""

    images: list[ImagePlacement] = field(default_factory=list)
    thin_strokes: list[float] = field(default_factory=list)
    colours: dict[str, set[str]] = field(default_factory=dict)  # family -> where it is used
    fonts: dict[str, str | None] = field(default_factory=dict)  # font -> problem, if any

    def colour(self, family: str, what: str) -> None:
        """Note that colour family is used, and by what (an operator, an image …)."""
        self.colours.setdefault(family, set()).add(what)


def scan_page(page: PageObject) -> PageContent:
    """Interpret a page's content; note a page transparency group's blending space too."""
    drawn = PageContent()
    group = resolved(page, "/Group", DictionaryObject())
    if "/CS" in group:
        drawn.colour(_colour_family(group["/CS"]), "page transparency group")
    _Interpreter(drawn, resolved(page, "/Resources"), IDENTITY, 0).run(page.get_contents())
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


def _matrix(obj: DictionaryObject) -> Matrix:
    return tuple(float(v) for v in resolved(obj, "/Matrix", IDENTITY))


class _Interpreter:
    """Follows one content stream's graphics state (CTM, line width) and notes what it draws."""

    def __init__(self, drawn: PageContent, resources: DictionaryObject | None, ctm: Matrix,
                 depth: int):
        self.drawn, self.ctm, self.depth = drawn, ctm, depth
        self.resources = resources if resources is not None else DictionaryObject()
        self.width = 1.0
        self.stack: list[tuple[Matrix, float]] = []

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
        return _Interpreter(self.drawn, resources.get_object() if resources is not None
                            else None, ctm, self.depth + 1)

    def save(self, operands: Any, operator: bytes) -> None:
        self.stack.append((self.ctm, self.width))

    def restore(self, operands: Any, operator: bytes) -> None:
        if self.stack:
            self.ctm, self.width = self.stack.pop()

    def concat(self, operands: Any, operator: bytes) -> None:
        self.ctm = _multiply(tuple(float(v) for v in operands), self.ctm)

    def line_width(self, operands: Any, operator: bytes) -> None:
        self.width = float(operands[0])

    def graphics_state(self, operands: Any, operator: bytes) -> None:
        state = self._resource("/ExtGState", operands[0])
        if state is not None and "/LW" in state:
            self.width = float(state["/LW"])

    def stroke(self, operands: Any, operator: bytes) -> None:
        a, b, c, d = self.ctm[:4]
        width = self.width * math.sqrt(abs(a * d - b * c))  # user-space width on the page
        if width < HAIRLINE - 1e-6:
            self.drawn.thin_strokes.append(width)

    def colour_operator(self, operands: Any, operator: bytes) -> None:
        self.drawn.colour(COLOUR_OPERATORS[operator], f"'{operator.decode()}' operator")

    def colour_space(self, operands: Any, operator: bytes) -> None:
        name = operands[0]
        self.drawn.colour(_colour_family(name, self.resources), f"colour space {name}")

    def shading(self, operands: Any, operator: bytes) -> None:
        shading = self._resource("/Shading", operands[0])
        if shading is not None:
            self.drawn.colour(_colour_family(resolved(shading, "/ColorSpace"), self.resources),
                              f"shading {operands[0]}")

    def pattern(self, operands: Any, operator: bytes) -> None:
        """scn/SCN naming a pattern: a shading's colour space, or a tiling pattern's content."""
        name = operands[-1] if operands else None
        pattern = self._resource("/Pattern", name) if isinstance(name, NameObject) else None
        if pattern is None:
            return
        if "/Shading" in pattern:
            shading = pattern["/Shading"]
            self.drawn.colour(_colour_family(resolved(shading, "/ColorSpace"), self.resources),
                              f"pattern {name}")
        elif hasattr(pattern, "get_data") and self.depth < MAX_DEPTH:
            self._nested(resolved(pattern, "/Resources"), _matrix(pattern)).run(
                ContentStream(pattern, None))

    def select_font(self, operands: Any, operator: bytes) -> None:
        font = self._resource("/Font", operands[0]) if operands else None
        if font is not None:
            name = _font_name(font)
            self.drawn.fonts[name] = self.drawn.fonts.get(name) or _font_problem(font)

    def draw_xobject(self, operands: Any, operator: bytes) -> None:
        xobject = self._resource("/XObject", operands[0])
        if xobject is None:
            return
        if resolved(xobject, "/Subtype") == "/Image":
            self._place_image(str(operands[0]), xobject)
        elif resolved(xobject, "/Subtype") == "/Form" and self.depth < MAX_DEPTH:
            resources = resolved(xobject, "/Resources", self.resources)  # old files inherit
            self._nested(resources, _multiply(_matrix(xobject), self.ctm)).run(
                ContentStream(xobject, None))

    def inline_image(self, operands: Any, operator: bytes) -> None:
        settings = operands["settings"]
        image = DictionaryObject({
            NameObject("/Width"): resolved(settings, "/W", resolved(settings, "/Width")),
            NameObject("/Height"): resolved(settings, "/H", resolved(settings, "/Height")),
            NameObject("/ImageMask"): resolved(settings, "/IM", resolved(settings, "/ImageMask")),
        })
        space = resolved(settings, "/CS", resolved(settings, "/ColorSpace"))
        if space is not None:
            image[NameObject("/ColorSpace")] = space
        self._place_image("inline image", image)

    def _place_image(self, name: str, image: DictionaryObject) -> None:
        a, b, c, d = self.ctm[:4]  # the image is the unit square under the CTM
        pixels = (int(resolved(image, "/Width", 0)), int(resolved(image, "/Height", 0)))
        self.drawn.images.append(ImagePlacement(name, pixels, (math.hypot(a, b),
                                                               math.hypot(c, d))))
        if not resolved(image, "/ImageMask") and "/ColorSpace" in image:
            family = _colour_family(image["/ColorSpace"], self.resources)
            self.drawn.colour(family, f"image {name}")


_OPERATORS: dict[bytes, Callable[[_Interpreter, Any, bytes], None]] = {
    b"q": _Interpreter.save, b"Q": _Interpreter.restore, b"cm": _Interpreter.concat,
    b"w": _Interpreter.line_width, b"gs": _Interpreter.graphics_state,
    **dict.fromkeys(STROKES, _Interpreter.stroke),
    **dict.fromkeys(COLOUR_OPERATORS, _Interpreter.colour_operator),
    b"cs": _Interpreter.colour_space, b"CS": _Interpreter.colour_space,
    b"sh": _Interpreter.shading, b"scn": _Interpreter.pattern, b"SCN": _Interpreter.pattern,
    b"Tf": _Interpreter.select_font,
    b"Do": _Interpreter.draw_xobject, b"INLINE IMAGE": _Interpreter.inline_image,
}

