"""Reading and writing files safely: never a half-written output, never a read that hangs.

Reads take only regular files under a size limit (a FIFO would block for ever, /dev/zero
would fill the memory); writes go to a temporary file that is renamed into place.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from layout.errors import IssueError

MB = 1024 * 1024


OWNER = ".issue-folder"  # in build/<stem>/: which issue folder these outputs are of


def issue_outputs(issue_dir: Path, stem: str, claim: bool = False) -> Path:
    """The folder of everything a build of one issue writes when not told otherwise:
    build/<stem>/ (PDF, proofs and their rounds, fit.json, previews, diff, hand-off, cache)
    in the folder that holds the issue folder — wherever the command runs.

    One folder per issue, so two issues never share a round or a report. A copy of an issue
    beside it (same stem, another folder) is refused rather than let into the other's rounds:
    see `check_owner`. With `claim` (a command about to write there) the folder records
    whose it is. Shown relative to the working folder when it is inside it.
    """
    folder = Path(os.path.abspath(issue_dir)).parent / "build" / stem
    check_owner(folder, issue_dir)
    if claim:
        claim_outputs(folder, issue_dir)
    return _from_here(folder)


def default_pdf(issue_dir: Path, stem: str, proof: bool = False, only: str | None = None,
                screen: bool = False, claim: bool = False) -> Path:
    """Where `layout build` (or `proof`, of one article with `only`) writes an issue's PDF
    when not told: build/<stem>/<stem>.pdf, build/<stem>/<stem>-proof[-<only>].pdf, and the
    screen edition build/<stem>/<stem>-screen.pdf (build/ beside the issue folder; `claim`
    as for issue_outputs)."""
    name = f"{stem}-proof" + (f"-{only}" if only else "") if proof else stem
    if screen:
        name = f"{stem}-screen"
    return issue_outputs(issue_dir, stem, claim) / f"{name}.pdf"


def check_owner(folder: Path, issue_dir: Path) -> None:
    """Refuse an issue's build folder that holds the outputs of another issue folder with the
    same stem (a copy of issue/ beside it), while that folder is still an issue.

    Its record (`OWNER`) is written by `claim_outputs` when a command first writes there; a
    folder without one, or whose issue folder is gone (renamed, moved), is free.
    """
    owner = _owner_of(folder)
    if owner is None or owner == os.path.realpath(issue_dir):
        return
    if not os.path.isfile(os.path.join(owner, "issue.yaml")):
        return
    raise IssueError(Path(issue_dir), None,
                     f"is a copy of the issue in {owner}: both are {folder.name}, and "
                     f"{_from_here(folder)}/ holds that issue's PDF, proof rounds and reports",
                     "keep a copy in a folder of its own (its outputs then go to build/ "
                     "there), or give it its own number in issue.yaml, or write its PDF "
                     "elsewhere with -o")


def claim_outputs(folder: Path, issue_dir: Path) -> None:  # (see issue_outputs' `claim`)
    """Record in `folder` (an issue's build folder) which issue folder its outputs are of."""
    if _owner_of(folder) == os.path.realpath(issue_dir):
        return
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / OWNER, (os.path.realpath(issue_dir) + "\n").encode())


def _owner_of(folder: Path) -> str | None:
    try:
        text = read_regular(folder / OWNER, 64 * 1024).decode("utf-8", "replace").strip()
    except Unreadable:
        return None
    return text or None


def _from_here(path: Path) -> Path:
    """`path` relative to the working folder when inside it (build/x), else absolute."""
    try:
        relative = os.path.relpath(path)
    except (OSError, ValueError):  # no working folder (deleted), another drive
        return path
    return path if relative.startswith("..") else Path(relative)


class Unreadable(Exception):
    """A file that may not be read, and why, in words (never a byte of its content)."""

    def __init__(self, reason: str, hint: str):
        super().__init__(reason)
        self.reason, self.hint = reason, hint


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; otherwise Unreadable.

    Opened without blocking, so a FIFO is refused rather than waited on; the size is checked
    before reading and again while reading (files in /proc claim to be empty).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Unreadable("not found", "create it or fix the name") from None
    except OSError as err:
        raise Unreadable(f"cannot be read: {err.strerror}", _read_hint(err)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"is {kind_of(info.st_mode)}, not a regular file",
                             "name an ordinary file of the issue")
        if info.st_size > limit:
            raise too_large(info.st_size, limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 4 * MB))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise too_large(size, limit)
        return b"".join(chunks)
    except OSError as err:
        raise Unreadable(f"cannot be read: {err.strerror}", _read_hint(err)) from None
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    for test, name in ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"),
                       (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def too_large(size: int, limit: int) -> Unreadable:
    return Unreadable(f"is {_megabytes(size)}, over the limit of {_megabytes(limit)}",
                      "split it, or use a smaller file")


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB" if size < 10 * MB else f"{size // MB} MB"


def _read_hint(err: OSError) -> str:
    if err.errno == errno.EACCES:
        return "check its permissions"
    if err.errno == errno.EISDIR:
        return "name a file, not a folder"
    if err.errno == errno.ELOOP:
        return "a symbolic link points in a circle: replace it with the file"
    return "check that the file is readable"


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place.

    Only a regular file is replaced: a device, FIFO, socket or symbolic link in its place is
    refused (the rename would put a file where /dev/null or a link was), as is a folder.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise IssueError(path, None, f"cannot write the file: {err.strerror}",
                         write_hint(err, "choose another output with -o")) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IssueError(path, None, "is a folder, not a file to write",
                         f"give the file's name too, e.g. -o {path / 'issue.pdf'}")
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise IssueError(path, None, f"is a symbolic link to {os.readlink(path)}, not a file "
                         "to write over", "write to the file it points to, or remove the link")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise IssueError(path, None, f"is {kind_of(info.st_mode)}, not a file to write",
                         "choose an ordinary file with -o")
    tmp = _temporary(path, data)
    try:
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise IssueError(path, None, f"cannot write the file: {err.strerror}",
                         write_hint(err, "choose another output with -o")) from None


def _temporary(path: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `path` (readable by all, as the umask allows);
    on any failure nothing is left behind."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise IssueError(path.parent, None, f"cannot write to this folder: {err.strerror}",
                         write_hint(err, "choose another output with -o or fix its permissions")
                         ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a PDF is for everyone to read
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise IssueError(path, None, f"cannot write the file: {err.strerror}",
                         write_hint(err, "choose another output with -o")) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


class StagedFiles:
    """The files of one output folder (previews, a diff), each written beside its place and
    all put in place together when the block ends: on a full disk, an error or Ctrl-C,
    none is, and no temporary file stays — the folder keeps its previous files whole.

        with StagedFiles() as staged:
            staged.write(folder / "page-001.png", data)
    """

    def __init__(self):
        self.pending: list[tuple[str, Path]] = []

    def write(self, path: Path, data: bytes) -> None:
        self.pending.append((_temporary(path, data), path))

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            for tmp, path in self.pending:  # renames: they take no space
                os.replace(tmp, path)
            return
        for tmp, _ in self.pending:
            Path(tmp).unlink(missing_ok=True)


def write_hint(err: OSError, default: str) -> str:
    """What to do about a failed write: each cause has its own remedy."""
    return {
        errno.ENOSPC: "free some disk space, or choose another output with -o",
        errno.EDQUOT: "free some of your disk quota, or choose another output with -o",
        errno.EACCES: "fix the folder's permissions, or choose another output with -o",
        errno.EPERM: "fix the folder's permissions, or choose another output with -o",
        errno.EROFS: "the disk is read-only: choose another output with -o",
        errno.EISDIR: "a folder is in the way: give the file's own name with -o",
        errno.ENOTDIR: "part of the path is a file, not a folder: choose another output with -o",
        errno.EEXIST: "part of the path is a file, not a folder: choose another output with -o",
        errno.ENAMETOOLONG: "choose a shorter name with -o",
    }.get(err.errno, default)
