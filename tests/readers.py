"""Independent readings of finished PDFs for the tests, in Python, not through our own code.

What poppler's pdffonts, pdfinfo -box and qpdf --check tell, read with pikepdf (libqpdf,
another implementation than the pypdf the product writes with), so that a machine without
poppler-utils or qpdf still runs these checks; the Debian tools stay where only they can
tell (Ghostscript's plates) — see tests/tools.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

BOXES = ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox")


def well_formed(pdf: Path) -> list[str]:
    """What libqpdf finds wrong in the file's syntax and streams (qpdf --check): [] if nothing.

    Every stream is decoded, every object read, the page tree walked.
    """
    try:
        with pikepdf.open(pdf) as document:
            return [str(problem) for problem in document.check_pdf_syntax()]
    except pikepdf.PdfError as err:
        return [str(err)]


def page_boxes(pdf: Path) -> list[dict[str, tuple[float, float, float, float]]]:
    """Each page's boxes as PDF readers take them (inherited, defaults applied), in pt."""
    with pikepdf.open(pdf) as document:
        out = []
        for page in document.pages:
            boxes = {"MediaBox": page.mediabox, "CropBox": page.cropbox,
                     "BleedBox": page.bleedbox, "TrimBox": page.trimbox, "ArtBox": page.artbox}
            out.append({name: tuple(float(v) for v in box) for name, box in boxes.items()})
        return out


@dataclass(frozen=True)
class Font:
    """One font object as pdffonts lists it."""

    name: str  # BaseFont, subset tag included ('ABCDEF+NotoSerif-Regular')
    type: str  # 'CID TrueType', 'TrueType', 'Type 1', …
    encoding: str  # 'Identity-H', 'WinAnsi', 'Custom'
    embedded: bool
    subset: bool
    unicode: bool  # has a ToUnicode map

    @property
    def face(self) -> str:
        return self.name.split("+", 1)[-1]


_TYPES = {"/TrueType": "TrueType", "/Type1": "Type 1", "/Type3": "Type 3",
          "/CIDFontType2": "CID TrueType", "/CIDFontType0": "CID Type 0C"}


def fonts(pdf: Path) -> list[Font]:
    """Every font object used by a page or a form on it, once each, in the order met."""
    found: dict[tuple[int, int], Font] = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            _collect(page.obj.get("/Resources"), found, set())
    return list(found.values())


def _collect(resources, found: dict, seen: set) -> None:
    if resources is None:
        return
    for font in (resources.get("/Font") or {}).values():
        key = font.objgen
        if key not in found:
            found[key] = _font(font)
    for form in (resources.get("/XObject") or {}).values():
        if form.objgen in seen or form.get("/Subtype") != "/Form":
            continue
        seen.add(form.objgen)
        _collect(form.get("/Resources"), found, seen)


def _font(font) -> Font:
    name = str(font.get("/BaseFont", "/[none]"))[1:]
    subtype = str(font.get("/Subtype"))
    descriptor = font.get("/FontDescriptor")
    encoding = font.get("/Encoding")
    if subtype == "/Type0":
        descendant = font["/DescendantFonts"][0]
        kind = _TYPES.get(str(descendant.get("/Subtype")), "CID ?")
        descriptor = descendant.get("/FontDescriptor")
        encoding = str(encoding)[1:] if isinstance(encoding, pikepdf.Name) else "Custom"
    else:
        kind = _TYPES.get(subtype, subtype[1:])
        encoding = (str(encoding)[1:].removesuffix("Encoding")
                    if isinstance(encoding, pikepdf.Name) else "Custom" if encoding else "Builtin")
    embedded = descriptor is not None and any(key in descriptor for key in
                                              ("/FontFile", "/FontFile2", "/FontFile3"))
    tag = name.split("+", 1)[0]
    subset = "+" in name and len(tag) == 6 and tag.isalpha() and tag.isupper()
    return Font(name, kind, encoding, embedded, subset, "/ToUnicode" in font)


def separations_tac(pdf: Path, dpi: int = 150, area_mm: float = 0.0) -> list[float]:
    """Each page's highest total area coverage in percent, from Ghostscript's `tiffsep`
    separations (one greyscale file per plate, 255 meaning no ink) of the BleedBox.

    With `area_mm`, the highest mean over any square of that side, as preflight judges;
    without, the highest single pixel.
    """
    import subprocess
    import tempfile

    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUseBleedBox",
                        "-sDEVICE=tiffsep", f"-r{dpi}", f"-sOutputFile={folder}/p%d.tif",
                        str(pdf)], check=True, capture_output=True)
        out = []
        for page in range(1, len(pikepdf.open(pdf).pages) + 1):
            ink = sum(255 - np.asarray(Image.open(f"{folder}/p{page}({plate}).tif"), np.int32)
                      for plate in ("Cyan", "Magenta", "Yellow", "Black")) / 2.55
            side = round(area_mm / 25.4 * dpi)
            if side > 1:
                summed = np.pad(ink.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
                ink = (summed[side:, side:] - summed[:-side, side:] - summed[side:, :-side]
                       + summed[:-side, :-side]) / side ** 2
            out.append(float(ink.max()))
        return out


@dataclass(frozen=True)
class PlacedImage:
    """A picture as a page draws it: where its pixels land and the clip that crops them."""

    page: int  # 0-based
    name: str  # the XObject's name on the page
    pixels: tuple[int, int]  # width, height
    rect: tuple[float, float, float, float]  # x0, y0, x1, y1 the image's pixels cover, in pt
    clip: tuple[float, float, float, float]  # x0, y0, x1, y1 of the clip (the page's box if none)
    digest: str  # of the image's stream: the same picture on two pages has the same one

    def shown(self) -> tuple[float, float, float, float]:
        """What of the image prints: its rect within its clip."""
        return (max(self.rect[0], self.clip[0]), max(self.rect[1], self.clip[1]),
                min(self.rect[2], self.clip[2]), min(self.rect[3], self.clip[3]))


def placed_images(pdf: Path) -> list[PlacedImage]:
    """Every image drawn on every page, read from the content streams with pikepdf: the
    transformation matrix (q, Q, cm) and rectangular clips (re … W n) followed by hand."""
    import hashlib

    out = []
    with pikepdf.open(pdf) as document:
        for number, page in enumerate(document.pages):
            media = tuple(float(v) for v in page.mediabox)
            _walk(page, number, [1, 0, 0, 1, 0, 0], media, out, hashlib)
    return out


def _walk(holder, number, ctm, clip, out, hashlib) -> None:
    stack, path, pending_clip = [], [], False
    resources = holder.get("/Resources", {})
    xobjects = resources.get("/XObject", {}) if resources else {}
    for operands, operator in pikepdf.parse_content_stream(holder):
        op = str(operator)
        if op == "q":
            stack.append((list(ctm), clip))
        elif op == "Q":
            ctm, clip = stack.pop()
        elif op == "cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            path.append(_box(ctm, x, y, x + w, y + h))
        elif op in ("W", "W*"):
            pending_clip = True
        elif op in ("n", "f", "f*", "S", "B", "b", "s", "F", "B*", "b*"):
            if pending_clip and path:
                box = path[0]
                for more in path[1:]:
                    box = (min(box[0], more[0]), min(box[1], more[1]), max(box[2], more[2]),
                           max(box[3], more[3]))
                clip = (max(clip[0], box[0]), max(clip[1], box[1]), min(clip[2], box[2]),
                        min(clip[3], box[3]))
            path, pending_clip = [], False
        elif op == "Do":
            name = str(operands[0])
            xobject = xobjects.get(name)
            if xobject is None:
                continue
            if xobject.get("/Subtype") == "/Image":
                out.append(PlacedImage(number, name, (int(xobject.Width), int(xobject.Height)),
                                       _box(ctm, 0, 0, 1, 1), clip,
                                       hashlib.sha256(xobject.read_raw_bytes()).hexdigest()))
            elif xobject.get("/Subtype") == "/Form":
                matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                _walk(xobject, number, _multiply(matrix, ctm), clip, out, hashlib)


def _multiply(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


def _box(ctm, x0, y0, x1, y1):
    a, b, c, d, e, f = ctm
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def glyph_bounds(pdf: Path, base_font: str, char: str) -> tuple[float, float, float, float]:
    """The ink box (x min, y min, x max, y max, in ems) of the glyph `char` is drawn with in
    the font `base_font` (subset tag included, as pdfplumber names it): through the font's
    ToUnicode and CIDToGIDMap to the glyph of the font program embedded, read by fontTools."""
    import io

    from fontTools.ttLib import TTFont

    with pikepdf.open(pdf) as document:
        font = next((f for page in document.pages
                     for f in _font_objects(page.obj.get("/Resources"), set())
                     if str(f.get("/BaseFont"))[1:] == base_font), None)
        if font is None or font.get("/Subtype") != "/Type0":
            raise LookupError(f"no Type0 font {base_font}")
        code = _codes(font.ToUnicode.read_bytes())[char]
        descendant = font.DescendantFonts[0]
        mapping = descendant.get("/CIDToGIDMap")
        gid = code if mapping is None or mapping == pikepdf.Name.Identity else \
            int.from_bytes(mapping.read_bytes()[2 * code:2 * code + 2], "big")
        program = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
    glyph = program["glyf"][program.getGlyphOrder()[gid]]
    glyph.recalcBounds(program["glyf"])
    em = program["head"].unitsPerEm
    return glyph.xMin / em, glyph.yMin / em, glyph.xMax / em, glyph.yMax / em


def _font_objects(resources, seen: set):
    if resources is None:
        return
    yield from (resources.get("/Font") or {}).values()
    for form in (resources.get("/XObject") or {}).values():
        if form.objgen not in seen and form.get("/Subtype") == "/Form":
            seen.add(form.objgen)
            yield from _font_objects(form.get("/Resources"), seen)


def _codes(to_unicode: bytes) -> dict[str, int]:
    """Text -> the code a ToUnicode CMap gives it (bfchar and bfrange entries)."""
    import re

    out: dict[str, int] = {}
    text = to_unicode.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out.setdefault(bytes.fromhex(uni).decode("utf-16-be"), int(code, 16))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for first, last, uni in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(uni, 16)
            for k, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                out.setdefault(chr(start + k), code)
    return out
