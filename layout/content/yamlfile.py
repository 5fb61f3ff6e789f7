"""YAML reading that remembers the line of every key and refuses what editors never mean.

Duplicate keys and aliases (the "billion laughs" trick) are errors, and a syntax error is
reported at the line and column of its fault, counted from the start of the file, in plain
words (content/yaml_errors.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from layout.content.yaml_errors import curly_delimiter_warning, explain
from layout.errors import IssueError
from layout.files import MB, Unreadable, read_regular


class Mapping(dict):
    """A dict that knows the file line (1-based) of each key and of itself."""

    line: int = 0
    key_lines: dict


MAX_DEPTH = 40  # levels of nesting; no value of an issue needs more than a few
MAX_DIGITS = 30  # a longer whole number is a typing accident (and Python caps int() anyway)


class _Loader(yaml.SafeLoader):
    warnings: list[str] | None = None
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
        if loader.warnings is not None and isinstance(mapping[key], str):
            warning = curly_delimiter_warning(mapping[key], value_node, loader.path,
                                              loader.line_offset, key)
            if warning:
                loader.warnings.append(warning)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml(text: str, path: Path | str, line_offset: int = 0,
              warnings: list[str] | None = None):
    """Parse YAML text; errors carry `path:line:column` (line_offset = lines before the text).

    Values wrapped in curly quotes (which print) are appended to `warnings` when given.
    """
    if "\t" in text:
        before = text[: text.index("\t")]
        row = before.count("\n")
        raise IssueError(path, row + 1 + line_offset, "tab character in YAML",
                         "indent with spaces", column=len(before) - before.rfind("\n"),
                         source=text.split("\n")[row])
    loader = None
    try:
        loader = _Loader(text)  # refuses characters YAML cannot hold, before any parsing
        loader.path, loader.line_offset, loader.warnings = path, line_offset, warnings
        _refuse_aliases(loader)
        return loader.get_single_data()
    except yaml.YAMLError as err:
        raise explain(err, text, path, line_offset) from None
    finally:
        if loader is not None:
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
