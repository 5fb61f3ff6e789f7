"""`::: chart KIND TITLE [column|page]` -> a Chart: one `label | value` per line.

The value is printed as typed ('12 000', '12,5 %', '1.2 bn'); its number is drawn to scale.
Optional lines: `Unit: …` (printed under the title), `Source: …` (printed as typed) and
`alt: …` (what the screen edition says the chart shows; not printed; without it the screen
edition says its kind, title, unit and every row).
"""

from __future__ import annotations

import re

from layout.content.model import Chart
from layout.content.tables import SOURCE
from layout.errors import IssueError, did_you_mean

KINDS = ("bar", "column", "line", "pie")
PLACEMENTS = ("column", "page")
UNIT = ("Unit:", "Единица:", "Бірлік:")
MAX_ROWS = 24
_FIGURE = re.compile(r"[−\-]?\d(?:[\d \u00a0\u202f]*\d)?(?:[.,]\d+)?")


def value_of(text: str) -> float | None:
    """The number a typed value states: '12 000' 12000, '12,5 %' 12.5, '−3' -3."""
    match = _FIGURE.search(text)
    if match is None:
        return None
    figure = re.sub(r"[ \u00a0\u202f]", "", match.group(0)).replace("−", "-").replace(",", ".")
    try:
        return float(figure)
    except ValueError:
        return None


def read_chart(walker, tok, line, arg, paras) -> Chart:
    kind, _, title = arg.partition(" ")
    if kind not in KINDS:
        raise walker.error(tok, f"unknown chart kind '{kind}'" if kind else "chart without a "
                           "kind", did_you_mean(kind, KINDS) if kind else
                           "write '::: chart bar|column|line|pie TITLE'")
    title, placement = title.strip(), "column"
    head, _, last = title.rpartition(" ")
    if head and last in PLACEMENTS:
        title, placement = head.strip(), last
    if not title:
        raise walker.error(tok, "chart without a title", f"write it after the kind: '::: chart "
                           f"{kind} TITLE'")
    rows, unit, source, alt = [], "", "", ""
    for para in paras:
        for number, text in enumerate(_lines(para), start=para.line):
            if text.lower().startswith("alt:") and "|" not in text:
                alt = text.split(":", 1)[1].strip()
                continue
            if text.startswith(UNIT) and not rows:
                unit = text.split(":", 1)[1].strip()
                continue
            if text.startswith(SOURCE):
                source = text
                continue
            label, bar, value = text.rpartition("|")
            if bar and value_of(value) is None and value_of(label) is not None:
                label, value = value, label  # typed as in stats: 'NUMBER | what'
            figure = value_of(value) if bar else None
            if not bar or not label.strip() or figure is None:
                raise IssueError(walker.path, number, f"chart line '{text[:60]}' is not "
                                 "'what | NUMBER'", "write one row per line, e.g. "
                                 "'2023 | 1 250'")
            if figure < 0:
                raise IssueError(walker.path, number, f"chart value '{value.strip()}' is "
                                 "below zero", "charts draw values from zero up")
            rows.append((label.strip(), value.strip(), figure))
    if not rows:
        raise walker.error(tok, "a chart without data", "write one 'what | NUMBER' per line")
    if len(rows) > MAX_ROWS:
        raise walker.error(tok, f"a chart of {len(rows)} rows (at most {MAX_ROWS})",
                           "group the data, or set it as a table")
    if kind == "pie" and not sum(r[2] for r in rows):
        raise walker.error(tok, "a pie chart whose values add up to zero", "check the values")
    runs = walker.title_runs(title)  # 'PM~2.5~' set as a subscript
    return Chart(line, kind, "".join(r.text for r in runs).strip(), rows, unit, source,
                 placement, alt, runs)


def _lines(para) -> list[str]:
    text = "".join(r.text for r in para.runs).replace("\u2028", "\n")
    return [ln.strip() for ln in text.split("\n") if ln.strip()]
