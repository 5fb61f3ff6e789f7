"""One output rule for every command: write only what is ours to write.

A command writes a regular file it makes, or replaces one it recognises as its own output (a
PDF or PNG that says it was made by ADALAZAMAT layout); it writes into a folder it made
itself, or one holding only its own outputs. It refuses a device, a FIFO, a socket, a
symbolic link (saying where it points), the input itself, a file inside the issue folder, an
issue folder, and a folder holding anyone else's files. Nothing the product did not write is
ever deleted or replaced.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from layout.errors import IssueError
from layout.files import kind_of, write_hint

MARK = b"ADALAZAMAT layout"  # our PDFs' /Creator, our PNGs' Software text
NAME_MAX = 200  # bytes of a file name: the temporary name beside it adds ~20 more
PATH_MAX = 4000
HEAD = 8192  # our PDFs carry their /Creator near the start (the document info is object 1)


def output_name(given: str | os.PathLike) -> Path:
    """The -o value as a path; a name ending in '/' names a folder and is refused (it would
    otherwise become a file of that name)."""
    text = os.fspath(given)
    if text.endswith(os.sep):
        raise IssueError(text, None, "names a folder (it ends with '/'), not a file to write",
                         f"give the file's name too, e.g. -o {text}issue.pdf")
    return Path(text)


def check_name(path: Path) -> None:
    """Refuse a name the file system cannot hold, before any work is done."""
    if len(os.fsencode(path.name)) > NAME_MAX or len(os.fsencode(os.path.abspath(path))) \
            > PATH_MAX:
        raise IssueError(_shown(path), None, f"the name is too long ({len(path.name)} "
                         f"characters; at most {NAME_MAX} for a file name)",
                         "choose a shorter name with -o")


def check_output_file(path: Path, inputs: Iterable[Path] = (), issue_dir: Path | None = None,
                      own: Callable[[Path], bool] | None = None) -> Path:
    """Refuse to write `path` unless it is new or a regular file that is ours to replace.

    `inputs` are the files the command reads (never written over); `issue_dir` the issue
    folder (nothing is written into it); `own` recognises a file we wrote (default: a PDF
    of ours, by its name's suffix: see `is_own_output`).
    """
    check_name(path)
    own = own or is_own_output
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise IssueError(_shown(path.parent), None, "cannot write to this folder: "
                         f"{err.strerror}", write_hint(err, "choose another output with -o")
                         ) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise IssueError(_shown(path), None, "is a symbolic link to "
                             f"{os.readlink(path)}, not a file to write over",
                             "write to the file it points to with -o, or remove the link")
        if stat.S_ISDIR(info.st_mode):
            raise IssueError(_shown(path), None, "is a folder, not a file to write",
                             f"give the file's name too, e.g. -o {path / 'issue.pdf'}")
        if not stat.S_ISREG(info.st_mode):
            raise IssueError(_shown(path), None, f"is {kind_of(info.st_mode)}, not a file "
                             "to write", "choose an ordinary file with -o")
    for source in inputs:
        if _same(path, source):
            raise IssueError(_shown(path), None, "is the input of this command: writing it "
                             "would destroy what is read", "choose another output with -o")
    if issue_dir is not None and inside(path, issue_dir):
        raise IssueError(_shown(path), None, f"is inside the issue folder {issue_dir}",
                         "write outputs outside the issue (the default is build/)")
    if info is not None and not own(path):
        raise IssueError(_shown(path), None, "is a file that ADALAZAMAT layout did not "
                         "write: it is not replaced", "choose another name with -o, or "
                         "remove the file first")
    return path


def is_own_output(path: Path) -> bool:
    """A file this product wrote: a PDF whose document info names us, a PNG whose Software
    text does, a proof's fit report; nothing else."""
    head = _head(path)
    if path.suffix.lower() == ".pdf":
        return head.startswith(b"%PDF-") and MARK in head
    if path.suffix.lower() == ".png":
        return is_own_png(path, head)
    if path.suffix.lower() == ".json":  # a proof's fit report
        return head.startswith(b'{\n "issue": ') and b'"fits": ' in head
    return False


def is_own_png(path: Path, head: bytes | None = None) -> bool:
    """A PNG of ours: Pillow writes its text chunks before the pixels."""
    head = _head(path) if head is None else head
    return head.startswith(b"\x89PNG") and b"tEXtSoftware\x00" + MARK in head


def png_mark():
    """The text chunk our PNGs carry (pass as `pnginfo=` to Image.save)."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", MARK.decode())
    return info


def claim_folder(folder: Path, own: Callable[[Path], bool], inputs: Iterable[Path] = (),
                 marker: str | None = None) -> Path:
    """Make `folder`, or take an existing one holding only our own outputs; return it.

    Refused: a symbolic link, anything but a folder, an issue folder, a folder holding one
    of `inputs`, a folder holding a file `own` does not recognise (named in the error).
    With `marker`, a folder holding a file of that name is ours whatever else it holds
    (handoff marks its folders so).
    """
    folder = Path(os.path.abspath(folder))  # '.', 'sub/..': the folder they name
    check_name(folder)
    shown = _shown(folder)
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        try:
            folder.mkdir(parents=True)
        except OSError as err:
            raise IssueError(shown, None, f"cannot make this folder: {err.strerror}",
                             "choose another folder with -o, or fix its permissions") from None
        return folder
    except OSError as err:
        raise IssueError(shown, None, f"cannot be used: {err.strerror}",
                         "choose another folder with -o") from None
    if stat.S_ISLNK(info.st_mode):
        raise IssueError(shown, None, f"is a symbolic link to {os.readlink(folder)}, not a "
                         "folder to write into", "give the folder it points to with -o, or "
                         "remove the link")
    if not stat.S_ISDIR(info.st_mode):
        raise IssueError(shown, None, f"is {kind_of(info.st_mode)}, not a folder",
                         "choose a new folder with -o")
    if (folder / "issue.yaml").exists():
        raise IssueError(shown, None, "is an issue folder: its files are not ours to replace",
                         "choose a new folder with -o (the default is under build/)")
    for source in inputs:
        if inside(source, folder):
            raise IssueError(shown, None, f"holds the input {source}",
                             "choose a new folder with -o")
    if marker and (folder / marker).is_file():
        return folder
    foreign = sorted(entry.name for entry in folder.iterdir() if not _ours(entry, own))
    if foreign:
        more = f" and {len(foreign) - 1} other(s)" if len(foreign) > 1 else ""
        raise IssueError(shown, None, f"holds files that ADALAZAMAT layout did not write "
                         f"('{foreign[0]}'{more}): they are not replaced",
                         "choose a new or empty folder with -o, or move those files away")
    return folder


def own_previews(pattern: str) -> Callable[[Path], bool]:
    """Recognises our PNGs named like `pattern` (a regular expression of the whole name), and
    the temporary files they are written as (a killed run leaves them; they never block)."""
    name = re.compile(pattern)
    temporary = re.compile(rf"\.(?:{pattern})\.\w{{8}}\.tmp")
    return lambda path: bool(name.fullmatch(path.name)) and is_own_png(path) or bool(
        temporary.fullmatch(path.name))


def _ours(entry: Path, own: Callable[[Path], bool]) -> bool:
    try:
        if not stat.S_ISREG(os.lstat(entry).st_mode):
            return False
    except OSError:
        return False
    return own(entry)


def _head(path: Path) -> bytes:
    """The first bytes of a regular file (never blocking on a FIFO), or b''."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, HEAD)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _same(a: Path, b: Path) -> bool:
    """Whether a and b are one file: by inode (a hard link too), or by the path they come to
    (`sub/../x.pdf` before `sub` exists: writing it makes `sub`, then writes x.pdf)."""
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def inside(path: Path, folder: Path) -> bool:
    """Whether path is in folder (or is it), both as they really are."""
    try:
        real = Path(os.path.realpath(path))
        return real == Path(os.path.realpath(folder)) or real.is_relative_to(
            os.path.realpath(folder))
    except (OSError, ValueError):
        return False


def _shown(path: Path) -> str:
    """A path for a message: a very long one shortened in the middle."""
    text = str(path)
    return text if len(text) <= 120 else f"{text[:60]}…{text[-50:]}"
