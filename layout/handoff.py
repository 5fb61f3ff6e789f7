"""`layout handoff`: one folder for the printer, and nothing else in it.

The issue is built, imposed on press sheets (the theme's gripper margin, the creep the
`print:` block's paper makes), and both files are preflighted; only when every check passes
is the folder written (the PDF/X-4, the imposed sheets, the preflight report as text and
JSON, and a job ticket: the `print:` block, the hand-off date, every font of every file, the
files' checksums). Each thing a shop needs that `print:` leaves out is a warning. The folder
is assembled beside its final place and renamed into it, so a printer never sees half a
hand-off.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from layout.build import build, ink_limit
from layout.checks.preflight import PreflightReport, preflight
from layout.checks.ticket import Job, job_ticket
from layout.content import read_masthead, read_print, read_theme_path
from layout.errors import IssueError
from layout.files import issue_outputs
from layout.press.impose import MAX_CREEP, impose
from layout.style.theme import Theme

MM = 72 / 25.4

REPORT_TEXT = "preflight.txt"
REPORT_JSON = "preflight.json"
TICKET = "job-ticket.txt"


@dataclass
class Handoff:
    """What was written (or, when a check failed, what was found)."""

    folder: Path
    files: list[Path]
    reports: list[PreflightReport]

    @property
    def failed(self) -> bool:
        return any(report.failed for report in self.reports)


def handoff(issue_dir: Path, folder: Path | None = None, sheet: str = "SRA3",
            creep_mm: float | None = None, warnings: list[str] | None = None,
            build_dir: Path | None = None, gripper_mm: float | None = None,
            now: datetime | None = None) -> Handoff:
    """Build (into `build_dir`, by default the issue's build/<stem>/), impose and preflight
    the issue; write the printer's folder (default build/<stem>/handoff) if every check
    passes. `creep_mm` (default: from the `print:` paper's thickness, else 0) and
    `gripper_mm` (default: the theme's imposition.gripper) set the sheets; `now` is the
    hand-off's date on the ticket.

    Returns the hand-off; when a preflight fails nothing is written (the reports say why).
    """
    warnings = warnings if warnings is not None else []
    issue = read_masthead(issue_dir)  # (build reads and checks the whole issue)
    build_dir = build_dir or issue_outputs(issue.file_stem)
    folder = folder or build_dir / "handoff"
    pdf = build(issue_dir, build_dir / f"{issue.file_stem}.pdf", warnings=warnings)
    job_block = read_print(issue_dir)
    shown = Path(issue_dir) / "issue.yaml"
    warnings += [f"{shown}: print: says nothing of {gap} — the shop will ask; add it"
                 for gap in job_block.missing()]
    if gripper_mm is None:
        gripper_mm = Theme(read_theme_path(issue_dir)).pt("imposition.gripper") / MM
    if creep_mm is None:
        creep_mm = _creep(job_block, pdf, warnings)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        pages = staging / pdf.name
        shutil.copyfile(pdf, pages)
        sheets = staging / f"{issue.file_stem}-{sheet.lower()}.pdf"
        notes: list[str] = []
        try:
            impose(pages, sheets, sheet=sheet, creep_mm=creep_mm, gripper_mm=gripper_mm,
                   notes=notes)
        except ValueError as err:
            raise IssueError(pdf, None, str(err), "fix the issue, or impose with other "
                                                  "options") from None
        warnings += [f"{sheets.name}: {note}" for note in notes]
        limit = ink_limit(Theme(read_theme_path(issue_dir)))  # the theme's, as pictures had
        reports = [preflight(pages, binding="saddle-stitch", tac_limit=limit),
                   preflight(sheets, tac_limit=limit)]
        result = Handoff(folder, [pages, sheets], reports)
        if result.failed:
            return result
        _write_reports(staging, reports)
        job = Job(f"{issue.magazine} {issue.issue_line}", issue.magazine, issue.issue_line,
                  "saddle stitch", job_block, now or datetime.now(UTC), gripper_mm, notes)
        files = [pages, sheets, staging / REPORT_TEXT, staging / REPORT_JSON]
        ticket = job_ticket(job, reports[0].document, reports[1].document, sheet, creep_mm,
                            files)  # the documents as preflight read them (and rendered them)
        (staging / TICKET).write_text(ticket, encoding="utf-8")
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes 0700: the folder is for the printer
        _publish(staging, folder)
        result.files = [folder / path.name for path in [*files, staging / TICKET]]
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _creep(job_block, pdf: Path, warnings: list[str]) -> float:
    """The creep the `print:` papers make on this many sheets (0 when their thickness is not
    given), at most what the bleed allows (said when it is more)."""
    from pypdf import PdfReader

    creep = job_block.creep_mm(len(PdfReader(pdf).pages) // 4)
    if creep is None:
        return 0.0
    if creep > MAX_CREEP:
        warnings.append(f"the papers' thickness makes {creep:.2f} mm of creep; the sheets take "
                        f"{MAX_CREEP:g} mm (what the 3 mm bleed allows): ask the printer to "
                        "shingle the rest, or make the issue thinner")
        return MAX_CREEP
    return creep


def _write_reports(folder: Path, reports: list[PreflightReport]) -> None:
    """Both files' reports: as tables, and as one JSON object keyed by file name."""
    text = "\n\n".join(f"{report.pdf.name}: {'FAILED' if report.failed else 'passed'}\n"
                       f"{report.to_table()}" for report in reports)
    (folder / REPORT_TEXT).write_text(text + "\n", encoding="utf-8")
    data = {report.pdf.name: {**json.loads(report.to_json()), "pdf": report.pdf.name}
            for report in reports}
    (folder / REPORT_JSON).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")


def _publish(staging: Path, folder: Path) -> None:
    """Put the finished folder in place of the old one (if any) with two renames."""
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        folder.rename(old)
    staging.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
