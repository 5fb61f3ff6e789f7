"""Page geometry: trim, bleed, mirrored margins, the body frame on the baseline grid.

Coordinates are PDF points from the lower-left corner of the bleed (the MediaBox).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4

from layout.style.theme import MM, Theme


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Grid:
    bleed: float
    trim_width: float
    trim_height: float
    inner: float
    outer: float
    head: float
    foot: float
    gutter: float
    leading: float
    safe: float

    @classmethod
    def from_theme(cls, theme: Theme, bleed_mm: float) -> Grid:
        return cls(bleed=bleed_mm * MM, trim_width=A4[0], trim_height=A4[1],
                   inner=theme.pt("grid.margin_inner"), outer=theme.pt("grid.margin_outer"),
                   head=theme.pt("grid.margin_head"), foot=theme.pt("grid.margin_foot"),
                   gutter=theme.pt("grid.gutter"), leading=theme.pt("body.leading"),
                   safe=theme.pt("grid.safe_area"))

    @property
    def page_size(self) -> tuple[float, float]:
        return self.trim_width + 2 * self.bleed, self.trim_height + 2 * self.bleed

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        b = self.bleed
        return b, b, b + self.trim_width, b + self.trim_height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        return 0, 0, *self.page_size

    @staticmethod
    def is_verso(page: int) -> bool:
        """Even pages are versos (left-hand), odd pages rectos; page 1 is the cover."""
        return page % 2 == 0

    @classmethod
    def side(cls, page: int) -> str:
        """"verso" or "recto": the one place a page's side is decided."""
        return "verso" if cls.is_verso(page) else "recto"

    def body(self, page: int) -> Rect:
        """The type area of a page: mirrored margins, height a whole number of lines."""
        left = self.outer if self.is_verso(page) else self.inner
        width = self.trim_width - self.inner - self.outer
        available = self.trim_height - self.head - self.foot
        height = int(available / self.leading + 1e-6) * self.leading
        top = self.bleed + self.trim_height - self.head
        return Rect(self.bleed + left, top - height, width, height)

    def column_width(self, columns: int, page: int = 2) -> float:
        return (self.body(page).width - (columns - 1) * self.gutter) / columns
