"""Errors the user can act on: each names a file, a line, what is wrong and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class IssueError(Exception):
    """Bad input: printed as `path:line[:column]: message — hint`, exit code 2.

    With `source` (the text of the faulty line) and a column, the line is shown under the
    message with a caret at the column.
    """

    path: Path | str
    line: int | None
    message: str
    hint: str = ""
    exit_code: int = 2
    column: int | None = None  # 1-based, when the fault has a precise place on its line
    source: str | None = None

    def __reduce__(self):
        # errors raised in a worker process travel back to the main one by pickle
        return _rebuild, (type(self), self.path, self.line, self.message, self.hint,
                          self.exit_code, self.column, self.source)

    @property
    def where(self) -> str:
        """'path', 'path:line' or 'path:line:column'."""
        if not self.line:
            return f"{self.path}"
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        text = f"{text} — {self.hint}" if self.hint else text
        if self.source is not None:
            # control characters would act on the terminal: show them as their symbols
            text += "\n    " + "".join(chr(0x2400 + ord(c)) if ord(c) < 32 and c != "\t"
                                       else c for c in self.source)
            if self.column:
                # the caret lines up under the column, tabs kept so that it still does
                lead = "".join(c if c == "\t" else " " for c in self.source[: self.column - 1])
                text += "\n    " + lead + "^"
        return text


def _rebuild(cls, path, line, message, hint, exit_code, column=None, source=None):
    error = IssueError.__new__(cls)
    IssueError.__init__(error, path, line, message, hint, exit_code, column, source)
    return error


class IssueErrors(IssueError):
    """Several problems of the input found in one run, reported together.

    Printed one per line, each after the first prefixed as the command prefixes an error
    ('error: '), so that `error: {err}` shows them all; `path`, `line`, `message` and `hint`
    are the first problem's (what the proofing desk shows).
    """

    def __init__(self, problems: list[IssueError]):
        first = problems[0]
        super().__init__(first.path, first.line, first.message, first.hint, first.exit_code,
                         first.column, first.source)
        self.problems = list(problems)

    def __reduce__(self):
        return IssueErrors, (self.problems,)

    def __str__(self) -> str:
        return "\nerror: ".join(IssueError.__str__(p) for p in self.problems)


def raise_all(problems: list[IssueError]) -> None:
    """Raise the problems found (one as itself, several together), or nothing."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise IssueErrors(problems)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM, knowing what the command had done by then (`done`: the words after
    'interrupted: ', e.g. what was written and what was left as it was)."""

    def __init__(self, done: str):
        super().__init__(done)
        self.done = done


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


def make_command(target: str, issue_root: Path | str) -> str:
    """The `make` command for the issue folder that was built: 'make pdf' for ./issue,
    'make pdf ISSUE=other' for any other folder."""
    root = Path(issue_root)
    try:
        default = root.resolve() == (Path.cwd() / "issue").resolve()
    except OSError:
        default = False
    return f"make {target}" if default else f"make {target} ISSUE={root}"
