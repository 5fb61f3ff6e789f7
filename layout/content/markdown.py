"""An article's Markdown body -> model blocks, with `::: container` magazine elements.

markdown-it-py does the parsing, with nothing on that rewrites what was typed (no
typographic replacements, no smart quotes; backslashes and underscores as `escapes` says);
this module only walks its token stream and says, with the line, what the format cannot
express. Lists, pipe tables, notes (`[^1]`), links, sub- and superscripts and hard line
breaks are read here; everything else Markdown knows is an error at its line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from layout.content import charts, notes, tables
from layout.content.credits import credit_words, is_credit
from layout.content.escapes import escapes_plugin
from layout.content.list_indent import check_list_indents
from layout.content.model import (
    HARD_BREAK,
    LANGUAGES,
    Block,
    BriefBreak,
    Chart,
    Figure,
    ListBlock,
    ListItem,
    Para,
    PullQuote,
    Question,
    Respondent,
    Run,
    Sidebar,
    Signature,
    Stats,
    Subhead,
    Table,
)
from layout.content.placement import check_placement, read_group, read_settings
from layout.errors import IssueError, did_you_mean

IN_SIDEBAR = ("chart", "table")  # the containers a sidebar may hold
SIDEBAR_REFUSED = {"ListBlock": "a list", "Subhead": "a subhead", "Figure": "a picture",
                   "Stats": "a stats call-out", "PullQuote": "a pull quote",
                   "Sidebar": "a sidebar", "Question": "a question", "Respondent":
                   "a respondent card", "Signature": "a signature", "BriefBreak": "a break"}
CONTAINERS = ("pullquote", "sidebar", "question", "respondent", "signature", "figure", "stats",
              "chart", "table")
MAX_LIST_DEPTH = 3
MAX_LIST_START = 999  # '2023. The year' at a paragraph's start is a year, not a list

_UNSUPPORTED = {
    "code_block": ("an indented code block", "remove the indentation of 4 spaces"),
    "fence": ("a code block", "remove the ``` fence"),
    "blockquote_open": ("a block quote", "remove the leading '>' or use '::: pullquote'"),
    "html_block": ("raw HTML", "write the text without HTML tags (or escape the '<': '\\<')"),
    "dl_open": ("a definition list", "write the term in **bold** at the start of a paragraph"),
}
_INLINE_HTML = {"<sub>": ("sub", True), "</sub>": ("sub", False), "<sup>": ("sup", True),
                "</sup>": ("sup", False)}
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_DELIMITER_ROW = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")


@cache
def markdown_parser(language: str) -> MarkdownIt:
    """A CommonMark parser that changes nothing typed, with pipe tables, notes, sub- and
    superscripts, containers and front matter (the same for every language)."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(container_plugin, "any", validate=lambda params, *args: bool(params.strip()))
    md.use(footnote_plugin, inline=False)
    md.use(sub_plugin)
    md.use(superscript_plugin)
    md.use(deflist_plugin)
    md.use(escapes_plugin)
    md.use(attrs_plugin, after=(), spans=True)  # [text]{lang=kk}: a passage's language
    return md


@cache
def _title_parser() -> MarkdownIt:
    return markdown_parser("")


def parse_body(tokens: list[Token], path: Path, source_lines: list[str],
               env: dict | None = None, credits: tuple[str, ...] | None = None) -> list[Block]:
    """Turn the body tokens (front matter excluded) into a list of blocks; `env` is the
    parser's (its note definitions); a figure's last line starting with one of `credits`
    (content/credits.py) is its credit."""
    check_list_indents(tokens, path, source_lines)
    walker = _Walker(tokens, path, source_lines, credit_words() if credits is None else credits)
    blocks = walker.blocks(top_level=True)
    notes.check_calls(blocks, path, source_lines, env or {}, walker.called)
    return tables.with_captions(blocks, path)


class _Walker:
    def __init__(self, tokens: list[Token], path: Path, source_lines: list[str],
                 credits: tuple[str, ...]):
        self.tokens, self.path, self.lines, self.i = tokens, path, source_lines, 0
        self.called: set[int] = set()  # note numbers called in the text
        self.credits = credits
        self.inside: str | None = None  # the container being read
        self.inside_line = 0  # the line it opens on

    def error(self, token: Token, message: str, hint: str = "") -> IssueError:
        line = token.map[0] + 1 if token.map else None
        return IssueError(self.path, line, message, hint)

    def blocks(self, top_level: bool) -> list[Block]:
        out: list[Block] = []
        while self.i < len(self.tokens):
            tok = self.tokens[self.i]
            if tok.type == "container_any_close":
                if top_level:
                    raise self.error(tok, "':::' closes no container", "remove it")
                return out
            out.append(self.block(tok, top_level))
        return out

    def block(self, tok: Token, top_level: bool) -> Block:
        line = tok.map[0] + 1 if tok.map else 0
        if tok.type == "paragraph_open":
            self.refuse_stray_fence(tok)
            self.refuse_broken_table(tok)
            runs = self.inline(self.tokens[self.i + 1])
            self.i += 3
            return Para(line, runs)
        if tok.type == "heading_open":
            inline = self.tokens[self.i + 1]
            if tok.tag != "h2":
                raise self.error(tok, f"heading level {tok.tag[1]} is not part of the format",
                                 "use '## ' for a subhead; the title goes in the front matter")
            runs = self.inline(inline)
            if not _plain(runs).strip():
                raise self.error(tok, "subhead without text", "write the subhead or remove '##'")
            self.i += 3
            return Subhead(line, _plain(runs).strip(), runs)
        if tok.type == "hr":
            self.i += 1
            return BriefBreak(line)
        if tok.type == "container_any_open":
            nested = tok.info.strip().partition(" ")[0] in IN_SIDEBAR
            if not top_level and not (self.inside == "sidebar" and nested):
                name = tok.info.strip().partition(" ")[0]
                raise self.error(tok, f"'::: {name}' inside the '::: {self.inside}' opened on "
                                 f"line {self.inside_line}", f"close the {self.inside} with "
                                 f"a line ':::' after its text, before line {line} (is its "
                                 "':::' missing?); a sidebar may hold '::: chart' and "
                                 "'::: table'")
            return self.container(tok)
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            return self.list_block(tok)
        if tok.type == "table_open":
            return self.table(tok)
        if tok.type == "footnote_block_open":
            return notes.read_notes(self, tok)
        if tok.type in _UNSUPPORTED:
            what, hint = _UNSUPPORTED[tok.type]
            raise self.error(tok, f"{what} is not part of the issue format", hint)
        raise self.error(tok, f"unexpected Markdown element '{tok.type}'",
                         "write plain paragraphs, '## ' subheads, lists, tables and ':::' "
                         "containers")

    # -- lists

    def list_block(self, open_tok: Token) -> ListBlock:
        items: list[ListItem] = []
        self.list_items(open_tok, 0, items)
        return ListBlock(open_tok.map[0] + 1, items)

    def list_items(self, open_tok: Token, depth: int, items: list[ListItem]) -> None:
        """The items of the list opened by `open_tok` (and of the lists inside them)."""
        if depth >= MAX_LIST_DEPTH:
            raise self.error(open_tok, f"a list nested deeper than {MAX_LIST_DEPTH} levels",
                             "lists nest to 3 levels: move the items out a level")
        ordered = open_tok.type == "ordered_list_open"
        close = open_tok.type.replace("_open", "_close")
        number = int(open_tok.attrGet("start") or 1) if ordered else None
        if number is not None and number > MAX_LIST_START:
            raise self.error(open_tok, f"'{number}{open_tok.markup} …' reads as a numbered "
                             f"list starting at {number}", f"to print it as a paragraph, "
                             f"escape the '{open_tok.markup}': '{number}\\{open_tok.markup} …'")
        self.i += 1
        while self.tokens[self.i].type != close:
            item = self.tokens[self.i]  # list_item_open
            self.i += 1
            first = True
            while self.tokens[self.i].type != "list_item_close":
                tok = self.tokens[self.i]
                if tok.type == "paragraph_open":
                    runs = self.inline(self.tokens[self.i + 1])
                    self.i += 3
                    items.append(ListItem(tok.map[0] + 1, depth, number, runs, first))
                    first = False
                elif tok.type in ("bullet_list_open", "ordered_list_open"):
                    if first:  # an item that opens with a list: an empty marker line
                        raise self.error(tok, "a list item without text before its list",
                                         "write the item's text after its marker")
                    self.list_items(tok, depth + 1, items)
                else:
                    raise self.error(tok, "a list item may hold only text and lists",
                                     "end the list with a blank line before other elements")
            if first:
                raise self.error(item, "an empty list item", "write its text or remove the "
                                 "marker")
            self.i += 1  # list_item_close
            if number is not None:
                number += 1
        self.i += 1

    # -- tables

    def table(self, open_tok: Token) -> Table:
        return tables.read_table(self, open_tok)

    # -- containers

    def container(self, open_tok: Token) -> Block:
        name, _, arg = open_tok.info.strip().partition(" ")
        arg = arg.strip()
        line = open_tok.map[0] + 1
        if name not in CONTAINERS:
            raise self.error(open_tok, f"unknown container '{name}'",
                             did_you_mean(name, CONTAINERS))
        end = open_tok.map[1]
        if end >= len(self.lines) or self.lines[end].strip()[:3] != ":::":
            raise self.error(open_tok, f"container '{name}' is never closed",
                             "add a line ':::' after its text")
        self.i += 1
        outer = self.inside, self.inside_line
        self.inside, self.inside_line = name, line
        inner = self.blocks(top_level=False)
        self.inside, self.inside_line = outer
        self.i += 1  # the closing token
        if name == "table":
            return tables.table_container(self, open_tok, arg, inner)
        if name == "sidebar":
            return self.sidebar(open_tok, arg, inner)
        paras = [b for b in inner if isinstance(b, Para)]
        if len(paras) != len(inner):
            raise self.error(open_tok, f"'{name}' may hold only paragraphs",
                             "move subheads and breaks outside the container")
        if not paras and name != "figure":
            raise self.error(open_tok, f"empty '{name}' container", "write its text or remove it")
        return _BUILDERS[name](self, open_tok, line, arg, paras)

    def sidebar(self, open_tok: Token, title: str, inner: list[Block]) -> Sidebar:
        """A sidebar: its title, then paragraphs, tables (with their `Table:` and `Source:`
        lines) and charts."""
        if not title:
            raise self.error(open_tok, "sidebar without a title",
                             "write it after the name: '::: sidebar TITLE'")
        inner = tables.with_captions(inner, self.path)
        for block in inner:
            if not isinstance(block, (Para, Table, Chart)):
                what = SIDEBAR_REFUSED.get(type(block).__name__, "this element")
                raise IssueError(self.path, block.line or open_tok.map[0] + 1,
                                 f"{what} inside the sidebar of line {open_tok.map[0] + 1}",
                                 "a sidebar holds paragraphs, tables and charts: move it "
                                 "after the sidebar's closing ':::'")
            if isinstance(block, Chart) and block.placement == "page":
                raise IssueError(self.path, block.line, "a chart across the type area inside "
                                 "a sidebar", "a chart in a sidebar is as wide as the sidebar:"
                                 " remove 'page' from its line")
            if isinstance(block, Table) and block.width == "page":
                raise IssueError(self.path, block.line, "a table across the type area inside "
                                 "a sidebar", "a table in a sidebar is as wide as the sidebar:"
                                 " write '::: table column', or no '::: table' at all")
        if not inner:
            raise self.error(open_tok, "empty 'sidebar' container",
                             "write its text or remove it")
        runs = self.title_runs(title)
        return Sidebar(open_tok.map[0] + 1, _plain(runs).strip(),
                       [_as_paragraph([b])[0] if isinstance(b, Para) else b for b in inner],
                       runs)

    def title_runs(self, title: str) -> list[Run]:
        """A container's title as runs, its sub- and superscripts ('PM~2.5~') and emphasis
        set as in a subhead."""
        inline = _title_parser().parseInline(title.strip(), {})[0]
        return _merge(self.inline(inline))

    def refuse_broken_table(self, tok: Token) -> None:
        """A '|---|' row in a paragraph: a table whose header has another number of cells
        than that row (a '|' inside a cell not escaped); Markdown would print it raw."""
        first, end = tok.map if tok.map else (0, 0)
        for number in range(first, min(end, len(self.lines))):
            text = self.lines[number].strip()
            if "|" in text and _DELIMITER_ROW.fullmatch(text):
                header = self.lines[number - 1] if number > first else ""
                raise IssueError(self.path, number + 1, "a table's '|---|' row whose cells do "
                                 "not match its header's (the table would print as typed)",
                                 "give the header row and the '|---|' row the same number of "
                                 "cells; escape a '|' inside a cell, also in `code`: '\\|'"
                                 + (f" (header: '{header.strip()[:50]}')" if header else ""))

    def refuse_stray_fence(self, tok: Token) -> None:
        """A ':::' line inside a paragraph: a fence that closes nothing, or opens a container
        without a name; Markdown would print it as text."""
        first, end = tok.map if tok.map else (0, 0)
        for number in range(first, end):
            text = self.lines[number].strip() if number < len(self.lines) else ""
            if text.startswith(":::"):
                name = text.strip(":").strip()
                if name:
                    message = f"'{text}' is not a container (a space after ':::'?)"
                elif number == first and end - first > 1:
                    message = "':::' opens a container without a name"
                else:
                    message = "':::' closes no container"
                hint = ("open a container with its name ('::: pullquote') and close it with "
                        "':::' on its own line; remove a stray ':::'")
                if self.nested_close_before(number):
                    hint = ("the ':::' that closed the chart or table closed the sidebar "
                            "around it too: open and close a sidebar that holds '::: chart' or "
                            "'::: table' with four colons, ':::: sidebar TITLE' … '::::'")
                raise IssueError(self.path, number + 1, message, hint)

    def nested_close_before(self, number: int) -> bool:
        """Whether a sidebar opened with three colons holds a container that ended (and
        closed it) before line `number` (0-based)."""
        opened = [t for t in self.tokens[:self.i] if t.type == "container_any_open" and t.map
                  and t.map[1] <= number]
        return any(t.info.strip().startswith("sidebar") and
                   self.lines[t.map[0]].lstrip().startswith(":::") and
                   not self.lines[t.map[0]].lstrip().startswith("::::") and
                   any(o is not t and t.map[0] < o.map[0] < t.map[1] for o in opened)
                   for t in opened)

    def inline(self, tok: Token) -> list[Run]:
        """The runs of a paragraph, heading or cell: every character as typed."""
        runs: list[Run] = []
        bold = italic = 0
        script: list[str] = []
        langs: list[str] = []  # the open [text]{lang=…} spans' languages
        link, link_start = "", 0
        typed = _typed_code_spans(tok)
        autolinks = _typed_autolinks(tok)

        def run(text: str, **kw) -> Run:
            values = dict(bold=bold > 0, italic=italic > 0,
                          script=script[-1] if script else "", link=link,
                          lang=langs[-1] if langs else "")
            values.update(kw)
            return Run(text, **values)

        children = tok.children or []
        k = 0
        while k < len(children):
            child = children[k]
            kind = child.type
            k += 1
            if kind in ("text", "text_special"):
                runs.append(run(child.content))
            elif kind == "code_inline":  # backticks are not a style of the format: print them
                runs.append(run(typed.pop(0) if typed else _as_typed(child)))
            elif kind == "softbreak":
                runs.append(run("\n"))
            elif kind == "hardbreak":
                runs.append(run(HARD_BREAK))
            elif kind in ("strong_open", "strong_close"):
                bold += 1 if kind == "strong_open" else -1
            elif kind in ("em_open", "em_close"):
                italic += 1 if kind == "em_open" else -1
            elif kind in ("sub_open", "sup_open"):
                script.append(kind[:3])
            elif kind in ("sub_close", "sup_close"):
                script.pop()
            elif kind == "html_inline":
                self.inline_html(tok, child, script, runs, run)
            elif kind == "span_open":
                langs.append(self.span_language(tok, child))
            elif kind == "span_close":
                langs.pop()
            elif kind == "link_open":
                link = child.attrGet("href") or ""
                link_start = len(runs)
                if child.markup == "autolink":  # <https://…>: the address as typed
                    text = autolinks.pop(0) if autolinks else children[k].content
                    runs.append(run(text))
                    k += 1  # its text child
            elif kind == "link_close":
                if not "".join(r.text for r in runs[link_start:]).strip():
                    raise self.error(tok, f"a link without text ('[]({link[:60]})')",
                                     "write the words the address stands for between the "
                                     "brackets, or write the address as it is")
                link = ""
            elif kind == "footnote_ref":
                number = child.meta["id"] + 1
                self.called.add(number)
                runs.append(run(str(number), script="sup", note=number, link=""))
            elif kind == "image":
                raise self.error(tok, "an image in the text is not part of the format",
                                 "use '::: figure PATH' on its own lines for a picture")
            elif kind in ("s_open", "s_close"):
                raise self.error(tok, "struck-through text ('~~…~~') is not part of the format",
                                 "remove the '~~' (escape a typed tilde: '\\~')")
            else:
                raise self.error(tok, f"unexpected Markdown element '{kind}' in the text",
                                 "write it as plain text")
        if script:
            raise self.error(tok, f"'<{script[-1]}>' is never closed", f"add '</{script[-1]}>'")
        return _merge(runs)

    def span_language(self, tok: Token, child: Token) -> str:
        """The language of a `[text]{lang=kk}` span: the only attribute a span takes."""
        attrs = dict(child.attrs)
        lang = str(attrs.pop("lang", ""))
        if attrs or lang not in LANGUAGES:
            typed = " ".join(f"{k}={v}" for k, v in child.attrs.items())
            raise self.error(tok, f"a span's '{{{typed}}}' is not a language",
                             "mark a passage in another language as '[text]{lang=kk}' "
                             "(en, ru or kk); to print brackets and braces as typed, "
                             "escape the bracket: '\\[text]{…}'")
        return lang

    def inline_html(self, tok: Token, child: Token, script: list[str], runs: list[Run],
                    run) -> None:
        """<sub>, <sup> and <br> (as Word and Google Docs export them) are read; any other
        tag prints as typed ('a <b> c', '<<x>>'): HTML is not interpreted."""
        tag = child.content.strip().lower()
        if _BREAK_TAG.fullmatch(tag):
            runs.append(run(HARD_BREAK))
            return
        if tag in _INLINE_HTML:
            name, opens = _INLINE_HTML[tag]
            if opens:
                script.append(name)
                return
            if script and script[-1] == name:
                script.pop()
                return
        runs.append(run(child.content))


def _typed_autolinks(inline: Token) -> list[str]:
    """The paragraph's <address> links as typed (the parser normalises their text)."""
    found = [m.group(1) for m in _AUTOLINK.finditer(inline.content)]
    parsed = [c for c in inline.children or [] if c.type == "link_open"
              and c.markup == "autolink"]
    return found if len(found) == len(parsed) else []


_BACKTICKS = re.compile(r"(?<![`\\])`+")  # a run of backticks that is not escaped


def _typed_code_spans(inline: Token) -> list[str]:
    """The paragraph's code spans exactly as typed, in order (spaces and all).

    Found in the raw text by CommonMark's rule (a run of backticks closed by the next run of
    the same length); if they do not match the parser's spans one for one, none is returned.
    """
    raw, spans, at = inline.content, [], 0
    while match := _BACKTICKS.search(raw, at):
        run = match.group(0)
        close = re.compile(f"(?<!`){run}(?!`)").search(raw, match.end())
        if close is None:
            at = match.end()
            continue
        spans.append(raw[match.start():close.end()])
        at = close.end()
    parsed = [c for c in inline.children or [] if c.type == "code_inline"]
    if len(spans) != len(parsed) or any(_normalised(s) != c.content
                                        for s, c in zip(spans, parsed, strict=False)):
        return []
    return spans


def _normalised(span: str) -> str:
    """A typed code span as CommonMark reads it (the check that a span was found right)."""
    ticks = len(span) - len(span.lstrip("`"))
    inner = span[ticks:-ticks].replace("\n", " ")
    if len(inner) > 2 and inner[0] == inner[-1] == " " and inner.strip():
        inner = inner[1:-1]
    return inner


def _as_typed(code: Token) -> str:
    """A code span as it was typed: its backticks, and the spaces that pad a backtick inside."""
    pad = " " if code.content.startswith("`") or code.content.endswith("`") else ""
    return f"{code.markup}{pad}{code.content}{pad}{code.markup}"


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].style == run.style and not run.note:
            merged[-1] = run.but(merged[-1].text + run.text)
        elif run.text:
            merged.append(run)
    return merged


def _plain(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Split runs at line breaks, one list of runs per line."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        for k, piece in enumerate(run.text.replace(HARD_BREAK, "\n").split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(run.but(piece))
    return [ln for ln in lines if _plain(ln).strip()]


def _as_paragraph(paras: list[Para]) -> list[Para]:
    """Soft line breaks inside running text are spaces."""
    return [Para(p.line, [r.but(r.text.replace("\n", " ")) for r in p.runs]) for p in paras]


def _pullquote(w, tok, line, arg, paras):
    return PullQuote(line, " ".join(_plain(p.runs).replace("\n", " ") for p in paras))


def _question(w, tok, line, arg, paras):
    runs: list[Run] = []
    for p in _as_paragraph(paras):
        runs += ([Run(" ")] if runs else []) + p.runs
    return Question(line, _merge(runs))


def _respondent(w, tok, line, arg, paras):
    headshot = None
    if arg:  # '::: respondent images/NAME.jpg': a headshot on the card, its focus and credit
        numbered = [(paras[0].line + k, _plain(ln).strip())
                    for k, ln in enumerate(_lines(paras[0].runs))]
        numbered, alt = _take_alt(w, tok, numbered)
        frame, numbered = read_settings(numbered, "column", w.path)
        if frame and set(frame.lines) - {"focus", "zoom"}:
            key = sorted(set(frame.lines) - {"focus", "zoom"})[0]
            raise IssueError(w.path, frame.lines[key], f"a headshot takes no '{key}:' (the "
                             "theme sets its size: respondent.headshot)",
                             "keep 'focus:' and 'zoom:' only")
        credit = numbered.pop()[1] if numbered and is_credit(numbered[-1][1], w.credits) \
            else ""
        headshot = Figure(line, Path(arg), "", credit, "headshot", alt=alt, frame=frame)
        paras = [Para(paras[0].line, [Run("\n".join(text for _, text in numbered))]),
                 *paras[1:]]
    lines = [_plain(ln).strip() for ln in _lines(paras[0].runs)]
    if len(lines) == 1 and len(paras) == 1 and "," in lines[0]:
        # typed on one line: "Dinara Sadykova, 34 years old, nurse"
        lines = [part.strip() for part in lines[0].split(",")]
        lines = lines[:2] + ([", ".join(lines[2:])] if len(lines) > 2 else [])
    if len(lines) < 2 or len(paras) > 1 or not all(lines):
        raise w.error(tok, "a respondent card needs one line each for name and age (and role)",
                      "write 'Name', 'NN years old' and the role on separate lines, or on one "
                      "line apart by commas; the answer goes after ':::'")
    return Respondent(line, lines[0], lines[1], " ".join(lines[2:]), headshot)


def _signature(w, tok, line, arg, paras):
    out: list[list[Run]] = []
    for p in paras:
        out += _lines(p.runs)
    return Signature(line, out)


def _figure(w, tok, line, arg, paras):
    if not arg:
        raise w.error(tok, "figure without an image path", "write '::: figure images/NAME.jpg'")
    numbered = [(p.line + k, _plain(ln).strip()) for p in paras
                for k, ln in enumerate(_lines(p.runs))]
    if arg.split()[0] == "group":
        return read_group(arg, numbered, w.path, line, w.credits)
    path, placement = _figure_path(w, tok, arg)
    numbered, alt = _take_alt(w, tok, numbered)
    frame, numbered = read_settings(numbered, placement, w.path)
    lines = [text for _, text in numbered]
    credit = ""
    if lines and is_credit(lines[-1], w.credits):
        credit = lines.pop()
    return Figure(line, Path(path), " ".join(lines), credit, placement, alt=alt, frame=frame)


def _take_alt(w, tok, numbered: list[tuple[int, str]]
              ) -> tuple[list[tuple[int, str]], str]:
    """The figure's lines without its `alt:` lines, and what they say the picture shows."""
    alts = [text for _, text in numbered if text.lower().startswith("alt:")]
    alt = " ".join(text[4:].strip() for text in alts)
    if alts and not alt:
        raise w.error(tok, "'alt:' without a text",
                      "say what the picture shows after 'alt:' (it is read out on screens)")
    return [(n, text) for n, text in numbered if not text.lower().startswith("alt:")], alt


def _figure_path(w, tok, arg: str) -> tuple[str, str]:
    """The picture's path and placement from '::: figure PATH [PLACEMENT]'.

    The path may hold spaces ('images/my photo.jpg'): a last word is taken for the placement
    unless it looks like the end of a file name (it has a '.' or a '/').
    """
    path, _, last = arg.rpartition(" ")
    if not path or "." in last or "/" in last:
        return arg, "column"
    return path.strip(), check_placement(last, w.path, tok.map[0] + 1)


MAX_FIGURE_DIGITS = 15  # a bar drawn to scale needs a number a float holds exactly
MAX_FIGURE_LENGTH = 40  # characters: the figure is set large; words belong in the label


def _stats(w, tok, line, arg, paras):
    items = []
    for text in (_plain(ln).strip() for p in paras for ln in _lines(p.runs)):
        number, bar, label = text.partition("|")
        if not bar or not any(ch.isdigit() for ch in number) or not label.strip():
            raise w.error(tok, f"stats line '{text[:80]}' is not 'NUMBER | what it counts'",
                          "write one figure per line, e.g. '2 000 000 | volunteers'")
        if len(number.strip()) > MAX_FIGURE_LENGTH:
            raise w.error(tok, f"the figure '{number.strip()[:40]}…' is longer than "
                          f"{MAX_FIGURE_LENGTH} characters", "keep the number (and its unit) "
                          "before '|', and put the words in the label after it")
        if sum(ch.isdigit() for ch in number) > MAX_FIGURE_DIGITS:
            raise w.error(tok, f"the figure '{number.strip()[:40]}…' has more than "
                          f"{MAX_FIGURE_DIGITS} digits", "write it with a unit word instead, "
                          "e.g. '2.5 billion' or '3 trillion'")
        items.append((number.strip(), label.strip()))
    return Stats(line, items)


_BUILDERS = {"pullquote": _pullquote, "question": _question,
             "respondent": _respondent, "signature": _signature, "figure": _figure,
             "stats": _stats, "chart": charts.read_chart}
