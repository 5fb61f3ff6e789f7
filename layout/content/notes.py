"""Notes: `[^label]` calls in the text and `[^label]: …` definitions -> numbered end notes.

Notes are numbered per article in the order they are first called (as markdown-it's footnote
plugin numbers them) and set at the end of the article. A call with no note, a note no text
calls and a label defined twice are errors at their lines: Markdown would print the first
as typed, drop the second and keep only one of the third.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.token import Token

from layout.content.model import Block, Note, Notes, Run
from layout.errors import IssueError

_DEFINITION = re.compile(r" {0,3}\[\^([^\]\s]+)\]:")
_CALL = re.compile(r"\[\^([^\]\s]+)\]")


def read_notes(walker, open_tok: Token) -> Notes:
    """The footnote block the parser gathered at the end: one Note per note called."""
    walker.i += 1
    out: list[Note] = []
    while walker.tokens[walker.i].type != "footnote_block_close":
        tok = walker.tokens[walker.i]
        if tok.type != "footnote_open":
            raise walker.error(tok, "unexpected element in a note", "write a note as text")
        number, label = tok.meta["id"] + 1, tok.meta["label"]
        walker.i += 1
        paras: list[list[Run]] = []
        line = 0
        while walker.tokens[walker.i].type != "footnote_close":
            inner = walker.tokens[walker.i]
            if inner.type == "paragraph_open":
                line = line or inner.map[0] + 1
                paras.append(walker.inline(walker.tokens[walker.i + 1]))
                walker.i += 2
            elif inner.type in ("footnote_anchor", "paragraph_close"):
                walker.i += 1
            else:
                raise walker.error(inner, "a note may hold only text",
                                   "write the note as one or more paragraphs")
        walker.i += 1
        if not any(r.text.strip() for runs in paras for r in runs):
            where = next((k + 1 for k, text in enumerate(walker.lines)
                          if text.lstrip().startswith(f"[^{label}]:")), None)
            raise IssueError(walker.path, where, f"note '[^{label}]' has no text",
                             f"write it after '[^{label}]:'")
        out.append(Note(number, label, line, paras))
    walker.i += 1
    line = min((n.line for n in out if n.line), default=0)
    return Notes(line, sorted(out, key=lambda n: n.number))


def check_calls(blocks: list[Block], path: Path, lines: list[str], env: dict,
                called: set[int]) -> None:
    """Every call has its note, every note its call, every label one note (a call typed
    with its bracket escaped, '\\[^1]', prints as typed)."""
    seen: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        match = _DEFINITION.match(text)
        if not match:
            continue
        label = match.group(1)
        if label in seen:
            raise IssueError(path, number, f"note '[^{label}]' is defined twice (first at "
                             f"line {seen[label]})", "give each note its own label")
        seen[label] = number
    refs = env.get("footnotes", {}).get("refs", {})
    for key, ident in refs.items():
        if ident < 0:
            label = key[1:]
            raise IssueError(path, seen.get(label), f"note '[^{label}]' is never called "
                             "in the text (it would not be printed)",
                             f"add '[^{label}]' where the note belongs, or remove the note")
    for number, text in enumerate(lines, start=1):
        for call in _CALL.finditer(text):
            if call.group(1) in seen or (call.start() and text[call.start() - 1] == "\\"):
                continue
            raise IssueError(path, number, f"note call '{call.group(0)}' has no note",
                             f"add a line '{call.group(0)}: the note's text' after the "
                             "paragraph, or escape the bracket to print it: '\\["
                             f"^{call.group(1)}]'")
