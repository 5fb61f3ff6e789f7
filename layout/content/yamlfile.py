"""YAML reading that remembers the line of every key and refuses what editors never mean.

Duplicate keys and aliases (the "billion laughs" trick) are errors, and a syntax error is
reported at its own line, counted from the start of the file.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from layout.errors import IssueError
from layout.files import MB, Unreadable, read_regular


class Mapping(dict):
    """A dict that knows the file line (1-based) of each key and of itself."""

    line: int = 0
    key_lines: dict


MAX_DEPTH = 40  # levels of nesting; no value of an issue needs more than a few
MAX_DIGITS = 30  # a longer whole number is a typing accident (and Python caps int() anyway)


class _Loader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent, index):
        """Refuse deep nesting at its line, before the recursive composer runs out of stack."""
        if self.depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise IssueError(self.path, mark.line + 1 + self.line_offset,
                             f"YAML nested more than {MAX_DEPTH} levels deep",
                             "write plain keys and values; lists and mappings need only a few "
                             "levels")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    if sum(ch.isdigit() for ch in node.value) > MAX_DIGITS:
        raise IssueError(loader.path, node.start_mark.line + 1 + loader.line_offset,
                         f"a whole number of more than {MAX_DIGITS} digits",
                         "write the number you mean (or quote it to make it text)")
    return loader.construct_yaml_int(node)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1 + loader.line_offset
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1 + loader.line_offset
        if not isinstance(key, str):
            raise IssueError(loader.path, line, f"key {key!r} is not a name",
                             "write keys as plain words")
        if key in mapping:
            raise IssueError(loader.path, line, f"duplicate key '{key}'",
                             f"it was already given on line {mapping.key_lines[key]}; keep one")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml(text: str, path: Path | str, line_offset: int = 0):
    """Parse YAML text; errors carry `path:line` (line_offset = lines before the text)."""
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1 + line_offset
        raise IssueError(path, line, "tab character in YAML", "indent with spaces")
    loader = _Loader(text)
    loader.path, loader.line_offset = path, line_offset
    try:
        _refuse_aliases(loader)
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.context_mark or err.problem_mark  # where the broken value starts
        line = mark.line + 1 + line_offset if mark else None
        problem = " ".join(x for x in (err.context, err.problem) if x) or "syntax error"
        raise IssueError(path, line, f"YAML syntax error: {problem}",
                         "check quoting and indentation (quote values containing ':' or '#')"
                         ) from None
    except yaml.YAMLError as err:
        raise IssueError(path, None, f"YAML error: {err}", "fix the YAML syntax") from None
    finally:
        loader.dispose()


def _refuse_aliases(loader: _Loader) -> None:
    original = loader.compose_node

    def compose_node(parent, index):
        if loader.check_event(yaml.AliasEvent):
            event = loader.peek_event()
            raise IssueError(loader.path, event.start_mark.line + 1 + loader.line_offset,
                             "YAML aliases are not allowed", "write the value out in full")
        return original(parent, index)

    loader.compose_node = compose_node


def read_text(path: Path, limit: int = 10 * MB) -> str:
    """Read a UTF-8 text file (a BOM and CRLF endings are accepted).

    Only a regular file under `limit` bytes is read: a FIFO or a device is refused at once.
    """
    try:
        raw = read_regular(path, limit)
    except Unreadable as err:
        raise IssueError(path, None, f"the file {err.reason}", err.hint) from None
    return decode_text(raw, path)


def decode_text(raw: bytes, path: Path) -> str:
    """UTF-8 bytes as text with '\\n' line ends; an undecodable byte is named by its line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise IssueError(path, line, "file is not UTF-8 text",
                         "save it as UTF-8 in your editor") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
