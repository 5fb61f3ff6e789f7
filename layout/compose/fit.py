"""How an article fits its allotment: overset and underset in lines, mm and words.

Measured on the article's own pages after layout: words on the pages past the allotment
(overset), and the free depth of the columns on its last page (underset).
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field

from pypdf import PdfReader

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


def measure_fit(article: Article, first_page: int, pdf: bytes, pages: int, grid: Grid,
                theme: Theme, notes: list[str], lowest_y: float) -> Fit:
    """The fit of an article laid out (with no page limit) from `first_page`.

    `lowest_y` is where its text ends on its last page.
    """
    fit = Fit(article.slug, article.title, str(article.path), first_page, article.pages, pages,
              notes=list(notes))
    per_line = words_per_line(grid, theme, article.columns)
    fit.page_lines = int(grid.body(first_page).height / grid.leading) * article.columns
    if article.pages is not None and pages > article.pages:
        reader = PdfReader(io.BytesIO(pdf))
        fit.overset_words = sum(
            _body_words(reader.pages[k], grid.body(first_page + k))
            for k in range(article.pages, pages))
        fit.overset_lines = max(1, round(fit.overset_words / per_line))
        return fit
    body = grid.body(first_page + pages - 1)
    free = max(lowest_y - body.y, 0)
    lines = int(free / grid.leading) * article.columns
    if article.pages is not None and pages < article.pages:
        lines += (article.pages - pages) * int(body.height / grid.leading) * article.columns
    fit.underset_lines = lines
    fit.underset_words = round(lines * per_line)
    return fit


def _body_words(page, body) -> int:
    """Words set inside the type area (running heads, folios and OVERSET bands left out)."""
    pieces: list[str] = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if body.y - 2 <= y <= body.top + 2:
            pieces.append(text)

    page.extract_text(visitor_text=visit)
    return len(re.findall(r"[^\W_]+", " ".join(pieces)))


def mm_per_line(grid: Grid) -> float:
    return grid.leading / MM
