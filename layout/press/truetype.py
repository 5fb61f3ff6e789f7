"""A TrueType subset made by copying bytes: the glyphs asked for, the glyphs their composites
are built of, and .notdef, renumbered from 0; outlines, hinting instructions and the font
programs (fpgm, prep, cvt) byte for byte, so a subset renders exactly as the face does.

fontTools' subsetter decompiles and recompiles every table (40-60 ms a face); every build
without a cache would pay that for each face, this takes a few ms (ISO/IEC 14496-22 and
Apple's TrueType reference: the tables named below).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

KEPT = (b"OS/2", b"cvt ", b"fpgm", b"name", b"prep")  # copied as they are
# composite glyph flags (glyf table)
ARG_1_AND_2_ARE_WORDS, WE_HAVE_A_SCALE, MORE_COMPONENTS = 0x0001, 0x0008, 0x0020
WE_HAVE_AN_X_AND_Y_SCALE, WE_HAVE_A_TWO_BY_TWO = 0x0040, 0x0080


class TrueTypeError(ValueError):
    """A font that is not a TrueType (glyf) font this module can cut."""


def tables(data: bytes) -> dict[bytes, bytes]:
    """The font's tables by tag."""
    version, count = struct.unpack_from(">IH", data, 0)
    if version not in (0x00010000, 0x74727565):  # 1.0 or 'true': TrueType outlines
        raise TrueTypeError("not a TrueType font (no glyf outlines)")
    found = {}
    for k in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * k)
        found[tag] = data[offset:offset + length]
    return found


def cmap(data: bytes) -> dict[int, int]:
    """Unicode code point -> glyph id, from the (3,1) format 4 or (3,10) format 12 table."""
    table = tables(data)[b"cmap"]
    _, count = struct.unpack_from(">HH", table, 0)
    records = [struct.unpack_from(">HHI", table, 4 + 8 * k) for k in range(count)]
    chosen = [offset for platform, encoding, offset in records
              if (platform, encoding) == (3, 10)] or \
        [offset for platform, encoding, offset in records if (platform, encoding) == (3, 1)]
    if not chosen:
        raise TrueTypeError("no Unicode cmap")
    offset = chosen[0]
    fmt = struct.unpack_from(">H", table, offset)[0]
    mapping: dict[int, int] = {}
    if fmt == 12:
        groups = struct.unpack_from(">I", table, offset + 12)[0]
        for k in range(groups):
            first, last, glyph = struct.unpack_from(">III", table, offset + 16 + 12 * k)
            for point in range(first, last + 1):
                mapping[point] = glyph + point - first
        return mapping
    if fmt != 4:
        raise TrueTypeError(f"cmap format {fmt}")
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 4 * segments)
    range_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", table, range_at)
    for k in range(segments):
        for point in range(starts[k], ends[k] + 1):
            if point == 0xFFFF:
                continue
            if ranges[k] == 0:
                glyph = (point + deltas[k]) & 0xFFFF
            else:
                at = range_at + 2 * k + ranges[k] + 2 * (point - starts[k])
                glyph = struct.unpack_from(">H", table, at)[0]
                glyph = (glyph + deltas[k]) & 0xFFFF if glyph else 0
            if glyph:
                mapping[point] = glyph
    return mapping


def postscript_name(data: bytes) -> str:
    """The font's PostScript name (name id 6), as a PDF's BaseFont writes it."""
    table = tables(data)[b"name"]
    _, count, strings = struct.unpack_from(">HHH", table, 0)
    for k in range(count):
        platform, encoding, _, name_id, length, offset = struct.unpack_from(
            ">6H", table, 6 + 12 * k)
        if name_id == 6:
            raw = table[strings + offset:strings + offset + length]
            return raw.decode("utf-16-be") if platform in (0, 3) else raw.decode("latin-1")
    raise TrueTypeError("no PostScript name")


def _locations(font: dict[bytes, bytes]) -> list[int]:
    glyphs = struct.unpack_from(">H", font[b"maxp"], 4)[0]
    long_offsets = struct.unpack_from(">h", font[b"head"], 50)[0] == 1
    if long_offsets:
        return list(struct.unpack_from(f">{glyphs + 1}I", font[b"loca"], 0))
    return [2 * v for v in struct.unpack_from(f">{glyphs + 1}H", font[b"loca"], 0)]


def _components(glyph: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, glyph index) of each component of a composite glyph."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found, at = [], 10
    while True:
        flags, index = struct.unpack_from(">HH", glyph, at)
        found.append((at + 2, index))
        at += 4 + (4 if flags & ARG_1_AND_2_ARE_WORDS else 2)
        if flags & WE_HAVE_A_SCALE:
            at += 2
        elif flags & WE_HAVE_AN_X_AND_Y_SCALE:
            at += 4
        elif flags & WE_HAVE_A_TWO_BY_TWO:
            at += 8
        if not flags & MORE_COMPONENTS:
            return found


def subset(data: bytes, glyph_ids: Iterable[int]) -> tuple[bytes, dict[int, int]]:
    """The font cut down to glyph_ids (with what composites use, and .notdef); the program
    and old glyph id -> new glyph id. The cmap maps nothing: a CID font's CIDToGIDMap
    selects the glyphs."""
    font = tables(data)
    where = _locations(font)
    glyf = font[b"glyf"]

    def outline(gid: int) -> bytes:
        return glyf[where[gid]:where[gid + 1]]

    wanted: set[int] = set()
    todo = [0, *glyph_ids]
    while todo:
        gid = todo.pop()
        if gid in wanted or gid >= len(where) - 1:
            continue
        wanted.add(gid)
        todo += [index for _, index in _components(outline(gid))]
    order = sorted(wanted)
    new_id = {old: new for new, old in enumerate(order)}
    glyphs, offsets = bytearray(), [0]
    for old in order:
        piece = bytearray(outline(old))
        for at, index in _components(bytes(piece)):
            struct.pack_into(">H", piece, at, new_id[index])
        piece += b"\0" * (-len(piece) % 4)
        glyphs += piece
        offsets.append(len(glyphs))
    metrics = _metrics(font)
    count = len(order)
    out = {tag: font[tag] for tag in KEPT if tag in font}
    out[b"glyf"] = bytes(glyphs)
    out[b"loca"] = struct.pack(f">{count + 1}I", *offsets)
    out[b"hmtx"] = b"".join(struct.pack(">Hh", *metrics[old]) for old in order)
    head = bytearray(font[b"head"])
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    out[b"head"] = bytes(head)
    hhea = bytearray(font[b"hhea"])
    struct.pack_into(">H", hhea, 34, count)  # numberOfHMetrics
    out[b"hhea"] = bytes(hhea)
    maxp = bytearray(font[b"maxp"])
    struct.pack_into(">H", maxp, 4, count)
    out[b"maxp"] = bytes(maxp)
    if b"post" in font:  # format 3: no glyph names
        out[b"post"] = struct.pack(">I", 0x00030000) + font[b"post"][4:32]
    return _assemble(out), new_id


def _metrics(font: dict[bytes, bytes]) -> list[tuple[int, int]]:
    """(advance, left side bearing) of every glyph."""
    glyphs = struct.unpack_from(">H", font[b"maxp"], 4)[0]
    long_count = struct.unpack_from(">H", font[b"hhea"], 34)[0]
    hmtx = font[b"hmtx"]
    pairs = [struct.unpack_from(">Hh", hmtx, 4 * k) for k in range(long_count)]
    last = pairs[-1][0]
    bearings = struct.unpack_from(f">{glyphs - long_count}h", hmtx, 4 * long_count)
    return pairs + [(last, bearing) for bearing in bearings]


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _assemble(font: dict[bytes, bytes]) -> bytes:
    """An sfnt file of these tables, tags sorted, each 4-byte aligned, checksums set."""
    tags = sorted(font)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, 16 * power, power.bit_length() - 1,
                         16 * count - 16 * power)
    offset = 12 + 16 * count
    directory, body = bytearray(), bytearray()
    for tag in tags:
        data = font[tag]
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    whole = bytearray(header + directory + body)
    head_at = offset + sum(len(font[t]) + (-len(font[t]) % 4) for t in tags[:tags.index(b"head")])
    struct.pack_into(">I", whole, head_at + 8, (0xB1B0AFBA - _checksum(bytes(whole))) & 0xFFFFFFFF)
    return bytes(whole)
