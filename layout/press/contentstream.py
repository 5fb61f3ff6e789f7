"""A fast, generic reader of PDF content streams: operators with their operands, and where
each operation lies in the bytes, so a rewrite can copy what it leaves alone unchanged.

pypdf's ContentStream builds a Python object per token and serialises every one again; the
press rewrites every page of every build, so this reader keeps operands as raw byte spans and
decodes only what an operator needs (ISO 32000-1 §7.2 lexical rules, §7.8.2 content streams).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

WHITESPACE = b"\x00\t\n\x0c\r "
DELIMITERS = b"()<>[]{}/%"
# one token per match; a literal string is matched here up to one level of nested
# parentheses, deeper nesting (legal, but no writer we meet uses it) falls back to a scan
_TOKEN = re.compile(rb"""
    [\x00\t\n\x0c\r ]+|%[^\r\n]*
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+))(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])
  | (?P<word>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)
  | (?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)
  | (?P<string>\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))
  | (?P<open>\()
  | (?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)
  | (?P<array>[\[\]{}])
  | (?P<dict><<|>>)
""", re.VERBOSE | re.DOTALL)
OPERAND_WORDS = frozenset({b"true", b"false", b"null"})

# token kinds
NUMBER, NAME, STRING, HEX, OPEN_ARRAY, CLOSE_ARRAY, OPEN_DICT, CLOSE_DICT, WORD = range(9)
_KINDS = {"number": NUMBER, "name": NAME, "string": STRING, "hex": HEX}

Token = tuple[int, int, int]  # kind, start, end


class ContentError(ValueError):
    """A content stream that cannot be read (an unterminated string or inline image)."""


class Operation(NamedTuple):
    """An operator, its operand tokens, and the byte span from the first operand to the
    operator's end (an inline image's span runs to its EI)."""

    operator: bytes
    operands: list[Token]
    start: int
    end: int


def operations(data: bytes) -> Iterator[Operation]:
    """Every operation of a content stream, in order."""
    operands: list[Token] = []
    start = -1
    position, length = 0, len(data)
    kinds = _KINDS
    while position < length:
        for match in _TOKEN.finditer(data, position):
            kind = match.lastgroup
            if kind is None:  # white space or a comment
                continue
            begin, end = match.span()
            if start < 0:
                start = begin
            if kind == "word":
                word = data[begin:end]
                if word in OPERAND_WORDS:
                    operands.append((WORD, begin, end))
                    continue
                if word == b"BI":
                    position = _inline_image_end(data, end)
                    yield Operation(b"BI", operands, start, position)
                    operands, start = [], -1
                    break
                yield Operation(word, operands, start, end)
                operands, start = [], -1
            elif kind in kinds:
                operands.append((kinds[kind], begin, end))
            elif kind == "open":  # a literal string nested deeper than the pattern reaches
                position = _string_end(data, begin)
                operands.append((STRING, begin, position))
                break
            elif kind == "array":
                operands.append((OPEN_ARRAY if data[begin] in b"[{" else CLOSE_ARRAY,
                                 begin, end))
            else:
                operands.append((OPEN_DICT if data[begin] == 60 else CLOSE_DICT, begin, end))
        else:
            break


def _string_end(data: bytes, begin: int) -> int:
    """The index after the literal string that opens at begin (balanced parentheses)."""
    depth, index = 0, begin
    while index < len(data):
        byte = data[index]
        if byte == 92:  # backslash: the next byte is escaped
            index += 2
            continue
        if byte == 40:
            depth += 1
        elif byte == 41:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise ContentError(f"unterminated string at byte {begin}")


def _inline_image_end(data: bytes, after_bi: int) -> int:
    """The index after the EI that closes an inline image (BI … ID data EI)."""
    found = re.search(rb"[\x00\t\n\x0c\r ]ID[\x00\t\n\x0c\r ]", data[after_bi - 1:])
    if not found:
        raise ContentError(f"inline image without ID at byte {after_bi}")
    index = after_bi - 1 + found.end()
    while True:
        end = data.find(b"EI", index)
        if end < 0:
            raise ContentError(f"inline image without EI at byte {after_bi}")
        before_ok = data[end - 1] in WHITESPACE
        after_ok = end + 2 >= len(data) or data[end + 2] in WHITESPACE + DELIMITERS
        if before_ok and after_ok:
            return end + 2
        index = end + 2


def number(data: bytes, token: Token) -> float:
    """A number operand's value."""
    return float(data[token[1]:token[2]])


def name(data: bytes, token: Token) -> str:
    """A name operand as written, slash included ('#xx' escapes decoded)."""
    raw = data[token[1]:token[2]]
    if b"#" in raw:
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return raw.decode("latin-1")
