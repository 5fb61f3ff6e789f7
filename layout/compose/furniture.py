"""Running heads (section kickers) and folios, drawn on every page but the cover."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from layout.compose.grid import Grid
from layout.compose.tagging import artifact
from layout.compose.text.draw import write_text
from layout.style.styles import Palette
from layout.style.theme import MM, Theme


@dataclass
class Furniture:
    """What the page furniture of one article shows; `first_page` is its folio in the issue."""

    theme: Theme
    grid: Grid
    colours: Palette
    magazine: str
    issue_line: str
    section: str
    first_page: int
    allotment: int | None = None

    def draw(self, canvas: Canvas, page_in_article: int) -> None:
        """The page's head and foot, marked as artifacts: they are not the article's text."""
        page = self.first_page + page_in_article - 1
        with artifact(canvas, "Pagination"):
            canvas.saveState()
            if self.allotment and page_in_article > self.allotment:
                self.draw_overset(canvas, page_in_article - self.allotment)
            else:
                if self.section:
                    self.draw_kicker(canvas, page, self.section)
                self.draw_folio(canvas, page)
            canvas.restoreState()

    def draw_kicker(self, canvas: Canvas, page: int, section: str) -> None:
        """'////// SECTION' at the head of the page, aligned to the type area's outer edge."""
        theme, grid = self.theme, self.grid
        font, size = theme.font("kicker.font"), theme.pt("kicker.size")
        tracking = theme.pt("kicker.tracking")
        slashes = theme.text("kicker.slashes")
        body = grid.body(page)
        y = grid.bleed + grid.trim_height - theme.pt("kicker.baseline_below_trim")
        gap = theme.pt("kicker.gap")
        text = section.upper()
        width = (_tracked_width(slashes, font, size, tracking) + gap
                 + _tracked_width(text, font, size, tracking))
        x = body.x if grid.is_verso(page) else body.right - width
        x = _draw_tracked(canvas, x, y, slashes, font, size, tracking,
                          self.colours.gold_small) + gap
        _draw_tracked(canvas, x, y, text, font, size, tracking, self.colours.text)

    def draw_overset(self, canvas: Canvas, extra: int) -> None:
        """A proof page past the allotment: a red OVERSET band across its head and foot."""
        grid, theme = self.grid, self.theme
        red = CMYKColor(0, 1, 1, 0)
        width = grid.page_size[0]
        font = theme.font("folio.font")
        label = (f"OVERSET  +{extra}  —  {self.section or ''}  text past the allotment of "
                 f"{self.allotment} page(s) starting on p. {self.first_page}")
        for y in (grid.bleed + grid.trim_height - 16 * MM, grid.bleed + 6 * MM):
            canvas.setFillColor(red)
            canvas.rect(0, y, width, 8 * MM, stroke=0, fill=1)
            canvas.setFillColor(CMYKColor(0, 0, 0, 0))
            write_text(canvas, font, 10, width / 2, y + 2.8 * MM, label, anchor="middle")

    def draw_folio(self, canvas: Canvas, page: int) -> None:
        """Verso: '8   №1 (01-02) 2023' at the left; recto: 'ADALAZAMAT   9' at the right."""
        theme, grid = self.theme, self.grid
        number_font, number_size = theme.font("folio.font"), theme.pt("folio.number_size")
        text_font, text_size = theme.font("folio.text_font"), theme.pt("folio.size")
        space, tracking = theme.pt("folio.space"), theme.pt("folio.tracking")
        y = grid.bleed + theme.pt("folio.baseline_above_trim")
        body = grid.body(page)
        number = str(page)
        if grid.is_verso(page):
            label = self.issue_line.upper()
            x = body.x
            canvas.setFillColor(self.colours.accent_small)
            x += write_text(canvas, number_font, number_size, x, y, number) + space
            _draw_tracked(canvas, x, y, label, text_font, text_size, tracking,
                          self.colours.muted)
        else:
            label = self.magazine.upper()
            x = body.right - stringWidth(number, number_font, number_size) - space
            x -= _tracked_width(label, text_font, text_size, tracking)
            _draw_tracked(canvas, x, y, label, text_font, text_size, tracking,
                          self.colours.muted)  # written in reading order: label, number
            write_text(canvas, number_font, number_size, body.right, y, number, anchor="end",
                       colour=self.colours.accent_small)


def _tracked_width(text: str, font: str, size: float, tracking: float) -> float:
    return stringWidth(text, font, size) + tracking * max(len(text) - 1, 0)


def _draw_tracked(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
                  tracking: float, colour) -> float:
    """Draw letter-spaced text; return the x where it ends."""
    return x + write_text(canvas, font, size, x, y, text, tracking=tracking, colour=colour)
