"""The job ticket of a hand-off: what the shop runs the job from (the `print:` block of
issue.yaml: run, papers, cover, finishing, proof, delivery, contact) and what it needs to
know about the files, read from the files themselves (not from what the build meant to
write): trim, bleed, pages, imposition, output intent, inks, every font of every file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from layout.checks.document import MM, Document, RasterError
from layout.checks.file_checks import embedded_fonts, parse_date
from layout.content.print_job import PrintJob
from layout.press.impose import LABEL_FACE

PLATES = ("C", "M", "Y", "K")
NOT_GIVEN = "not given (ask the publisher)"
PROOFS = {"contract": "contract proof wanted (a certified proof to match on press)",
          "pdf": "soft proof (PDF) only, no contract proof", "none": "no proof"}


@dataclass(frozen=True)
class Job:
    """What the issue says about the job (the files say the rest)."""

    title: str
    magazine: str
    issue: str
    binding: str
    order: PrintJob = field(default_factory=PrintJob)  # the `print:` block
    handed_off: datetime | None = None
    gripper_mm: float = 0.0
    notes: list[str] = field(default_factory=list)  # what the sheets had no room for


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
                      f"{creep_mm:.2f} mm on the innermost sheet, gripper margin "
                      f"{job.gripper_mm:g} mm on the foot")
    intent = pages.root["/OutputIntents"][0].get_object()
    order = job.order
    rows = [
        ("title", job.title),
        ("magazine", job.magazine),
        ("issue", job.issue),
        ("handed off", job.handed_off.strftime("%Y-%m-%d %H:%M UTC") if job.handed_off
         else "not dated"),
        ("built", created.strftime("%Y-%m-%d %H:%M UTC") if created else "not dated"),
        ("print run", f"{order.run} copies" if order.run else NOT_GIVEN),
        ("trim", f"{(trim[2] - trim[0]) / MM:.0f} x {(trim[3] - trim[1]) / MM:.0f} mm"),
        ("bleed", f"{bleed / MM:.0f} mm on every side"),
        ("pages", f"{count}, a multiple of 4" if count % 4 == 0 else str(count)),
        ("cover", _cover(order)),
        ("text paper", str(order.text_paper) if order.text_paper else NOT_GIVEN),
        ("cover paper", str(order.cover_paper) if order.cover_paper
         else "the text paper (self-cover)" if order.cover == "self" else NOT_GIVEN),
        ("binding", f"{job.binding}; {imposition}"),
        ("finishing", order.finishing or NOT_GIVEN),
        ("proof", PROOFS.get(order.proof, NOT_GIVEN)),
        ("delivery", _delivery(order)),
        ("contact", ", ".join(order.contact[k] for k in ("name", "phone", "email")
                              if k in order.contact) or NOT_GIVEN),
        ("output intent", f"{intent.get('/OutputConditionIdentifier', '?')} — "
                          f"{intent.get('/Info', intent.get('/OutputCondition', ''))} "
                          "(profile embedded)"),
        ("standard", f"{pages.reader.metadata.get('/GTS_PDFXVersion', 'not PDF/X')}, "
                     f"{pages.reader.pdf_header.removeprefix('%').replace('-', ' ')}"),
        ("colours", _colours(pages)),
        ("total ink", _total_ink(pages)),
        ("fonts", f"{files[0].name}: " + _fonts(pages)),
    ]
    if sheets is not None:
        rows.append(("", f"{files[1].name}: " + _fonts(sheets) + " (the sheet labels' text "
                         f"in {LABEL_FACE}, with the pages' own)"))
    rows += [("sheets", note) for note in job.notes]
    width = max(len(key) for key, _ in rows) + 2
    lines = [f"JOB TICKET  {job.title}", ""]
    lines += [f"{key + ':' if key else '':<{width}}{value}" for key, value in rows]
    lines += ["", "files (SHA-256, bytes, name):"]
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"  {digest}  {path.stat().st_size:>9}  {path.name}")
    return "\n".join(lines) + "\n"


def _fonts(doc: Document) -> str:
    return ", ".join(f"{name} ({kind})" for name, kind in embedded_fonts(doc))


def _cover(order: PrintJob) -> str:
    if order.cover == "self":
        return "self-cover: the outer sheet of the text, on the text paper"
    if order.cover == "separate":
        return "separate cover, wrapped round the text (the first and last pages' sheet)"
    return NOT_GIVEN


def _delivery(order: PrintJob) -> str:
    parts = [order.delivery_date.isoformat()] if order.delivery_date else []
    if order.delivery_address:
        parts.append(order.delivery_address)
    return ", to ".join(parts) if parts else NOT_GIVEN


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
