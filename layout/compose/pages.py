"""Lay out one article into its own pages, starting at its page in the issue.

Each article is an independent ReportLab document: the flatplan fixes its first page, so
articles can be composed separately (and, later, in parallel or from a cache).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from layout.compose.furniture import Furniture
from layout.compose.grid import Grid
from layout.content.model import Article
from layout.errors import IssueError


@dataclass
class ComposedArticle:
    """An article's pages as PDF bytes, and how they fit its allotment."""

    slug: str
    first_page: int
    pdf: bytes
    pages: int
    placements: list = field(default_factory=list)  # pictures placed, with effective ppi
    notes: list = field(default_factory=list)  # fit problems seen while composing
    lowest_y: float = 0.0  # where the text ends on the last page (points from the bottom)


class ArticleDoc(BaseDocTemplate):
    """A ReportLab document for one article: mirrored verso/recto templates with furniture."""

    def __init__(self, buffer, grid: Grid, furniture: Furniture | None, first_page: int,
                 title: str, font: str):
        super().__init__(buffer, pagesize=grid.page_size, invariant=1,
                         enforceColorSpace="cmyk", initialFontName=font, title=title,
                         author="ADALAZAMAT", creator="ADALAZAMAT layout",
                         trimBox=grid.trim_box, bleedBox=grid.bleed_box,
                         leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0)
        self.grid, self.furniture, self.first_page = grid, furniture, first_page
        self.lowest: dict[int, float] = {}  # page -> the lowest point text reached on it
        templates = [self._template(first_page + k) for k in (0, 1)]
        self.addPageTemplates(templates)

    def _template(self, page: int) -> PageTemplate:
        side = "verso" if self.grid.is_verso(page) else "recto"
        other = "recto" if side == "verso" else "verso"
        body = self.grid.body(page)
        frame = Frame(body.x, body.y, body.width, body.height, id=side, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(id=side, frames=[frame], onPageEnd=self._furnish,
                            autoNextPageTemplate=other)

    def afterFlowable(self, flowable) -> None:
        """Remember how far down each page the text reaches (for the fit report)."""
        if self.frame is None:  # a flowable that ended its page (a full-bleed picture)
            return
        y = self.frame._y
        self.lowest[self.page] = min(self.lowest.get(self.page, y), y)

    def _furnish(self, canvas, doc) -> None:
        """Running head and folio, drawn last; a full-bleed picture page has neither."""
        if getattr(canvas, "_full_bleed_page", False):
            canvas._full_bleed_page = False
            return
        if self.furniture:
            self.furniture.draw(canvas, doc.page)


def compose_pages(article: Article, first_page: int, grid: Grid, furniture: Furniture | None,
                  story: list, font: str, placements: list | None = None) -> ComposedArticle:
    """Flow the story into as many pages as it needs; the caller judges the fit."""
    buffer = io.BytesIO()
    doc = ArticleDoc(buffer, grid, furniture, first_page, article.title or article.slug, font)
    try:
        doc.build(story)
    except LayoutError as err:
        what = str(err).split(" at ")[0].replace("Flowable <", "").split()[0]
        raise IssueError(article.path, None, f"an element ({what}) is too large for any frame",
                         "shorten it or split it into smaller pieces") from None
    top = grid.body(first_page + doc.page - 1).top
    return ComposedArticle(article.slug, first_page, buffer.getvalue(), doc.page,
                           placements if placements is not None else [],
                           lowest_y=doc.lowest.get(doc.page, top))
