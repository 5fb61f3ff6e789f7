"""The baseline grid, read back from the PDF: does every body line sit on the page's grid?

The grid of a page is its type area's: the first body baseline one body size below the type
area's top, then one every body leading (13 pt) down to the foot, the same in every column.
A body line (the serif at the body size, set at the body leading: letters at their own
size and leading are not on it) is on the grid when its baseline is within 0.3 pt of a grid
line; facing lines then align across columns.

    python -m layout.checks.baselines PDF ISSUE
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from layout.checks.command import run_check
from layout.compose.grid import Grid
from layout.content import load_issue
from layout.style.theme import Theme

TOLERANCE = 0.3  # pt


@dataclass
class GridReport:
    lines: int = 0
    on_grid: int = 0
    off: list[str] = field(default_factory=list)  # "p7 x=251: 4.2 pt below a grid line"
    pages_off: dict[int, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.on_grid / self.lines if self.lines else 1.0


def body_baselines(pdf: Path, size: float) -> dict[int, list[tuple[float, float, str]]]:
    """Per page (1-based): (x of the line's first glyph, baseline y, text) of each body line
    at `size` in the serif."""
    out: dict[int, list[tuple[float, float, str]]] = {}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            rows: dict[tuple[int, float], list[dict]] = defaultdict(list)
            for char in page.chars:
                if abs(char["size"] - size) < 0.01 and "Serif" in char["fontname"] \
                        and char["text"].strip() and 60 < char["top"] < page.height - 70:
                    rows[(round(char["matrix"][5] * 10), 0)].append(char)
            lines = []
            for (_, _), chars in rows.items():
                chars.sort(key=lambda c: c["x0"])
                # a row may hold several columns' lines: split where the x jumps by a gutter
                piece = [chars[0]]
                for char in chars[1:]:
                    if char["x0"] - piece[-1]["x1"] > 9:
                        lines.append(_line(piece))
                        piece = []
                    piece.append(char)
                lines.append(_line(piece))
            out[number] = lines
    return out


def _line(chars: list[dict]) -> tuple[float, float, str]:
    return chars[0]["x0"], chars[0]["matrix"][5], "".join(c["text"] for c in chars)


def grid_report(pdf: Path, grid: Grid, size: float) -> GridReport:
    """How many body lines of the PDF sit on their page's baseline grid."""
    report = GridReport()
    for folio, lines in sorted(body_baselines(pdf, size).items()):
        first = grid.body(folio).top - size
        for x, baseline, text in lines:
            report.lines += 1
            off = (first - baseline) % grid.leading
            off = min(off, grid.leading - off)
            if off <= TOLERANCE:
                report.on_grid += 1
            else:
                report.pages_off[folio] = report.pages_off.get(folio, 0) + 1
                report.off.append(f"p{folio} x={x:.0f}: {off:.1f} pt off the grid: {text[:30]}")
    return report


def issue_grid_report(pdf: Path, issue_dir: Path) -> GridReport:
    issue = load_issue(issue_dir)
    theme = Theme(issue.theme_path)
    grid = Grid.from_theme(theme, issue.bleed_mm)
    return grid_report(pdf, grid, theme.pt("body.size"))


def main(argv: list[str] | None = None) -> int:
    def check(args) -> int:
        report = issue_grid_report(args.pdf, args.issue)
        if args.list:
            print("\n".join(report.off))
        pages = ", ".join(f"p{k} ({n})" for k, n in sorted(report.pages_off.items()))
        print(f"{report.on_grid} of {report.lines} body lines on the baseline grid "
              f"({report.share:.1%}); off the grid: {pages or 'none'}")
        return 0

    return run_check("baselines", __doc__, argv, check,
                     {"--list": "name every line off the grid"})


if __name__ == "__main__":
    raise SystemExit(main())
