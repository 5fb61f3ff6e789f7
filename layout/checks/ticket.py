"""The job ticket of a hand-off: what the printer needs to know about the files, read from the
files themselves (not from what the build meant to write).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from layout.checks.document import MM, Document, RasterError
from layout.checks.file_checks import embedded_fonts, parse_date

PLATES = ("C", "M", "Y", "K")


@dataclass(frozen=True)
class Job:
    """What the issue says about the job (the files say the rest)."""

    title: str
    magazine: str
    issue: str
    binding: str


def job_ticket(job: Job, pages: Document, sheets: Document | None, sheet: str,
               creep_mm: float, files: list[Path]) -> str:
    """The ticket as plain text: title, issue, trim, bleed, pages, binding, output intent,
    PDF standard, colours, total ink, fonts, and each file's size and SHA-256."""
    trim = pages.trim(0)
    bleed = min(trim[0] - pages.bleed(0)[0], pages.bleed(0)[2] - trim[2])
    created = parse_date(str(pages.reader.metadata.get("/CreationDate", "")))
    count = len(pages.page_indexes)
    imposition = "not imposed"
    if sheets is not None:
        imposition = (f"imposed two-up on {sheet.upper()} ({_size(sheets.reader.pages[0].mediabox)}"
                      f"): {len(sheets.page_indexes) // 2} sheets, front and back, creep "
                      f"{creep_mm:.2f} mm on the innermost sheet")
    intent = pages.root["/OutputIntents"][0].get_object()
    rows = [
        ("title", job.title),
        ("magazine", job.magazine),
        ("issue", job.issue),
        ("date", created.strftime("%Y-%m-%d %H:%M UTC") if created else "not dated"),
        ("trim", f"{(trim[2] - trim[0]) / MM:.0f} x {(trim[3] - trim[1]) / MM:.0f} mm"),
        ("bleed", f"{bleed / MM:.0f} mm on every side"),
        ("pages", f"{count}, a multiple of 4" if count % 4 == 0 else str(count)),
        ("binding", f"{job.binding}; {imposition}"),
        ("output intent", f"{intent.get('/OutputConditionIdentifier', '?')} — "
                          f"{intent.get('/Info', intent.get('/OutputCondition', ''))} "
                          "(profile embedded)"),
        ("standard", f"{pages.reader.metadata.get('/GTS_PDFXVersion', 'not PDF/X')}, "
                     f"{pages.reader.pdf_header.removeprefix('%').replace('-', ' ')}"),
        ("colours", _colours(pages)),
        ("total ink", _total_ink(pages)),
        ("fonts", ", ".join(f"{name} ({kind})" for name, kind in embedded_fonts(pages))),
    ]
    width = max(len(key) for key, _ in rows) + 2
    lines = [f"JOB TICKET  {job.title}", ""]
    lines += [f"{key + ':':<{width}}{value}" for key, value in rows]
    lines += ["", "files (SHA-256, bytes, name):"]
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"  {digest}  {path.stat().st_size:>9}  {path.name}")
    return "\n".join(lines) + "\n"


def _size(box) -> str:
    return f"{float(box.width) / MM:.0f} x {float(box.height) / MM:.0f} mm"


def _colours(doc: Document) -> str:
    """The process plates that carry ink, and any spot colour (the Registration colour of
    printer's marks is not one)."""
    try:
        inked = [name for k, name in enumerate(PLATES)
                 if any(raster.plates[k] for raster in doc.raster)]
    except RasterError:
        inked = []
    spots = sorted({colour.colorant for page in doc.pages
                    for colour in [p.colour for p in page.paths] + [t.fill for t in page.texts]
                    if colour.family in ("separation", "devicen")
                    and colour.colorant not in ("All", "None")})
    process = f"process {', '.join(inked)}" if inked else "process CMYK (not measured)"
    return process + (f"; spot colours: {', '.join(spots)}" if spots else "; no spot colours")


def _total_ink(doc: Document) -> str:
    try:
        coverage = [raster.max_tac for raster in doc.raster]
    except RasterError:
        return "not measured"
    top = max(range(len(coverage)), key=coverage.__getitem__)
    return f"at most {coverage[top]:.0f} % (p. {top + 1}); limit {doc.limits.tac_limit:g} %"
