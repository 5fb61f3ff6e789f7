"""Preflight checks of the pages' geometry: boxes, bleed, page count, safe area, picture
resolution, hairlines. A file is either A4 pages or imposed sheets (two A4 pages side by side
per TrimBox, from `layout impose`); both are judged by the same rules.
"""

from __future__ import annotations

import math

from layout.checks.content_scan import HAIRLINE, glyph_boxes
from layout.checks.document import (
    BOX_TOLERANCE,
    MM,
    Document,
    RasterError,
    Verdict,
    by_problem,
    contains,
    listing,
    mm,
    on,
)
from layout.print_rules import ppi_shown

A4_TRIM = (210 * MM, 297 * MM)
SPREAD_TRIM = (2 * A4_TRIM[0], A4_TRIM[1])  # an imposed sheet side: two pages at the spine
SIZE_TOLERANCE = 0.5  # pt
BLEED = 3 * MM
THINNEST = 0.1  # pt: a stroke thinner than this fails (it may not print at all) …
# … and one under HAIRLINE (0.25 pt) is flagged: a plate may break it up
BINDINGS = ("saddle-stitch", "perfect", "none")
DEEP_IMAGE = 16  # bits per component: more than a press can show


def _size(box) -> tuple[float, float]:
    return box[2] - box[0], box[3] - box[1]


def _is(size: tuple[float, float], wanted: tuple[float, float]) -> bool:
    return all(abs(a - b) <= SIZE_TOLERANCE for a, b in zip(size, wanted, strict=True))


def imposed(doc: Document) -> bool:
    """The file is imposed sheets: its first TrimBox is two A4 pages side by side."""
    trim = doc.raw_box(0, "/TrimBox") if doc.page_indexes else None
    return trim is not None and _is(_size(trim), SPREAD_TRIM)


def check_boxes(doc: Document) -> Verdict:
    """Every page has a TrimBox of 210 x 297 mm (or every sheet side one of 420 x 297 mm)
    and a BleedBox around it."""
    wanted = SPREAD_TRIM if imposed(doc) else A4_TRIM
    found = []
    for i in doc.page_indexes:
        trim, bleed = doc.raw_box(i, "/TrimBox"), doc.raw_box(i, "/BleedBox")
        if trim is None:
            found.append(("no TrimBox", i + 1))
        elif not _is(_size(trim), wanted):
            width, height = _size(trim)
            found.append((f"TrimBox {mm(width)} x {mm(height)}, not "
                          f"{wanted[0] / MM:.0f} x {wanted[1] / MM:.0f} mm", i + 1))
        if bleed is None:
            found.append(("no BleedBox", i + 1))
        elif trim is not None and not contains(bleed, trim):
            found.append(("BleedBox smaller than the TrimBox", i + 1))
        media = doc.raw_box(i, "/MediaBox")
        if trim is not None and media is not None and not contains(media, trim):
            past = max(media[0] - trim[0], media[1] - trim[1], trim[2] - media[2],
                       trim[3] - media[3])
            found.append((f"TrimBox past the MediaBox (by up to {mm(past)}: the page is "
                          "cut inside what is drawn)", i + 1))
    problems = by_problem(found)
    if problems:
        return Verdict("fail", listing(problems), sorted({p for _, p in found}))
    what = "sheet sides: TrimBox 420 x 297 mm (two A4 pages)" if imposed(doc) \
        else "pages: TrimBox 210 x 297 mm"
    return Verdict("pass", f"{len(doc.page_indexes)} {what} inside a BleedBox")


def check_bleed(doc: Document) -> Verdict:
    """Artwork that touches the trim continues into the bleed (2 mm at least, from the
    rendered plates); pages without such artwork need no bleed. The BleedBox is what a
    printer renders, so artwork past it does not count."""
    try:
        rasters = doc.raster
    except RasterError as err:
        return _bleed_from_boxes(doc, f" (artwork not judged: {err})")
    none: dict[str, list[int]] = {}
    short: dict[str, list[int]] = {}
    bleeding = []
    for number, raster in enumerate(rasters, start=1):
        for edge, reach in raster.edges.items():
            if reach == "none":
                none.setdefault(f"{edge} edge", []).append(number)
            elif reach == "short":
                short.setdefault(f"{edge} edge", []).append(number)
            else:
                bleeding.append(number)
    failed = sorted({p for pages in none.values() for p in pages})
    warned = sorted({p for pages in short.values() for p in pages} - set(failed))
    unboxed = [n for n in failed if doc.raw_box(n - 1, "/TrimBox") is None]
    note = f" (no TrimBox{on(unboxed)}: judged at the MediaBox)" if unboxed else ""
    if none:
        return Verdict("fail", "artwork stops at the trim (no bleed): " + listing(none) + note
                       + (f"; under 2 mm of bleed: {listing(short)}" if short else ""),
                       failed)
    if short:
        return Verdict("warn", f"artwork at the trim has under 2 mm of bleed: {listing(short)}",
                       warned)
    if not bleeding:
        return Verdict("pass", "no artwork touches the trim (no bleed needed)")
    return Verdict("pass", f"artwork touching the trim bleeds at least 2 mm{on(bleeding)}")


def _bleed_from_boxes(doc: Document, note: str) -> Verdict:
    """Without a rendering: the BleedBox reaches 3 mm beyond the trim on every side."""
    none, short, least = [], [], math.inf
    for i in doc.page_indexes:
        trim, bleed = doc.raw_box(i, "/TrimBox"), doc.raw_box(i, "/BleedBox")
        if trim is None or bleed is None:
            none.append(i + 1)
            continue
        bleed = doc.bleed(i)
        margin = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2],
                     bleed[3] - trim[3])
        least = min(least, margin)
        if margin <= BOX_TOLERANCE:
            none.append(i + 1)
        elif margin < BLEED - BOX_TOLERANCE:
            short.append(i + 1)
    if none:
        return Verdict("fail", f"no bleed{on(none)}" + note, none)
    if short:
        return Verdict("warn", f"bleed only {mm(least)} (3 mm wanted){on(short)}" + note, short)
    return Verdict("pass", f"BleedBox at least {mm(least)} beyond the trim" + note)


def check_page_count(doc: Document) -> Verdict:
    """What the binding needs (Limits.binding): saddle stitch binds sheets of 4 pages, a
    perfect-bound book leaves of 2 (an odd count leaves the last page's back blank), loose
    sheets (none) any count; imposed sheets come as front and back."""
    count = len(doc.page_indexes)
    binding = doc.limits.binding
    if imposed(doc):
        if count % 2:
            return Verdict("fail", f"{count} sheet sides: a sheet has a front and a back, "
                                   "so the count must be even")
        return Verdict("pass", f"{count} sheet sides: {count // 2} sheets, front and back")
    if binding == "none":
        return Verdict("pass", f"{count} page(s), not bound (any count)")
    if binding == "perfect":
        if count % 2:
            return Verdict("warn", f"{count} pages, perfect bound: odd, so the last leaf's "
                                   f"back is blank (add 1 page to {count + 1} if that is not "
                                   "meant)")
        return Verdict("pass", f"{count} pages, perfect bound: {count // 2} leaves")
    if count % 4:
        add = 4 - count % 4
        return Verdict("fail", f"{count} pages is not a multiple of 4: add {add} page(s) "
                               f"(to {count + add}) or cut {count % 4}")
    return Verdict("pass", f"{count} pages, a multiple of 4 (saddle stitch)")


def check_resolution(doc: Document) -> Verdict:
    """Effective ppi of every image placement: warn below min_ppi, fail below error_ppi."""
    placed = [(image, i + 1) for i, m in enumerate(doc.pages) for image in m.images]
    if not placed:
        return Verdict("pass", "no images")
    low, page = min(((image.ppi, page) for image, page in placed), key=lambda t: t[0])
    fail = sorted({p for image, p in placed if image.ppi < doc.limits.error_ppi})
    warn = sorted({p for image, p in placed if image.ppi < doc.limits.min_ppi} - set(fail))
    shown = ppi_shown(low, (doc.limits.error_ppi, doc.limits.min_ppi))
    lowest = f"lowest {shown} ppi on p. {page}"
    if fail:
        also = f"; under {doc.limits.min_ppi:g} ppi{on(warn)}" if warn else ""
        return Verdict("fail", f"images under {doc.limits.error_ppi:g} ppi{on(fail)} "
                               f"({lowest}){also}", fail)
    if warn:
        return Verdict("warn", f"images under {doc.limits.min_ppi:g} ppi{on(warn)} "
                               f"({lowest})", warn)
    return Verdict("pass", f"{len(placed)} image placement(s), {lowest}")


def check_safe_area(doc: Document) -> Verdict:
    """Every glyph inside the TrimBox inset by safe_mm; text outside the BleedBox is a slug."""
    inset = doc.limits.safe_mm * MM
    bad, closest = [], math.inf
    for i, boxes in enumerate(glyph_boxes(doc.path)):
        trim, bleed = doc.trim(i), doc.bleed(i)
        safe = (trim[0] + inset, trim[1] + inset, trim[2] - inset, trim[3] - inset)
        for box in boxes:
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            if not contains(bleed, (*centre, *centre), 0) or contains(safe, box, 0.01):
                continue
            closest = min(closest, box[0] - trim[0], box[1] - trim[1],
                          trim[2] - box[2], trim[3] - box[3])
            if not bad or bad[-1] != i + 1:
                bad.append(i + 1)
    if bad:
        return Verdict("fail", f"text outside the {doc.limits.safe_mm:g} mm safe area{on(bad)}"
                               f" (closest {mm(closest)} from the trim edge)", bad)
    return Verdict("pass", f"all text at least {doc.limits.safe_mm:g} mm inside the trim")


def check_hairlines(doc: Document) -> Verdict:
    """Strokes under 0.1 pt fail (width 0 is the device's thinnest line, one device pixel:
    invisible on a platesetter; GWG2015's 'Effective Line Width' rule fails such lines too);
    under 0.25 pt warn (a plate may break them up)."""
    thin = [i + 1 for i, m in enumerate(doc.pages) if m.thin_strokes]
    if not thin:
        return Verdict("pass", f"no strokes thinner than {HAIRLINE} pt")
    thinnest = min(w for m in doc.pages for w in m.thin_strokes)
    count = sum(len(m.thin_strokes) for m in doc.pages)
    too_thin = [i + 1 for i, m in enumerate(doc.pages)
                if any(w < THINNEST - 1e-6 for w in m.thin_strokes)]
    if too_thin:
        return Verdict("fail", f"stroke(s) thinner than {THINNEST:g} pt{on(too_thin)} "
                               f"(thinnest {thinnest:.2f} pt): they may not print at all; "
                               f"make them {HAIRLINE} pt at least", too_thin)
    return Verdict("warn", f"{count} stroke(s) thinner than {HAIRLINE} pt{on(thin)} "
                           f"(thinnest {thinnest:.2f} pt)", thin)


def check_rotation(doc: Document) -> Verdict:
    """No page turned with /Rotate (inherited from the page tree too): a RIP and an
    imposition place the page turned, so it prints upside down or sideways."""
    turned = by_problem((f"/Rotate {doc.reader.pages[i].rotation % 360}", i + 1)
                        for i in doc.page_indexes if doc.reader.pages[i].rotation % 360)
    if turned:
        return Verdict("fail", f"pages turned: {listing(turned)}; set the page upright "
                               "(the artwork itself turned, /Rotate 0)",
                       sorted({p for pages in turned.values() for p in pages}))
    return Verdict("pass", "every page upright (/Rotate 0)")


def check_image_depth(doc: Document) -> Verdict:
    """16 bits per component: allowed in PDF/X-4, but a press prints 8, and older RIPs
    refuse them or slow down (a warning: the shop may want 8-bit files)."""
    deep = by_problem((f"{image.name} ({image.bits}-bit)", i + 1)
                      for i, m in enumerate(doc.pages) for image in m.images
                      if image.bits >= DEEP_IMAGE)
    if deep:
        return Verdict("warn", f"images of 16 bits per component: {listing(deep)}; 8 bits "
                               "is all a press prints", sorted({p for v in deep.values()
                                                                for p in v}))
    count = sum(len(m.images) for m in doc.pages)
    return Verdict("pass", f"{count} image placement(s) of 8 bits or fewer" if count
                   else "no images")
