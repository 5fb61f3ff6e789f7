"""One font subset per face for the whole document.

Every article is its own ReportLab document, but its text is written in the document's
faces from the start (compose/text/draw.py): each character as a two-byte code, its Unicode
code point, in a font resource that is only a placeholder naming the face, its descriptor's
metrics and every character drawn in it with its width. Once all documents are joined, each
face is embedded once (`FontMerge.finish`), in place of its placeholders: the original
TrueType file cut down to the glyphs of every character used (HarfBuzz's subsetter, outlines
and hinting kept), as a CID font (Type0, Identity-H) whose CID is the
character's code point. No content stream is read or re-encoded for it.

CID = code point makes a document's text independent of every other document (so a pressed
article can be cached, and an already merged font can take in more text later, as the
imposition's labels do: `adopt_merged` turns such a font back into a placeholder), and keeps
ToUnicode exactly what each code meant. Any other font (one an advertiser's PDF brings)
stays as it was, with a tag derived from its program and one copy of each program.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import uharfbuzz as hb
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

from layout.press.pypdf_private import add_object
from layout.style.shaping import file_data

PLACEHOLDER = "/ADZFace"  # a face's stand-in in a resource dictionary (reportlab_private)
WIDTHS = PLACEHOLDER + "Widths"  # [code point width …] of every character drawn in it
DESCRIPTOR = PLACEHOLDER + "Descriptor"  # its descriptor's metrics
FONT_FILES = ("/FontFile2", "/FontFile", "/FontFile3")
DESCRIPTOR_KEYS = ("/Flags", "/FontBBox", "/ItalicAngle", "/Ascent", "/Descent", "/CapHeight",
                   "/XHeight", "/StemV", "/StemH", "/Leading", "/AvgWidth", "/MaxWidth",
                   "/MissingWidth")

_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@dataclass
class FaceUse:
    """What one or more documents draw in a face: code point -> width (1/1000 em), and the
    face's descriptor metrics (plain numbers)."""

    widths: dict[int, float] = field(default_factory=dict)
    descriptor: dict[str, Any] = field(default_factory=dict)


def faces_drawn(reader: PdfReader) -> dict[str, FaceUse]:
    """What a source document draws in each face, as its placeholders say."""
    used: dict[str, FaceUse] = {}
    for resources in _all_resources(reader):
        fonts = resources.get("/Font")
        for value in (fonts.get_object().values() if fonts is not None else ()):
            font = value.get_object()
            if PLACEHOLDER not in font:
                continue
            use = used.setdefault(str(font[PLACEHOLDER])[1:], FaceUse(
                descriptor=_plain(font.get(DESCRIPTOR, DictionaryObject()).get_object())))
            flat = font.get(WIDTHS, ArrayObject()).get_object()
            for point, width in zip(flat[0::2], flat[1::2], strict=True):
                use.widths.setdefault(int(point), float(width))
    return used


def adopt_merged(reader: PdfReader, faces: dict[str, Path]) -> None:
    """Turn the merged fonts of a document this press wrote (an issue being imposed) back
    into placeholders of their faces, so that text added to it joins the same subsets. A
    font is taken only when it is exactly that: Type0, Identity-H, its face's file known,
    and a ToUnicode that gives every CID its own code point."""
    for resources in _all_resources(reader):
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else {}
        for key in list(fonts):
            font = fonts[key].get_object()
            base = str(font.get("/BaseFont", "/?"))[1:].split("+", 1)[-1]
            if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H" \
                    or base not in faces or "/ToUnicode" not in font:
                continue
            widths = _cid_widths(font)
            if not _identity_to_unicode(font["/ToUnicode"].get_object().get_data(), widths):
                continue
            flat = ArrayObject()
            for point in sorted(widths):
                flat += [NumberObject(point), FloatObject(widths[point])]
            fonts[NameObject(key)] = DictionaryObject({
                NameObject("/Type"): NameObject("/Font"),
                NameObject(PLACEHOLDER): NameObject(f"/{base}"),
                NameObject(DESCRIPTOR): DictionaryObject(
                    {NameObject(k): v for k, v in _descriptor(font).items()}),
                NameObject(WIDTHS): flat})


def _identity_to_unicode(data: bytes, widths: dict[int, float]) -> bool:
    """Whether a ToUnicode CMap, as `_to_unicode_cmap` writes it, maps every CID with a
    width to its own code point."""
    mapped: set[int] = set()
    for block in _BFRANGE.findall(data):
        for low, high, target in _RANGE.findall(block):
            if low != target:
                return False
            mapped.update(range(int(low, 16), int(high, 16) + 1))
    return bool(widths) and set(widths) <= mapped


class FontMerge:
    """The faces that the source documents of one output use: one Type0 font each, put in
    place of every placeholder once the documents are joined."""

    def __init__(self, faces: dict[str, Path]):
        self.faces = faces
        self.used: dict[str, FaceUse] = {}

    def add(self, used: dict[str, FaceUse]) -> None:
        """A document's faces (the first width written for a character stands)."""
        for base, use in used.items():
            if base not in self.faces:
                raise ValueError(f"text is drawn in {base}, whose font file is not known")
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


def _all_resources(document):
    """Every resource dictionary of the pages, their forms, patterns and annotations."""
    seen: set[int] = set()
    todo = []
    for page in document.pages:
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


def _plain(values: DictionaryObject) -> dict[str, Any]:
    """Descriptor metrics as plain numbers, in the order a descriptor lists them."""
    out: dict[str, Any] = {}
    for key in DESCRIPTOR_KEYS:
        if key in values:
            value = values[key].get_object()
            out[key] = [float(v) for v in value] if isinstance(value, ArrayObject) \
                else float(value)
    return out


def _descriptor(font: DictionaryObject) -> dict[str, Any]:
    """A Type0 font's descriptor metrics, as PDF objects."""
    descendant = font["/DescendantFonts"].get_object()[0].get_object()
    descriptor = descendant["/FontDescriptor"].get_object()
    return {key: descriptor[key] for key in DESCRIPTOR_KEYS if key in descriptor}


def _cid_widths(font: DictionaryObject) -> dict[int, float]:
    """/W of a Type0 font's descendant: [c [w …]] and [c1 c2 w] entries."""
    descendant = font["/DescendantFonts"].get_object()[0].get_object()
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


# what a face's file says, remembered by its bytes (not its path: a file rewritten with
# another font between two builds in one process is read as the new font)
@cache
def _cmap(data: bytes) -> dict[int, int]:
    face = _hb_face(data)
    font = hb.Font(face)
    return {point: font.get_nominal_glyph(point) for point in face.unicodes}


def postscript_names(files) -> dict[str, Path]:
    """PostScript name -> file, for TrueType files (what a PDF's BaseFont names)."""
    return {_hb_face(_face_data(Path(path))).get_name(
        hb.OTNameIdPredefined.POSTSCRIPT_NAME): Path(path) for path in files}


# ---------------------------------------------------------------- writing the merged face


def _embed_face(writer: PdfWriter, base: str, path: Path, use: FaceUse) -> IndirectObject:
    """The Type0 font of one face: subset program, CID widths, CID -> GID, ToUnicode."""
    points = sorted(use.widths)
    cmap = face_cmap(path)
    program, new_id = subset(_face_data(path), [cmap.get(p, 0) for p in points])
    gids = bytearray(2 * (points[-1] + 1 if points else 1))
    for point in points:  # (a character the face lacks is its .notdef, glyph 0)
        gids[2 * point:2 * point + 2] = new_id.get(cmap.get(point, 0), 0).to_bytes(2, "big")
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


# what a PDF's TrueType program needs no more of (ISO 32000-1 §9.9: a CIDFontType2 is
# reached through CIDToGIDMap, not the font's own cmap; shaping is done before the PDF)
DROPPED = ("cmap", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "DSIG", "hdmx",
           "LTSH", "VDMX", "vhea", "vmtx", "meta", "gasp", "morx", "kerx", "STAT", "fvar",
           "gvar", "avar", "HVAR", "MVAR", "cvar")


def subset(data: bytes, glyph_ids: list[int]) -> tuple[bytes, dict[int, int]]:
    """The face cut down to glyph_ids (with what composites use, and .notdef, its outline
    kept) by HarfBuzz's subsetter, hinting kept; the program and old -> new glyph id."""
    wanted = hb.SubsetInput()
    for gid in glyph_ids:
        wanted.glyph_set.add(gid)
    dropped = wanted.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in DROPPED:
        dropped.add(int.from_bytes(tag.encode(), "big"))
    wanted.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    plan = hb.SubsetPlan(_hb_face(data), wanted)
    program = plan.execute().blob.data
    return program, dict(plan.old_to_new_glyph_mapping.items())


@cache
def _hb_face(data: bytes):
    return hb.Face(hb.Blob(data))


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
