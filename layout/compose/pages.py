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
from layout.compose.ledger import Ledger
from layout.compose.tagging import TaggedCanvas, Tagger
from layout.content.model import Article


@dataclass
class ComposedArticle:
    """An article's pages as PDF bytes, and what its flowables drew on them."""

    slug: str
    first_page: int
    pdf: bytes
    pages: int
    placements: list = field(default_factory=list)  # pictures placed, with effective ppi
    notes: list = field(default_factory=list)  # fit problems seen while composing
    lowest_y: float = 0.0  # where the text ends on the last page (points from the bottom)
    text_depth: list = field(default_factory=list)  # per page: pt of text lines drawn on it
    words: list = field(default_factory=list)  # per page: words drawn on it
    blank: list = field(default_factory=list)  # pages (1-based, its own) with nothing drawn
    page_lowest: list = field(default_factory=list)  # per page: how far down it is drawn (pt)
    pressed: bytes = b""  # the pages as the press left them (build.finish), if pressed yet
    pressed_facts: object = None  # what the press found on them (press.rewrite.PressFacts)
    structure: list | None = None  # the screen edition's: its elements (tagging.Node), if tagged


class ArticleDoc(BaseDocTemplate):
    """A ReportLab document for one article: mirrored verso/recto templates with furniture."""

    def __init__(self, buffer, grid: Grid, furniture: Furniture, first_page: int,
                 title: str, font: str, ledger: Ledger):
        super().__init__(buffer, pagesize=grid.page_size, invariant=1,
                         enforceColorSpace="cmyk", initialFontName=font, title=title,
                         author="ADALAZAMAT", creator="ADALAZAMAT layout",
                         trimBox=grid.trim_box, bleedBox=grid.bleed_box,
                         leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0)
        self.grid, self.furniture, self.first_page = grid, furniture, first_page
        self.ledger = ledger
        templates = [self._template(first_page + k) for k in (0, 1)]
        self.addPageTemplates(templates)

    def _template(self, page: int) -> PageTemplate:
        side = self.grid.side(page)
        body = self.grid.body(page)
        frame = Frame(body.x, body.y, body.width, body.height, id=side, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(id=side, frames=[frame], onPageEnd=self._furnish)

    def beforePage(self) -> None:
        """A page begins: what is placed now knows its page (a spread its side), and the
        page-turn rule knows whether it is a recto."""
        self.ledger.page = self.page
        self.ledger.recto = self.grid.side(self.first_page + self.page - 1) == "recto"

    def afterPage(self) -> None:
        """The next page's template is its folio's side, asked of the grid each time.

        (ReportLab's autoNextPageTemplate alternated wrongly: the index it sets after the
        first page is left standing and used again after the second, so the third page of
        an article took the second's side.)
        """
        self.handle_nextPageTemplate(self.grid.side(self.first_page + self.page))

    def _furnish(self, canvas, doc) -> None:
        """Running head and folio, drawn last; a full-bleed picture page has neither."""
        if doc.page not in self.ledger.full_bleed:
            self.furniture.draw(canvas, doc.page)


class TooLarge(Exception):
    """ReportLab gave up: something on this page fits no column or page (the composer looks
    for what, with the story it gave)."""

    def __init__(self, page: int):
        super().__init__(f"something on page {page} fits no column or page")
        self.page = page


def compose_pages(article: Article, first_page: int, grid: Grid, furniture: Furniture,
                  story: list, font: str, ledger: Ledger,
                  placements: list | None = None, tagger: Tagger | None = None
                  ) -> ComposedArticle:
    """Flow the story into as many pages as it needs; the caller judges the fit. With a
    `tagger` (the screen edition), the pages carry marked content and it the structure."""
    buffer = io.BytesIO()
    doc = ArticleDoc(buffer, grid, furniture, first_page, article.title or article.slug, font,
                     ledger)

    def tagged_canvas(*args, **options):
        canvas = TaggedCanvas(*args, **options)
        canvas.tagger = tagger
        return canvas

    try:
        if tagger is None:
            doc.build(story)
        else:
            doc.build(story, canvasmaker=tagged_canvas)
    except LayoutError:
        raise TooLarge(first_page + doc.page - 1) from None
    pages = doc.page
    top = grid.body(first_page + pages - 1).top
    return ComposedArticle(article.slug, first_page, buffer.getvalue(), pages,
                           placements if placements is not None else [],
                           lowest_y=ledger.lowest.get(pages, top),
                           text_depth=[ledger.lines.get(k, 0.0) for k in range(1, pages + 1)],
                           words=[ledger.words.get(k, 0) for k in range(1, pages + 1)],
                           blank=[k for k in range(1, pages + 1)
                                  if k not in ledger.lowest and k not in ledger.full_bleed],
                           page_lowest=[ledger.lowest.get(k, grid.body(first_page + k - 1).top)
                                        for k in range(1, pages + 1)],
                           structure=tagger.nodes if tagger is not None else None)
