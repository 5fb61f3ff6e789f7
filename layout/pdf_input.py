"""PDFs given to the checks (verify, preflight, impose, preview, diff, and the checks' own
`python -m` commands: the one rule for a PDF named on a command line) read as the issue's
own files are: a regular file under a size limit, then its structure checked before any
reader or renderer decompresses or draws it.

Refused with a clear error (never a hang, a traceback or a crash of a native library): a
FIFO, a device, a folder; an empty file, a file that is not a PDF (HTML, text); an encrypted
PDF; a damaged one no reader can open; a page tree or outline that runs in a circle; more
pages than any magazine has; a page larger than a press sheet; a stream that decompresses to
more than a limit (a few MB that would fill the memory with gigabytes).
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from layout.errors import IssueError
from layout.files import MB, kind_of

MAX_FILE = 2048 * MB
MAX_PAGES = 2000
MAX_SIDE_MM = 1500.0  # larger than B0 (1414 mm): no press sheet is larger
MAX_STREAM = 75_000_000  # bytes one stream may decompress to (pypdf's own limit)
MAX_DECODED = 2048 * MB  # bytes all streams together may decompress to
MAX_PAGE_CONTENT = 16 * MB  # bytes one page's drawing may be (ours: tens of kB; every check
# reads it operator by operator, and 28 MB took preflight minutes)
MM = 72 / 25.4


@dataclass(frozen=True)
class PdfFacts:
    """What the check found: enough for a command to say what it read."""

    path: Path
    pages: int
    encrypted: bool = False


def check_pdf(path: Path, encrypted_ok: bool = False) -> PdfFacts:
    """Refuse a PDF that is not safe and sensible to read; return its facts.

    With `encrypted_ok` (preflight, whose encryption check reports it), a PDF encrypted
    with an empty user password passes; one that needs a password never does.
    """
    path = Path(path)
    _check_file(path)
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # its repair notes are not the user's business here
    try:
        return _check_structure(path, encrypted_ok)
    finally:
        pypdf_log.setLevel(level)


def _check_structure(path: Path, encrypted_ok: bool) -> PdfFacts:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        encrypted = reader.is_encrypted
        if encrypted:
            if not encrypted_ok:
                raise _error(path, "is encrypted (password-protected)",
                             "give the unencrypted PDF (e.g. qpdf --decrypt in.pdf out.pdf)")
            if not reader.decrypt(""):
                raise _error(path, "is encrypted with a password", "give the unencrypted PDF")
        pages = _page_tree(path, reader)
        _outline(path, reader)
        _streams(path, reader)
    except IssueError:
        raise
    except LimitReachedError:
        raise _error(path, "holds a stream that decompresses to more than "
                     f"{MAX_STREAM // 1_000_000} MB",
                     "give a PDF made for print (this one may be a decompression bomb)") from None
    except FileNotDecryptedError:
        raise _error(path, "is encrypted with a password", "give the unencrypted PDF"
                     ) from None
    except RecursionError:
        raise _error(path, "nests its objects too deeply to be read",
                     "give a PDF written by 'layout build'") from None
    except (PdfReadError, ValueError, TypeError, KeyError, AttributeError, IndexError,
            OSError, EOFError, ZeroDivisionError) as err:
        raise _error(path, f"is damaged and cannot be read ({type(err).__name__}: "
                     f"{str(err)[:120]})", "export or build it again") from None
    return PdfFacts(path, pages, encrypted)


def _check_file(path: Path) -> None:
    """A regular file under the size limit that starts as a PDF does."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise _error(path, "not found", "give the path of an existing PDF") from None
    except OSError as err:
        raise _error(path, f"cannot be read: {err.strerror}", "check its permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _error(path, f"is {kind_of(info.st_mode)}, not a PDF file",
                         "give the path of an ordinary PDF file")
        if info.st_size == 0:
            raise _error(path, "is empty (0 bytes), not a PDF", "build or export it again")
        if info.st_size > MAX_FILE:
            raise _error(path, f"is {info.st_size // MB} MB, over the limit of "
                         f"{MAX_FILE // MB} MB", "give a smaller PDF")
        head = os.read(fd, 1024)
    except OSError as err:
        raise _error(path, f"cannot be read: {err.strerror}", "check the file") from None
    finally:
        os.close(fd)
    if b"%PDF-" not in head:
        start = head[:24].decode("latin-1").split("\n")[0].strip()
        shown = "".join(c if c.isprintable() else "?" for c in start)
        raise _error(path, f"is not a PDF (it starts with '{shown}')" if shown
                     else "is not a PDF", "give a PDF file (made by 'layout build')")


def _page_tree(path: Path, reader) -> int:
    """The number of pages, walking the page tree once: a node met twice (a circle, or a
    page listed twice) is refused, as are too many pages and pages too large."""
    root = reader.trailer["/Root"].get_object()
    if "/Pages" not in root:
        raise _error(path, "has no page tree", "export or build it again")
    seen: set[int] = set()
    count = 0
    stack = [(root.raw_get("/Pages"), None)]
    while stack:
        reference, inherited = stack.pop()
        ident = getattr(reference, "idnum", None)
        if ident is not None:
            if ident in seen:
                raise _error(path, "has a page tree that runs in a circle (a page or node "
                             "is its own ancestor, or listed twice)", "export or build it again")
            seen.add(ident)
        node = reference.get_object()
        box = node.get("/MediaBox", inherited)
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            kids = node.get("/Kids", [])
            if len(kids) + count > MAX_PAGES:
                raise _too_many(path)
            stack += [(kid, box) for kid in reversed(list(kids))]
            continue
        count += 1
        if count > MAX_PAGES:
            raise _too_many(path)
        _check_size(path, count, box)
        _check_content(path, count, node)
    if count == 0:
        raise _error(path, "has no pages", "give a PDF with pages")
    return count


def _check_size(path: Path, number: int, box) -> None:
    if box is None:
        raise _error(path, f"page {number} has no size (no MediaBox)", "export it again")
    x0, y0, x1, y1 = (float(value) for value in box)
    width, height = abs(x1 - x0) / MM, abs(y1 - y0) / MM
    if max(width, height) > MAX_SIDE_MM or min(width, height) < 1:
        raise _error(path, f"page {number} is {width:.0f} × {height:.0f} mm: no press sheet "
                     f"is that size (at most {MAX_SIDE_MM:.0f} mm a side)",
                     "give the magazine's PDF")


def _check_content(path: Path, number: int, page) -> None:
    """A page's content streams, decompressed, within MAX_PAGE_CONTENT."""
    contents = page.get("/Contents")
    if contents is None:
        return
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    size = 0
    for stream in streams[:10_000]:
        stream = stream.get_object()
        if hasattr(stream, "get_data"):
            size += len(stream.get_data())
        if size > MAX_PAGE_CONTENT:
            raise _error(path, f"page {number} draws more than {MAX_PAGE_CONTENT // MB} MB of "
                         "content: no page of a magazine does, and reading it would take "
                         "minutes", "give the magazine's PDF (or simplify that page's art)")


def _too_many(path: Path) -> IssueError:
    return _error(path, f"has more than {MAX_PAGES} pages", "give one issue's PDF")


def _outline(path: Path, reader) -> None:
    """The outline (bookmarks) walked once: an entry met twice is a circle."""
    root = reader.trailer["/Root"].get_object()
    outlines = root.get("/Outlines")
    if outlines is None:
        return
    seen: set[int] = set()
    stack = [outlines.get_object().raw_get("/First")] if "/First" in outlines.get_object() \
        else []
    while stack:
        reference = stack.pop()
        ident = getattr(reference, "idnum", None)
        if ident is not None:
            if ident in seen:
                raise _error(path, "has an outline (bookmarks) that runs in a circle",
                             "export or build it again")
            seen.add(ident)
        if len(seen) > 100 * MAX_PAGES:
            raise _error(path, "has an outline of too many entries", "export it again")
        item = reference.get_object()
        for key in ("/Next", "/First"):
            if key in item:
                stack.append(item.raw_get(key))


def _streams(path: Path, reader) -> None:
    """Every stream decompressed once, within pypdf's limit per stream and ours for all."""
    from pypdf.generic import StreamObject

    total = 0
    for ident in _object_numbers(reader):
        try:
            obj = reader.get_object(ident)
        except RecursionError:
            raise
        except Exception:  # a damaged object the readers skip as well
            continue
        if isinstance(obj, StreamObject):
            total += len(obj.get_data())
            if total > MAX_DECODED:
                raise _error(path, f"decompresses to more than {MAX_DECODED // MB} MB",
                             "give a PDF made for print")


def _object_numbers(reader) -> list[int]:
    numbers: set[int] = set()
    for table in reader.xref.values():
        numbers.update(table)
    numbers.update(reader.xref_objStm)
    return sorted(numbers)


def _error(path: Path, message: str, hint: str) -> IssueError:
    return IssueError(path, None, message, hint)
