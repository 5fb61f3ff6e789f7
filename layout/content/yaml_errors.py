"""YAML mistakes said in plain words, at the line and column of the fault.

PyYAML reports where its parser gave up ("while parsing a block mapping … expected <block
end>, but found '<scalar>'"), often the start of the block. Editors make a handful of
mistakes over and over — quotes inside quotes, a colon inside a value, an unclosed quote or
brace, a stray indent, curly quotes typed as delimiters — so each is recognised from the
text around the mark and explained where it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from layout.errors import IssueError

CURLY_PAIRS = {"“": "”", "„": "“", "‘": "’", "”": "”"}  # opening -> closing, as Word types them
GENERIC_HINT = "check quoting and indentation (put values containing ': ' or ' #' in quotes)"


def explain(err: yaml.YAMLError, text: str, path: Path | str, line_offset: int) -> IssueError:
    """An IssueError for a YAML syntax error: plain words, the line, a caret at the fault."""
    lines = text.split("\n")
    if isinstance(err, yaml.reader.ReaderError):  # a character YAML refuses outright
        before = text[: err.position]
        row, col = before.count("\n"), err.position - (before.rfind("\n") + 1)
        return _error(path, lines, row, col, line_offset,
                      f"character U+{err.character:04X} is not allowed in YAML",
                      "delete it (it often comes with pasted text)")
    if not isinstance(err, yaml.MarkedYAMLError) or err.problem_mark is None:
        return IssueError(path, None, f"YAML error: {err}", "fix the YAML syntax")
    problem = err.problem or ""
    row, col = err.problem_mark.line, err.problem_mark.column
    for recognise in (_quote_inside_quotes, _indented_key, _unclosed_quote, _colon_in_value,
                      _bad_start,
                      _unclosed_bracket, _list_item_in_mapping, _line_without_colon):
        found = recognise(err, problem, lines, row, col)
        if found:
            (row, col), message, hint = found
            return _error(path, lines, row, col, line_offset, message, hint)
    context = f"{err.context}: " if err.context else ""
    return _error(path, lines, row, col, line_offset, f"YAML syntax error: {context}{problem}",
                  GENERIC_HINT)


def curly_delimiter_warning(value: str, node: yaml.Node, path: Path | str,
                            line_offset: int, key: str | None) -> str | None:
    """A warning when a plain value is wrapped in curly quotes, which YAML prints as text."""
    if node.style is not None or len(value) < 2 or value[0] not in CURLY_PAIRS:
        return None
    if value[-1] not in ("”", "“", "’"):
        return None
    line = node.start_mark.line + 1 + line_offset
    column = node.start_mark.column + 1
    what = f"'{key}'" if key else "this value"
    return (f"{path}:{line}:{column}: {what} is wrapped in curly quotes {value[0]}…{value[-1]}, "
            "which YAML does not read as quotes: they will print — type straight quotes "
            "\"…\" around it (or leave them if the quote marks should print)")


def _error(path, lines: list[str], row: int, col: int, line_offset: int, message: str,
           hint: str) -> IssueError:
    source = lines[row] if 0 <= row < len(lines) else None
    return IssueError(path, row + 1 + line_offset, message, hint, column=col + 1,
                      source=source)


def _quoted_spans(line: str) -> list[tuple[int, int, str]]:
    """(open, close, quote mark) of every quoted value that opens and closes on this line."""
    spans, k = [], 0
    while k < len(line):
        ch = line[k]
        starts_value = k == 0 or line[k - 1] in " \t{[,:"
        if ch in "\"'" and starts_value:
            end = k + 1
            while end < len(line):
                if ch == '"' and line[end] == "\\":
                    end += 2
                    continue
                if line[end] == ch:
                    if ch == "'" and end + 1 < len(line) and line[end + 1] == "'":
                        end += 2  # '' is an apostrophe inside single quotes
                        continue
                    break
                end += 1
            if end >= len(line):
                return spans  # not closed on this line
            spans.append((k, end, ch))
            k = end + 1
        elif ch == "#" and k > 0 and line[k - 1] in " \t":
            return spans  # a comment: nothing after it counts
        else:
            k += 1
    return spans


def _quote_inside_quotes(err, problem, lines, row, col):
    """`title: "The "best" title"`: the inner quote ends the value, the rest is left over."""
    if "expected <block end>" not in problem and "expected ',' or" not in problem:
        return None
    line = lines[row] if row < len(lines) else ""
    for start, close, mark in reversed(_quoted_spans(line)):
        rest = line[close + 1:].lstrip()
        if close < col and rest and rest[0] not in ",}]#":
            key = _key_before(line, start)
            what = f"the {key}" if key else "the value"
            word = re.match(r"[^\s\"']*", rest).group(0) or rest[:1]
            inside_word = re.search(r"[^\W_]+$", line[:close])
            if mark == "'" and inside_word and rest[:1].isalnum():  # It's, l'été
                fault = f"the apostrophe in {inside_word.group(0)}'{word} ends {what} early"
            else:
                fault = f"the {mark} before {word} ends {what} early"
            if mark == '"':
                hint = (f"inside \"…\" use the other quote marks: '{word}', “{word}” or "
                        f"«{word}» (or write \\\" for each inner \")")
            else:
                hint = ("inside '…' write an apostrophe twice ('') or as ’, or put the whole "
                        "value in double quotes \"…\"")
            return (row, close), f"quotes inside quotes: {fault}", hint
    return None


def _indented_key(err, problem, lines, row, col):
    """`  pages: 1` under a quoted value: a key indented as if it belonged to the line above."""
    if "expected <block end>" not in problem or row >= len(lines):
        return None
    match = re.match(r"^(\s+)([\w-]+)\s*:(\s|$)", lines[row])
    if not match or col != len(match.group(1)):
        return None
    key = match.group(2)
    return ((row, col), *_indent_advice(lines, row, key, col))


def _key_before(line: str, position: int) -> str:
    """The key whose value starts at `position` ('title' in `title: "…"`)."""
    match = re.search(r"([\w-]+)\s*:\s*$", line[:position])
    return match.group(1) if match else ""


_KEY_LINE = re.compile(r"^(\s*)([\w-]+)\s*:")


def _indent_advice(lines, row, key, indent):
    """What is wrong with the indent of `key` on line `row`, and how to indent it: like the
    key above it when that key is inside a nested mapping ('  name:' under 'byline:'), else
    at the left edge like the other keys."""
    fault = f"'{key}' is indented, so YAML reads it as part of the line above"
    above = [line for line in lines[:row] if line.strip() and not line.lstrip().startswith("#")]
    sibling = _KEY_LINE.match(above[-1]) if above else None
    if not sibling or not sibling.group(1):
        return fault, f"start '{key}:' at the left edge, like the other keys"
    depth = len(sibling.group(1))
    parent = next((m.group(2) for line in reversed(above)
                   if (m := _KEY_LINE.match(line)) and len(m.group(1)) < depth), "")
    if indent < depth:
        fault = (f"'{key}' is indented {indent} space{'s' if indent > 1 else ''}, "
                 f"'{sibling.group(2)}' above it {depth}")
    inside = f" inside '{parent}:'" if parent else ""
    return fault, (f"indent '{key}:' by {depth} space{'s' if depth > 1 else ''}, like "
                   f"'{sibling.group(2)}:'{inside} (or start it at the left edge if it is a "
                   "key of its own)")


def _unclosed_quote(err, problem, lines, row, col):
    context = err.context or ""
    if "quoted scalar" not in context or err.context_mark is None:
        return None
    mark = err.context_mark
    if "unknown escape" in problem:
        return ((row, col - 1), f"'\\{lines[row][col:col + 1]}' is not an escape YAML knows "
                                "inside \"…\"",
                "write a backslash as \\\\, or put the value in single quotes '…'")
    return ((mark.line, mark.column), "this quote mark is never closed",
            "end the value with the same quote mark on its line")


def _colon_in_value(err, problem, lines, row, col):
    if "mapping values are not allowed" not in problem:
        return None
    line = lines[row]
    first_colon = line.find(":")
    previous = lines[row - 1] if row > 0 else ""
    glued = re.match(r"^\s*([\w-]+):(\S)", previous)
    if glued and ": " not in previous:  # `kind:feature` made one long key of two lines
        return ((row - 1, glued.end(1)), f"no space after the colon of '{glued.group(1)}'",
                f"write '{glued.group(1)}: {previous[glued.end(1) + 1:].strip()}'")
    if line[:1] in " \t" and first_colon == col:
        key = line.strip().split(":")[0]
        indent = len(line) - len(line.lstrip())
        return ((row, indent), *_indent_advice(lines, row, key, indent))
    value_start = line.find(":") + 1
    value = line[value_start:].strip()
    if value[:1] in CURLY_PAIRS:
        return ((row, line.index(value[0], value_start)),
                "the value starts with a curly quote, which YAML does not read as a quote, "
                "and its ': ' then reads as a new key",
                "type straight quotes \"…\" around the value")
    key = line[:first_colon].strip().lstrip("- ")
    return ((row, col), "a colon and a space inside a value read as a new key",
            f"put the whole value in quotes: {key}: \"{value}\"")


def _bad_start(err, problem, lines, row, col):
    match = re.search(r"found character '(.)' that cannot start any token", problem)
    if not match:
        return None
    return ((row, col), f"a value cannot begin with '{match.group(1)}'",
            "put the whole value in quotes \"…\"")


def _unclosed_bracket(err, problem, lines, row, col):
    context = err.context or ""
    if "flow mapping" not in context and "flow sequence" not in context:
        return None
    mark = err.context_mark
    opener, closer = ("{", "}") if "mapping" in context else ("[", "]")
    line = lines[mark.line]
    if mark.line == row and ("got '<scalar>'" in problem or "got ':'" in problem) \
            and '"' not in line and "'" not in line:
        return ((row, col), f"a value inside {opener}…{closer} is not separated by a comma",
                "separate the entries with ', ', or put a value with ':' in quotes")
    return ((mark.line, len(line.rstrip())), f"the '{opener}' opened at column "
                                             f"{mark.column + 1} is never closed",
            f"close it with '{closer}' at the end of the line")


def _list_item_in_mapping(err, problem, lines, row, col):
    if "but found '-'" not in problem:
        return None
    return ((row, col), "a list item '- …' where a key was expected",
            "indent it under the key it belongs to, or write it as 'key: value'")


def _line_without_colon(err, problem, lines, row, col):
    if "could not find expected ':'" not in problem or err.context_mark is None:
        return None
    mark = err.context_mark
    return ((mark.line, mark.column), "a line with no 'key:' in front of it",
            "start it with its key ('title: …'), or indent it to continue the value above")
