"""Preflight: is a finished PDF fit for the press, as a print shop's preflight sees it?

Each check is a function from the opened document to a verdict, listed in CHECKS; adding a
check means adding one function and one row. The checks live by topic: the pages' geometry
(page_checks), the inks (ink_checks), the file (file_checks); what the pages draw is read in
content_scan, and Ghostscript's rendering of the plates in document. Page numbers in results
are 1-based.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pypdf import PdfReader

from layout.checks.document import Document, Limits, Status, Verdict, page_ranges
from layout.checks.file_checks import (
    check_actions,
    check_annotations,
    check_embedded_files,
    check_encryption,
    check_font_subsets,
    check_fonts,
    check_info_xmp,
    check_optional_content,
    check_pdf_version,
    check_pdfx,
    check_pdfx_content,
    check_xmp,
)
from layout.checks.glyph_checks import check_glyphs, check_ink, check_to_unicode
from layout.checks.ink_checks import (
    check_black_overprint,
    check_colour,
    check_registration,
    check_rich_black,
    check_small_type,
    check_spot_colours,
    check_tac,
    check_transparency,
    check_white_overprint,
)
from layout.checks.page_checks import (
    BINDINGS,
    check_bleed,
    check_boxes,
    check_hairlines,
    check_image_depth,
    check_page_count,
    check_resolution,
    check_rotation,
    check_safe_area,
)
from layout.pdf_input import check_pdf

__all__ = ["BINDINGS", "CHECKS", "CheckResult", "PreflightReport", "page_ranges", "preflight"]


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
    document: Document | None = field(default=None, repr=False, compare=False)  # as read

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


CHECKS: list[tuple[str, Callable[[Document], Verdict]]] = [
    ("boxes", check_boxes),
    ("bleed", check_bleed),
    ("page-count", check_page_count),
    ("rotation", check_rotation),
    ("fonts", check_fonts),
    ("font-subsets", check_font_subsets),
    ("glyphs", check_glyphs),
    ("ink", check_ink),
    ("to-unicode", check_to_unicode),
    ("colour", check_colour),
    ("spot-colours", check_spot_colours),
    ("black-overprint", check_black_overprint),
    ("white-overprint", check_white_overprint),
    ("rich-black", check_rich_black),
    ("small-type", check_small_type),
    ("registration", check_registration),
    ("resolution", check_resolution),
    ("image-depth", check_image_depth),
    ("tac", check_tac),
    ("transparency", check_transparency),
    ("safe-area", check_safe_area),
    ("hairlines", check_hairlines),
    ("pdfx", check_pdfx),
    ("pdfx-content", check_pdfx_content),
    ("pdf-version", check_pdf_version),
    ("xmp", check_xmp),
    ("info-xmp", check_info_xmp),
    ("embedded-files", check_embedded_files),
    ("encryption", check_encryption),
    ("actions", check_actions),
    ("optional-content", check_optional_content),
    ("annotations", check_annotations),
]


def preflight(pdf: Path, safe_mm: float = 5.0, min_ppi: float = 300, error_ppi: float = 150,
              tac_limit: float = 300, binding: str = "saddle-stitch",
              fonts_dir: Path | None = None) -> PreflightReport:
    """Run every check in CHECKS on pdf; a check that crashes on a broken file fails.

    `binding` (BINDINGS) sets what page count is right; `fonts_dir` holds the faces the
    ToUnicode maps are cross-checked against (default: the project's fonts/)."""
    check_pdf(pdf, encrypted_ok=True)  # a file that is safe to read (the checks report the rest)
    if binding not in BINDINGS:
        raise ValueError(f"unknown binding {binding!r}: choose one of {', '.join(BINDINGS)}")
    limits = Limits(safe_mm, min_ppi, error_ppi, tac_limit, binding, fonts_dir)
    reader = PdfReader(pdf)
    if reader.is_encrypted:  # read what can be read (the encryption check fails it)
        reader.decrypt("")
    doc = Document(Path(pdf), reader, limits)
    results = []
    for name, check in CHECKS:
        try:
            verdict = check(doc)
        except Exception as err:  # a broken file must not hide the other checks
            verdict = Verdict("fail", f"could not check: {type(err).__name__}: {err}")
        results.append(CheckResult(name, verdict.status, verdict.message, list(verdict.pages)))
    return PreflightReport(Path(pdf), results, doc)
