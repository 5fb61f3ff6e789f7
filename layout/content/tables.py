"""GFM pipe tables -> Table blocks: cells, alignment, caption and source line.

A column whose body cells are all numbers (digits with group spaces, a decimal point or
comma, a sign, a percent or currency sign; a dash for no figure) is a column of figures,
aligned on their decimal sign (units under units) whatever its `:---` row says: the row
places that block of figures right (also when it says nothing), left or centred. A
paragraph right after a table that starts `Table:` is its caption (printed without the
word), one that starts `Source:` (`Источник:`, `Дереккөзі:`) its source line (printed as
typed). `::: table column|page|auto` around a table sets its width.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.token import Token

from layout.content.model import Block, Para, Run, Table
from layout.errors import IssueError, did_you_mean

WIDTHS = ("auto", "column", "page")
CAPTION = ("Table:", "Таблица:", "Кесте:")
SOURCE = ("Source:", "Sources:", "Источник:", "Источники:", "Дереккөз:", "Дереккөзі:")
_NUMBER = re.compile(r"[−+\-–]?[$€£₸₽]?\s?\d{1,3}(?:[ \u00a0\u202f,]?\d{3})*(?:[.,]\d+)?"
                     r"\s?(?:%|‰|[$€£₸₽])?")


NO_FIGURE = ("—", "–", "-", "−")  # a figure column's cell with no figure to give
FIGURES = {"": "number", "right": "number", "left": "number-left",
           "center": "number-center"}  # a column of figures, as its `:---` row places it


def is_number(text: str) -> bool:
    """A cell that holds one figure: '12', '1 250', '12.5', '−3,4 %', '45 000 ₸'."""
    return bool(_NUMBER.fullmatch(text.strip()))


def read_table(walker, open_tok: Token) -> Table:
    """The table's tokens (from table_open to table_close) -> a Table."""
    header: list[list[Run]] = []
    rows: list[list[list[Run]]] = []
    aligns: list[str] = []
    row_lines: list[int] = []
    row: list[list[Run]] | None = None
    line = open_tok.map[0] + 1
    while True:
        tok = walker.tokens[walker.i]
        walker.i += 1
        if tok.type == "table_close":
            break
        if tok.type == "tr_open":
            row = []
            if tok.map:
                line = tok.map[0] + 1
        elif tok.type in ("th_open", "td_open"):
            if tok.type == "th_open":
                style = tok.attrGet("style") or ""
                aligns.append(style.removeprefix("text-align:") or "")
        elif tok.type == "inline":
            row.append(walker.inline(tok))
        elif tok.type == "tr_close":
            if not header:
                header = row
            else:
                rows.append(row)
                row_lines.append(line)
    _check_cells(walker, len(header), row_lines)
    caption, source = _trailing_lines(rows, row_lines)
    if not rows:
        raise walker.error(open_tok, "a table without rows",
                           "write its rows under the '|---|' line, or remove the table")
    for k, align in enumerate(aligns):
        cells = ["".join(r.text for r in row[k]).strip() for row in rows if row[k]]
        figures = [c for c in cells if c not in NO_FIGURE]
        if figures and all(is_number(c) for c in figures) and align in FIGURES:
            aligns[k] = FIGURES[align]
        elif not align:
            aligns[k] = "left"
    return Table(open_tok.map[0] + 1, header, rows, aligns, caption, source,
                 row_lines=row_lines)


_CELL_BAR = re.compile(r"(?<!\\)\|")


def _check_cells(walker, columns: int, row_lines: list[int]) -> None:
    """A row with more cells than the header: GFM drops the extra cells without a word."""
    for number in row_lines:
        text = walker.lines[number - 1].strip() if number - 1 < len(walker.lines) else ""
        if text.startswith("|"):
            text = text[1:]
        if text.endswith("|") and not text.endswith("\\|"):
            text = text[:-1]
        cells = len(_CELL_BAR.split(text))
        if cells > columns:
            raise IssueError(walker.path, number, f"the row has {cells} cells and the header "
                             f"{columns}: the last {cells - columns} would not be printed",
                             "give the header as many cells, or escape a '|' in a cell "
                             "('\\|')")


def _trailing_lines(rows: list, row_lines: list[int]) -> tuple[str, str]:
    """A 'Table: …' or 'Source: …' line typed right under the rows (no blank line between):
    GFM reads it as a row of one cell; it is the caption or the source line."""
    caption = source = ""
    while rows:
        first = "".join(r.text for r in rows[-1][0]).strip() if rows[-1] else ""
        rest = any("".join(r.text for r in cell).strip() for cell in rows[-1][1:])
        if rest or not first.startswith(CAPTION + SOURCE):
            break
        rows.pop()
        row_lines.pop()
        if first.startswith(SOURCE):
            source = first
        else:
            caption = first.split(":", 1)[1].strip()
    return caption, source


def table_container(walker, open_tok: Token, arg: str, inner: list[Block]) -> Table:
    """`::: table WIDTH` around a table (with its caption and source lines)."""
    width = arg.strip() or "auto"
    if width not in WIDTHS:
        raise walker.error(open_tok, f"unknown table width '{width}'",
                           did_you_mean(width, WIDTHS))
    found = with_captions(inner, walker.path)
    if len(found) != 1 or not isinstance(found[0], Table):
        raise walker.error(open_tok, "'table' holds one pipe table (with its 'Table:' and "
                           "'Source:' lines)", "move other text outside the container")
    found[0].width = width
    return found[0]


def with_captions(blocks: list[Block], path: Path) -> list[Block]:
    """Join a `Table:` and a `Source:` paragraph after a table to it."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if isinstance(block, Para) and isinstance(last, Table) and not last.source:
            lines = [ln.strip() for ln in block.text.replace("\u2028", "\n").split("\n")]
            if lines[0].startswith(CAPTION) and not last.caption:
                caption = lines.pop(0).split(":", 1)[1].strip()
                while lines and not lines[0].startswith(SOURCE):
                    caption += " " + lines.pop(0)
                if not caption:
                    raise IssueError(path, block.line, "'Table:' without a caption",
                                     "write the caption after 'Table:', or remove the line")
                last.caption = caption
            if lines and lines[0].startswith(SOURCE):
                last.source = " ".join(lines)
                lines = []
            if not lines:
                continue
        out.append(block)
    return out
