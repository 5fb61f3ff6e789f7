"""One font subset per face for the whole document.

Every article is its own ReportLab document, and each names its subsets `AAAAAA+Face`: joined
unchanged, one PDF would carry dozens of different programs under one name, and a RIP that
caches fonts by name would draw pages with another page's glyphs (ISO 32000-1 §9.6.4 wants a
distinct tag per subset). So each source document's fonts are taken out before its pages
are joined (`DocumentFonts.detach`, leaving a placeholder that names the face) and its text
is re-encoded (press/rewrite.py); once all documents are joined, each face is embedded once
(`FontMerge.finish`): the original TrueType file cut down to the glyphs of every character
used (press/truetype.py, outlines and hinting copied byte for byte), as a CID font (Type0,
Identity-H) whose CID is the character's Unicode code point.

CID = code point makes a document's text independent of every other document (so a pressed
article can be cached, and an already merged font can take in more text later, as the
imposition's labels do, without touching the pages), and keeps ToUnicode exactly what each
code meant. A font that cannot be merged (its face file unknown, a code standing for several
characters or for a glyph the face's cmap does not reach, widths that disagree with the
face) stays as it was, with a tag derived from its program and one copy of each program.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from layout.press import truetype
from layout.press.pypdf_private import add_object
from layout.style.shaping import file_data

PLACEHOLDER = "/ADZFace"  # a merged face's stand-in in a resource dictionary
WIDTH_TOLERANCE = 1.0  # glyph-space units (1/1000 em): ReportLab rounds advances
FONT_FILES = ("/FontFile2", "/FontFile", "/FontFile3")
DESCRIPTOR_KEYS = ("/Flags", "/FontBBox", "/ItalicAngle", "/Ascent", "/Descent", "/CapHeight",
                   "/XHeight", "/StemV", "/StemH", "/Leading", "/AvgWidth", "/MaxWidth",
                   "/MissingWidth")

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])")


@dataclass
class SourceFont:
    """A font as one source document wrote it: codes, what they mean, their widths."""

    base: str  # BaseFont without its subset tag
    two_byte: bool  # a Type0 font with Identity-H (2-byte codes), else a simple font
    chars: dict[int, str]  # code -> Unicode text (ToUnicode)
    widths: dict[int, float]  # code -> advance in 1/1000 em
    reason: str = "not read yet"  # why it cannot join its face's subset ("": it can)

    @property
    def mergeable(self) -> bool:
        return not self.reason


@cache
def _escaped(value: int) -> bytes:
    """A two-byte code, escaped for a literal string."""
    return escape(value.to_bytes(2, "big"))


class FontPlan:
    """How the text of one source font is written in the output: per source code, the output
    code already escaped for a literal string (or the text as it was)."""

    def __init__(self, two_byte_source: bool, codes: dict[int, int] | None = None):
        self.two_byte_source = two_byte_source
        self.identity = codes is None  # the text is written as it was
        if two_byte_source:
            self._pairs = {code: _escaped(out) for code, out in (codes or {}).items()}
        elif codes is None:
            self._bytes = [escape(bytes([code])) for code in range(256)]
        else:
            self._bytes = [_escaped(codes.get(code, 0)) for code in range(256)]

    def escaped(self, raw: bytes) -> bytes:
        """The output bytes of a source string, escaped for a literal string."""
        if not self.two_byte_source:
            return b"".join(map(self._bytes.__getitem__, raw))
        if self.identity:
            return escape(raw)
        pairs = self._pairs
        return b"".join(pairs.get((raw[i] << 8) | raw[i + 1], b"\0\0")
                        for i in range(0, len(raw) - 1, 2))

    def literals(self, raw: bytes, adjustment: bytes = b"") -> list[bytes]:
        """A source string as output literal strings; with an adjustment (word spacing in
        thousandths of an em) after every source code 32 of a simple font, between pieces."""
        if not adjustment or 32 not in raw:
            return [b"(" + self.escaped(raw) + b")"]
        pieces = raw.split(b" ")
        elements: list[bytes] = []
        for piece in pieces[:-1]:
            elements += [b"(" + self.escaped(piece + b" ") + b")", adjustment]
        if pieces[-1]:  # (after a final space the adjustment still moves what follows)
            elements.append(b"(" + self.escaped(pieces[-1]) + b")")
        return elements


def escape(raw: bytes) -> bytes:
    """Bytes escaped for a PDF literal string (and CR, which a reader would turn into LF)."""
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") \
        .replace(b"\r", b"\\r")


@dataclass
class FaceUse:
    """What one or more documents draw in a face: code point -> width (1/1000 em), and the
    face's descriptor metrics as the first document wrote them (plain numbers)."""

    widths: dict[int, float] = field(default_factory=dict)
    descriptor: dict[str, Any] = field(default_factory=dict)


class DocumentFonts:
    """The fonts of one source document: each mergeable font gives way to a placeholder of
    its face, and every font name gets the plan its text is re-encoded by."""

    def __init__(self, faces: dict[str, Path]):
        self.faces = faces  # PostScript name -> TrueType file
        self.used: dict[str, FaceUse] = {}
        self._plans: dict[int, FontPlan] = {}  # id of a placeholder -> its plan
        self._seen: set[int] = set()

    def detach(self, reader: PdfReader) -> None:
        """Placeholders for the mergeable fonts of the reader's pages, forms and patterns."""
        for page in reader.pages:
            resources = page.get("/Resources")
            if resources is not None:
                self.detach_resources(resources.get_object())

    def detach_resources(self, resources: DictionaryObject) -> None:
        """Placeholders for the fonts in one resource dictionary and the forms it names."""
        if id(resources) in self._seen:
            return
        self._seen.add(id(resources))
        fonts = resources.get("/Font")
        if fonts is not None:
            fonts = fonts.get_object()
            for key in list(fonts):
                font = fonts[key].get_object()
                if PLACEHOLDER in font:
                    continue
                source = read_source_font(font, self.faces)
                if source.mergeable:
                    fonts[NameObject(key)] = self._placeholder(font, source)
        for category in ("/XObject", "/Pattern"):
            named = resources.get(category)
            for value in (named.get_object().values() if named is not None else ()):
                inner = value.get_object().get("/Resources")
                if inner is not None:
                    self.detach_resources(inner.get_object())

    def _placeholder(self, font: DictionaryObject, source: SourceFont) -> DictionaryObject:
        use = self.used.setdefault(source.base, FaceUse(descriptor=_descriptor_values(font)))
        cmap, path = face_cmap(self.faces[source.base]), self.faces[source.base]
        codes = {}
        for code, text in source.chars.items():
            point = ord(text)
            if point not in cmap or (not source.two_byte and code > 255):
                continue  # never drawn: ReportLab lists ASCII the face may lack
            codes[code] = point
            width = source.widths.get(code)
            use.widths.setdefault(point, width if width is not None else
                                  face_advances(path)[cmap[point]] * face_scale(path))
        placeholder = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                        NameObject(PLACEHOLDER): NameObject(f"/{source.base}")})
        identity = source.two_byte and all(code == point for code, point in codes.items())
        self._plans[id(placeholder)] = FontPlan(source.two_byte, None if identity else codes)
        return placeholder

    def plans(self, resources: DictionaryObject) -> dict[str, FontPlan]:
        """Font name -> plan for one resource dictionary (fonts kept as they are: their text
        too, but a simple font's spaces still take the word spacing)."""
        fonts = resources.get("/Font")
        plans = {}
        for key, value in (fonts.get_object().items() if fonts is not None else ()):
            font = value.get_object()
            plan = self._plans.get(id(font))
            plans[str(key)] = plan if plan is not None else \
                FontPlan(font.get("/Subtype") == "/Type0")
        return plans


class FontMerge:
    """The faces that the source documents of one output use: one Type0 font each, put in
    place of every placeholder once the documents are joined."""

    def __init__(self, faces: dict[str, Path]):
        self.faces = faces
        self.used: dict[str, FaceUse] = {}

    def add(self, used: dict[str, FaceUse]) -> None:
        """A document's faces (the first width written for a character stands)."""
        for base, use in used.items():
            mine = self.used.setdefault(base, FaceUse(descriptor=use.descriptor))
            for point, width in use.widths.items():
                mine.widths.setdefault(point, width)

    def finish(self, writer: PdfWriter) -> None:
        """Embed each face once and put it in place of its placeholders; give the fonts kept
        as they were a tag derived from their program, and store each program once."""
        targets = {base: _embed_face(writer, base, self.faces[base], use)
                   for base, use in sorted(self.used.items())}
        programs: dict[bytes, IndirectObject] = {}
        seen: set[int] = set()
        for resources in _all_resources(writer):
            fonts = resources.get("/Font")
            if fonts is None or id(fonts.get_object()) in seen:
                continue
            fonts = fonts.get_object()
            seen.add(id(fonts))
            for key in list(fonts):
                font = fonts[key].get_object()
                if PLACEHOLDER in font:
                    fonts[NameObject(key)] = targets[str(font[PLACEHOLDER])[1:]]
                elif id(font) not in seen:
                    seen.add(id(font))
                    _keep_font(font, programs)


def _all_resources(writer: PdfWriter):
    """Every resource dictionary of the pages, their forms, patterns and annotations."""
    seen: set[int] = set()
    todo = []
    for page in writer.pages:
        todo.append(page.get("/Resources"))
        for annotation in page.get("/Annots", ArrayObject()):
            for appearance in annotation.get_object().get("/AP", DictionaryObject()).values():
                appearance = appearance.get_object()
                todo.append(appearance.get("/Resources") if hasattr(appearance, "get_data")
                            else None)
    while todo:
        resources = todo.pop()
        resources = resources.get_object() if resources is not None else None
        if resources is None or id(resources) in seen:
            continue
        seen.add(id(resources))
        yield resources
        for category in ("/XObject", "/Pattern"):
            named = resources.get(category)
            for value in (named.get_object().values() if named is not None else ()):
                todo.append(value.get_object().get("/Resources"))


# ---------------------------------------------------------------- reading source fonts


def read_source_font(font: DictionaryObject, faces: dict[str, Path]) -> SourceFont:
    """What a font dictionary says about its codes; whether it can join its face's subset."""
    subtype = font.get("/Subtype")
    base = str(font.get("/BaseFont", "/?"))[1:].split("+", 1)[-1]
    two_byte = subtype == "/Type0"
    source = SourceFont(base, two_byte, {}, {})
    if two_byte and font.get("/Encoding") != "/Identity-H":
        source.reason = "a CID font with an encoding other than Identity-H"
        return source
    if subtype not in ("/TrueType", "/Type0"):
        source.reason = f"a {str(subtype)[1:]} font"
        return source
    if base not in faces:
        source.reason = f"no font file for {base}"
        return source
    unicode = font.get("/ToUnicode")
    if unicode is None:
        source.reason = "no ToUnicode map"
        return source
    source.chars = parse_to_unicode(unicode.get_object().get_data())
    source.widths = _cid_widths(font) if two_byte else _simple_widths(font)
    cmap, advances, scale = face_cmap(faces[base]), face_advances(faces[base]), \
        face_scale(faces[base])
    for code, text in source.chars.items():
        if len(text) != 1 or ord(text) > 0xFFFF:
            source.reason = f"code {code:#x} stands for {text!r}"
            return source
        glyph = cmap.get(ord(text))
        width = source.widths.get(code)
        if glyph is not None and width is not None and \
                abs(advances[glyph] * scale - width) > WIDTH_TOLERANCE:
            source.reason = f"code {code:#x} ({text!r}) is not the face's glyph for it"
            return source
    source.reason = ""
    return source


def _descriptor_values(font: DictionaryObject) -> dict[str, Any]:
    """The descriptor's metrics as plain numbers (a merged face keeps them)."""
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"].get_object()[0].get_object()
    descriptor = font["/FontDescriptor"].get_object()
    values: dict[str, Any] = {}
    for key in DESCRIPTOR_KEYS:
        if key in descriptor:
            value = descriptor[key].get_object()
            values[key] = [float(v) for v in value] if isinstance(value, ArrayObject) \
                else float(value)
    return values


def parse_to_unicode(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap: code -> text (bfchar and both forms of bfrange); U+0000 is no text."""
    chars: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        values = _HEX.findall(block)
        for code, text in zip(values[0::2], values[1::2], strict=False):
            chars[int(code, 16)] = _utf16(text)
    for block in _BFRANGE.findall(data):
        for low, high, target in _RANGE.findall(block):
            first, last = int(low, 16), int(high, 16)
            if target.startswith(b"["):
                for offset, text in enumerate(_HEX.findall(target)):
                    chars[first + offset] = _utf16(text)
            else:
                start = _utf16(target[1:-1])
                for offset in range(last - first + 1):
                    chars[first + offset] = start[:-1] + chr(ord(start[-1]) + offset) \
                        if start else ""
    return {code: text for code, text in chars.items() if text and text != "\0"}


def _utf16(hex_digits: bytes) -> str:
    digits = bytes(b for b in hex_digits if b not in b" \t\r\n")
    return bytes.fromhex(digits.decode("ascii")).decode("utf-16-be", "replace")


def _simple_widths(font: DictionaryObject) -> dict[int, float]:
    first = int(font.get("/FirstChar", 0))
    widths = font.get("/Widths")
    widths = widths.get_object() if widths is not None else []
    return {first + k: float(w) for k, w in enumerate(widths)}


def _cid_widths(font: DictionaryObject) -> dict[int, float]:
    """/W of a Type0 font's descendant: [c [w …]] and [c1 c2 w] entries."""
    descendant = font["/DescendantFonts"].get_object()[0].get_object()
    default = float(descendant.get("/DW", 1000))
    entries = list(descendant.get("/W", ArrayObject()).get_object())
    widths: dict[int, float] = {}
    k = 0
    while k < len(entries):
        first = int(entries[k])
        nxt = entries[k + 1].get_object()
        if isinstance(nxt, ArrayObject):
            for offset, width in enumerate(nxt):
                widths[first + offset] = float(width)
            k += 2
        else:
            for code in range(first, int(nxt) + 1):
                widths[code] = float(entries[k + 2])
            k += 3
    widths.setdefault(-1, default)
    return widths


def _face_data(path: Path) -> bytes:
    """A face's bytes: as the build last read them when it registered the face, else read
    now (imposition takes the faces of the project's fonts/)."""
    data = file_data(path)
    return data if data is not None else _read(path)


@cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


def face_cmap(path: Path) -> dict[int, int]:
    """The face's Unicode cmap: code point -> glyph id."""
    return _cmap(_face_data(path))


def face_advances(path: Path) -> list[int]:
    """Glyph id -> advance width in font units."""
    return _advances(_face_data(path))


def face_scale(path: Path) -> float:
    """Font units to 1/1000 em."""
    return _scale(_face_data(path))


# what a face's file says, remembered by its bytes (not its path: a file rewritten with
# another font between two builds in one process is read as the new font)
@cache
def _cmap(data: bytes) -> dict[int, int]:
    return truetype.cmap(data)


@cache
def _advances(data: bytes) -> list[int]:
    return truetype.advances(data)


@cache
def _scale(data: bytes) -> float:
    return 1000 / truetype.units_per_em(data)


def postscript_names(files) -> dict[str, Path]:
    """PostScript name -> file, for TrueType files (what a PDF's BaseFont names)."""
    return {truetype.postscript_name(_face_data(Path(path))): Path(path) for path in files}


# ---------------------------------------------------------------- writing the merged face


def _embed_face(writer: PdfWriter, base: str, path: Path, use: FaceUse) -> IndirectObject:
    """The Type0 font of one face: subset program, CID widths, CID -> GID, ToUnicode."""
    points = sorted(use.widths)
    cmap = face_cmap(path)
    program, new_id = truetype.subset(_face_data(path), [cmap[p] for p in points])
    gids = bytearray(2 * (points[-1] + 1 if points else 1))
    for point in points:
        gids[2 * point:2 * point + 2] = new_id[cmap[point]].to_bytes(2, "big")
    tag = subset_tag(program, bytes(gids))
    name = NameObject(f"/{tag}+{base}")
    font_file = _stream(program)
    font_file[NameObject("/Length1")] = NumberObject(len(program))
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"),
        NameObject("/FontName"): name,
        NameObject("/FontFile2"): add_object(writer, font_file),
        **{NameObject(key): ArrayObject(map(_number, value)) if isinstance(value, list)
           else _number(value) for key, value in use.descriptor.items()},
    })
    cid_font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/CIDFontType2"),
        NameObject("/BaseFont"): name,
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0)}),
        NameObject("/FontDescriptor"): add_object(writer, descriptor),
        NameObject("/DW"): NumberObject(1000),
        NameObject("/W"): _w_array(use.widths),
        NameObject("/CIDToGIDMap"): add_object(writer, _stream(bytes(gids))),
    })
    return add_object(writer, DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): name,
        NameObject("/Encoding"): NameObject("/Identity-H"),
        NameObject("/DescendantFonts"): ArrayObject([add_object(writer, cid_font)]),
        NameObject("/ToUnicode"): add_object(writer, _stream(_to_unicode_cmap(points))),
    }))


def subset_tag(*parts: bytes) -> str:
    """Six capital letters derived from the content (ISO 32000-1 §9.6.4)."""
    number = int.from_bytes(hashlib.sha256(b"".join(parts)).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, digit = divmod(number, 26)
        letters.append(chr(65 + digit))
    return "".join(letters)


def _stream(data: bytes) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode()


def _number(value: float):
    return NumberObject(int(value)) if value == int(value) else FloatObject(value)


def _w_array(widths: dict[int, float]) -> ArrayObject:
    """/W as runs of consecutive CIDs: [first [w w w] first [w] …]."""
    entries = ArrayObject()
    run: list[float] = []
    first = previous = None
    for cid in sorted(widths):
        if previous is not None and cid == previous + 1:
            run.append(widths[cid])
        else:
            if run:
                entries += [NumberObject(first), ArrayObject(map(_number, run))]
            first, run = cid, [widths[cid]]
        previous = cid
    if run:
        entries += [NumberObject(first), ArrayObject(map(_number, run))]
    return entries


def _to_unicode_cmap(points: list[int]) -> bytes:
    """CID -> the character it is (CID = code point), in runs of consecutive CIDs."""
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1 and point >> 8 == ranges[-1][0] >> 8:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <FFFF>", b"endcodespacerange"]
    for k in range(0, len(ranges), 100):  # at most 100 entries per block
        chunk = ranges[k:k + 100]
        lines.append(b"%d beginbfrange" % len(chunk))
        lines += [b"<%04X> <%04X> <%04X>" % (a, b, a) for a, b in chunk]
        lines.append(b"endbfrange")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def _keep_font(font: DictionaryObject, programs: dict[bytes, IndirectObject]) -> None:
    """A font that was not merged, in place: a subset's tag is derived from its program, and
    a program already stored for another font is shared."""
    described = font
    if font.get("/Subtype") == "/Type0":
        described = font["/DescendantFonts"].get_object()[0].get_object()
    descriptor = described.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else None
    key = next((k for k in FONT_FILES if descriptor is not None and k in descriptor), None)
    if key is None:
        return
    data = descriptor[key].get_object().get_data()
    digest = hashlib.sha256(data).digest()
    if digest in programs:
        descriptor[NameObject(key)] = programs[digest]
    else:
        programs[digest] = descriptor.raw_get(key)
    base = str(font.get("/BaseFont", "/?"))[1:]
    if "+" in base[:7]:  # a subset: its tag names this program
        renamed = NameObject(f"/{subset_tag(data)}+{base.split('+', 1)[1]}")
        font[NameObject("/BaseFont")] = renamed
        described[NameObject("/BaseFont")] = renamed
        descriptor[NameObject("/FontName")] = renamed
