"""Errors the user can act on: each names a file, a line, what is wrong and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class IssueError(Exception):
    """Bad input: printed as `path:line: message — hint`, exit code 2."""

    path: Path | str
    line: int | None
    message: str
    hint: str = ""
    exit_code: int = 2

    def __reduce__(self):
        # errors raised in a worker process travel back to the main one by pickle
        return _rebuild, (type(self), self.path, self.line, self.message, self.hint,
                          self.exit_code)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


def _rebuild(cls, path, line, message, hint, exit_code):
    error = IssueError.__new__(cls)
    IssueError.__init__(error, path, line, message, hint, exit_code)
    return error


class CheckFailed(IssueError):
    """A check failed (overset text, verification): exit code 1."""

    def __init__(self, path, line, message, hint=""):
        super().__init__(path, line, message, hint, exit_code=1)


def did_you_mean(word: str, choices) -> str:
    """A 'did you mean …?' hint for a misspelt key or name, or a list of the valid ones."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "use one of: " + ", ".join(sorted(choices))
