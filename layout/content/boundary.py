"""The trust boundary: every file a build reads for an issue lies inside the issue folder or
the project's fonts/, is a regular file, and is under a size limit.

A path that leads outside (by '..', an absolute path or a symbolic link), a FIFO, a device, a
folder or an oversized file is refused with the file and line that named it. A refusal names
the path as it was written and never shows a byte of the refused file.
"""

from __future__ import annotations

import os
from pathlib import Path

from layout.errors import IssueError
from layout.files import MB, Unreadable, kind_of, read_regular, too_large

TEXT_LIMIT = 10 * MB  # an article, issue.yaml or theme.yaml
PICTURE_LIMIT = 200 * MB
FONT_LIMIT = 50 * MB


class Boundary:
    """The folders an issue's files may come from: the issue folder and the project's fonts."""

    def __init__(self, issue_dir: Path, fonts_dir: Path | None = None):
        folders = [Path(issue_dir)] + ([Path(fonts_dir)] if fonts_dir is not None else [])
        self.written = [Path(os.path.abspath(f)) for f in folders]  # as named, '..' folded
        self.real = [f.resolve() for f in folders]

    def resolve(self, path: Path, shown: str, named_in: Path, line: int | None,
                what: str) -> Path:
        """The real path of `path`, refused (at `named_in`:`line`) when it leaves the boundary."""
        try:
            real = path.resolve(strict=False)
        except (OSError, RuntimeError):  # a loop of symbolic links
            raise IssueError(named_in, line, f"{what} '{shown}' is a symbolic link that leads "
                             "round in a circle", "replace the link with the file itself"
                             ) from None
        if any(real.is_relative_to(folder) for folder in self.real):
            return real
        if any(Path(os.path.abspath(path)).is_relative_to(f) for f in self.written):
            raise IssueError(named_in, line, f"{what} '{shown}' is a symbolic link to a file "
                             "outside the issue folder",
                             "replace the link with a copy of the file, inside the issue folder")
        where = "the issue folder or the project's fonts/" if len(self.real) > 1 \
            else "the issue folder"
        raise IssueError(named_in, line, f"{what} '{shown}' is outside {where}",
                         f"copy the file into {where} and name it from there")

    def check(self, path: Path, shown: str, named_in: Path, line: int | None, what: str,
              limit: int) -> Path:
        """The real path of a file that exists, is a regular file and is under `limit`."""
        real = self.resolve(path, shown, named_in, line, what)
        try:
            info = real.stat()
        except FileNotFoundError:
            raise IssueError(named_in, line, f"{what} '{shown}' not found",
                             "create the file or fix the name") from None
        except OSError as err:
            raise IssueError(named_in, line, f"{what} '{shown}' cannot be read: {err.strerror}",
                             "check its permissions") from None
        if not real.is_file():
            raise IssueError(named_in, line, f"{what} '{shown}' is {kind_of(info.st_mode)}, "
                             "not a regular file", "name an ordinary file of the issue")
        if info.st_size > limit:
            refusal = too_large(info.st_size, limit)
            raise IssueError(named_in, line, f"{what} '{shown}' {refusal.reason}", refusal.hint)
        return real

    def read(self, path: Path, shown: str, named_in: Path, line: int | None, what: str,
             limit: int) -> bytes:
        """The bytes of a file inside the boundary, refused as `check` would."""
        real = self.resolve(path, shown, named_in, line, what)
        try:
            return read_regular(real, limit)
        except Unreadable as err:
            raise IssueError(named_in, line, f"{what} '{shown}' {err.reason}", err.hint) from None
