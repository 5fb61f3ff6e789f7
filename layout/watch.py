"""`layout watch`: the proof rebuilt whenever a file of the issue changes.

The watcher imports everything once and then only looks at file times. Each rebuild runs
in a forked child: it starts warm (no imports: 0.2 s of a fresh command) but inherits
nothing from the rebuild before it, so a changed font or theme is read afresh, and an
error in one rebuild cannot stop the watcher.
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


def rebuild(make_proof: Callable[[], str]) -> str:
    """Run one proof in a forked child; return the lines that say how it went."""
    started = time.perf_counter()
    read, write = os.pipe()
    watcher = os.getpid()
    child = os.fork()
    if child == 0:  # the child: build, report through the pipe, leave at once
        die_with_parent(watcher)  # a killed watcher leaves no rebuild running
        os.close(read)
        code, report = 1, "internal error"
        try:
            report, code = make_proof(), 0
        except IssueError as err:
            report, code = f"error: {err}", err.exit_code
        except KeyboardInterrupt:
            report, code = "interrupted: no PDF written", 130
        except BaseException as err:  # a bug of ours: say so; the watcher goes on
            report = f"internal error: {type(err).__name__}: {err}"
        finally:
            try:
                os.write(write, report.encode("utf-8"))
            except OSError:  # the watcher is gone (Ctrl-C)
                pass
            os._exit(code)  # never back into the watcher's loop
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        report = pipe.read().decode("utf-8")
    _, status = os.waitpid(child, 0)
    if not report:  # killed before it could say anything
        report = f"the rebuild stopped unexpectedly (wait status {status}); no PDF written"
    took = time.perf_counter() - started
    first, *rest = report.splitlines() or [""]
    return "\n".join([f"[{datetime.now():%H:%M:%S}] {first} ({took:.2f} s)", *rest])


def watch(issue_dir: Path, fonts_dir: Path, output_dir: Path, make_proof: Callable[[], str],
          interval: float = 0.1, builds: int | None = None,
          echo: Callable[[str], None] = print) -> None:
    """Build, then rebuild on every change until interrupted (or after `builds` builds)."""
    folders = (issue_dir.resolve(), fonts_dir.resolve(), output_dir.resolve())
    done, seen = 0, None
    while builds is None or done < builds:
        if seen is None or snapshot(*folders) != seen:
            seen = settled(folders, interval / 2)
            echo(rebuild(make_proof))
            sys.stdout.flush()
            done += 1
        else:
            time.sleep(interval)
