"""Cover: a colour field that bleeds, the masthead across it, the issue line and cover lines.

The field and masthead are drawn in page coordinates; the cover lines below them are
flowables in the type area like any article's text, so cover lines that do not fit the page
run onto the next one and make the cover overset, instead of being drawn past the foot of the
page or dropped.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from layout.compose.markup import plain
from layout.errors import IssueError


class CoverField(Flowable):
    """The top of the cover; it takes the frame down to where the first cover line starts."""

    def __init__(self, kit, grid, page):
        super().__init__()
        self.kit, self.grid, self.page = kit, grid, page

    def first_line_top(self) -> float:
        """Where the cover lines begin, in page coordinates."""
        theme, height = self.kit.theme, self.grid.page_size[1]
        field = theme.pt("cover.field_depth") + self.grid.bleed
        return height - field - 4 - theme.pt("cover.number_size") * 2

    def wrap(self, avail_width, avail_height):
        top = self.grid.body(self.page).top
        self.width = avail_width
        self.height = min(max(top - self.first_line_top(), 0), avail_height)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        canvas.saveState()
        self.draw_field(canvas)
        canvas.restoreState()
        canvas._full_bleed_page = True  # no running head or folio on the cover

    def draw_field(self, canvas):
        kit, grid, theme, colours = self.kit, self.grid, self.kit.theme, self.kit.colours
        width, height = grid.page_size
        body = grid.body(self.page)
        field = theme.pt("cover.field_depth") + grid.bleed
        canvas.setFillColor(colours.accent)
        canvas.rect(0, height - field, width, field, stroke=0, fill=1)
        canvas.setFillColor(colours.gold)
        canvas.rect(0, height - field - 4, width, 4, stroke=0, fill=1)

        font = theme.font("cover.masthead_font")
        size = body.width / stringWidth(kit.magazine, font, 1)
        top = grid.bleed + grid.trim_height - grid.head
        canvas.setFillColor(colours.paper)
        canvas.setFont(font, size)
        baseline = top - size * 0.72
        canvas.drawString(body.x, baseline, kit.magazine)
        canvas.setFont(theme.font("folio.text_font"), theme.pt("cover.issue_size"))
        canvas.drawString(body.x, baseline - theme.pt("cover.issue_size") * 2.2, kit.issue_line)


class CoverLine(Flowable):
    """One cover line: the page number of its article, then the line, set beside it."""

    def __init__(self, kit, number: str, text: str, source: tuple):
        super().__init__()
        theme = kit.theme
        self.number, self.para = number, kit.para(plain(text), "cover-line")
        self.font, self.size = theme.font("folio.font"), theme.pt("cover.number_size")
        self.colour, self.indent = kit.colours.accent, self.size * 2.2
        self.gap = theme.pt("cover.line_leading") * 1.2
        self.source, self.page_height = source, kit.frame_height  # (path, line)

    def wrap(self, avail_width, avail_height):
        _, self.text_height = self.para.wrap(avail_width - self.indent, avail_height)
        self.width = avail_width
        self.height = max(self.text_height, self.size) + self.gap
        if self.height > self.page_height:
            path, line = self.source
            raise IssueError(path, line, "the cover line is longer than a whole page holds",
                             "a cover line is a few words: shorten it")
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []  # a cover line moves to the next page whole

    def draw(self):
        canvas, top = self.canv, self.height
        canvas.setFillColor(self.colour)
        canvas.setFont(self.font, self.size)
        canvas.drawString(0, top - self.size * 0.8, self.number)
        self.para.drawOn(canvas, self.indent, top - self.text_height)


def story(kit, grid, page):
    article = kit.article
    lines = [CoverLine(kit, str(kit.starts[c.article]), c.text, (article.path, c.line))
             for c in article.cover_lines]
    return [CoverField(kit, grid, page), *lines]
