"""How an article fits its allotment: overset and underset in lines, mm and words.

Measured from what the article's flowables drew (compose.ledger): the lines and words set on
pages past the allotment (overset), and the free depth of the columns on its last page
(underset).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from layout.compose.grid import Grid
from layout.content.model import Article
from layout.style.theme import MM, Theme

FIT_KEY = "/ADALAZAMATFitReport"  # document info key under which a proof carries its fit report
UNDERSET_SHARE = 0.25  # of a page left empty makes an article underset
AVERAGE_WORD = 6.1  # characters per word, space included, in the English text
AVERAGE_CHAR = 0.48  # of the body size: the width of an average character of the body face


@dataclass
class Fit:
    """One article's fit; lines and words are estimates a sub-editor can act on."""

    slug: str
    title: str
    path: str
    first_page: int
    allotment: int | None  # None: `pages: auto`
    pages: int
    overset_lines: int = 0
    overset_words: int = 0
    underset_lines: int = 0
    underset_words: int = 0
    page_lines: int = 0  # lines of body text a full page of this article holds
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """'overset'; 'underset' when a quarter of a page or more is left; else 'fits'."""
        if self.overset_lines or self.overset_words:
            return "overset"
        return "underset" if self.underset_lines >= UNDERSET_SHARE * self.page_lines else "fits"

    @property
    def last_page(self) -> int:
        return self.first_page + (self.allotment or self.pages) - 1

    def summary(self, mm_per_line: float) -> str:
        where = f"pp. {self.first_page}–{self.last_page}" if self.last_page > self.first_page \
            else f"p. {self.first_page}"
        head = f"{self.slug} ({where}, '{self.title}')"
        if self.status == "overset":
            text = (f"{head}: OVERSET by {self.overset_lines} lines "
                    f"({self.overset_lines * mm_per_line:.0f} mm of column) — cut about "
                    f"{self.overset_words} words")
        elif self.status == "underset":
            text = (f"{head}: underset by {self.underset_lines} lines "
                    f"({self.underset_lines * mm_per_line:.0f} mm of column) — about "
                    f"{self.underset_words} words short, or add a photo")
        elif self.underset_lines:
            text = f"{head}: fits ({self.underset_lines} lines free on its last page)"
        else:
            text = f"{head}: fits"
        return "; ".join([text, *self.notes])

    def to_dict(self) -> dict:
        return {**asdict(self), "status": self.status, "last_page": self.last_page}


def words_per_line(grid: Grid, theme: Theme, columns: int) -> float:
    """Average words in a line of body text at this column width."""
    size = theme.pt("body.size")
    return grid.column_width(columns) / (AVERAGE_CHAR * size) / AVERAGE_WORD


def measure_fit(article: Article, first_page: int, composed, grid: Grid, theme: Theme,
                notes: list[str]) -> Fit:
    """The fit of an article laid out (with no page limit) from `first_page`, read from what
    its flowables drew: the lines and words on pages past the allotment (overset), or the
    free depth of the columns under the text on its last page (underset)."""
    pages = composed.pages
    fit = Fit(article.slug, article.title, str(article.path), first_page, article.pages, pages,
              notes=list(notes))
    fit.page_lines = int(grid.body(first_page).height / grid.leading) * article.columns
    if article.pages is not None and pages > article.pages:
        fit.overset_words = sum(composed.words[article.pages:])
        depth = sum(composed.text_depth[article.pages:])
        fit.overset_lines = max(1, round(depth / grid.leading))
        return fit
    body = grid.body(first_page + pages - 1)
    free = max(composed.lowest_y - body.y, 0)
    lines = int(free / grid.leading) * article.columns
    if article.pages is not None and pages < article.pages:
        lines += (article.pages - pages) * int(body.height / grid.leading) * article.columns
    fit.underset_lines = lines
    fit.underset_words = round(lines * words_per_line(grid, theme, article.columns))
    return fit


def mm_per_line(grid: Grid) -> float:
    return grid.leading / MM
