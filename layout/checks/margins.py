"""Mirrored margins, read back from the PDF: where the body text starts on every page.

A verso (even folio) has its outer margin on the left, a recto (odd folio) its inner margin
(the spine's) on the left. The body text's left edge on a page is the leftmost body line's
x0 (body lines as `typo` finds them: the serif at body sizes, a hung punctuation mark read
as the margin's, less what the theme hangs of it); it must be the theme's margin for that
side from the bleed edge, and no body line may run past the type area's right edge.
Pages without body text (the cover, picture pages, openers set in display type) are not
judged; on a page whose first column holds no body text (a pull quote or a box there, the
text in the next), the body starts where a later column of the grid starts.

    python -m layout.checks.margins PDF [ISSUE]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.checks.command import run_check
from layout.checks.typo import body_lines
from layout.compose.grid import Grid
from layout.content import load_issue
from layout.style.theme import Theme
from layout.style.typesetting import Hangs, hangs

TOLERANCE = 0.75  # pt: glyph side bearings and rounding; a wrong side is 8.5 pt off


@dataclass(frozen=True)
class PageMargin:
    folio: int
    side: str  # "verso" or "recto"
    expected: float  # pt from the bleed edge to the type area's left edge
    found: float  # pt from the bleed edge to the leftmost body line
    right: float  # the type area's right edge
    reach: float  # the rightmost body line's end
    later: tuple[float, ...] = ()  # where the grid's later columns start (2 and 3 columns)

    @property
    def wrong(self) -> bool:
        return (min(abs(self.found - start) for start in (self.expected, *self.later))
                > TOLERANCE or self.reach > self.right + TOLERANCE)

    def __str__(self) -> str:
        return (f"p{self.folio} ({self.side}): body from {self.found:.1f} pt, "
                f"type area from {self.expected:.1f} pt to {self.right:.1f} pt, "
                f"body to {self.reach:.1f} pt")


def page_margins(pdf: Path, grid: Grid, hung: Hangs | None = None) -> list[PageMargin]:
    """The body's left edge of every page with body text, beside the grid's for its side
    (`hung`: the protrusion the PDF was set with, the house theme's when None)."""
    out = []
    for folio, columns in sorted(body_lines(pdf, hung).items()):
        lines = [line for column in columns for line in column]
        if not lines:
            continue
        body = grid.body(folio)
        later = tuple(body.x + k * (grid.column_width(count, folio) + grid.gutter)
                      for count in (2, 3) for k in range(1, count))
        out.append(PageMargin(folio, grid.side(folio), body.x, min(ln.left for ln in lines),
                              body.right, max(ln.right for ln in lines), later))
    return out


def wrong_margins(pdf: Path, issue_dir: Path) -> list[PageMargin]:
    """The pages whose body text is not in the type area of their side."""
    issue = load_issue(issue_dir)
    theme = Theme(issue.theme_path)
    grid = Grid.from_theme(theme, issue.bleed_mm)
    return [page for page in page_margins(pdf, grid, hangs(theme)) if page.wrong]


def main(argv: list[str] | None = None) -> int:
    def check(args) -> int:
        issue = load_issue(args.issue)
        theme = Theme(issue.theme_path)
        grid = Grid.from_theme(theme, issue.bleed_mm)
        pages = page_margins(args.pdf, grid, hangs(theme))
        wrong = [page for page in pages if page.wrong]
        for page in wrong:
            print(page)
        print(f"{len(wrong)} of {len(pages)} pages with body text have the wrong margins")
        return 1 if wrong else 0

    return run_check("margins", __doc__, argv, check)


if __name__ == "__main__":
    raise SystemExit(main())
