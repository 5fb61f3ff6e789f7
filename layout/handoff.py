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
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from layout.build import build, ink_limit
from layout.checks.preflight import PreflightReport, preflight
from layout.checks.ticket import Job, job_ticket
from layout.content import read_masthead, read_print, read_theme_path
from layout.errors import Interrupted, IssueError
from layout.files import issue_outputs, kind_of, write_hint
from layout.outputs import inside
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
    lost: list[str] = field(default_factory=list)  # what verify found not printed as typed

    @property
    def failed(self) -> bool:
        return bool(self.lost) or any(report.failed for report in self.reports)


def handoff(issue_dir: Path, folder: Path | None = None, sheet: str = "SRA3",
            creep_mm: float | None = None, warnings: list[str] | None = None,
            build_dir: Path | None = None, gripper_mm: float | None = None,
            now: datetime | None = None) -> Handoff:
    """Build (into `build_dir`, by default the issue's build/<stem>/), impose and preflight
    the issue; write the printer's folder (default build/<stem>/handoff) if every check
    passes. `creep_mm` (default: from the `print:` paper's thickness, else 0) and
    `gripper_mm` (default: the theme's imposition.gripper) set the sheets; `now` is the
    hand-off's date on the ticket.

    The folder must be new or a hand-off of ours (its job ticket lists every file in it):
    any other folder is refused before anything is built. Returns the hand-off; when a
    preflight fails nothing is written (the reports say why).
    """
    warnings = warnings if warnings is not None else []
    issue = read_masthead(issue_dir)  # (build reads and checks the whole issue)
    if build_dir is None:
        build_dir = issue_outputs(issue_dir, issue.file_stem, claim=True)
    folder = Path(os.path.abspath(folder or build_dir / "handoff"))
    check_handoff_folder(folder, Path(issue_dir))
    done = Done()
    try:
        with terminated_as_interrupt():
            return _handoff(issue, Path(issue_dir), folder, build_dir, sheet, creep_mm,
                            gripper_mm, warnings, now, done)
    except KeyboardInterrupt:
        raise Interrupted(done.said(folder)) from None


@dataclass
class Done:
    """How far a hand-off got: what to say when it is interrupted."""

    pdf: Path | None = None  # the issue's PDF, once built
    published: bool = False  # the folder, once in place

    def said(self, folder: Path) -> str:
        if self.published:
            return f"after the hand-off was written to {folder}/ (it is complete)"
        # the build writes its PDF whole or not at all; the folder is swapped in one step
        previous = "left as it was" if folder.exists() else "not made"
        pdf = f"the issue's PDF {self.pdf} was built" if self.pdf else "no PDF written"
        return f"nothing handed off ({folder} {previous}); {pdf}"


def _handoff(issue, issue_dir: Path, folder: Path, build_dir: Path, sheet: str,
             creep_mm: float | None, gripper_mm: float | None, warnings: list[str],
             now: datetime | None, done: Done) -> Handoff:
    """Build, then assemble the hand-off in a staging folder beside `folder` and publish it
    (`done` follows how far it got)."""
    pdf = done.pdf = build(issue_dir, build_dir / f"{issue.file_stem}.pdf", warnings=warnings)
    lost = _not_as_typed(pdf, issue_dir)
    if lost:  # nothing lost goes to the printer: the text as typed, or no hand-off
        return Handoff(folder, [pdf], [], lost)
    job_block = read_print(issue_dir)
    shown = issue_dir / "issue.yaml"
    warnings += [f"{shown}: print: says nothing of {gap} — the shop will ask; add it"
                 for gap in job_block.missing()]
    if gripper_mm is None:
        gripper_mm = Theme(read_theme_path(issue_dir)).pt("imposition.gripper") / MM
    if creep_mm is None:
        creep_mm = _creep(job_block, pdf, warnings)
    staging = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(folder)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(folder), dir=folder.parent))
        (staging / STAGING_MARK).write_text(f"{os.getpid()}\n", encoding="ascii")
    except OSError as err:
        if staging is not None:  # made, but not even its mark fits (a full disk)
            shutil.rmtree(staging, ignore_errors=True)
        raise IssueError(folder.parent, None, f"cannot write the hand-off here: {err.strerror}",
                         write_hint(err, "choose another folder with -o")) from None
    press = Press(sheet, creep_mm, gripper_mm, job_block, now or datetime.now(UTC))
    try:
        return _assemble(issue, issue_dir, pdf, staging, folder, press, warnings, done)
    except OSError as err:  # a full disk, a quota, permissions changed under us
        raise IssueError(folder, None, f"cannot write the hand-off: {err.strerror} (nothing "
                         "was handed off)", write_hint(err, "choose another folder with -o")
                         ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _not_as_typed(pdf: Path, issue_dir: Path) -> list[str]:
    """What `layout verify` finds of the articles' text not in the PDF as typed."""
    from layout.checks.verify import verify
    from layout.content import load_issue

    return [f"{report.slug}: {line}" for report in verify(pdf, load_issue(issue_dir))
            for line in report.missing]


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


@dataclass(frozen=True)
class Press:
    """How the sheets are made and what the ticket says of the job."""

    sheet: str
    creep_mm: float
    gripper_mm: float
    job_block: object  # content.print_job.PrintJob
    now: datetime


def _assemble(issue, issue_dir: Path, pdf: Path, staging: Path, folder: Path, press: Press,
              warnings: list[str], done: Done) -> Handoff:
    """Impose and preflight in `staging`; when all passes, publish it as `folder`."""
    pages = staging / pdf.name
    shutil.copyfile(pdf, pages)
    sheets = staging / f"{issue.file_stem}-{press.sheet.lower()}.pdf"
    notes: list[str] = []
    try:
        impose(pages, sheets, sheet=press.sheet, creep_mm=press.creep_mm,
               gripper_mm=press.gripper_mm, notes=notes)
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
              "saddle stitch", press.job_block, press.now, press.gripper_mm, notes)
    files = [pages, sheets, staging / REPORT_TEXT, staging / REPORT_JSON]
    ticket = job_ticket(job, reports[0].document, reports[1].document, press.sheet,
                        press.creep_mm, files)  # the documents as preflight read them
    (staging / STAGING_MARK).unlink()
    (staging / TICKET).write_text(ticket, encoding="utf-8")
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes 0700: the folder is for the printer
    _publish(staging, folder, done)
    result.files = [folder / path.name for path in [*files, staging / TICKET]]
    return result


def check_handoff_folder(folder: Path, issue_dir: Path) -> None:
    """Refuse a hand-off folder that is not new and not a hand-off of ours."""
    if folder.parent == folder:
        raise IssueError(folder, None, "is the root folder", "choose a new folder with -o")
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise IssueError(folder, None, f"cannot be used: {err.strerror}",
                         "choose another folder with -o") from None
    if inside(issue_dir, folder) or inside(folder, issue_dir):
        raise IssueError(folder, None, f"is the issue folder {issue_dir} or inside or above "
                         "it", "choose a new folder outside the issue with -o")
    if info is None:
        return
    if stat.S_ISLNK(info.st_mode):
        raise IssueError(folder, None, f"is a symbolic link to {os.readlink(folder)}",
                         "give the folder it points to with -o, or remove the link")
    if not stat.S_ISDIR(info.st_mode):
        raise IssueError(folder, None, f"is {kind_of(info.st_mode)}, not a folder",
                         "choose a new folder with -o")
    foreign = foreign_files(folder)
    if foreign:
        raise IssueError(folder, None, "is not a hand-off written by ADALAZAMAT layout "
                         f"(it holds '{foreign[0]}'"
                         + (f" and {len(foreign) - 1} other(s)" if len(foreign) > 1 else "")
                         + "): it is not replaced", "choose a new folder with -o, or move "
                         "its files away")


def foreign_files(folder: Path) -> list[str]:
    """What a folder holds besides a hand-off of ours: every file but those its job ticket
    lists with their sizes (all of them when there is no ticket of ours)."""
    listed = {TICKET: None}
    try:
        ticket = (folder / TICKET).read_text(encoding="utf-8") \
            if (folder / TICKET).is_file() and not (folder / TICKET).is_symlink() else ""
    except (OSError, UnicodeDecodeError):
        ticket = ""
    if ticket.startswith("JOB TICKET  "):
        for line in ticket.splitlines():
            parts = line.split()
            if line.startswith("  ") and len(parts) == 3 and len(parts[0]) == 64 \
                    and parts[1].isdigit():
                listed[parts[2]] = (int(parts[1]), parts[0])
    else:
        listed = {}
    foreign = []
    for entry in sorted(folder.iterdir()):
        try:
            info = os.lstat(entry)
        except OSError:
            continue
        if entry.name not in listed or not stat.S_ISREG(info.st_mode):
            foreign.append(entry.name)
        elif listed[entry.name] is not None and not _as_listed(entry, info, *listed[entry.name]):
            foreign.append(entry.name)  # changed since, or a ticket that lists another's file
    return foreign


def _as_listed(path: Path, info: os.stat_result, size: int, digest: str) -> bool:
    """Whether a file is the one the ticket lists: its size, then its SHA-256."""
    if info.st_size != size:
        return False
    import hashlib

    sha = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                sha.update(chunk)
    except OSError:
        return False
    return sha.hexdigest() == digest.lower()


@contextmanager
def terminated_as_interrupt():
    """SIGTERM (`kill`, a CI job cancelled) stops as Ctrl-C does, so the staging folder is
    removed on the way out (only SIGKILL leaves one: the next run removes it)."""
    def stop(*_):
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def signals_held():
    """Ctrl-C and SIGTERM wait until the block is done (then act): the old hand-off is never
    moved aside without the new one taking its place."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


STAGING_MARK = ".adalazamat-staging"  # holds the pid of the hand-off that is assembling it


def _staging_prefix(folder: Path) -> str:
    return f".{folder.name}.staging-"


def remove_stale_staging(folder: Path) -> None:
    """Remove what a killed hand-off left beside `folder`: its staging folders (marked with
    the pid of a process that is gone) and a half-published old folder."""
    for entry in folder.parent.glob(_staging_prefix(folder) + "*"):
        mark = entry / STAGING_MARK
        try:
            if entry.is_symlink() or not mark.is_file():
                continue
            pid = int(mark.read_text(encoding="ascii").strip() or 0)
        except (OSError, ValueError):
            continue
        if pid and not _alive(pid):
            shutil.rmtree(entry, ignore_errors=True)
    old = folder.with_name(f".{folder.name}.old")
    if old.is_dir() and not old.is_symlink() and not foreign_files(old):
        shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_reports(folder: Path, reports: list[PreflightReport]) -> None:
    """Both files' reports: as tables, and as one JSON object keyed by file name."""
    text = "\n\n".join(f"{report.pdf.name}: {'FAILED' if report.failed else 'passed'}\n"
                       f"{report.to_table()}" for report in reports)
    (folder / REPORT_TEXT).write_text(text + "\n", encoding="utf-8")
    data = {report.pdf.name: {**json.loads(report.to_json()), "pdf": report.pdf.name}
            for report in reports}
    (folder / REPORT_JSON).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")


def _publish(staging: Path, folder: Path, done: Done) -> None:
    """Put the finished folder in place of the old one (if any, a hand-off of ours: checked
    again now) with two renames, never interrupted between them."""
    with signals_held():
        _swap(staging, folder)
        done.published = True


def _swap(staging: Path, folder: Path) -> None:
    old = None
    if folder.exists():
        if folder.is_symlink() or foreign_files(folder):
            raise IssueError(folder, None, "is no longer a hand-off of ours: it is not "
                             "replaced", "choose a new folder with -o")
        old = folder.with_name(f".{folder.name}.old")
        if old.exists() and (old.is_symlink() or foreign_files(old)):
            raise IssueError(old, None, "is in the way and not a hand-off of ours",
                             "move it away and run again")
        shutil.rmtree(old, ignore_errors=True)
        folder.rename(old)
    staging.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
