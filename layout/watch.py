"""`layout watch`: the proof rebuilt whenever a file of the issue changes.

The watcher imports everything once, then only looks at file times. Each rebuild runs in
the watcher's own process and keeps there what the next one can use (layout/warm.py: each
article read, checked and composed, by keys of all it depends on; the faces parsed and
shaped, the hyphenation patterns, by their files' digests), so a save costs what it
changed: that article, and what shows its pages (contents, folios), then the assembly. An
error in a rebuild is reported and the watcher goes on (after one of our own bugs, from a
clean slate).

While a rebuild runs, a thread keeps looking at the files: a newer save stops the rebuild
at its next step (between articles), and the newest save is built next, never a queue of
stale ones. Page previews are drawn after the report, in a forked child, the pages that
changed first; a newer save stops that child at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from layout import warm
from layout.errors import IssueError
from layout.processes import die_with_parent

Snapshot = dict[Path, tuple[int, int]]
STOP = threading.Event()  # set by a signal handler: the loop ends (if its interrupt was lost)
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


class Cancelled(Exception):
    """A newer save came while a rebuild ran: the rebuild stops (nothing half-written)."""


class Lookout:
    """Looks at the files every `interval` while a rebuild runs (in a thread): once they
    differ from `seen`, `check` raises Cancelled at the rebuild's next step."""

    def __init__(self, folders: tuple, seen: Snapshot, interval: float):
        self.folders, self.seen, self.interval = folders, seen, interval
        self.changed, self.done = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._look, daemon=True)
        self.thread.start()

    def _look(self) -> None:
        while not self.done.wait(self.interval):
            if snapshot(*self.folders) != self.seen:
                self.changed.set()
                return

    def check(self) -> None:
        if self.changed.is_set():
            raise Cancelled

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def rebuild(make_proof: Callable[[Callable[[], None]], Outcome], check: Callable[[], None]
            ) -> tuple[str, Callable[[], None] | None]:
    """Run one proof in this process, warm (layout/warm.py): the lines that say how it
    went, and its after-work (page pictures) or None. Raises Cancelled when `check` does."""
    started = time.perf_counter()
    after = None
    try:
        outcome = make_proof(check)
        report, after = outcome if isinstance(outcome, tuple) else (outcome, None)
    except IssueError as err:
        report = f"error: {err}"
    except Exception as err:  # a bug of ours: say so; the watcher goes on, from a clean slate
        if isinstance(err, Cancelled):
            raise
        warm.forget()
        report = f"internal error: {type(err).__name__}: {err}"
    took = time.perf_counter() - started
    first, *rest = report.splitlines() or [""]
    return "\n".join([f"[{datetime.now():%H:%M:%S}] {first} ({took:.2f} s)", *rest]), after


def in_child(work: Callable[[], None]) -> int:
    """Run `work` (page pictures) in a forked child and return it; it is stopped as soon as
    a newer save comes (`stop`), and dies with the watcher."""
    watcher = os.getpid()
    child = os.fork()
    if child:
        return child
    code = 0
    try:  # the child: never back into the watcher's loop
        die_with_parent(watcher)
        signal.signal(signal.SIGTERM, _leave)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the watcher's to handle
        work()
    except BaseException:  # previews are a convenience (or were stopped): the watcher goes on
        code = 1
    finally:
        os._exit(code)


def _leave(*_) -> None:
    raise SystemExit(1)  # through the finally blocks: no temporary file left behind


def stop(child: int) -> int:
    """Stop a child's after-work (its pictures are of a proof a newer save replaces)."""
    if child:
        try:
            os.kill(child, signal.SIGTERM)
        except ProcessLookupError:
            pass
        finish(child)
    return 0


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
          make_proof: Callable[[Callable[[], None]], Outcome], interval: float = 0.1,
          builds: int | None = None, echo: Callable[[str], None] = print,
          started: Callable[[], None] | None = None) -> None:
    """Build, then rebuild on every change until interrupted (or after `builds` builds).

    `make_proof(check)` makes one proof, calling `check` between its steps; `started` is
    called as soon as a change is seen, before its rebuild. A change seen while a rebuild
    runs stops it (and the pictures of the proof before): the newest save is built, never a
    queue of stale ones.
    """
    warm.enable()
    folders = (issue_dir.resolve(), fonts_dir.resolve(), output_dir.resolve())
    done, seen, child = 0, None, 0
    try:
        while builds is None or done < builds:
            if STOP.is_set():
                raise KeyboardInterrupt
            if seen is None or snapshot(*folders) != seen:
                if started:
                    started()
                seen = settled(folders, interval / 2)
                child = stop(child)  # pictures of the last proof: a newer one is coming
                lookout = Lookout(folders, seen, interval / 2)
                began = time.perf_counter()
                try:
                    report, after = rebuild(make_proof, lookout.check)
                except Cancelled:
                    echo(f"[{datetime.now():%H:%M:%S}] a newer save: that rebuild stopped "
                         f"after {time.perf_counter() - began:.2f} s, rebuilding")
                    sys.stdout.flush()
                    continue  # `seen` is the old state: the loop sees the change at once
                finally:
                    lookout.stop()
                echo(report)
                sys.stdout.flush()
                done += 1
                if after is not None:
                    child = in_child(after)
            else:
                child = reap(child)
                time.sleep(interval)
    except BaseException:  # Ctrl-C, `kill`: the pictures stop too
        child = stop(child)
        raise
    finally:
        finish(child)
        warm.enable(False)  # what was kept goes with the watcher


def proof_and_previews(issue: Path, output: Path | None, only: str | None,
                       round_number: int | None, publish=None,
                       check: Callable[[], None] | None = None) -> Outcome:
    """One proof for `watch` and `serve`: the report lines at once, the previews after
    (the pages that changed first, each written as soon as it is rendered).

    `publish(result, error, warnings)` is told how the proof went before the report is
    returned (`serve` writes its status there); an input error is raised on after it.
    `check` is called between the proof's steps (it raises to stop a stale rebuild).
    """
    from layout.build import proof as make_proof
    from layout.checks.previews import write_previews

    warnings: list[str] = []
    try:
        result = make_proof(issue, output, only, round_number, warnings, checkpoint=check)
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
            write_previews(result.pdf, result.pdf.parent / "preview", checked=False,
                           versions=result.versions)

    return "\n".join(lines), previews
