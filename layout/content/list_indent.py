"""The nested-list trap: a list indented under an item, but less than the item's text.

CommonMark (and so GitHub, Typora, pandoc and this format) nests a list in an item only when
its markers stand at least as far in as the item's text: three spaces under `1. `, two under
`- `. Two spaces under `1. ` make a new list after the first, at the same level — not what
an indent says, and every Markdown viewer shows it so. Rather than guess (and print what no
other viewer of the same file shows), such a list is an error at its line saying how far to
indent it; so is an item indented so under the item before it (`- a` then ` - b`: read as
the next item of the same list).
"""

from __future__ import annotations

from pathlib import Path

from markdown_it.token import Token

from layout.errors import IssueError

LISTS = ("bullet_list_open", "ordered_list_open")
CLOSES = ("bullet_list_close", "ordered_list_close")


def check_list_indents(tokens: list[Token], path: Path, lines: list[str]) -> None:
    """Refuse a list, or an item, indented under the item before it (further in than its
    marker, not as far as its text): a list that follows another at its level, read as a
    list of its own, or an item read as that item's sibling."""
    items: dict[int, Token] = {}  # level -> the last list item opened at that level
    for k, tok in enumerate(tokens):
        if tok.type in LISTS:
            last = items.pop(tok.level + 1, None)
            if k and tokens[k - 1].type in CLOSES and last is not None:
                _check(path, lines, last, tok, "a new list after that one, not a list "
                       "inside the item")
        elif tok.type == "list_item_open":
            last = items.get(tok.level)
            if last is not None:
                _check(path, lines, last, tok, "the next item of the same list, not an "
                       "item of a list inside it")
            items[tok.level] = tok


def _check(path: Path, lines: list[str], item: Token, tok: Token, read_as: str) -> None:
    if not item.map or not tok.map:
        return
    marker_at, text_at, marker = _item(lines[item.map[0]], item)
    line = lines[tok.map[0]]
    indent = len(line) - len(line.lstrip(" "))
    if marker_at < indent < text_at:
        raise IssueError(
            path, tok.map[0] + 1,
            f"this line is indented {indent} space{'s' * (indent > 1)}, under the item "
            f"'{marker} …' of line "
            f"{item.map[0] + 1} but short of its text ({text_at} spaces in): Markdown reads "
            f"it as {read_as}",
            f"to nest it, indent it {text_at} spaces (under the item's text); to set it at "
            "that item's level, " + (f"indent it {marker_at} spaces, as that item's marker"
                                     if marker_at else "start it at the line's beginning"))


def _item(line: str, item: Token) -> tuple[int, int, str]:
    """Where an item's marker and its text start on its first line, and the marker."""
    marker_at = len(line) - len(line.lstrip(" "))
    rest = line[marker_at:]
    marker = (item.info or "") + item.markup
    after = rest[len(marker):]
    spaces = len(after) - len(after.lstrip(" "))
    text_at = marker_at + len(marker) + (spaces if 0 < spaces <= 4 else 1)
    return marker_at, text_at, marker
