"""One font subset per face for the whole document.

Every article is its own ReportLab document, and each names its subsets `AAAAAA+Face`: joined
unchanged, one PDF would carry dozens of different programs under one name, and a RIP that
caches fonts by name would draw pages with another page's glyphs (ISO 32000-1 §9.6.4 wants a
distinct tag per subset). So the articles' fonts are taken apart before their pages are
joined (`FontMerge.detach`) and each face is embedded once (`FontMerge.build`): fontTools
subsets the original TrueType file to the union of the characters every article uses, as a
CID font (Type0, Identity-H) whose CID is the character's Unicode code point. A content
stream's text is re-encoded to those CIDs by press/rewrite.py.

CID = code point makes the mapping of any source font independent of every other article,
lets an already merged font take in more text later (imposition labels) without touching
the pages that use it, and keeps ToUnicode exactly what each code meant. A font that cannot
be merged (its face file unknown, a code standing for several characters or for a glyph the
face's cmap does not reach, widths that disagree with the face) stays as it was, with a tag
derived from its program and one copy of each identical program.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont
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

from layout.files import write_atomically

PLACEHOLDER = "/ADZSourceFont"  # marks a detached font in a resource dictionary
SUBSET_VERSION = b"adz-subset-1"  # bump when the subset options change (cache key)
WIDTH_TOLERANCE = 1.0  # glyph-space units (1/1000 em): ReportLab rounds advances
DROPPED_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG", "gasp", "hdmx",
                  "LTSH", "VDMX", "kern", "STAT", "meta"]  # nothing in a PDF reads them

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])")


class FontMergeError(ValueError):
    """A source font turned out not to be mergeable while its text was re-encoded."""


@dataclass
class SourceFont:
    """A font as one source document wrote it: codes, what they mean, their widths."""

    index: int
    font: DictionaryObject  # the font dictionary, in its own (reader's) document
    base: str  # BaseFont without its subset tag
    two_byte: bool  # a Type0 font with Identity-H (2-byte codes), else a simple font
    chars: dict[int, str]  # code -> Unicode text (ToUnicode)
    widths: dict[int, float]  # code -> advance in 1/1000 em
    mergeable: bool = False
    reason: str = ""


class FontPlan:
    """How the text of one source font is written in the output: the font it uses there and,
    per source code, the output code already escaped for a literal string."""

    def __init__(self, target: IndirectObject, two_byte_source: bool,
                 codes: dict[int, bytes] | None = None):
        self.target = target
        self.two_byte_source = two_byte_source
        self.identity = codes is None  # the text is written as it was
        if two_byte_source:
            self._pairs = {code: escape(out) for code, out in (codes or {}).items()}
        else:
            self._bytes = [escape(bytes([code])) for code in range(256)] if codes is None \
                else [escape(codes.get(code, b"\0\0")) for code in range(256)]

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
class Face:
    """A face gathered from every source font that uses it."""

    base: str
    path: Path
    widths: dict[int, float] = field(default_factory=dict)  # code point -> width
    sources: list[SourceFont] = field(default_factory=list)


class FontMerge:
    """The fonts of several source documents, merged into one subset per face."""

    def __init__(self, faces: dict[str, Path], cache: Path | None = None):
        self.faces = faces  # PostScript name -> TrueType file
        self.cache = cache
        self.sources: list[SourceFont] = []
        self.plans: dict[int, FontPlan] = {}
        self._attached: dict[int, dict[str, FontPlan]] = {}

    # ---------------------------------------------------------------- before joining

    def detach(self, reader: PdfReader) -> None:
        """Swap every font of the reader's pages (and of their forms and patterns) for a
        placeholder naming it, so that joining the pages copies no font."""
        seen: set[int] = set()
        for page in reader.pages:
            resources = page.get("/Resources")
            if resources is not None:
                self.detach_resources(resources.get_object(), seen)

    def detach_resources(self, resources: DictionaryObject, seen: set[int] | None = None) -> None:
        """Placeholders for the fonts in one resource dictionary and the forms it names."""
        seen = seen if seen is not None else set()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        fonts = resources.get("/Font")
        if fonts is not None:
            fonts = fonts.get_object()
            for key in list(fonts):
                font = fonts[key].get_object()
                if PLACEHOLDER not in font:
                    fonts[NameObject(key)] = self._placeholder(font)
        for category in ("/XObject", "/Pattern"):
            named = resources.get(category)
            for value in (named.get_object().values() if named is not None else ()):
                inner = value.get_object().get("/Resources")
                if inner is not None:
                    self.detach_resources(inner.get_object(), seen)

    def _placeholder(self, font: DictionaryObject) -> DictionaryObject:
        source = read_source_font(len(self.sources), font, self.faces)
        self.sources.append(source)
        return DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                 NameObject(PLACEHOLDER): NumberObject(source.index)})

    # ---------------------------------------------------------------- after joining

    def build(self, writer: PdfWriter) -> None:
        """Embed one subset per face in the writer, and the unmergeable fonts once each."""
        faces: dict[str, Face] = {}
        for source in self.sources:
            if source.mergeable and not self._agrees(faces, source):
                source.mergeable, source.reason = False, "widths differ from another subset"
        for face in faces.values():
            target = _embed_face(writer, face, self.cache)
            for source in face.sources:
                self.plans[source.index] = _merged_plan(target, source)
        programs: dict[bytes, IndirectObject] = {}
        for source in self.sources:
            if not source.mergeable:
                self.plans[source.index] = FontPlan(_keep_font(writer, source, programs),
                                                    source.two_byte)

    def _agrees(self, faces: dict[str, Face], source: SourceFont) -> bool:
        """Add the source's characters to its face unless a width disagrees."""
        face = faces.get(source.base)
        if face is None:
            face = faces[source.base] = Face(source.base, self.faces[source.base])
        cmap = face_cmap(face.path)
        proposed = {}
        for code, text in source.chars.items():
            point = ord(text)
            if point not in cmap:
                continue
            width = source.widths.get(code)
            if width is None:  # a code past /Widths: the face's own advance
                width = face_advances(face.path)[cmap[point]] * face_scale(face.path)
            known = face.widths.get(point, proposed.get(point))
            if known is not None and abs(width - known) > WIDTH_TOLERANCE:
                return False
            proposed[point] = width
        face.widths.update(proposed)
        face.sources.append(source)
        return True

    def plan_for(self, font: DictionaryObject) -> FontPlan | None:
        """The plan of a placeholder, None for a font that was never detached."""
        index = font.get(PLACEHOLDER)
        return self.plans.get(int(index)) if index is not None else None

    def attach(self, resources: DictionaryObject) -> dict[str, FontPlan]:
        """Put the output fonts in place of the placeholders of one resource dictionary;
        the plan of each font name in it (a dictionary shared by pages is done once)."""
        fonts = resources.get("/Font")
        if fonts is None:
            return {}
        fonts = fonts.get_object()
        if id(fonts) in self._attached:
            return self._attached[id(fonts)]
        plans: dict[str, FontPlan] = {}
        for key in list(fonts):
            value = fonts[key]
            font = value.get_object()
            plan = self.plan_for(font)
            if plan is None:  # never detached: drawn as it is
                plan = FontPlan(value, font.get("/Subtype") == "/Type0")
            else:
                fonts[NameObject(key)] = plan.target
            plans[str(key)] = plan
        self._attached[id(fonts)] = plans
        return plans


# ---------------------------------------------------------------- reading source fonts


def read_source_font(index: int, font: DictionaryObject, faces: dict[str, Path]) -> SourceFont:
    """What a font dictionary says about its codes; whether it can join its face's subset."""
    subtype = font.get("/Subtype")
    base = str(font.get("/BaseFont", "/?"))[1:].split("+", 1)[-1]
    two_byte = subtype == "/Type0"
    source = SourceFont(index, font, base, two_byte, {}, {})
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
    source.mergeable = True
    return source


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


@cache
def _face_font(path: Path) -> TTFont:
    return TTFont(io.BytesIO(path.read_bytes()), lazy=True)  # holds no open file


@cache
def face_cmap(path: Path) -> dict[int, str]:
    """The face's best Unicode cmap: code point -> glyph name."""
    return _face_font(path).getBestCmap()


@cache
def face_advances(path: Path) -> dict[str, int]:
    """Glyph name -> advance width in font units."""
    return {name: metric[0] for name, metric in _face_font(path)["hmtx"].metrics.items()}


@cache
def face_scale(path: Path) -> float:
    """Font units to 1/1000 em."""
    return 1000 / _face_font(path)["head"].unitsPerEm


def postscript_names(files) -> dict[str, Path]:
    """PostScript name -> file, for TrueType files (what a PDF's BaseFont names)."""
    return {_face_font(Path(path))["name"].getDebugName(6): Path(path) for path in files}


# ---------------------------------------------------------------- writing the merged face


def subset_program(path: Path, points: list[int], cache: Path | None) -> bytes:
    """The face cut down to the glyphs of these code points (and what they are built of):
    no hinting (a RIP renders at press resolution) and no layout tables (a PDF places every
    glyph itself). Kept in the cache folder: subsetting takes tens of ms per face."""
    digest = hashlib.sha256(SUBSET_VERSION + path.read_bytes())
    digest.update(",".join(map(str, points)).encode())
    name = f"subset-{digest.hexdigest()[:24]}.ttf"
    if cache is not None and (cache / name).is_file():
        return (cache / name).read_bytes()
    # the face's own date stays in its head table: the same input gives the same bytes
    font = TTFont(io.BytesIO(path.read_bytes()), lazy=True, recalcTimestamp=False)
    options = ft_subset.Options()
    options.hinting = True
    options.layout_features = []
    options.drop_tables += DROPPED_TABLES
    options.glyph_names = False
    options.notdef_outline = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    program = out.getvalue()
    if cache is not None:
        try:
            write_atomically(cache / name, program)
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs time
            pass
    return program


def subset_tag(*parts: bytes) -> str:
    """Six capital letters derived from the content (ISO 32000-1 §9.6.4)."""
    number = int.from_bytes(hashlib.sha256(b"".join(parts)).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, digit = divmod(number, 26)
        letters.append(chr(65 + digit))
    return "".join(letters)


def _embed_face(writer: PdfWriter, face: Face, cache: Path | None) -> IndirectObject:
    """The Type0 font of one face: subset program, CID widths, CID -> GID, ToUnicode."""
    points = sorted(face.widths)
    program = subset_program(face.path, points, cache)
    subset_cmap = TTFont(io.BytesIO(program), lazy=True).getBestCmap()
    order = {name: gid for gid, name in
             enumerate(TTFont(io.BytesIO(program), lazy=True).getGlyphOrder())}
    gids = bytearray(2 * (points[-1] + 1 if points else 1))
    for point in points:
        gid = order[subset_cmap[point]]
        gids[2 * point:2 * point + 2] = gid.to_bytes(2, "big")
    tag = subset_tag(program, bytes(gids))
    name = NameObject(f"/{tag}+{face.base}")
    descriptor = _descriptor(writer, face.sources[0].font, name, program)
    cid_font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/CIDFontType2"),
        NameObject("/BaseFont"): name,
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0)}),
        NameObject("/FontDescriptor"): descriptor,
        NameObject("/DW"): NumberObject(1000),
        NameObject("/W"): _w_array(face.widths),
        NameObject("/CIDToGIDMap"): writer._add_object(_stream(bytes(gids))),
    })
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): name,
        NameObject("/Encoding"): NameObject("/Identity-H"),
        NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
        NameObject("/ToUnicode"): writer._add_object(_stream(_to_unicode_cmap(points))),
    }))


def _descriptor(writer: PdfWriter, source: DictionaryObject, name: NameObject,
                program: bytes) -> IndirectObject:
    """The source's descriptor metrics with the merged program and its name."""
    if source.get("/Subtype") == "/Type0":
        source = source["/DescendantFonts"].get_object()[0].get_object()
    old = source["/FontDescriptor"].get_object()
    descriptor = DictionaryObject({NameObject(k): v.clone(writer) for k, v in old.items()
                                   if k not in ("/FontFile", "/FontFile2", "/FontFile3",
                                                "/FontName", "/CIDSet")})
    font_file = _stream(program)
    font_file[NameObject("/Length1")] = NumberObject(len(program))
    descriptor[NameObject("/FontName")] = name
    descriptor[NameObject("/FontFile2")] = writer._add_object(font_file)
    return writer._add_object(descriptor)


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


def _merged_plan(target: IndirectObject, source: SourceFont) -> FontPlan:
    """Source code -> CID, the character's code point (codes without a character draw
    .notdef, as they did in the source)."""
    codes = {code: ord(text).to_bytes(2, "big") for code, text in source.chars.items()
             if source.two_byte or code < 256}
    if source.two_byte and all(code == int.from_bytes(cid, "big") for code, cid in codes.items()):
        return FontPlan(target, True)  # already CID = code point: written as it is
    return FontPlan(target, source.two_byte, codes)


def _keep_font(writer: PdfWriter, source: SourceFont,
               programs: dict[bytes, IndirectObject]) -> IndirectObject:
    """An unmergeable font, copied with a tag derived from its program; identical programs
    are stored once."""
    font = source.font
    described = font
    if font.get("/Subtype") == "/Type0":
        described = font["/DescendantFonts"].get_object()[0].get_object()
    descriptor = described.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else None
    program_key = next((key for key in ("/FontFile2", "/FontFile", "/FontFile3")
                        if descriptor is not None and key in descriptor), None)
    copy = font.clone(writer)
    if program_key is None:
        return writer._add_object(copy) if copy.indirect_reference is None \
            else copy.indirect_reference
    data = descriptor[program_key].get_object().get_data()
    digest = hashlib.sha256(data).digest()
    tag = subset_tag(data)
    copied = copy if copy.get("/Subtype") != "/Type0" else \
        copy["/DescendantFonts"].get_object()[0].get_object()
    new_descriptor = copied["/FontDescriptor"].get_object()
    if digest in programs:
        new_descriptor[NameObject(program_key)] = programs[digest]
    else:
        programs[digest] = new_descriptor.raw_get(program_key)
    base = str(font.get("/BaseFont", "/?"))[1:]
    if "+" in base[:7]:  # a subset: its tag names this program
        renamed = NameObject(f"/{tag}+{base.split('+', 1)[1]}")
        copy[NameObject("/BaseFont")] = renamed
        copied[NameObject("/BaseFont")] = renamed
        new_descriptor[NameObject("/FontName")] = renamed
    return copy.indirect_reference if copy.indirect_reference is not None \
        else writer._add_object(copy)
