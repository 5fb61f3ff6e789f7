"""The long hostile run: cases the product's promises must survive, each run for real as a
user (or an attacker) would — `layout` in its own process, the desk over real sockets —
and judged on what the issue promises: the right exit code, a message and never a
traceback or an internal error, nothing destroyed (previous outputs, the user's files),
nothing left behind (temporary files), bounded time and memory.

    python -m tests.hostile [--code DIR] [--only WORD] [--table FILE]

`--code DIR` runs the `layout` of another checkout (e.g. an export of main, for the table
before → after); the cases themselves are this file's. Prints one row per case: exit,
seconds, peak memory (MB, the largest process), verdict and the first line said. Exits 1
when a case breaks a promise. Slow (several minutes): `make hostile`, not `make test`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import resource
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISSUE = ROOT / "issue"
PHOTOS = ROOT / "tests" / "issues" / "photos"
MB = 1024 * 1024
ARTICLE = "---\nkind: feature\ntitle: \"{title}\"\npages: 1\n---\n{body}\n"
MARKED = b"%PDF-1.7\n% previous output /Creator (ADALAZAMAT layout)\n"


class Broken(Exception):
    """A promise the case broke (the message says which)."""


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float

    @property
    def said(self) -> str:
        return self.err + self.out

    def first(self) -> str:
        lines = [line for line in self.err.splitlines() + self.out.splitlines() if line.strip()]
        return lines[0][:150] if lines else ""


@dataclass
class Case:
    name: str
    group: str
    promise: str
    run: Callable[[Scratch], Run | None]


@dataclass
class Scratch:
    """A case's own folder and the `layout` it runs."""

    folder: Path
    code: Path
    runs: list[Run] = field(default_factory=list)

    def env(self, **extra) -> dict:
        env = {**os.environ, "PYTHONPATH": str(self.code), **extra}
        env.pop("PYTHONHASHSEED", None)
        return env

    def layout(self, *args, env: dict | None = None, timeout: float = 180,
               limits: Callable[[], None] | None = None, cwd: Path | None = None,
               stop_after: float | None = None, stop: int = signal.SIGTERM,
               stop_when: Callable[[], bool] | None = None) -> Run:
        """`layout ARGS` in a process of its own: exit code (negative: the signal that
        killed it), output, seconds, and the peak memory of it or its largest child."""
        command = [sys.executable, "-m", "layout", *map(str, args)]
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd or self.folder, env=env or self.env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   preexec_fn=limits, start_new_session=True)
        out, err = [], []
        readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
                   for s, b in ((process.stdout, out), (process.stderr, err))]
        for reader in readers:
            reader.start()
        stopped, peak = False, 0
        while True:
            peak = max(peak, _peak_kb(process.pid))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            waited = time.monotonic() - started
            if not stopped and (stop_after is not None and waited > stop_after
                                or stop_when is not None and stop_when()):
                os.kill(process.pid, stop)
                stopped = True
            if waited > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                err.append(b"[hostile: killed after the time limit]")
                break
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        for reader in readers:
            reader.join(10)
        run = Run(process.returncode, b"".join(out).decode("utf-8", "replace"),
                  b"".join(err).decode("utf-8", "replace"), time.monotonic() - started,
                  peak / 1024)
        self.runs.append(run)
        return run

    def issue(self, articles: dict[str, str] | None = None, name: str = "issue",
              theme: str | None = None, extra: str = "") -> Path:
        """A small issue of four one-page articles (or those given)."""
        root = self.folder / name
        (root / "articles").mkdir(parents=True, exist_ok=True)
        shutil.copy(ISSUE / "theme.yaml", root / "theme.yaml")
        if theme is not None:
            (root / "theme.yaml").write_text(theme, encoding="utf-8")
        articles = articles or {k: ARTICLE.format(title=f"Article {k}", body="Text.")
                                for k in "abcd"}
        lines = ["magazine: TESTMAG", 'issue: "№9 (01-02) 2024"', "year: 2024", "number: 9",
                 "language: en", "bleed: 3mm", extra, "flatplan:"]
        lines += [f"  - {slug}" for slug in articles]
        (root / "issue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for slug, text in articles.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            (root / "articles" / f"{slug}.md").write_bytes(data)
        return root

    def pdf(self, name: str = "issue.pdf") -> Path:
        """A PDF of the small issue, built once per case."""
        path = self.folder / name
        if not path.exists():
            root = self.issue(name="pdf-issue") if not (self.folder / "pdf-issue").exists() \
                else self.folder / "pdf-issue"
            run = self.layout("build", root, "-o", path)
            if run.code != 0:
                raise Broken(f"setup: the small issue did not build: {run.first()}")
        return path


def _peak_kb(pid: int) -> int:
    """The largest VmHWM (peak resident memory since exec) of a process and its children.
    (wait4's ru_maxrss would count the runner's own memory, copied in by the fork.)"""
    peak, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            peak = max(peak, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue
    return peak


def expect(run: Run, codes: tuple[int, ...], words: str | None = None) -> Run:
    """The common promises: an expected exit code, no traceback, no internal error, and
    (when given) these words said."""
    if "Traceback (most recent call last)" in run.said:
        raise Broken("a traceback")
    if "internal error" in run.said:
        raise Broken("an internal error")
    if run.code not in codes:
        raise Broken(f"exit {run.code}, expected {'/'.join(map(str, codes))}")
    if words is not None and not re.search(words, run.said, re.I):
        raise Broken(f"does not say /{words}/")
    return run


def no_temporaries(folder: Path) -> None:
    left = [p.name for p in folder.rglob(".*") if p.name.endswith(".tmp")
            or ".staging-" in p.name]
    if left:
        raise Broken(f"left temporary files: {left[:3]}")


CASES: list[Case] = []


def case(group: str, promise: str):
    def register(function):
        CASES.append(Case(function.__name__.removeprefix("case_").replace("_", "-"), group,
                          promise, function))
        return function
    return register


# --- outputs ---------------------------------------------------------------------------------

@case("outputs", "a hard-linked previous PDF: the other link (an archive copy) is untouched")
def case_hard_linked_previous_pdf(s: Scratch):
    out = s.folder / "out.pdf"
    out.write_bytes(MARKED)
    archive = s.folder / "archive.pdf"
    os.link(out, archive)
    run = expect(s.layout("build", s.issue(), "-o", out), (0,))
    if archive.read_bytes() != MARKED:
        raise Broken("the archive copy (a hard link) was overwritten")
    return run


@case("outputs", "impose onto its input through a hard link: refused")
def case_impose_onto_hard_link_of_input(s: Scratch):
    pdf = s.pdf()
    os.link(pdf, s.folder / "same.pdf")
    before = pdf.read_bytes()
    run = expect(s.layout("impose", pdf, "-o", s.folder / "same.pdf"), (2,), "input")
    if pdf.read_bytes() != before:
        raise Broken("the input was replaced")
    return run


@case("outputs", "impose X -o ./X (the same file by another spelling): refused")
def case_impose_onto_itself_relative(s: Scratch):
    pdf = s.pdf()
    before = pdf.read_bytes()
    run = expect(s.layout("impose", "issue.pdf", "-o", "./sub/../issue.pdf"), (2,))
    if pdf.read_bytes() != before:
        raise Broken("the input was replaced")
    return run


@case("outputs", "-o under a path whose part is a file: exit 2, file untouched")
def case_output_under_a_file(s: Scratch):
    (s.folder / "notes.txt").write_text("mine")
    run = expect(s.layout("build", s.issue(), "-o", s.folder / "notes.txt" / "x.pdf"), (2,))
    if (s.folder / "notes.txt").read_text() != "mine":
        raise Broken("the file was changed")
    return run


@case("outputs", "-o on a read-only file system: exit 2, says read-only")
def case_read_only_file_system(s: Scratch):
    mount = s.folder / "ro"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro",
                                            "tmpfs", str(mount)]).returncode:
        return None
    try:
        return expect(s.layout("build", s.issue(), "-o", mount / "x.pdf"), (2,), "read-only")
    finally:
        subprocess.run(["umount", "-l", str(mount)])


@case("outputs", "-o a file the user owns (not ours) with a .pdf name: refused, kept")
def case_users_pdf_not_replaced(s: Scratch):
    mine = s.folder / "contract.pdf"
    mine.write_bytes(b"%PDF-1.4\n% a signed contract\n")
    run = expect(s.layout("build", s.issue(), "-o", mine), (2,), "did not write")
    if mine.read_bytes() != b"%PDF-1.4\n% a signed contract\n":
        raise Broken("the user's PDF was replaced")
    return run


@case("outputs", "preview -o a regular file: refused, file kept")
def case_preview_onto_a_file(s: Scratch):
    target = s.folder / "list.txt"
    target.write_text("mine")
    run = expect(s.layout("preview", s.pdf(), "-o", target), (2,))
    if target.read_text() != "mine":
        raise Broken("the file was replaced")
    return run


@case("outputs", "diff -o a symbolic link to a folder: refused, says where it points")
def case_diff_onto_a_symlinked_folder(s: Scratch):
    (s.folder / "elsewhere").mkdir()
    (s.folder / "link").symlink_to(s.folder / "elsewhere")
    return expect(s.layout("diff", s.pdf(), s.pdf(), "-o", s.folder / "link"), (2,),
                  "symbolic link")


@case("outputs", "proof's fit.json place held by a FIFO: exit 2, no hang")
def case_fit_report_is_a_fifo(s: Scratch):
    out = s.folder / "proof"
    out.mkdir()
    os.mkfifo(out / "fit.json")
    return expect(s.layout("proof", s.issue(), "-o", out / "proof.pdf", timeout=60), (2,),
                  "named pipe|FIFO|not a file")


@case("outputs", "proof's proofs/ rounds folder is a symlink elsewhere: nothing written there")
def case_rounds_folder_symlinked(s: Scratch):
    out = s.folder / "proof"
    out.mkdir()
    victim = s.folder / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    (out / "proofs").symlink_to(victim)
    run = s.layout("proof", s.issue(), "-o", out / "proof.pdf")
    expect(run, (0, 1, 2))
    if sorted(p.name for p in victim.iterdir()) != ["keep.txt"]:
        raise Broken(f"wrote into the link's target: {sorted(p.name for p in victim.iterdir())}")
    return run


@case("outputs", "the cache folder is a symlink to a folder of others' files: none deleted")
def case_cache_symlinked_to_foreign_files(s: Scratch):
    root = s.issue()
    victim = s.folder / "victim"
    victim.mkdir()
    for name in ("a.pickle", "b.parsed", "notes.txt", "x.cache"):
        (victim / name).write_text("mine")
    out = s.folder / "build" / "testmag-2024-09"
    out.mkdir(parents=True)
    (out / "cache").symlink_to(victim)
    run = expect(s.layout("build", root), (0, 2))
    if sorted(p.name for p in victim.iterdir()) != ["a.pickle", "b.parsed", "notes.txt",
                                                     "x.cache"]:
        raise Broken("files in the link's target were changed")
    return run


@case("outputs", "the cache folder's place is a regular file: builds, or a clear error")
def case_cache_is_a_file(s: Scratch):
    root = s.issue()
    out = s.folder / "build" / "testmag-2024-09"
    out.mkdir(parents=True)
    (out / "cache").write_text("mine")
    run = expect(s.layout("build", root), (0, 2))
    if (out / "cache").read_text() != "mine":
        raise Broken("the file was replaced")
    return run


@case("outputs", "a unicode file name with spaces and an emoji: written as named")
def case_unicode_output_name(s: Scratch):
    out = s.folder / "Печать · número 9 📰.pdf"
    run = expect(s.layout("build", s.issue(), "-o", out), (0,))
    if not out.is_file():
        raise Broken("not written under its name")
    return run


@case("outputs", "an issue folder named in Kazakh with spaces: builds")
def case_unicode_issue_folder(s: Scratch):
    return expect(s.layout("build", s.issue(name="Журнал Қазан 2024"), "-o",
                           s.folder / "x.pdf"), (0,))


@case("outputs", "a file name with a newline and an escape sequence: written, said safely")
def case_control_characters_in_name(s: Scratch):
    out = s.folder / "a\nb\x1b[31mred.pdf"
    run = expect(s.layout("build", s.issue(), "-o", out), (0, 2))
    if "\x1b[31m" in run.said:
        raise Broken("an escape sequence reached the terminal")
    return run


@case("outputs", "handoff -o a unicode folder name: written")
def case_handoff_unicode_folder(s: Scratch):
    return expect(s.layout("handoff", s.issue(), "-o", s.folder / "Баспахана 📦"), (0,))


@case("outputs", "handoff -o the user's home-like folder with one hidden file: refused")
def case_handoff_folder_with_a_hidden_file(s: Scratch):
    drop = s.folder / "drop"
    drop.mkdir()
    (drop / ".keep").write_text("mine")
    run = expect(s.layout("handoff", s.issue(), "-o", drop), (2,), "not a hand-off")
    if (drop / ".keep").read_text() != "mine":
        raise Broken("the hidden file was removed")
    return run


@case("outputs", "a forged job ticket listing the user's file: the file is not replaced")
def case_handoff_forged_ticket(s: Scratch):
    drop = s.folder / "drop"
    drop.mkdir()
    (drop / "contract.txt").write_text("signed")
    (drop / "job-ticket.txt").write_text("JOB TICKET  forged\n  " + "0" * 64 + " 6 contract.txt\n")
    run = expect(s.layout("handoff", s.issue(), "-o", drop), (0, 2))
    if not (drop / "contract.txt").exists() and run.code == 0:
        raise Broken("a file the product did not write was deleted (the ticket was forged)")
    return run


# --- concurrency ------------------------------------------------------------------------------

def parallel(s: Scratch, commands: list[list], **options) -> list[Run]:
    threads, runs = [], [None] * len(commands)

    def one(k):
        runs[k] = s.layout(*commands[k], **options)

    for k in range(len(commands)):
        threads.append(threading.Thread(target=one, args=(k,)))
        threads[-1].start()
    for thread in threads:
        thread.join()
    return runs


def whole_pdf(path: Path) -> None:
    from pypdf import PdfReader

    try:
        if len(PdfReader(path).pages) < 1:
            raise Broken(f"{path.name} has no pages")
    except Broken:
        raise
    except Exception as err:
        raise Broken(f"{path.name} is not a whole PDF: {err}") from None


@case("concurrency", "three builds of one issue to one file at once: one whole PDF, no temporaries")
def case_three_builds_one_output(s: Scratch):
    root, out = s.issue(), s.folder / "same.pdf"
    runs = parallel(s, [["build", root, "-o", out]] * 3)
    for run in runs:
        expect(run, (0,))
    whole_pdf(out)
    no_temporaries(s.folder)
    return runs[0]


@case("concurrency", "a build and a proof of one issue at once (shared cache): both fine")
def case_build_and_proof_at_once(s: Scratch):
    root = s.issue()
    runs = parallel(s, [["build", root], ["proof", root]])
    expect(runs[0], (0,))
    expect(runs[1], (0, 1))
    no_temporaries(s.folder)
    return runs[0]


@case("concurrency", "two hand-offs to one folder at once: a whole hand-off, no staging left")
def case_two_handoffs_at_once(s: Scratch):
    root, drop = s.issue(), s.folder / "drop"
    runs = parallel(s, [["handoff", root, "-o", drop]] * 2)
    for run in runs:
        expect(run, (0, 2))
    if not any(run.code == 0 for run in runs):
        raise Broken("neither hand-off was written")
    if not (drop / "job-ticket.txt").is_file():
        raise Broken("the folder is not a whole hand-off")
    no_temporaries(s.folder)
    return runs[0]


@case("concurrency", "two previews into one folder at once: every page there, no temporaries")
def case_two_previews_at_once(s: Scratch):
    pdf = s.pdf()
    runs = parallel(s, [["preview", pdf, "-o", s.folder / "p"]] * 2)
    for run in runs:
        expect(run, (0, 2))
    if not (s.folder / "p" / "contact.png").is_file():
        raise Broken("no contact sheet")
    no_temporaries(s.folder)
    return runs[0]


@case("concurrency", "a build while its article is rewritten: exit 0 or a clear error")
def case_build_while_editing(s: Scratch):
    root = s.issue()
    stop = threading.Event()

    def edit():
        k = 0
        while not stop.is_set():
            (root / "articles" / "a.md").write_text(ARTICLE.format(title="Edit", body="x" * k))
            k = (k + 1) % 500
    editor = threading.Thread(target=edit)
    editor.start()
    try:
        return expect(s.layout("build", root, "-o", s.folder / "x.pdf"), (0, 2))
    finally:
        stop.set()
        editor.join()


# --- faults ---------------------------------------------------------------------------------

def previous(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(MARKED)
    return path


def big_issue(s: Scratch) -> Path:
    sys.path.insert(0, str(ROOT))
    from layout.bench import synthetic_issue

    root = s.folder / "big"
    if not root.exists():
        synthetic_issue(ISSUE, root, 4)  # 170 pages: two more make a saddle-stitched issue
        for pad in ("pad1", "pad2"):
            (root / "articles" / f"{pad}.md").write_text(article("Pad."))
        with (root / "issue.yaml").open("a") as plan:
            plan.write("  - pad1\n  - pad2\n")
    return root


@case("faults", "SIGTERM while a proof composes: exit 130, previous PDF whole, no temporaries")
def case_sigterm_proof(s: Scratch):
    out = previous(s.folder / "out" / "p.pdf")
    run = expect(s.layout("proof", big_issue(s), "-o", out, "--no-cache", stop_after=4),
                 (130,), "interrupted")
    if out.read_bytes() != MARKED:
        raise Broken("the previous PDF was replaced")
    no_temporaries(s.folder)
    return run


@case("faults", "SIGTERM while preview renders: exit 130, previous previews whole")
def case_sigterm_preview(s: Scratch):
    pdf = s.folder / "big.pdf"
    run = s.layout("proof", big_issue(s), "-o", pdf, "--no-preview")
    expect(run, (0, 1))
    first = expect(s.layout("preview", pdf, "-o", s.folder / "p"), (0,))
    del first
    before = {p.name: p.read_bytes() for p in (s.folder / "p").iterdir()}
    run = expect(s.layout("preview", pdf, "-o", s.folder / "p", stop_after=2.5), (130,))
    after = {p.name: p.read_bytes() for p in (s.folder / "p").iterdir()}
    if after != before:
        raise Broken("the previous previews were changed")
    no_temporaries(s.folder)
    return run


@case("faults", "SIGINT while a hand-off builds: exit 130, says no PDF was written")
def case_sigint_handoff_while_building(s: Scratch):
    root = big_issue(s)
    run = s.layout("handoff", root, "-o", s.folder / "drop", stop=signal.SIGINT,
                   stop_after=3)
    expect(run, (130, 2), "interrupted|error")
    if run.code == 130 and "no PDF written" not in run.said and "was built" not in run.said:
        raise Broken("does not say what was written")
    no_temporaries(s.folder)
    return run


@case("faults", "SIGTERM while impose writes: previous sheets whole, no temporaries")
def case_sigterm_impose(s: Scratch):
    out = previous(s.folder / "sheets.pdf")
    pdf = s.pdf()
    run = s.layout("impose", pdf, "-o", out, stop_after=1.0)
    expect(run, (0, 130))
    if run.code == 130 and out.read_bytes() != MARKED:
        raise Broken("the previous sheets were replaced")
    no_temporaries(s.folder)
    return run


def file_size_limit(size: int):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


@case("faults", "a file-size limit (RLIMIT_FSIZE 200 kB): exit 2 'File too large', nothing half")
def case_file_size_limit(s: Scratch):
    out = previous(s.folder / "x.pdf")
    run = expect(s.layout("build", s.issue(), "-o", out, limits=file_size_limit(200_000)),
                 (2,), "too large")
    if out.read_bytes() != MARKED:
        raise Broken("the previous PDF was replaced")
    no_temporaries(s.folder)
    return run


@case("faults", "a file-size limit while previewing: exit 2, no half PNG")
def case_file_size_limit_preview(s: Scratch):
    pdf = s.pdf()
    run = expect(s.layout("preview", pdf, "-o", s.folder / "p",
                          limits=file_size_limit(2_000)), (2,), "too large")
    no_temporaries(s.folder)
    if (s.folder / "p").exists() and list((s.folder / "p").iterdir()):
        raise Broken("left half a preview folder")
    return run


@case("faults", "only 24 file descriptors: a clear error or a build, never a traceback")
def case_few_file_descriptors(s: Scratch):
    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (24, 24))
    return expect(s.layout("build", s.issue(), "-o", s.folder / "x.pdf", limits=limit),
                  (0, 1, 2))


@case("faults", "memory capped at 600 MB (RLIMIT_AS): a build or a clear message")
def case_memory_cap(s: Scratch):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (600 * MB, 600 * MB))
    return expect(s.layout("build", s.issue(), "-o", s.folder / "x.pdf", limits=limit),
                  (0, 1, 2))


@case("faults", "SOURCE_DATE_EPOCH far past 9999 or negative: exit 2 naming it")
def case_source_date_epoch_out_of_range(s: Scratch):
    root = s.issue()
    for value in ("99999999999999", "-5", "1e3", " "):
        run = expect(s.layout("build", root, "-o", s.folder / "x.pdf",
                              env=s.env(SOURCE_DATE_EPOCH=value)), (0, 2))
        if run.code == 2 and "SOURCE_DATE_EPOCH" not in run.said:
            raise Broken(f"{value!r}: the error does not name SOURCE_DATE_EPOCH")
    return run


@case("faults", "TMPDIR names a missing folder: the build does not need it")
def case_tmpdir_missing(s: Scratch):
    return expect(s.layout("build", s.issue(), "-o", s.folder / "x.pdf",
                           env=s.env(TMPDIR=str(s.folder / "nowhere"))), (0,))


@case("faults", "run from a folder that was deleted: exit 2 or a build, no traceback")
def case_deleted_working_folder(s: Scratch):
    root = s.issue()
    gone = s.folder / "gone"
    gone.mkdir()
    process_cwd = gone
    shutil.rmtree(gone)
    try:
        return expect(s.layout("build", root, "-o", s.folder / "x.pdf", cwd=process_cwd),
                      (0, 2))
    except (FileNotFoundError, NotADirectoryError):
        return None  # cannot even start a process there


# --- input ------------------------------------------------------------------------------------

def article(body: str, title: str = "Hostile", pages: int = 1) -> str:
    return f"---\nkind: feature\ntitle: \"{title}\"\npages: {pages}\n---\n{body}\n"


def fill_issue(s: Scratch, first: str | bytes, **kwargs) -> Path:
    articles = {"a": first, **{k: article("Text.") for k in "bcd"}}
    return s.issue(articles, **kwargs)


@case("input", "an article with a NUL byte: exit 2 at its line")
def case_nul_byte(s: Scratch):
    return expect(s.layout("build", fill_issue(s, article("A\x00B")), "-o",
                           s.folder / "x.pdf"), (2,), r"a\.md:\d+")


@case("input", "an article in UTF-16: exit 2 saying the encoding")
def case_utf16_article(s: Scratch):
    return expect(s.layout("build", fill_issue(s, article("Text.").encode("utf-16")), "-o",
                           s.folder / "x.pdf"), (2,), "UTF-8|encod")


@case("input", "issue.yaml with a BOM and CRLF line ends: builds")
def case_bom_crlf(s: Scratch):
    root = s.issue()
    text = (root / "issue.yaml").read_text()
    (root / "issue.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    return expect(s.layout("build", root, "-o", s.folder / "x.pdf"), (0,))


@case("input", "a 200,000-character word: bounded, builds or says overset")
def case_giant_word(s: Scratch):
    run = expect(s.layout("proof", fill_issue(s, article("x" * 200_000)), "-o",
                          s.folder / "x.pdf", timeout=240), (0, 1, 2))
    if run.seconds > 120:
        raise Broken(f"took {run.seconds:.0f} s")
    return run


@case("input", "500 nested block quotes: exit 0/1/2, never a RecursionError")
def case_nested_quotes(s: Scratch):
    return expect(s.layout("proof", fill_issue(s, article("> " * 500 + "deep")), "-o",
                           s.folder / "x.pdf"), (0, 1, 2))


@case("input", "400 nested list levels: bounded, no RecursionError")
def case_nested_lists(s: Scratch):
    body = "\n".join("  " * k + "- item" for k in range(400))
    return expect(s.layout("proof", fill_issue(s, article(body)), "-o", s.folder / "x.pdf"),
                  (0, 1, 2))


@case("input", "20,000 emphasis markers in a row: bounded")
def case_emphasis_storm(s: Scratch):
    run = expect(s.layout("proof", fill_issue(s, article("*_" * 10_000 + "word")), "-o",
                          s.folder / "x.pdf"), (0, 1, 2))
    if run.seconds > 90:
        raise Broken(f"took {run.seconds:.0f} s")
    return run


@case("input", "front matter with a YAML alias bomb: exit 2, bounded")
def case_yaml_alias_bomb(s: Scratch):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + k)}: &{chr(98 + k)} [*{chr(97 + k)},*{chr(97 + k)},*{chr(97 + k)},"
        f"*{chr(97 + k)},*{chr(97 + k)},*{chr(97 + k)},*{chr(97 + k)},*{chr(97 + k)},"
        f"*{chr(97 + k)}]\n" for k in range(9))
    text = f"---\nkind: feature\ntitle: \"Bomb\"\npages: 1\n{bomb}---\nText.\n"
    run = expect(s.layout("build", fill_issue(s, text), "-o", s.folder / "x.pdf",
                          timeout=60), (2,))
    if run.peak_mb > 1500:
        raise Broken(f"{run.peak_mb:.0f} MB")
    return run


@case("input", "an alias bomb in theme.yaml: exit 2, bounded")
def case_theme_alias_bomb(s: Scratch):
    theme = (ISSUE / "theme.yaml").read_text()
    bomb = "lol: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"lol{k}: &{chr(98 + k)} [" + ",".join([f"*{chr(97 + k)}"] * 10) + "]\n"
        for k in range(8))
    (s.folder / "t").mkdir()
    run = expect(s.layout("build", s.issue(theme=bomb + theme), "-o", s.folder / "x.pdf",
                          timeout=60), (2,))
    if run.peak_mb > 1500:
        raise Broken(f"{run.peak_mb:.0f} MB")
    return run


@case("input", "a 60 MB article: refused by size, bounded memory")
def case_huge_article(s: Scratch):
    root = fill_issue(s, article("word " * 12_000_000))
    run = expect(s.layout("build", root, "-o", s.folder / "x.pdf", timeout=120), (2,))
    if run.peak_mb > 1000:
        raise Broken(f"{run.peak_mb:.0f} MB")
    return run


@case("input", "an article that is a symlink to /etc/passwd: refused")
def case_article_symlink_out(s: Scratch):
    root = fill_issue(s, article("x"))
    (root / "articles" / "a.md").unlink()
    (root / "articles" / "a.md").symlink_to("/etc/passwd")
    run = expect(s.layout("build", root, "-o", s.folder / "x.pdf"), (2,))
    if "root:" in run.said:
        raise Broken("the file's content was shown")
    return run


@case("input", "the flatplan names an article 1,000 times: exit 2 or bounded")
def case_flatplan_repeats(s: Scratch):
    root = s.issue()
    text = (root / "issue.yaml").read_text() + "  - a\n" * 1000
    (root / "issue.yaml").write_text(text)
    run = expect(s.layout("build", root, "-o", s.folder / "x.pdf", timeout=120), (2,))
    if run.seconds > 60:
        raise Broken(f"took {run.seconds:.0f} s")
    return run


@case("input", "a slug with '../' in the flatplan: refused, nothing read outside")
def case_slug_traversal(s: Scratch):
    root = s.issue()
    (root / "issue.yaml").write_text((root / "issue.yaml").read_text()
                                     + "  - ../../../../etc/passwd\n")
    return expect(s.layout("build", root, "-o", s.folder / "x.pdf"), (2,))


@case("input", "Cyrillic and Kazakh slugs (slugs are ASCII): exit 2 saying so")
def case_unicode_slugs(s: Scratch):
    return expect(s.layout("build", s.issue({
        "мақала": article("Қазақ тілі."), "статья": article("Русский."),
        "ünïcødé": article("Text."), "d": article("Text.")}), "-o", s.folder / "x.pdf"), (2,),
        "is not a slug")


@case("input", "a title of 5,000 characters: exit 0/1/2, bounded")
def case_huge_title(s: Scratch):
    return expect(s.layout("proof", fill_issue(s, article("Text.", title="T" * 5000)), "-o",
                           s.folder / "x.pdf"), (0, 1, 2))


@case("input", "right-to-left and combining text: every character reaches the PDF")
def case_rtl_and_combining(s: Scratch):
    root = fill_issue(s, article("مرحبا بالعالم and e\u0301\u0323 and \u202e reversed."))
    run = expect(s.layout("build", root, "-o", s.folder / "x.pdf"), (0, 2))
    if run.code == 0:
        verified = s.layout("verify", s.folder / "x.pdf", root)
        expect(verified, (0, 1))
    return run


# --- theme ----------------------------------------------------------------------------------

def theme_with(old: str, new: str) -> str:
    text = (ISSUE / "theme.yaml").read_text()
    if old not in text:
        raise Broken(f"setup: the theme has no {old!r}")
    return text.replace(old, new, 1)


@case("theme", "body size 0.01pt: exit 2 at the theme's line")
def case_theme_tiny_body(s: Scratch):
    text = (ISSUE / "theme.yaml").read_text()
    size = re.search(r"^(  size: )(\S+)", text[text.index("\nbody:"):], re.M)
    theme = text.replace(text[text.index("\nbody:"):][:size.end()],
                         text[text.index("\nbody:"):][:size.start()] + "  size: 0.01pt", 1)
    return expect(s.layout("build", s.issue(theme=theme), "-o", s.folder / "x.pdf"), (2,),
                  r"theme\.yaml:\d+")


@case("theme", "a theme that is a list, not a mapping: exit 2")
def case_theme_is_a_list(s: Scratch):
    return expect(s.layout("build", s.issue(theme="- a\n- b\n"), "-o", s.folder / "x.pdf"),
                  (2,), "theme")


@case("theme", "a theme with a tab for indentation: exit 2 at its line")
def case_theme_tab(s: Scratch):
    theme = (ISSUE / "theme.yaml").read_text().replace("    regular: NotoSerif-Regular.ttf",
                                                       "\tregular: NotoSerif-Regular.ttf", 1)
    return expect(s.layout("build", s.issue(theme=theme), "-o", s.folder / "x.pdf"), (2,),
                  r"theme\.yaml:\d+")


@case("theme", "a font named '../../etc/passwd': refused")
def case_theme_font_traversal(s: Scratch):
    theme = theme_with("regular: NotoSerif-Regular.ttf", "regular: ../../../../etc/passwd")
    return expect(s.layout("build", s.issue(theme=theme), "-o", s.folder / "x.pdf"), (2,))


@case("theme", "a font named as an absolute path to a FIFO: refused, no hang")
def case_theme_font_fifo(s: Scratch):
    os.mkfifo(s.folder / "font.ttf")
    theme = theme_with("regular: NotoSerif-Regular.ttf", f"regular: {s.folder / 'font.ttf'}")
    return expect(s.layout("build", s.issue(theme=theme), "-o", s.folder / "x.pdf",
                           timeout=60), (2,))


@case("theme", "a colour of 5 components and one of 400 %: exit 2 at the line")
def case_theme_bad_colours(s: Scratch):
    text = (ISSUE / "theme.yaml").read_text()
    found = re.search(r"\[(\d+), (\d+), (\d+), (\d+)\]", text)
    runs = []
    for bad in ("[0, 0, 0, 100, 5]", "[0, 0, 0, 400]", "[.nan, 0, 0, 100]"):
        theme = text[:found.start()] + bad + text[found.end():]
        runs.append(expect(s.layout("build", s.issue(theme=theme), "-o", s.folder / "x.pdf"),
                           (2,), r"theme\.yaml:\d+"))
    return runs[-1]


@case("theme", "a 30 MB theme: refused by size")
def case_theme_huge(s: Scratch):
    theme = (ISSUE / "theme.yaml").read_text() + "# " + "x" * (30 * MB) + "\n"
    return expect(s.layout("build", s.issue(theme=theme), "-o", s.folder / "x.pdf"), (2,))


# --- fonts (a copy of the code, its fonts/ damaged) -------------------------------------------

def damaged_code(s: Scratch, damage: Callable[[Path], None]) -> Path:
    copy = s.folder / "code"
    shutil.copytree(s.code / "layout", copy / "layout",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(s.code / "fonts", copy / "fonts")
    for extra in ("pyproject.toml",):
        if (s.code / extra).exists():
            shutil.copy(s.code / extra, copy / extra)
    damage(copy / "fonts" / "NotoSerif-Regular.ttf")
    return copy


def font_case(damage: Callable[[Path], None]):
    def run(s: Scratch):
        code = damaged_code(s, damage)
        return expect(s.layout("build", s.issue(), "-o", s.folder / "x.pdf",
                               env=s.env(PYTHONPATH=str(code)), timeout=120), (2,),
                      r"NotoSerif-Regular|theme\.yaml:\d+")
    return run


def truncate_to(size: int):
    return lambda path: path.write_bytes(path.read_bytes()[:size])


def num_tables(value: int):
    def damage(path):
        data = bytearray(path.read_bytes())
        data[4:6] = struct.pack(">H", value)
        path.write_bytes(bytes(data))
    return damage


def font_of(data: bytes):
    return lambda path: path.write_bytes(data)


for _name, _damage, _promise in (
        ("font-truncated-to-100-bytes", truncate_to(100), "a body face cut to 100 bytes"),
        ("font-truncated-to-half", lambda p: truncate_to(p.stat().st_size // 2)(p),
         "a body face cut in half"),
        ("font-empty", truncate_to(0), "an empty body face file"),
        ("font-65535-tables", num_tables(65535), "a face claiming 65,535 tables"),
        ("font-zero-tables", num_tables(0), "a face with no tables"),
        ("font-is-woff2", font_of(b"wOF2" + bytes(200)), "a WOFF2 file named .ttf"),
        ("font-is-html", font_of(b"<!DOCTYPE html><title>404</title>"), "an HTML page named .ttf"),
        ("font-is-a-symlink-out", lambda p: (p.unlink(), p.symlink_to("/etc/passwd")),
         "a face that is a symlink to /etc/passwd")):
    CASES.append(Case(_name, "fonts", f"{_promise}: exit 2 naming the face", font_case(_damage)))


# --- pictures ---------------------------------------------------------------------------------

def picture_issue(s: Scratch, name: str, data: bytes, figures: int = 1) -> Path:
    body = "Text.\n\n" + "\n\n".join(f"::: figure images/{name} column\nA caption.\n:::"
                                    for _ in range(figures))
    root = fill_issue(s, article(body, pages=1))
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / name).write_bytes(data)
    return root


def png(width: int, height: int, mode: str = "RGB", **options) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, (width, height), **options).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 1200, height: int = 800, mode: str = "RGB") -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, (width, height), 80 if mode == "L" else None).save(out, "JPEG", quality=80)
    return out.getvalue()


def png_bomb() -> bytes:
    """A PNG that claims 30,000 × 30,000 pixels in a few kB."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = zlib.compress(b"\x00" + bytes(30_000 // 8) * 1, 9)
    header = struct.pack(">IIBBBBB", 30_000, 30_000, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(
        b"IEND", b"")


def picture_case(name: str, data: Callable[[], bytes], codes=(0, 1, 2), words=None,
                 figures: int = 1, max_mb: float = 1500):
    def run(s: Scratch):
        result = expect(s.layout("proof", picture_issue(s, name, data(), figures), "-o",
                                 s.folder / "x.pdf", timeout=180), codes, words)
        if result.peak_mb > max_mb:
            raise Broken(f"{result.peak_mb:.0f} MB")
        return result
    return run


for _name, _file, _data, _codes, _words, _promise, _figures in (
        ("picture-png-bomb", "bomb.png", png_bomb, (2,), r"bomb\.png|a\.md:\d+",
         "a PNG claiming 900 Mpx in kB: exit 2 at its figure, bounded", 1),
        ("picture-truncated-jpeg", "cut.jpg", lambda: jpeg()[:2000], (1, 2), r"cut\.jpg",
         "a JPEG cut short: exit 2 naming it", 1),
        ("picture-html-named-jpg", "page.jpg", lambda: b"<html>404</html>", (1, 2), r"page\.jpg",
         "an HTML page named .jpg: exit 2 naming it", 1),
        ("picture-empty", "empty.png", lambda: b"", (1, 2), r"empty\.png",
         "an empty picture file: exit 2 naming it", 1),
        ("picture-one-pixel", "dot.png", lambda: png(1, 1), (0, 1, 2), None,
         "a 1 × 1 px picture: placed, or refused at its line", 1),
        ("picture-sliver", "sliver.png", lambda: png(20_000, 2), (0, 1, 2), None,
         "a 20,000 × 2 px sliver: placed or refused, bounded", 1),
        ("picture-16-bit-greyscale", "grey16.png", lambda: png(800, 600, "I;16"), (0, 1), None,
         "a 16-bit greyscale PNG: placed", 1),
        ("picture-palette-transparency", "pal.png",
         lambda: png(800, 600, "P", color=3), (0, 1, 2), None,
         "a palette PNG: placed or a clear error", 1),
        ("picture-greyscale-alpha", "la.png", lambda: png(800, 600, "LA"), (0, 1, 2), None,
         "a greyscale + alpha PNG: placed or a clear error", 1),
        ("picture-cmyk-jpeg", "cmyk.jpg", lambda: jpeg(mode="CMYK"), (0, 1), None,
         "a CMYK JPEG without profile: placed", 1),
        ("picture-30-figures-one-file", "same.jpg", lambda: jpeg(3000, 2000), (0, 1, 2), None,
         "one 6 Mpx photo placed by 30 figures: bounded memory", 30)):
    CASES.append(Case(_name, "pictures", _promise,
                      picture_case(_file, _data, _codes, _words, _figures)))


@case("pictures", "a picture that is a symlink out of the issue: refused")
def case_picture_symlink_out(s: Scratch):
    root = picture_issue(s, "link.jpg", b"")
    (root / "images" / "link.jpg").unlink()
    (root / "images" / "link.jpg").symlink_to("/etc/hostname")
    return expect(s.layout("build", root, "-o", s.folder / "x.pdf"), (2,), r"link\.jpg")


# --- PDFs handed to the checks ----------------------------------------------------------------

from tests.checks.test_pdf_input import raw_pdf  # noqa: E402  (a PDF by hand)

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
KIDS = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def one_page(extra: bytes = b"", contents: bytes | None = None) -> bytes:
    objects = [CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + extra
               + (b" /Contents 4 0 R" if contents is not None else b"") + b" >>"]
    if contents is not None:
        objects.append(b"<< /Length %d >>\nstream\n" % len(contents) + contents
                       + b"\nendstream")
    return raw_pdf(*objects)


HOSTILE_PDFS: dict[str, tuple[str, Callable[[Scratch], bytes]]] = {
    "count-lies": ("a page tree claiming 10⁹ pages",
                   lambda s: raw_pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
                                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")),
    "xref-past-end": ("a cross-reference table pointing past the end",
                      lambda s: one_page()[:-30] + b"startxref\n99999999\n%%EOF\n"),
    "negative-mediabox": ("a page of negative size",
                          lambda s: one_page().replace(b"[0 0 595 842]", b"[0 0 -595 -842]")),
    "nan-mediabox": ("a page box of words",
                     lambda s: one_page().replace(b"[0 0 595 842]", b"[0 0 /Foo (bar)]")),
    "rotate-45": ("a page turned 45°", lambda s: one_page(b"/Rotate 45")),
    "launch-action": ("a PDF that asks to launch a program",
                      lambda s: raw_pdf(CATALOG[:-2] + b"/OpenAction << /S /Launch /F (/bin/sh) "
                                        b">> >>", KIDS, PAGE)),
    "deep-arrays": ("a content stream nesting 100,000 arrays",
                    lambda s: one_page(contents=b"[" * 100_000)),
    "operator-flood": ("a content stream of 2 million operators",
                       lambda s: one_page(contents=b"0 0 m 1 1 l S\n" * 2_000_000)),
    "garbage-appended": ("our own PDF with 5 MB of noise appended",
                         lambda s: s.pdf().read_bytes() + os.urandom(5 * MB)),
    "prepended-junk": ("our own PDF behind 2 kB of junk",
                       lambda s: b"JUNK" * 512 + s.pdf().read_bytes()),
    "object-stream-loop": ("an object stream that contains itself",
                           lambda s: raw_pdf(CATALOG, KIDS, PAGE, b"<< /Type /ObjStm /N 1 /First "
                                             b"4 /Length 8 /Extends 4 0 R >>\nstream\n4 0 4 0 R"
                                             b"\nendstream")),
    "one-page": ("a one-page PDF (no imposition can fold it)",
                 lambda s: one_page()),
}


def pdf_case(key: str):
    def run(s: Scratch):
        path = s.folder / f"{key}.pdf"
        path.write_bytes(HOSTILE_PDFS[key][1](s))
        runs = []
        for command in (["verify", path, s.folder / "pdf-issue"], ["preflight", path],
                        ["impose", path, "-o", s.folder / "sheets.pdf"],
                        ["preview", path, "-o", s.folder / "p"],
                        ["diff", s.pdf(), path, "-o", s.folder / "d", "--any-issues"]):
            run = expect(s.layout(*command, timeout=120), (0, 1, 2))
            if run.seconds > 90 or run.peak_mb > 2500:
                raise Broken(f"{command[0]}: {run.seconds:.0f} s, {run.peak_mb:.0f} MB")
            runs.append(run)
        return max(runs, key=lambda r: r.seconds)
    return run


for _key, (_promise, _) in HOSTILE_PDFS.items():
    CASES.append(Case(f"pdf-{_key}", "pdfs", f"{_promise}, given to verify, preflight, "
                      "impose, preview and diff: each a verdict or exit 2, bounded",
                      pdf_case(_key)))


# --- the desk ---------------------------------------------------------------------------------

class Desk:
    """`layout serve` on a small issue, for the desk cases."""

    def __init__(self, s: Scratch):
        root = s.issue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "layout", "serve", str(root), "--port", "0"],
            cwd=s.folder, env=s.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            raise Broken(f"setup: the desk did not start: {line} {self.process.stderr.read()}")
        self.port = int(found.group(1))
        self.host = f"127.0.0.1:{self.port}"
        self.process.stdout.readline()  # the first proof

    def raw(self, data: bytes, wait: float = 10) -> bytes:
        """Send bytes, read until the desk closes or `wait` passes."""
        connection = socket.create_connection(("127.0.0.1", self.port))
        connection.settimeout(wait)
        answer = b""
        try:
            connection.sendall(data)
            while chunk := connection.recv(65536):
                answer += chunk
        except (TimeoutError, ConnectionResetError, BrokenPipeError):
            pass
        finally:
            connection.close()
        return answer

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path, headers={"Host": self.host, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, body

    def alive(self) -> bool:
        return self.get("/status.json")[0] == 200

    def stop(self) -> Run:
        self.process.terminate()
        try:
            out, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return Run(self.process.returncode, out, err, 0, 0)


def status_of(answer: bytes) -> int:
    found = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return int(found.group(1)) if found else 0


DESK_CASES: dict[str, tuple[str, Callable[[Desk], None]]] = {}


def desk_case(promise: str):
    def register(function):
        DESK_CASES[function.__name__.removeprefix("desk_").replace("_", "-")] = (promise, function)
        return function
    return register


def must(condition: bool, why: str) -> None:
    if not condition:
        raise Broken(why)


@desk_case("Host with a trailing dot, userinfo, or a second Host header: never the proof")
def desk_host_tricks(d: Desk):
    for request in (f"GET /proof.pdf HTTP/1.1\r\nHost: localhost.:{d.port}\r\n\r\n",
                    f"GET /proof.pdf HTTP/1.1\r\nHost: evil@127.0.0.1:{d.port}\r\n\r\n",
                    f"GET /proof.pdf HTTP/1.1\r\nHost: evil.example\r\nHost: {d.host}\r\n\r\n",
                    f"GET /proof.pdf HTTP/1.1\r\nHost: {d.host}\r\nHost: evil.example\r\n\r\n",
                    "GET http://evil.example/proof.pdf HTTP/1.1\r\nHost: evil.example\r\n\r\n"):
        answer = d.raw(request.encode(), wait=8)
        must(b"%PDF" not in answer, f"served the proof to {request.splitlines()[1]!r}")


@desk_case("a 70 kB request line, a 70 kB header, 200 headers: refused, desk alive")
def desk_oversized_requests(d: Desk):
    for request in (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: " + d.host.encode() + b"\r\nX: " + b"a" * 70_000
                    + b"\r\n\r\n",
                    b"GET / HTTP/1.1\r\nHost: " + d.host.encode() + b"\r\n"
                    + b"".join(b"X-%d: a\r\n" % k for k in range(200)) + b"\r\n"):
        status = status_of(d.raw(request, wait=8))
        must(status in (400, 414, 431) or status == 0, f"answered {status}")
    must(d.alive(), "the desk stopped answering")


@desk_case("POST /send with a negative, a huge or a lying Content-Length: 400/408, alive")
def desk_send_lengths(d: Desk):
    head = f"POST /send HTTP/1.1\r\nHost: {d.host}\r\nX-Desk: send\r\n".encode()
    for length, body in ((b"-1", b'{"round": 1}'), (b"1000000000000", b'{"round": 1}'),
                         (b"abc", b""), (b"12", b'\xff\xfe{"round"')):
        answer = d.raw(head + b"Content-Length: " + length + b"\r\n\r\n" + body, wait=10)
        must(status_of(answer) in (0, 400, 408, 409), f"Content-Length {length!r}: "
             f"{answer[:60]!r}")
    must(d.alive(), "the desk stopped answering")


@desk_case("POST /send {\"round\": 1e999} or a 400-digit round: 400 or 409, never 500")
def desk_send_values(d: Desk):
    for body in (b'{"round": 1e999}', b'{"round": ' + b"9" * 400 + b"}", b'{"round": null}',
                 b'[1, 2]', b'"round"'):
        answer = d.raw(f"POST /send HTTP/1.1\r\nHost: {d.host}\r\nX-Desk: send\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n".encode() + body, wait=10)
        must(status_of(answer) in (400, 409), f"{body[:30]!r}: {answer[:60]!r}")


@desk_case("path tricks (../, %2e%2e, NUL, backslashes): 404, nothing outside the desk")
def desk_path_tricks(d: Desk):
    for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/desk.js%00.html",
                 "/..\\..\\etc\\passwd", "/static/../web.py", "//etc/passwd"):
        status, body = d.get(path)
        must(status in (400, 404) and b"root:" not in body and b"import" not in body,
             f"{path}: {status}")


@desk_case("HTTP/0.9, an unknown method, HEAD and OPTIONS: answered or refused, alive")
def desk_methods(d: Desk):
    for request in (b"GET /\r\n\r\n", f"BREW / HTTP/1.1\r\nHost: {d.host}\r\n\r\n".encode(),
                    f"HEAD / HTTP/1.1\r\nHost: {d.host}\r\n\r\n".encode(),
                    f"OPTIONS * HTTP/1.1\r\nHost: {d.host}\r\n\r\n".encode()):
        d.raw(request, wait=8)
    must(d.alive(), "the desk stopped answering")


@desk_case("50 requests pipelined on one connection: answered, the desk alive")
def desk_pipelined(d: Desk):
    request = f"GET /status.json HTTP/1.1\r\nHost: {d.host}\r\n\r\n".encode()
    answer = d.raw(request * 50, wait=15)
    must(answer.count(b"HTTP/1.") >= 1, "nothing answered")
    must(d.alive(), "the desk stopped answering")


@desk_case("a reader that never reads /proof.pdf: dropped, others served meanwhile")
def desk_slow_reader(d: Desk):
    stuck = []
    for _ in range(6):
        connection = socket.create_connection(("127.0.0.1", d.port))
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        connection.sendall(f"GET /proof.pdf HTTP/1.1\r\nHost: {d.host}\r\n\r\n".encode())
        stuck.append(connection)
    time.sleep(1)
    must(d.alive(), "the desk stopped answering while readers stalled")
    for connection in stuck:
        connection.close()


@desk_case("Slowloris: 60 connections trickling headers a byte a second; a page still loads")
def desk_slowloris(d: Desk):
    stop = threading.Event()
    sockets = []

    def trickle():
        connection = socket.create_connection(("127.0.0.1", d.port))
        sockets.append(connection)
        connection.sendall(b"GET /proof.pdf HTTP/1.1\r\n")
        try:
            while not stop.is_set():
                readable, _, _ = select.select([connection], [], [], 1.0)
                if readable:
                    return
                connection.sendall(b"X")
        except OSError:
            return
    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(60)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    try:
        answered = []
        for _ in range(5):
            try:
                answered.append(d.get("/status.json")[0])
            except (OSError, http.client.HTTPException):
                answered.append(0)
            time.sleep(0.5)
        must(200 in answered, f"no normal request was answered: {answered}")
        must(all(status in (200, 503) for status in answered), f"answers: {answered}")
    finally:
        stop.set()
        for connection in sockets:
            connection.close()


@desk_case("an attacker holding every connection silent for 12 s: freed by the deadline")
def desk_silent_holders(d: Desk):
    held = [socket.create_connection(("127.0.0.1", d.port)) for _ in range(40)]
    started = time.monotonic()
    for connection in held:
        connection.settimeout(20)
        try:
            while connection.recv(4096):
                pass
        except OSError:
            pass
    must(time.monotonic() - started < 9, f"held for {time.monotonic() - started:.0f} s")
    for connection in held:
        connection.close()


@desk_case("20 event streams opened at once: capped, slots come back when closed")
def desk_event_storm(d: Desk):
    streams = []
    for _ in range(20):
        connection = socket.create_connection(("127.0.0.1", d.port))
        connection.sendall(f"GET /events HTTP/1.1\r\nHost: {d.host}\r\n\r\n".encode())
        streams.append(connection)
    statuses = []
    for connection in streams:
        connection.settimeout(10)
        try:
            statuses.append(status_of(connection.recv(200)))
        except OSError:
            statuses.append(0)
    must(statuses.count(200) <= 8, f"{statuses.count(200)} streams opened")
    for connection in streams:
        connection.close()
    time.sleep(1)
    must(d.alive(), "the desk stopped answering")


@desk_case("every page picture size asked for every page twice: memory stays bounded")
def desk_picture_sweep(d: Desk):
    for dpi in (24, 48, 72, 110, 150, 200):
        for page in range(1, 5):
            for _ in range(2):
                status, _ = d.get(f"/page/{page}.png?dpi={dpi}")
                must(status == 200, f"page {page} at {dpi}: {status}")


@desk_case("a cookie header of 60 kB and a token given on loopback: no error")
def desk_cookies(d: Desk):
    status, _ = d.get("/status.json?desk-token=x", {"Cookie": "a=" + "b" * 60_000})
    must(status in (200, 400, 431), f"answered {status}")
    must(d.alive(), "the desk stopped answering")


def desk_cases() -> None:
    """Each desk case on a desk of its own (one fault must not hide the next)."""
    for name, (promise, check) in DESK_CASES.items():
        def run(s: Scratch, check=check):
            desk = Desk(s)
            started = time.monotonic()
            try:
                check(desk)
            finally:
                stopped = desk.stop()
            stopped.seconds = time.monotonic() - started
            if "Traceback" in stopped.err:
                raise Broken("a traceback on the desk's terminal: "
                             + stopped.err.strip().splitlines()[-1])
            return stopped
        CASES.append(Case(f"desk-{name}", "desk", promise, run))


desk_cases()


# --- the runner -------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the checkout whose `layout` runs (default: this one)")
    parser.add_argument("--only", help="run only the cases whose name holds this")
    parser.add_argument("--table", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.only or args.only in c.name]
    rows, broken = [], 0
    print(f"{len(cases)} hostile cases, code: {args.code}")
    print(f"{'case':40} {'exit':>5} {'s':>6} {'MB':>6}  verdict  said")
    for item in cases:
        with tempfile.TemporaryDirectory(prefix=f"hostile-{item.name[:20]}-") as folder:
            scratch = Scratch(Path(folder), args.code.resolve())
            try:
                run = item.run(scratch)
                verdict, why = ("kept", "") if run is not None else ("skipped", "cannot set up")
            except Broken as err:
                run, verdict, why = (scratch.runs[-1] if scratch.runs else None), "BROKEN", \
                    str(err)
                broken += 1
            except Exception as err:  # the case's own setup failed
                run, verdict, why = None, "error", f"{type(err).__name__}: {err}"
                broken += 1
        said = (run.first() if run else "").replace("\n", " ")
        code = run.code if run else ""
        seconds = f"{run.seconds:.1f}" if run else ""
        peak = f"{run.peak_mb:.0f}" if run else ""
        print(f"{item.name[:40]:40} {code!s:>5} {seconds:>6} {peak:>6}  {verdict:7}  "
              f"{why or said}"[:260], flush=True)
        rows.append({"case": item.name, "group": item.group, "promise": item.promise,
                     "exit": code, "seconds": seconds, "peak_mb": peak, "verdict": verdict,
                     "why": why, "said": said})
    print(f"{len(cases) - broken} of {len(cases)} kept their promise")
    if args.table:
        args.table.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
