"""How full each page's type area is, read back from the PDF: the holes a reader sees.

The type area (the theme's margins) is cut into narrow vertical strips; in each, the lowest
thing drawn (a glyph, a rule, a box, a picture) marks how far down the strip is used. A
page's empty share is the average of what its strips leave empty below that. The cover and
full-bleed picture pages are not counted. The last page of an article whose free space is
kept for a picture to come (`picture_space:`) is counted apart.

    python -m layout.checks.fill PDF [ISSUE]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from layout.compose.grid import Grid
from layout.content import load_issue
from layout.errors import IssueError
from layout.pdf_input import check_pdf
from layout.style.theme import Theme

STRIPS = 12
THIRD = 1 / 3


@dataclass(frozen=True)
class PageFill:
    label: str  # the folio
    empty: float  # share of the type area left empty
    slug: str = ""
    kept_for_picture: bool = False


def page_fills(pdf_path: Path, issue_dir: Path) -> list[PageFill]:
    """The empty share of every page but the cover, with its folio and article."""
    issue = load_issue(issue_dir)
    grid = Grid.from_theme(Theme(issue.theme_path), issue.bleed_mm)
    owners, picture_pages, page = {}, set(), 1
    for article in issue.articles:
        for k in range(article.pages or 1):
            owners[page + k] = article.slug
        if article.picture_space and article.pages:
            picture_pages.add(page + article.pages - 1)
        page += article.pages or 1
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for index, pdf_page in enumerate(pdf.pages):
            folio = index + 1
            if folio == 1 or _full_bleed(pdf_page):
                continue
            empty = empty_share(pdf_page, grid, folio)
            out.append(PageFill(str(folio), empty, owners.get(folio, ""),
                                folio in picture_pages))
    return out


def _full_bleed(page) -> bool:
    width, height = page.width, page.height
    return any(image["width"] > width * 0.9 and image["height"] > height * 0.9
               for image in page.images)


def empty_share(page, grid: Grid, folio: int) -> float:
    """The average share of the type area's strips left empty under what they hold."""
    body = grid.body(folio)
    height = page.height
    top, bottom = height - body.top, height - body.y  # pdfplumber measures from the top
    objects = [o for o in (*page.chars, *page.rects, *page.lines, *page.images, *page.curves)
               if o["bottom"] > top + 1 and o["top"] < bottom - 1
               and o["x1"] > body.x and o["x0"] < body.right]
    width = body.width / STRIPS
    shares = []
    for k in range(STRIPS):
        x0, x1 = body.x + k * width, body.x + (k + 1) * width
        lows = [o["bottom"] for o in objects if o["x1"] > x0 and o["x0"] < x1]
        used = (min(max(lows), bottom) - top) if lows else 0.0
        shares.append(1 - used / (bottom - top))
    return sum(shares) / STRIPS


def main(argv: list[str]) -> int:
    pdf = Path(argv[0])
    issue = Path(argv[1]) if len(argv) > 1 else Path("issue")
    try:
        check_pdf(pdf)
        fills = page_fills(pdf, issue)
    except PdfminerException as broken:
        print(f"error: {pdf}: the PDF cannot be read ({broken}) — give a complete, "
              "unencrypted PDF", file=sys.stderr)
        return 2
    except IssueError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    holes = [f for f in fills if f.empty > THIRD and not f.kept_for_picture]
    kept = [f for f in fills if f.empty > THIRD and f.kept_for_picture]
    for fill in fills:
        mark = "  kept for a picture" if fill.kept_for_picture else ""
        flag = "HOLE" if fill in holes else "    "
        print(f"{flag} p. {fill.label:>3} {fill.slug:<18} {fill.empty:5.0%} empty{mark}")
    print(f"{len(holes)} of {len(fills) + 1} pages more than a third empty"
          + (f" (and {len(kept)} last pages kept for pictures to come)" if kept else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
