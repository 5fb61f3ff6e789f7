"""The PDF under preflight, opened once and read by every check: its pages' content, boxes,
and one Ghostscript rendering of its plates (ink coverage and artwork at the trim).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np
from pypdf import PdfReader

from layout.checks.content_scan import Box, PageContent, resolved, scan_page
from layout.listing import page_ranges
from layout.print_rules import BLEED_FAR, BLEED_NEAR, TAC_AREA, TAC_ROUNDING, TRIM_INSIDE

Status = Literal["pass", "warn", "fail", "skipped"]

MM = 72 / 25.4
BOX_TOLERANCE = 0.05  # pt: boxes are written with 4-5 decimals
GHOSTSCRIPT = "gs"
GS_TIMEOUT = 300  # s
# Ghostscript paints every pixel an object touches (no anti-aliasing), so vector art is
# never averaged away; pictures are sampled, and at 36 dpi a 0.25 mm line of 400 % in a
# 300 ppi picture was missed (94 % measured). At 150 dpi every detail of two picture
# pixels or more is seen, and 3 mm of bleed is 18 pixels.
RASTER_DPI = 150
INK_LEVEL = 13  # of 255 in one plate (5 %): less does not count as artwork
# Bleed is judged as a shop judges it: artwork stops at the trim where, along the edge, a
# stretch of at least MISSING_RUN of what is painted just inside has no ink at all outside.
# A photograph's highlight near the edge (5 % inside, 3 % outside) is not a missing bleed.
BLEED_INK = 2  # of 255 (1 %): any ink outside the trim continues the artwork
MISSING_RUN = 1.0  # mm along the edge


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
    binding: str = "saddle-stitch"  # saddle-stitch | perfect | none: what the page count needs
    fonts_dir: Path | None = None  # the faces' TrueType files, to cross-check ToUnicode
    tac_area: float = TAC_AREA  # mm²: the smallest patch over the limit that counts


def on(pages: Iterable[int]) -> str:
    """' on p. 3–5' for a message."""
    return f" on p. {page_ranges(pages)}"


def mm(points: float) -> str:
    return f"{points / MM:.1f} mm"


def as_box(value: Any) -> Box:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def contains(outer: Box, inner: Box, tolerance: float = BOX_TOLERANCE) -> bool:
    return (outer[0] <= inner[0] + tolerance and outer[1] <= inner[1] + tolerance
            and outer[2] >= inner[2] - tolerance and outer[3] >= inner[3] - tolerance)


def intersect(a: Box, b: Box) -> Box | None:
    box = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return box if box[0] < box[2] and box[1] < box[3] else None


def by_problem(found: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    """(problem, page) pairs -> problem: pages."""
    problems: dict[str, list[int]] = {}
    for problem, page in found:
        problems.setdefault(problem, []).append(page)
    return problems


def listing(problems: dict[str, list[int]]) -> str:
    return "; ".join(f"{problem}{on(pages)}" for problem, pages in problems.items())


def pages_of(problems: dict[str, list[int]]) -> list[int]:
    return sorted({page for pages in problems.values() for page in pages})


@dataclass
class PageRaster:
    """What the plates of one page show: the highest ink sum of a pixel, the largest patch
    of pixels over the ink limit (touching one another, in mm²) and the highest ink sum of
    a pixel outside such patches, and per trim edge whose artwork touches it how far that
    artwork goes out ('bleeds', 'short', 'none')."""

    max_tac: float
    over_area: float = 0.0  # mm²
    edges: dict[str, str] = field(default_factory=dict)
    plates: tuple[bool, bool, bool, bool] = (False, False, False, False)  # C, M, Y, K inked


class RasterError(RuntimeError):
    """Ghostscript is missing, or could not render some pages."""

    def __init__(self, message: str, pages: list[int] | None = None):
        super().__init__(message)
        self.pages = pages or []


@dataclass
class Document:
    """The PDF under test, opened once and read by every check."""

    path: Path
    reader: PdfReader
    limits: Limits

    @cached_property
    def pages(self) -> list[PageContent]:
        """Per page: images, strokes, colours, fonts, text and paths, read from the content."""
        return [scan_page(page) for page in self.reader.pages]

    def raw_box(self, index: int, key: str) -> Box | None:
        """A box as written in the page dictionary (no defaults), or None."""
        value = resolved(self.reader.pages[index], key)
        return as_box(value) if value is not None else None

    def trim(self, index: int) -> Box:
        """TrimBox with the PDF defaults (CropBox, then MediaBox)."""
        return as_box(self.reader.pages[index].trimbox)

    def bleed(self, index: int) -> Box:
        """BleedBox with the PDF defaults, clipped to the MediaBox as a printer does."""
        page = self.reader.pages[index]
        media = as_box(page.mediabox)
        return intersect(as_box(page.bleedbox), media) or media

    @property
    def page_indexes(self) -> range:
        return range(len(self.reader.pages))

    @cached_property
    def root(self) -> Any:
        return self.reader.trailer["/Root"].get_object()

    @cached_property
    def raster(self) -> list[PageRaster]:
        """Every page's plates inside its BleedBox, from one Ghostscript run at RASTER_DPI
        (overprint simulated as a press prints it); RasterError if that is not possible."""
        if shutil.which(GHOSTSCRIPT) is None:
            raise RasterError(f"Ghostscript ('{GHOSTSCRIPT}') is not on PATH")
        command = [GHOSTSCRIPT, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUseBleedBox",
                   "-sDEVICE=pamcmyk32", f"-r{RASTER_DPI}", "-sOutputFile=-", str(self.path)]
        rasters: list[PageRaster] = []
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as gs:
            try:
                for index in self.page_indexes:
                    plates = _read_pam(gs.stdout)
                    if plates is None:
                        break
                    rasters.append(self._page_raster(index, plates))
                gs.stdout.read()
                error = gs.stderr.read().decode("utf-8", "replace").strip()
                gs.wait(timeout=GS_TIMEOUT)
            except BaseException:
                gs.kill()
                raise
        if len(rasters) < len(self.page_indexes):
            missing = [n + 1 for n in self.page_indexes if n >= len(rasters)]
            first = error.splitlines()[0] if error else ""
            raise RasterError(f"Ghostscript could not render p. {page_ranges(missing)}"
                              + (f": {first}" if first else ""), missing)
        return rasters

    def _page_raster(self, index: int, plates: np.ndarray) -> PageRaster:
        c, m, y, k = (plates[:, :, n] for n in range(4))  # (a reduction over the short
        ink = c.astype(np.uint16) + m + y + k  # last axis would be ten times slower)
        raster = PageRaster(float(ink.max()) / 2.55,
                            plates=tuple(bool(plate.max() > INK_LEVEL) for plate in (c, m, y, k)))
        if raster.max_tac > self.limits.tac_limit + TAC_ROUNDING:
            over = ink > (self.limits.tac_limit + TAC_ROUNDING) * 2.55
            raster.over_area = largest_patch(over) * (25.4 / RASTER_DPI) ** 2
        trim, bleed = self.raw_box(index, "/TrimBox"), self.raw_box(index, "/BleedBox")
        trim = trim or self.trim(index)  # no TrimBox: the CropBox or MediaBox is the trim
        area = intersect(bleed, as_box(self.reader.pages[index].mediabox)) if bleed else None
        area = area or self.trim(index)
        height, width = ink.shape
        scale_x, scale_y = width / (area[2] - area[0]), height / (area[3] - area[1])
        darkest = np.maximum(np.maximum(c, m), np.maximum(y, k))
        painted, inked = darkest > INK_LEVEL, darkest > BLEED_INK

        def column(x: float) -> int:
            return round((x - area[0]) * scale_x)

        def row(y: float) -> int:
            return round((area[3] - y) * scale_y)

        x0, x1 = sorted((column(trim[0]), column(trim[2])))
        top, bottom = sorted((row(trim[3]), row(trim[1])))
        edges = {  # edge: (the mask, the line at distance d outside (d < 0: in))
            "left": lambda mask, d: mask[top:bottom, column(trim[0] - d)]
            if 0 <= column(trim[0] - d) < width else None,
            "right": lambda mask, d: mask[top:bottom, column(trim[2] + d) - 1]
            if 0 < column(trim[2] + d) <= width else None,
            "bottom": lambda mask, d: mask[row(trim[1] - d) - 1, x0:x1]
            if 0 < row(trim[1] - d) <= height else None,
            "top": lambda mask, d: mask[row(trim[3] + d), x0:x1]
            if 0 <= row(trim[3] + d) < height else None,
        }
        run = max(round(MISSING_RUN / 25.4 * RASTER_DPI), 1)
        for edge, line in edges.items():
            inside = line(painted, -TRIM_INSIDE)
            if inside is None or not inside.any():
                continue
            near, far = line(inked, BLEED_NEAR), line(inked, BLEED_FAR)
            near = near if near is not None else np.zeros_like(inside)
            far = far if far is not None else np.zeros_like(inside)
            if longest_run(inside & ~near) >= run:
                raster.edges[edge] = "none"
            elif longest_run(inside & ~far) >= run:
                raster.edges[edge] = "short"
            else:
                raster.edges[edge] = "bleeds"
        return raster


def longest_run(line: np.ndarray) -> int:
    """The most true pixels one after the other in a line of pixels."""
    if not line.any():
        return 0
    padded = np.concatenate(([False], line, [False])).astype(np.int8)
    changes = np.flatnonzero(np.diff(padded))
    return int((changes[1::2] - changes[::2]).max())


def largest_patch(mask: np.ndarray) -> int:
    """The pixels of the largest patch of true pixels of `mask` that touch one another (at
    a side or a corner): runs of each row, joined to the runs they touch in the row above."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    ends = np.nonzero(steps == -1)[1]  # (row-major, so each end pairs with its start)
    parent = list(range(len(rows)))

    def root(run: int) -> int:
        while parent[run] != run:
            parent[run] = parent[parent[run]]
            run = parent[run]
        return run

    first = np.searchsorted(rows, np.arange(mask.shape[0] + 1))
    for row in range(1, mask.shape[0]):
        above, here = range(first[row - 1], first[row]), range(first[row], first[row + 1])
        a = 0
        for run in here:  # runs in both rows are in order: one pass joins them
            while a < len(above) and ends[above[a]] < starts[run]:
                a += 1
            b = a
            while b < len(above) and starts[above[b]] <= ends[run]:
                parent[root(above[b])] = root(run)
                b += 1
    sizes: dict[int, int] = {}
    for run in range(len(rows)):
        top = root(run)
        sizes[top] = sizes.get(top, 0) + int(ends[run] - starts[run])
    return max(sizes.values(), default=0)


def _read_pam(stream) -> np.ndarray | None:
    """One page of Ghostscript's pamcmyk32 output (P7 header, then rows of CMYK bytes)."""
    header: dict[str, str] = {}
    first = stream.readline()
    if not first:
        return None
    if first.strip() != b"P7":
        raise RasterError(f"unexpected Ghostscript output {first[:20]!r}")
    while True:
        line = stream.readline().decode("ascii", "replace").strip()
        if not line or line == "ENDHDR":
            break
        key, _, value = line.partition(" ")
        header[key] = value
    width, height, depth = (int(header[k]) for k in ("WIDTH", "HEIGHT", "DEPTH"))
    data = stream.read(width * height * depth)
    if len(data) < width * height * depth:
        return None
    return np.frombuffer(data, dtype=np.uint8).reshape(height, width, depth)
