"""What a backslash and an underscore mean in the format: as little as they can.

Editors paste text from Word and Google Docs, where a backslash is a character: `C:\\Users`,
`\\\\server\\share`, `¯\\_(o)_/¯`. CommonMark drops a backslash before any ASCII punctuation
mark; here a backslash is an escape only before a character that would otherwise be markup
where it stands, and prints as typed everywhere else:

- anywhere: before `*` (emphasis), `` ` `` (code), `[` `]` (links, notes), `<` `>` (tags),
  `~` `^` (sub- and superscripts), `|` (table cells), `!` (an image), `&` (a character
  reference);
- at the start of a line: before `-`, `+`, `#`, `=` and `:` (a list item, heading or
  container), and before the `.` or `)` after a line's leading number (`2023\\. The year`).

A backslash before another backslash, a letter, a digit or any other character prints, as
does the character after it. A backslash at a line end is a hard line break (CommonMark).

An underscore is never emphasis (italic is `*…*`, as Word and Google Docs export it): in file
names, paths and the shrug it is a character.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.escape import escape as commonmark_escape

ANYWHERE = frozenset("*`[]<>~^|!&")
LINE_START = frozenset("-+#=:")
AFTER_NUMBER = frozenset(".)")


def escape_is_markup(src: str, backslash: int) -> bool:
    """Whether the backslash at `backslash` escapes markup (and is not printed)."""
    following = src[backslash + 1] if backslash + 1 < len(src) else ""
    if following in ANYWHERE:
        return True
    line_start = src.rfind("\n", 0, backslash) + 1
    before = src[line_start:backslash]
    if following in LINE_START:
        return not before.strip()
    if following in AFTER_NUMBER:
        return before.strip().isdigit()
    return False


def _escape(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "\\":
        return False
    following = state.src[state.pos + 1] if state.pos + 1 < state.posMax else ""
    if following == "\n":
        return commonmark_escape(state, silent)
    if not escape_is_markup(state.src, state.pos):
        if not silent:
            state.pending += "\\"
        state.pos += 1
        return True
    return commonmark_escape(state, silent)


def _underscore(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "_":
        return False
    end = state.pos
    while end < state.posMax and state.src[end] == "_":
        end += 1
    if not silent:
        state.pending += state.src[state.pos:end]
    state.pos = end
    return True


def escapes_plugin(md: MarkdownIt) -> None:
    """Backslashes and underscores as the format reads them (see the module's text)."""
    md.inline.ruler.at("escape", _escape)
    md.inline.ruler.before("emphasis", "underscore", _underscore)
