"""An article's Markdown body -> model blocks, with `::: container` magazine elements.

markdown-it-py does the parsing (raw HTML off, typographer on); this module only walks its
token stream and says, with the line, what the format cannot express.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from layout.content.model import (
    Block,
    BriefBreak,
    Figure,
    Para,
    PullQuote,
    Question,
    Respondent,
    Run,
    Sidebar,
    Signature,
    Stats,
    Subhead,
)
from layout.content.placement import check_placement, read_group, read_settings
from layout.errors import IssueError, did_you_mean

CONTAINERS = ("pullquote", "sidebar", "question", "respondent", "signature", "figure", "stats")
QUOTES = {"en": "“”‘’", "ru": "«»„“", "kk": "«»„“"}

_UNSUPPORTED = {
    "bullet_list_open": ("a list", "lists are not part of the format; write the items as a "
                         "paragraph, or escape a leading '-', '*' or '+' with a backslash"),
    "ordered_list_open": ("a numbered list", "escape the period after a leading number: "
                          "'2023\\. The year'"),
    "code_block": ("an indented code block", "remove the indentation of 4 spaces"),
    "fence": ("a code block", "remove the ``` fence"),
    "blockquote_open": ("a block quote", "remove the leading '>' or use '::: pullquote'"),
    "html_block": ("raw HTML", "write the text without HTML tags"),
    "table_open": ("a table", "tables are not part of the format"),
}


@cache
def markdown_parser(language: str) -> MarkdownIt:
    """A CommonMark parser with smart quotes for the language, containers and front matter."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": True,
                                   "quotes": QUOTES.get(language, QUOTES["en"])})
    md.enable(["replacements", "smartquotes"])
    md.use(front_matter_plugin)
    md.use(container_plugin, "any", validate=lambda params, *args: bool(params.strip()))
    return md


def parse_body(tokens: list[Token], path: Path, source_lines: list[str]) -> list[Block]:
    """Turn the body tokens (front matter excluded) into a list of blocks."""
    walker = _Walker(tokens, path, source_lines)
    return walker.blocks(top_level=True)


class _Walker:
    def __init__(self, tokens: list[Token], path: Path, source_lines: list[str]):
        self.tokens, self.path, self.lines, self.i = tokens, path, source_lines, 0

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
            runs = self.inline(self.tokens[self.i + 1])
            self.i += 3
            return Para(line, runs)
        if tok.type == "heading_open":
            inline = self.tokens[self.i + 1]
            if tok.tag != "h2":
                raise self.error(tok, f"heading level {tok.tag[1]} is not part of the format",
                                 "use '## ' for a subhead; the title goes in the front matter")
            text = _plain(self.inline(inline)).strip()
            if not text:
                raise self.error(tok, "subhead without text", "write the subhead or remove '##'")
            self.i += 3
            return Subhead(line, text)
        if tok.type == "hr":
            self.i += 1
            return BriefBreak(line)
        if tok.type == "container_any_open":
            if not top_level:
                raise self.error(tok, "a container inside a container",
                                 "close the first ':::' before opening the next")
            return self.container(tok)
        if tok.type in _UNSUPPORTED:
            what, hint = _UNSUPPORTED[tok.type]
            raise self.error(tok, f"{what} is not part of the issue format", hint)
        raise self.error(tok, f"unexpected Markdown element '{tok.type}'",
                         "write plain paragraphs, '## ' subheads and ':::' containers")

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
        inner = self.blocks(top_level=False)
        self.i += 1  # the closing token
        paras = [b for b in inner if isinstance(b, Para)]
        if len(paras) != len(inner):
            raise self.error(open_tok, f"'{name}' may hold only paragraphs",
                             "move subheads and breaks outside the container")
        if not paras and name != "figure":
            raise self.error(open_tok, f"empty '{name}' container", "write its text or remove it")
        return _BUILDERS[name](self, open_tok, line, arg, paras)

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
                raise IssueError(self.path, number + 1, message,
                                 "open a container with its name ('::: pullquote') and close it "
                                 "with ':::' on its own line; remove a stray ':::'")

    def inline(self, tok: Token) -> list[Run]:
        runs: list[Run] = []
        bold = italic = 0
        typed = _typed_code_spans(tok)
        for child in tok.children or []:
            kind = child.type
            if kind == "text":
                runs.append(Run(child.content, bold > 0, italic > 0))
            elif kind == "code_inline":  # backticks are not a style of the format: print them
                runs.append(Run(typed.pop(0) if typed else _as_typed(child), bold > 0,
                                italic > 0))
            elif kind == "softbreak":
                runs.append(Run("\n", bold > 0, italic > 0))
            elif kind == "hardbreak":
                runs.append(Run("\n", bold > 0, italic > 0))
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind in ("link_open", "image"):
                raise self.error(tok, "links and images are not part of the format",
                                 "write the address as text; use '::: figure PATH' for a picture")
            elif kind == "link_close":
                pass
            else:
                runs.append(Run(child.content, bold > 0, italic > 0))
        return _merge(runs)


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
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    return merged


def _plain(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Split runs at line breaks, one list of runs per line."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        for k, piece in enumerate(run.text.split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, run.bold, run.italic))
    return [ln for ln in lines if _plain(ln).strip()]


def _as_paragraph(paras: list[Para]) -> list[Para]:
    """Soft line breaks inside running text are spaces."""
    return [Para(p.line, [Run(r.text.replace("\n", " "), r.bold, r.italic) for r in p.runs])
            for p in paras]


def _pullquote(w, tok, line, arg, paras):
    return PullQuote(line, " ".join(_plain(p.runs).replace("\n", " ") for p in paras))


def _sidebar(w, tok, line, arg, paras):
    if not arg:
        raise w.error(tok, "sidebar without a title",
                      "write it after the name: '::: sidebar TITLE'")
    return Sidebar(line, arg, _as_paragraph(paras))


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
        frame, numbered = read_settings(numbered, "column", w.path)
        if frame and set(frame.lines) - {"focus", "zoom"}:
            key = sorted(set(frame.lines) - {"focus", "zoom"})[0]
            raise IssueError(w.path, frame.lines[key], f"a headshot takes no '{key}:' (the "
                             "theme sets its size: respondent.headshot)",
                             "keep 'focus:' and 'zoom:' only")
        credit = numbered.pop()[1] if numbered and numbered[-1][1].lower().startswith(
            "photo:") else ""
        headshot = Figure(line, Path(arg), "", credit, "headshot", frame=frame)
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
        return read_group(arg, numbered, w.path, line)
    path, placement = _figure_path(w, tok, arg)
    frame, numbered = read_settings(numbered, placement, w.path)
    lines = [text for _, text in numbered]
    credit = ""
    if lines and lines[-1].lower().startswith("photo:"):
        credit = lines.pop()
    return Figure(line, Path(path), " ".join(lines), credit, placement, frame=frame)


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


_BUILDERS = {"pullquote": _pullquote, "sidebar": _sidebar, "question": _question,
             "respondent": _respondent, "signature": _signature, "figure": _figure,
             "stats": _stats}
