"""Writing output files safely: never a half-written PDF at the output path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from layout.errors import IssueError


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise IssueError(path.parent, None, f"cannot write to this folder: {err.strerror}",
                         "choose another output with -o or fix its permissions") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a PDF is for everyone to read
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise IssueError(path, None, f"cannot write the file: {err.strerror}",
                         "free some disk space or choose another output with -o") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
