"""Preflight checks of the inks: colour spaces, overprint of black text, rich black and
many-ink small type, registration colour, total area coverage, transparency.

What the pages draw comes from content_scan (pypdf's reading of the content); coverage comes
from Ghostscript's rendering of the plates (document.py).
"""

from __future__ import annotations

from layout.checks.content_scan import Colour, TextUse
from layout.checks.document import (
    TAC_ROUNDING,
    Document,
    RasterError,
    Verdict,
    by_problem,
    intersect,
    listing,
    on,
    pages_of,
)

SMALL_TYPE = 12.0  # pt: under this, misregistration shows
INK = 0.001
RICH_K = 0.9  # K at least this, with other inks: rich black
RICH_OTHERS = 0.05  # C + M + Y above this
INSIDE = 0.5  # pt: a mark may touch the trim line, not cross into the page


def _inks(values) -> int:
    return sum(v > INK for v in values)


def full_black(colour: Colour) -> bool:
    """0/0/0/100: black that should overprint."""
    cmyk = colour.cmyk
    return cmyk is not None and cmyk[3] >= 1 - INK and max(cmyk[:3]) <= INK


def rich_black(colour: Colour) -> bool:
    """Black built from K and other inks (400 % black included)."""
    cmyk = colour.cmyk
    return cmyk is not None and cmyk[3] >= RICH_K and sum(cmyk[:3]) > RICH_OTHERS


def _percent(colour: Colour) -> str:
    return "/".join(f"{round(v * 100)}" for v in colour.values)


def _texts(doc: Document):
    for number, drawn in enumerate(doc.pages, start=1):
        for text in drawn.texts:
            if text.filled:
                yield number, text


def check_colour(doc: Document) -> Verdict:
    """No RGB (device, calibrated or ICC-based) and no Lab anywhere, annotation appearances
    included (fail); DeviceGray is allowed but flagged (warn)."""
    wrong = by_problem((f"{family.upper() if family == 'rgb' else 'Lab'}: {what}", i + 1)
                       for i, m in enumerate(doc.pages) for family in ("rgb", "lab")
                       for what in sorted(m.colours.get(family, ())))
    gray = by_problem((what, i + 1) for i, m in enumerate(doc.pages)
                      for what in sorted(m.colours.get("gray", ())))
    gray_note = f"; gray (black plate only): {listing(gray)}" if gray else ""
    if wrong:
        return Verdict("fail", f"not CMYK: {listing(wrong)}{gray_note}", pages_of(wrong))
    if gray:
        return Verdict("warn", f"gray (black plate only): {listing(gray)}", pages_of(gray))
    spots = " (spot colours: see spot-colours)" if any(m.spots for m in doc.pages) else ""
    return Verdict("pass", "no RGB, Lab or gray colour spaces, operators or images" + spots)


def white(colour: Colour) -> bool:
    """A colour that puts no ink down: 0/0/0/0, gray 1, RGB white, a spot at tint 0."""
    values = colour.values
    if not values or colour.family in ("pattern", "other", "lab"):
        return False
    if colour.family == "gray":
        return values[0] >= 1 - INK
    if colour.family == "rgb":
        return min(values) >= 1 - INK
    return max(values) <= INK  # cmyk, separation, devicen: tints


def check_white_overprint(doc: Document) -> Verdict:
    """No white text or art set to overprint: with overprint on, white puts no ink on the
    plates below, so the object vanishes on press (and in overprint preview) though the
    screen shows it (GWG2015 'Overprint White Text' and 'Overprint White Paths': an
    error)."""
    found = []
    for number, drawn in enumerate(doc.pages, start=1):
        for text in drawn.texts:
            if (text.filled and text.overprint and white(text.fill)) or \
                    (text.stroked and text.stroke_overprint and white(text.stroke)):
                found.append(("white text set to overprint", number))
        for path in drawn.paths:
            if path.overprint and white(path.colour):
                found.append((f"white {'stroke' if path.stroked else 'fill'} set to overprint",
                              number))
    if found:
        problems = by_problem(found)
        return Verdict("fail", f"{listing(problems)}: it vanishes on press (white puts no ink "
                               "down); set it to knock out", pages_of(problems))
    return Verdict("pass", "no white text or art set to overprint")


def check_spot_colours(doc: Document) -> Verdict:
    """The job prints in the four process inks: a named Separation or DeviceN colorant (a
    Pantone, a varnish) would need a plate of its own (GWG2015 'Use of Spot Colors': none in
    its CMYK-only variants). The Registration colour (/All) and /None are not spot colours."""
    found = by_problem((f"'{name}' ({', '.join(sorted(where))})", i + 1)
                       for i, drawn in enumerate(doc.pages)
                       for name, where in sorted(drawn.spots.items()))
    if found:
        names = sorted({name for drawn in doc.pages for name in drawn.spots})
        return Verdict("fail", f"{len(names)} spot colour(s), each a plate of its own: "
                               f"{listing(found)}; convert to CMYK for a four-colour job",
                       pages_of(found))
    return Verdict("pass", "no spot colours (process CMYK, the Registration colour aside)")


def check_black_overprint(doc: Document) -> Verdict:
    """100 % K text overprints (op true, OPM 1): knocked out of a tint, it leaves white
    slivers wherever the plates do not register."""
    black = [(number, text) for number, text in _texts(doc) if full_black(text.fill)]
    knocked = sorted({n for n, text in black if not (text.overprint and text.mode == 1)})
    if knocked:
        return Verdict("warn", f"100 % K text knocks out instead of overprinting{on(knocked)}:"
                               " misregistration shows white slivers where it crosses a tint",
                       knocked)
    if not black:
        return Verdict("pass", "no 100 % K text")
    return Verdict("pass", f"100 % K text overprints (OPM 1){on({n for n, _ in black})}")


def check_rich_black(doc: Document) -> Verdict:
    """No text in rich black (K with other inks): small type in it fringes (fail), larger
    type is flagged (warn)."""
    small, large = {}, {}
    for number, text in _texts(doc):
        if rich_black(text.fill):
            found = small if text.size < SMALL_TYPE else large
            found.setdefault(f"CMYK {_percent(text.fill)}", []).append(number)
    if small:
        return Verdict("fail", f"small text (under {SMALL_TYPE:g} pt) in rich black: "
                               f"{listing(small)}" + (f"; larger: {listing(large)}"
                                                      if large else ""), pages_of(small))
    if large:
        return Verdict("warn", f"text in rich black: {listing(large)}", pages_of(large))
    return Verdict("pass", "no text in rich black")


def check_small_type(doc: Document) -> Verdict:
    """Text under 12 pt in three or four process inks: colour fringes on misregistration."""
    found: dict[str, list[int]] = {}
    for number, text in _texts(doc):
        cmyk = text.fill.cmyk
        if cmyk is not None and text.size < SMALL_TYPE and _inks(cmyk) > 2 \
                and not rich_black(text.fill):
            found.setdefault(f"CMYK {_percent(text.fill)} ({_size(text)})", []).append(number)
    if found:
        return Verdict("warn", f"text under {SMALL_TYPE:g} pt in 3-4 inks: {listing(found)}",
                       pages_of(found))
    return Verdict("pass", f"text under {SMALL_TYPE:g} pt uses at most two process inks")


def _size(text: TextUse) -> str:
    return f"{text.size:.1f} pt"


def check_registration(doc: Document) -> Verdict:
    """Marks print in the Registration colour (/Separation /All), which reaches every plate,
    spot plates included; CMYK 100/100/100/100 (400 %) fails ink limits and misses spot
    plates, and the Registration colour inside the trim would print on every plate."""
    process, inside, marks = [], [], []
    for i, drawn in enumerate(doc.pages):
        trim = doc.trim(i)
        trim = (trim[0] + INSIDE, trim[1] + INSIDE, trim[2] - INSIDE, trim[3] - INSIDE)
        uses = [(p.colour, p.box) for p in drawn.paths] + \
            [(t.fill, (*t.origin, *t.origin)) for t in drawn.texts if t.filled]
        for colour, box in uses:
            cmyk = colour.cmyk
            if cmyk is not None and min(cmyk) >= 1 - INK:
                process.append(i + 1)
            elif colour.family == "separation" and colour.colorant == "All":
                (inside if intersect(box, trim) else marks).append(i + 1)
    problems = {}
    if process:
        problems["CMYK 100/100/100/100 (400 %) where the Registration colour belongs"] = process
    if inside:
        problems["the Registration colour (/All) inside the trim"] = inside
    if problems:
        return Verdict("fail", listing({k: sorted(set(v)) for k, v in problems.items()}),
                       sorted(set(process + inside)))
    if marks:
        return Verdict("pass", f"marks in the Registration colour (/Separation /All) outside "
                               f"the trim{on(set(marks))}")
    return Verdict("pass", "no registration colour and no 400 % black")


def check_tac(doc: Document) -> Verdict:
    """Total area coverage inside the BleedBox, from Ghostscript's plates at RASTER_DPI, as a
    press sees it: ink over the limit fails in a patch of `tac_area` (1 mm²) or more; single
    pixels over it (a picture's compression noise, anti-aliased edges) are said, not failed."""
    try:
        rasters = dict(enumerate(doc.raster, start=1))
    except RasterError as err:
        if not err.pages:
            return Verdict("skipped", f"{err}: TAC not measured")
        return Verdict("fail", str(err), err.pages)
    if not rasters:
        return Verdict("skipped", "no pages")
    limit, area = doc.limits.tac_limit, doc.limits.tac_area
    over = sorted(n for n, raster in rasters.items() if raster.over_area >= area)
    specks = sorted(n for n, raster in rasters.items()
                    if raster.max_tac > limit + TAC_ROUNDING and n not in over)
    top = max(rasters, key=lambda n: rasters[n].max_tac)
    if over:
        worst = max(over, key=lambda n: rasters[n].over_area)
        return Verdict("fail", f"TAC over {limit:g}% in an area of {area:g} mm² or more"
                               f"{on(over)} (largest {rasters[worst].over_area:.1f} mm² on p. "
                               f"{worst}; max {rasters[top].max_tac:.0f}% on p. {top})", over)
    if specks:
        return Verdict("pass", f"no area of {area:g} mm² over {limit:g}%; single pixels up to "
                               f"{rasters[top].max_tac:.0f}%{on(specks)}, in specks no press "
                               "prints")
    return Verdict("pass", f"max TAC {rasters[top].max_tac:.0f}% on p. {top} (limit {limit:g}%)")


def check_transparency(doc: Document) -> Verdict:
    """Transparency (soft masks, opacity, blend modes, transparency groups): PDF/X-4 allows
    it, but the RIP flattens it, so it deserves a look on the proof."""
    found = by_problem((what, i + 1) for i, m in enumerate(doc.pages)
                       for what in sorted(m.transparency))
    if found:
        return Verdict("warn", f"transparency (the RIP flattens it): {listing(found)}",
                       pages_of(found))
    return Verdict("pass", "no transparency")
