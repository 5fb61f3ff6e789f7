"""`layout watch`: the proof rebuilt whenever a file of the issue changes.

The watcher imports everything once and then only looks at file times. Each rebuild runs
in a forked child: it starts warm (no imports: 0.2 s of a fresh command) but inherits
nothing from the rebuild before it, so a changed font or theme is read afresh, and an
error in one rebuild cannot stop the watcher. The child reports as soon as the proof is
written and then refreshes the page previews; the next rebuild waits for those.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from layout.errors import IssueError
from layout.processes import die_with_parent

Snapshot = dict[Path, tuple[int, int]]
# a rebuild returns its report, or its report and what to do once the report is out
Outcome = str | tuple[str, Callable[[], None]]


def snapshot(issue_dir: Path, fonts_dir: Path, ignored: Path | None = None) -> Snapshot:
    """Modification time and size of every file a proof reads.

    Hidden files, cache folders and the `ignored` folder (where the proof goes) do not count.
    """
    state: Snapshot = {}
    for folder in (issue_dir, fonts_dir):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            inside = path.relative_to(folder).parts
            if any(part.startswith(".") or part == "cache" for part in inside):
                continue
            if ignored is not None and path.is_relative_to(ignored):
                continue
            try:
                stat = path.stat()
            except OSError:  # deleted while we looked: the next look sees it gone
                continue
            if path.is_file():
                state[path] = (stat.st_mtime_ns, stat.st_size)
    return state


def settled(folders: tuple, interval: float) -> Snapshot:
    """The files once two looks `interval` apart agree (an editor's save may take a while)."""
    before = snapshot(*folders)
    while True:
        time.sleep(interval)
        now = snapshot(*folders)
        if now == before:
            return now
        before = now


def rebuild(make_proof: Callable[[], Outcome]) -> tuple[str, int]:
    """Run one proof in a forked child; return the lines that say how it went, and the
    child, which may still be at its after-work (previews): wait for it with `finish`."""
    started = time.perf_counter()
    read, write = os.pipe()
    watcher = os.getpid()
    child = os.fork()
    if child == 0:  # the child: build, report through the pipe, leave at once
        die_with_parent(watcher)  # a killed watcher leaves no rebuild running
        os.close(read)
        code, report, after = 1, "internal error", None
        try:
            outcome = make_proof()
            report, after = outcome if isinstance(outcome, tuple) else (outcome, None)
            code = 0
        except IssueError as err:
            report, code = f"error: {err}", err.exit_code
        except KeyboardInterrupt:
            report, code = "interrupted: no PDF written", 130
        except BaseException as err:  # a bug of ours: say so; the watcher goes on
            report = f"internal error: {type(err).__name__}: {err}"
        finally:
            try:
                os.write(write, report.encode("utf-8"))
                os.close(write)  # the watcher prints the report now, not after the previews
                if after is not None:
                    after()
            except BaseException:  # previews are a convenience; the watcher goes on
                pass
            os._exit(code)  # never back into the watcher's loop
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        report = pipe.read().decode("utf-8")
    took = time.perf_counter() - started
    if not report:  # killed before it could say anything
        _, status = os.waitpid(child, 0)
        report = f"the rebuild stopped unexpectedly (wait status {status}); no PDF written"
        child = 0
    first, *rest = report.splitlines() or [""]
    return "\n".join([f"[{datetime.now():%H:%M:%S}] {first} ({took:.2f} s)", *rest]), child


def finish(child: int) -> None:
    """Wait for a rebuild's child to end (0: nothing to wait for)."""
    if child:
        try:
            os.waitpid(child, 0)
        except ChildProcessError:
            pass


def reap(child: int) -> int:
    """Collect a rebuild's child once it has ended, without waiting (no zombie between
    changes); the child still running, or 0 when there is none."""
    if child:
        try:
            done, _ = os.waitpid(child, os.WNOHANG)
        except ChildProcessError:
            return 0
        if done:
            return 0
    return child


def watch(issue_dir: Path, fonts_dir: Path, output_dir: Path,
          make_proof: Callable[[], Outcome], interval: float = 0.1,
          builds: int | None = None, echo: Callable[[str], None] = print,
          started: Callable[[], None] | None = None) -> None:
    """Build, then rebuild on every change until interrupted (or after `builds` builds).

    `started` is called as soon as a change is seen, before its rebuild.
    """
    folders = (issue_dir.resolve(), fonts_dir.resolve(), output_dir.resolve())
    done, seen, child = 0, None, 0
    try:
        while builds is None or done < builds:
            if seen is None or snapshot(*folders) != seen:
                if started:
                    started()
                seen = settled(folders, interval / 2)
                finish(child)  # the previews of the last proof first: they share the folder
                report, child = rebuild(make_proof)
                echo(report)
                sys.stdout.flush()
                done += 1
            else:
                child = reap(child)
                time.sleep(interval)
    finally:
        finish(child)


def proof_and_previews(issue: Path, output: Path | None, only: str | None,
                       round_number: int | None, publish=None) -> Outcome:
    """One proof for `watch` and `serve`: the report lines at once, the previews after.

    `publish(result, error, warnings)` is told how the proof went before the report is
    returned (`serve` writes its status there); an input error is raised on after it.
    """
    from layout.build import proof as make_proof
    from layout.checks.previews import write_previews

    warnings: list[str] = []
    try:
        result = make_proof(issue, output, only, round_number, warnings)
    except IssueError as err:
        if publish:
            publish(None, err, warnings)
        raise
    if publish:
        publish(result, None, warnings)
    report = result.fit_report
    round_note = f" ({result.round_state})" if result.round_state else ""
    lines = [f"wrote {result.pdf}{round_note} — {report.summary_line()}",
             *(f"  {text}" for _, text in report.lines(quiet=True)[:-1]),
             *(f"  warning: {w}" for w in warnings)]

    def previews() -> None:
        if not only:
            write_previews(result.pdf, result.pdf.parent / "preview", checked=False)

    return "\n".join(lines), previews
