"""Holes at a column's foot, read back from the PDF: how many lines a column leaves empty.

On every page but an article's last (where its text ends) and full-bleed pictures, each of
the article's columns should be filled down to the type area's foot, or to a page-wide
element under it; a box that does not fit where it is called floats on while the text runs
on, so no column ends more than one line short. A column's lowest ink (glyphs, rules,
boxes, pictures) is measured against that foot, in body leadings.

    python -m layout.checks.holes PDF ISSUE
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from layout.checks.command import run_check
from layout.checks.typo import BODY_SIZES
from layout.compose.grid import Grid
from layout.content import load_issue
from layout.style.theme import Theme

ALLOWED = 1.0  # lines: one line of hole is the most a column foot may show
SLACK = 0.25  # lines: descenders and rules that do not reach a baseline


@dataclass(frozen=True)
class Hole:
    folio: int
    column: int  # 1-based
    lines: float
    slug: str

    def __str__(self) -> str:
        return f"p{self.folio} col {self.column} ({self.slug}): {self.lines:.1f} lines empty"


def column_holes(pdf: Path, issue_dir: Path) -> list[Hole]:
    """Every column foot (but an article's last page) with more than one line empty."""
    issue = load_issue(issue_dir)
    theme = Theme(issue.theme_path)
    grid = Grid.from_theme(theme, issue.bleed_mm)
    owners, page = {}, 1
    for article in issue.articles:
        span = article.pages or 1
        for k in range(span - 1):  # the last page of each article is not judged
            owners[page + k] = article
        page += span
    out = []
    with pdfplumber.open(pdf) as document:
        for index, pdf_page in enumerate(document.pages):
            folio = index + 1
            article = owners.get(folio)
            if article is None or full_bleed(pdf_page) or not has_body(pdf_page):
                continue  # not judged: an article's last page, a picture, a display page
            for column, lines in enumerate(empty_lines(pdf_page, grid, folio,
                                                        article.columns), start=1):
                if lines > ALLOWED + SLACK:
                    out.append(Hole(folio, column, lines, article.slug))
    return out


def has_body(page) -> bool:
    low, high = BODY_SIZES
    return any(low <= c["size"] <= high and "Serif" in c["fontname"] for c in page.chars)


def full_bleed(page) -> bool:
    return any(image["width"] > page.width * 0.9 and image["height"] > page.height * 0.9
               for image in page.images)


def empty_lines(page, grid: Grid, folio: int, columns: int) -> list[float]:
    """Per column: the lines left empty between its lowest ink and its foot."""
    body = grid.body(folio)
    top, bottom = page.height - body.top, page.height - body.y  # from the page's top
    objects = [o for o in (*page.chars, *page.rects, *page.lines, *page.images, *page.curves)
               if o["bottom"] > top + 1 and o["top"] < bottom - 1
               and o["x1"] > body.x and o["x0"] < body.right]
    width = grid.column_width(columns, folio)
    wide = [o for o in objects if o["x1"] - o["x0"] > 1.5 * width]
    out = []
    for k in range(columns):
        x0 = body.x + k * (width + grid.gutter) + 2
        x1 = x0 + width - 4
        inside = [o for o in objects if o["x1"] > x0 and o["x0"] < x1]
        if not inside:
            out.append((bottom - top) / grid.leading)
            continue
        lowest = max(o["bottom"] for o in inside if o not in wide) if any(
            o not in wide for o in inside) else top
        below = [o["top"] for o in wide if o["top"] > lowest + 1]
        foot = min(below) if below else bottom
        out.append(max(foot - lowest, 0.0) / grid.leading)
    return out


def main(argv: list[str] | None = None) -> int:
    def check(args) -> int:
        holes = column_holes(args.pdf, args.issue)
        for hole in holes:
            print(hole)
        print(f"{len(holes)} column feet more than {ALLOWED:g} line empty")
        return 0

    return run_check("holes", __doc__, argv, check)


if __name__ == "__main__":
    raise SystemExit(main())
