"""A face's own superscript and subscript glyphs (OpenType `sups`, `subs`/`sinf`) as a face.

The engine draws one glyph per character, the one a face's character map gives it (ReportLab's
subsets and the press's merged faces both go by code point). So a face whose GSUB has the
feature gets a companion: the face cut down to the feature's glyphs (outlines and hinting as
they are), whose character map sends each character the feature substitutes to its
substitute, and holds nothing else. A sub- or superscript run whose characters it all covers
is set in it at the text's size, on the baseline: the type designer drew those glyphs small,
raised (or lowered) and of a weight that matches the text's. Text extraction still gives the
characters as typed (ToUnicode goes by code point). A run it does not cover (`5^th^`: Noto
has no superior t, h) keeps the synthesised size and rise of the theme's `script.*`, the
whole run alike.

The companion is named after the face (`serif` -> `serif.sups`) and its PostScript name gets
the feature (`NotoSerif-Regular-sups`), so a PDF carries it as a font of its own.
"""

from __future__ import annotations

import struct

import uharfbuzz as hb

from layout.press import truetype

FEATURES = {"sup": ("sups",), "sub": ("subs", "sinf")}  # the first the face has is used
CANDIDATES = [*range(0x21, 0x7F), *range(0xC0, 0x250), *range(0x370, 0x530),  # what a sub- or
              0x2212]  # superscript may hold: figures, signs, Latin, Greek, Cyrillic letters


def companions(data: bytes) -> dict[str, tuple[str, bytes, frozenset[str]]]:
    """For each script ("sup", "sub") the face has a feature for: (feature, the companion
    face's bytes, the characters it covers)."""
    if struct.unpack_from(">H", truetype.tables(data)[b"name"], 0)[0] != 0:
        return {}  # a format 1 name table (language tags): not renamed here, none made
    face = hb.Face(hb.Blob(data))
    font = hb.Font(face)
    out = {}
    for script, candidates in FEATURES.items():
        found = ((tag, _substitutes(font, tag)) for tag in candidates)
        feature, mapping = next(((tag, m) for tag, m in found if m), (None, None))
        if not mapping:
            continue  # the face has none of the features (or they change nothing)
        out[script] = (feature, _companion(data, mapping, feature),
                       frozenset(chr(point) for point in mapping))
    return out


def _substitutes(font: hb.Font, feature: str) -> dict[int, int]:
    """Code point -> the glyph the feature gives it, for the characters it changes: found
    by shaping them all at once (apart by spaces) with and without it, then each candidate
    alone, one glyph in and one out (a single substitution, as the feature is applied)."""
    points = [point for point in CANDIDATES if font.get_nominal_glyph(point)]
    text = " ".join(chr(point) for point in points)
    plain, featured = (_clusters(font, text, features) for features in ({}, {feature: True}))
    found = {}
    for at, glyphs in featured.items():
        if glyphs != plain.get(at) and len(glyphs) == 1:
            point = ord(text[at])
            alone = _clusters(font, chr(point), {}), _clusters(font, chr(point), {feature: True})
            if alone[0].get(0, [0])[0] != alone[1].get(0, [0])[0] != 0 \
                    and len(alone[1][0]) == len(alone[0][0]) == 1:
                found[point] = alone[1][0][0]
    return found


def _clusters(font: hb.Font, text: str, features: dict) -> dict[int, list[int]]:
    """Character index -> the glyphs shaped from it (and the ones after it, up to the next
    cluster)."""
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, features)
    out: dict[int, list[int]] = {}
    for info in buffer.glyph_infos:
        out.setdefault(info.cluster, []).append(info.codepoint)
    return out


def _companion(data: bytes, mapping: dict[int, int], feature: str) -> bytes:
    """The font cut down to the glyphs of `mapping` (press/truetype.py: outlines and hinting
    as they are), with a (3,10) format 12 character map of it and `-feature` after its
    PostScript name."""
    program, new_id = truetype.subset(data, mapping.values())
    tables = truetype.tables(program)
    tables[b"cmap"] = _cmap({point: new_id[glyph] for point, glyph in mapping.items()})
    tables[b"name"] = _renamed(tables[b"name"], f"-{feature}")
    return truetype.assemble(tables)


def _cmap(mapping: dict[int, int]) -> bytes:
    groups = b"".join(struct.pack(">III", point, point, glyph)
                      for point, glyph in sorted(mapping.items()))
    subtable = struct.pack(">HHIII", 12, 0, 16 + len(groups), 0, len(mapping)) + groups
    return struct.pack(">HHHHI", 0, 1, 3, 10, 12) + subtable


def _renamed(table: bytes, suffix: str) -> bytes:
    """The name table with `suffix` after every PostScript name (name id 6)."""
    _, count, strings = struct.unpack_from(">HHH", table, 0)
    records, storage = [], bytearray()
    for k in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(
            ">6H", table, 6 + 12 * k)
        raw = table[strings + offset:strings + offset + length]
        if name_id == 6:
            raw += suffix.encode("utf-16-be" if platform in (0, 3) else "latin-1")
        records.append(struct.pack(">6H", platform, encoding, language, name_id, len(raw),
                                   len(storage)))
        storage += raw
    return struct.pack(">HHH", 0, count, 6 + 12 * count) + b"".join(records) + bytes(storage)
