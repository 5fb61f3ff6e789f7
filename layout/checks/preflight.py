"""Preflight: is a finished PDF fit for the press (boxes, bleed, fonts, CMYK, PDF/X-4 …)?

Each check is a function from the opened document to a verdict, listed in CHECKS; adding a
check means adding one function and one row. What the pages draw is read in content_scan.
Page numbers in results are 1-based.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject

from layout.checks.content_scan import (
    HAIRLINE,
    Box,
    PageContent,
    glyph_boxes,
    resolved,
    scan_page,
)

Status = Literal["pass", "warn", "fail", "skipped"]

MM = 72 / 25.4
A4_TRIM = (210 * MM, 297 * MM)
SIZE_TOLERANCE = 0.5  # pt
BLEED = 3 * MM
BOX_TOLERANCE = 0.05  # pt: boxes are written with 4-5 decimals
TAC_ROUNDING = 1.0  # %: four 8-bit channels rounded up by at most 0.2 % each
GHOSTSCRIPT = "gs"
GS_TIMEOUT = 300  # s
XMP_VERSION = re.compile(r"pdfxid:GTS_PDFXVersion\s*(?:>|=\s*[\"'])\s*PDF/X-4")


@dataclass
class CheckResult:
    """One check's outcome; `pages` are the 1-based pages where the problem is."""

    name: str
    status: Status
    message: str
    pages: list[int] = field(default_factory=list)


@dataclass
class PreflightReport:
    """Every check's result for one PDF, in the order of CHECKS."""

    pdf: Path
    results: list[CheckResult]

    @property
    def failed(self) -> list[CheckResult]:
        """The failed checks (an empty list, i.e. false, when the PDF may go to press)."""
        return [r for r in self.results if r.status == "fail"]

    def result(self, name: str) -> CheckResult:
        """The result of the check called name."""
        return next(r for r in self.results if r.name == name)

    def to_json(self) -> str:
        """The report as JSON: pdf, failed (bool) and one object per check."""
        return json.dumps({"pdf": str(self.pdf), "failed": bool(self.failed),
                           "checks": [asdict(r) for r in self.results]},
                          ensure_ascii=False, indent=2)

    def to_table(self) -> str:
        """A plain table: check, status, pages (as ranges), message."""
        rows = [("check", "status", "pages", "message")]
        rows += [(r.name, r.status, page_ranges(r.pages), r.message) for r in self.results]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
                 + "  " + row[3] for row in rows]
        lines.insert(1, "  ".join("-" * w for w in [*widths, len("message")]))
        return "\n".join(line.rstrip() for line in lines)


class Verdict(NamedTuple):
    """What a check function returns; preflight adds the check's name."""

    status: Status
    message: str
    pages: list[int] = []


@dataclass(frozen=True)
class Limits:
    """The thresholds the user may change."""

    safe_mm: float = 5.0
    min_ppi: float = 300
    error_ppi: float = 150
    tac_limit: float = 300


def page_ranges(pages: Iterable[int]) -> str:
    """Compact page list: [3, 4, 5, 9] -> '3–5, 9'."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs)


def _on(pages: Iterable[int]) -> str:
    """' on p. 3–5' for a message."""
    return f" on p. {page_ranges(pages)}"


def _mm(points: float) -> str:
    return f"{points / MM:.1f} mm"


# --- geometry and the document -------------------------------------------------------------

def _as_box(value: Any) -> Box:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _contains(outer: Box, inner: Box, tolerance: float = BOX_TOLERANCE) -> bool:
    return (outer[0] <= inner[0] + tolerance and outer[1] <= inner[1] + tolerance
            and outer[2] >= inner[2] - tolerance and outer[3] >= inner[3] - tolerance)


def _intersect(a: Box, b: Box) -> Box | None:
    box = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return box if box[0] < box[2] and box[1] < box[3] else None


@dataclass
class Document:
    """The PDF under test, opened once and read by every check."""

    path: Path
    reader: PdfReader
    limits: Limits

    @cached_property
    def pages(self) -> list[PageContent]:
        """Per page: images, thin strokes, colour spaces and fonts, read from the content."""
        return [scan_page(page) for page in self.reader.pages]

    def raw_box(self, index: int, key: str) -> Box | None:
        """A box as written in the page dictionary (no defaults), or None."""
        value = resolved(self.reader.pages[index], key)
        return _as_box(value) if value is not None else None

    def trim(self, index: int) -> Box:
        """TrimBox with the PDF defaults (CropBox, then MediaBox)."""
        return _as_box(self.reader.pages[index].trimbox)

    def bleed(self, index: int) -> Box:
        """BleedBox with the PDF defaults, clipped to the MediaBox as a printer does."""
        page = self.reader.pages[index]
        media = _as_box(page.mediabox)
        return _intersect(_as_box(page.bleedbox), media) or media

    @property
    def page_indexes(self) -> range:
        return range(len(self.reader.pages))


# --- the checks -----------------------------------------------------------------------------

def _by_problem(found: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    """(problem, page) pairs -> problem: pages."""
    problems: dict[str, list[int]] = {}
    for problem, page in found:
        problems.setdefault(problem, []).append(page)
    return problems


def _listing(problems: dict[str, list[int]]) -> str:
    return "; ".join(f"{problem}{_on(pages)}" for problem, pages in problems.items())


def check_boxes(doc: Document) -> Verdict:
    """Every page has a TrimBox of 210 x 297 mm and a BleedBox around it."""
    found = []
    for i in doc.page_indexes:
        trim, bleed = doc.raw_box(i, "/TrimBox"), doc.raw_box(i, "/BleedBox")
        if trim is None:
            found.append(("no TrimBox", i + 1))
        elif any(abs(size - want) > SIZE_TOLERANCE
                 for size, want in zip((trim[2] - trim[0], trim[3] - trim[1]), A4_TRIM,
                                       strict=True)):
            found.append((f"TrimBox {_mm(trim[2] - trim[0])} x {_mm(trim[3] - trim[1])}, "
                          "not 210 x 297 mm", i + 1))
        if bleed is None:
            found.append(("no BleedBox", i + 1))
        elif trim is not None and not _contains(bleed, trim):
            found.append(("BleedBox smaller than the TrimBox", i + 1))
    problems = _by_problem(found)
    if problems:
        return Verdict("fail", _listing(problems), sorted({p for _, p in found}))
    return Verdict("pass", f"{len(doc.page_indexes)} pages: TrimBox 210 x 297 mm inside a "
                           "BleedBox")


def check_bleed(doc: Document) -> Verdict:
    """The BleedBox (as far as the MediaBox allows) reaches 3 mm beyond the trim on every side."""
    none, short, unmeasured, least = [], [], [], math.inf
    for i in doc.page_indexes:
        trim, bleed = doc.raw_box(i, "/TrimBox"), doc.raw_box(i, "/BleedBox")
        if trim is None or bleed is None:
            unmeasured.append(i + 1)
            continue
        bleed = doc.bleed(i)
        margin = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2],
                     bleed[3] - trim[3])
        least = min(least, margin)
        if margin <= BOX_TOLERANCE:
            none.append(i + 1)
        elif margin < BLEED - BOX_TOLERANCE:
            short.append(i + 1)
    note = f" (p. {page_ranges(unmeasured)} not measured: no TrimBox/BleedBox)" \
        if unmeasured else ""
    if not none and not short and least == math.inf:
        return Verdict("skipped", "no page has both a TrimBox and a BleedBox" + note)
    if none:
        return Verdict("fail", f"no bleed{_on(none)}" + (f"; under 3 mm{_on(short)}"
                                                        if short else "") + note, none)
    if short:
        return Verdict("warn", f"bleed only {_mm(least)} (3 mm wanted){_on(short)}" + note,
                       short)
    return Verdict("pass", f"bleed at least {_mm(least)} on every side" + note)


def check_page_count(doc: Document) -> Verdict:
    """Saddle stitch binds sheets of 4 pages."""
    count = len(doc.page_indexes)
    if count % 4:
        add = 4 - count % 4
        return Verdict("fail", f"{count} pages is not a multiple of 4: add {add} page(s) "
                               f"(to {count + add}) or cut {count % 4}")
    return Verdict("pass", f"{count} pages, a multiple of 4")


def check_fonts(doc: Document) -> Verdict:
    """Every font selected with Tf (in Form XObjects and patterns too) is embedded."""
    found = [(problem, i + 1) for i, drawn in enumerate(doc.pages)
             for problem in drawn.fonts.values() if problem]
    if found:
        return Verdict("fail", _listing(_by_problem(found)), sorted({p for _, p in found}))
    names = sorted({name for drawn in doc.pages for name in drawn.fonts})
    return Verdict("pass", f"{len(names)} fonts, all embedded: {', '.join(names)}")


def check_colour(doc: Document) -> Verdict:
    """No RGB anywhere (fail); DeviceGray is allowed but flagged (warn)."""
    rgb = _by_problem((what, i + 1) for i, m in enumerate(doc.pages)
                      for what in sorted(m.colours.get("rgb", ())))
    gray = _by_problem((what, i + 1) for i, m in enumerate(doc.pages)
                       for what in sorted(m.colours.get("gray", ())))
    gray_note = f"; gray (black plate only): {_listing(gray)}" if gray else ""
    if rgb:
        return Verdict("fail", f"RGB: {_listing(rgb)}{gray_note}",
                       sorted({p for pages in rgb.values() for p in pages}))
    if gray:
        return Verdict("warn", f"gray (black plate only): {_listing(gray)}",
                       sorted({p for pages in gray.values() for p in pages}))
    return Verdict("pass", "CMYK only (no RGB or gray colour spaces, operators or images)")


def check_resolution(doc: Document) -> Verdict:
    """Effective ppi of every image placement: warn below min_ppi, fail below error_ppi."""
    placed = [(image, i + 1) for i, m in enumerate(doc.pages) for image in m.images]
    if not placed:
        return Verdict("pass", "no images")
    low, page = min(((image.ppi, page) for image, page in placed), key=lambda t: t[0])
    fail = sorted({p for image, p in placed if image.ppi < doc.limits.error_ppi})
    warn = sorted({p for image, p in placed if image.ppi < doc.limits.min_ppi} - set(fail))
    lowest = f"lowest {low:.0f} ppi on p. {page}"
    if fail:
        also = f"; under {doc.limits.min_ppi:g} ppi{_on(warn)}" if warn else ""
        return Verdict("fail", f"images under {doc.limits.error_ppi:g} ppi{_on(fail)} "
                               f"({lowest}){also}", fail)
    if warn:
        return Verdict("warn", f"images under {doc.limits.min_ppi:g} ppi{_on(warn)} "
                               f"({lowest})", warn)
    return Verdict("pass", f"{len(placed)} image placement(s), {lowest}")


def check_tac(doc: Document) -> Verdict:
    """Total area coverage inside the BleedBox, from Ghostscript CMYK separations at 36 dpi."""
    if shutil.which(GHOSTSCRIPT) is None:
        return Verdict("skipped", f"Ghostscript ('{GHOSTSCRIPT}') is not on PATH: TAC not "
                                  "measured")
    with tempfile.TemporaryDirectory(prefix="preflight-") as tmp:
        run = subprocess.run([GHOSTSCRIPT, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER",
                              "-sDEVICE=tiff32nc", "-r36", "-dUseBleedBox",
                              f"-sOutputFile={tmp}/p%04d.tif", str(doc.path)],
                             capture_output=True, text=True, timeout=GS_TIMEOUT, check=False)
        coverage = {int(f.stem[1:]): _max_tac(f) for f in sorted(Path(tmp).glob("p*.tif"))}
    missing = [n for n in range(1, len(doc.page_indexes) + 1) if n not in coverage]
    if missing:
        error = (run.stderr or run.stdout).strip().splitlines()
        return Verdict("fail", f"Ghostscript could not render p. {page_ranges(missing)}"
                               + (f": {error[0]}" if error else ""), missing)
    limit = doc.limits.tac_limit
    over = sorted(n for n, tac in coverage.items() if tac > limit + TAC_ROUNDING)
    top = max(coverage, key=coverage.get)
    if over:
        return Verdict("fail", f"TAC over {limit:g}%{_on(over)} (max {coverage[top]:.0f}% "
                               f"on p. {top})", over)
    return Verdict("pass", f"max TAC {coverage[top]:.0f}% on p. {top} (limit {limit:g}%)")


def _max_tac(tiff: Path) -> float:
    """The highest sum of the four plates in a CMYK TIFF, in %."""
    with Image.open(tiff) as image:
        plates = np.asarray(image, dtype=np.uint16)
    return float(plates.sum(axis=2).max()) / 2.55


def check_safe_area(doc: Document) -> Verdict:
    """Every glyph inside the TrimBox inset by safe_mm; text outside the BleedBox is a slug."""
    inset = doc.limits.safe_mm * MM
    bad, closest = [], math.inf
    for i, boxes in enumerate(glyph_boxes(doc.path)):
        trim, bleed = doc.trim(i), doc.bleed(i)
        safe = (trim[0] + inset, trim[1] + inset, trim[2] - inset, trim[3] - inset)
        for box in boxes:
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            if not _contains(bleed, (*centre, *centre), 0) or _contains(safe, box, 0.01):
                continue
            closest = min(closest, box[0] - trim[0], box[1] - trim[1],
                          trim[2] - box[2], trim[3] - box[3])
            if not bad or bad[-1] != i + 1:
                bad.append(i + 1)
    if bad:
        return Verdict("fail", f"text outside the {doc.limits.safe_mm:g} mm safe area{_on(bad)}"
                               f" (closest {_mm(closest)} from the trim edge)", bad)
    return Verdict("pass", f"all text at least {doc.limits.safe_mm:g} mm inside the trim")


def check_hairlines(doc: Document) -> Verdict:
    """Stroked paths thinner than 0.25 pt (width 0 is the thinnest the device can draw)."""
    thin = [i + 1 for i, m in enumerate(doc.pages) if m.thin_strokes]
    if thin:
        thinnest = min(w for m in doc.pages for w in m.thin_strokes)
        count = sum(len(m.thin_strokes) for m in doc.pages)
        return Verdict("warn", f"{count} stroke(s) thinner than {HAIRLINE} pt{_on(thin)} "
                               f"(thinnest {thinnest:.2f} pt)", thin)
    return Verdict("pass", f"no strokes thinner than {HAIRLINE} pt")


def check_pdfx(doc: Document) -> Verdict:
    """PDF/X-4 keys: GTS_PDFX OutputIntent with a CMYK profile, Info and XMP version, Trapped,
    trailer ID."""
    missing = _output_intent_problems(doc.reader) + _pdfx_key_problems(doc.reader)
    if missing:
        return Verdict("fail", "; ".join(missing))
    return Verdict("pass", "PDF/X-4: OutputIntent with a CMYK profile, GTS_PDFXVersion in Info "
                           "and XMP, Trapped, ID")


def _output_intent_problems(reader: PdfReader) -> list[str]:
    intents = [i.get_object() for i in resolved(reader.trailer["/Root"], "/OutputIntents", [])]
    pdfx = [i for i in intents if resolved(i, "/S") == "/GTS_PDFX"]
    if not pdfx:
        return ["no OutputIntent with /S /GTS_PDFX in the Catalog"]
    problems = [] if resolved(pdfx[0], "/OutputConditionIdentifier") else \
        ["OutputIntent has no OutputConditionIdentifier"]
    profile = resolved(pdfx[0], "/DestOutputProfile")
    if profile is None:
        return [*problems, "OutputIntent has no DestOutputProfile"]
    profile = profile.get_object()
    if resolved(profile, "/N") != 4 or profile.get_data()[16:20] != b"CMYK":
        problems.append("DestOutputProfile is not a CMYK (N 4) ICC profile")
    return problems


def _pdfx_key_problems(reader: PdfReader) -> list[str]:
    info = resolved(reader.trailer, "/Info")
    info = info.get_object() if info is not None else DictionaryObject()
    problems = []
    if not str(resolved(info, "/GTS_PDFXVersion", "")).startswith("PDF/X-4"):
        problems.append("Info /GTS_PDFXVersion is not PDF/X-4"
                        + (f" (it is {info['/GTS_PDFXVersion']!r})"
                           if "/GTS_PDFXVersion" in info else " (missing)"))
    metadata = resolved(reader.trailer["/Root"], "/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8", "replace") if metadata else ""
    if not XMP_VERSION.search(xmp):
        problems.append("XMP metadata has no pdfxid:GTS_PDFXVersion PDF/X-4"
                        if xmp else "no XMP /Metadata stream")
    trapped = resolved(info, "/Trapped")
    if not (isinstance(trapped, NameObject) and trapped in ("/True", "/False")):
        problems.append("Info /Trapped is not the name /True or /False"
                        + (f" (it is {trapped!r})" if trapped is not None else " (missing)"))
    if not resolved(reader.trailer, "/ID"):
        problems.append("trailer has no /ID")
    return problems


def check_annotations(doc: Document) -> Verdict:
    """No annotation's /Rect reaches into the BleedBox."""
    found = []
    for i in doc.page_indexes:
        for annot in resolved(doc.reader.pages[i], "/Annots") or []:
            annot = annot.get_object()
            if "/Rect" in annot and _intersect(_as_box(annot["/Rect"]), doc.bleed(i)):
                found.append((f"{str(annot.get('/Subtype', '/?'))[1:]} annotation", i + 1))
    if found:
        return Verdict("fail", "inside the BleedBox: " + _listing(_by_problem(found)),
                       sorted({p for _, p in found}))
    return Verdict("pass", "no annotations inside the BleedBox")


CHECKS: list[tuple[str, Callable[[Document], Verdict]]] = [
    ("boxes", check_boxes),
    ("bleed", check_bleed),
    ("page-count", check_page_count),
    ("fonts", check_fonts),
    ("colour", check_colour),
    ("resolution", check_resolution),
    ("tac", check_tac),
    ("safe-area", check_safe_area),
    ("hairlines", check_hairlines),
    ("pdfx", check_pdfx),
    ("annotations", check_annotations),
]


def preflight(pdf: Path, safe_mm: float = 5.0, min_ppi: float = 300, error_ppi: float = 150,
              tac_limit: float = 300) -> PreflightReport:
    """Run every check in CHECKS on pdf; a check that crashes on a broken file fails."""
    limits = Limits(safe_mm, min_ppi, error_ppi, tac_limit)
    doc = Document(Path(pdf), PdfReader(pdf), limits)
    results = []
    for name, check in CHECKS:
        try:
            verdict = check(doc)
        except Exception as err:  # a broken file must not hide the other checks
            verdict = Verdict("fail", f"could not check: {type(err).__name__}: {err}")
        results.append(CheckResult(name, verdict.status, verdict.message, list(verdict.pages)))
    return PreflightReport(Path(pdf), results)
