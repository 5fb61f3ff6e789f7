"""Cover: a colour field that bleeds, the masthead across it, the issue line, the cover story
(its `title:`) and cover lines.

The field and masthead are drawn in page coordinates; the cover story and the cover lines
below them are flowables in the type area like any article's text, so cover lines that do
not fit the page run onto the next one and make the cover overset, instead of being drawn
past the foot of the page or dropped.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from layout.compose.elements import page_kit
from layout.compose.figures import FIGURE_ASCENT
from layout.compose.photos import Printed, draw_caption_box, draw_cropped, natural_width
from layout.compose.tagging import FigureTags, Tag, Tagged, group, marked, untagged
from layout.compose.text.draw import write_text
from layout.content.model import Figure


class CoverField(Flowable):
    """The top of the cover; it takes the frame down to where the cover story starts."""

    def __init__(self, kit, grid, page):
        super().__init__()
        self.kit, self.grid, self.page = kit, grid, page

    def first_line_top(self) -> float:
        """Where the cover story and lines begin, in page coordinates."""
        theme, height = self.kit.theme, self.grid.page_size[1]
        field = theme.pt("cover.field_depth") + self.grid.bleed
        return height - field - theme.pt("cover.band") - theme.pt("cover.lines_top")

    def wrap(self, avail_width, avail_height):
        top = self.grid.body(self.page).top
        self.width = avail_width
        self.height = min(max(top - self.first_line_top(), 0), avail_height)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        photo = cover_photo(self.kit.article)
        if photo is not None:
            self.draw_photo(canvas, photo)
        canvas.saveState()
        self.draw_field(canvas, photo is not None)
        canvas.restoreState()
        self.kit.ledger.full_bleed.add(canvas.getPageNumber())  # no running head or folio

    def draw_photo(self, canvas, photo):
        """The cover photo to the bleed, its credit (and caption) at the foot."""
        kit = self.kit
        width, height = self.grid.page_size
        focus = photo.frame.focus if photo.frame else (0.5, 0.5)
        texts = [kit.para(t, style) for t, style in ((photo.caption, "caption"),
                                                      (photo.credit, "credit")) if t]
        tags = FigureTags(photo.alt)  # the screen edition's
        with group(canvas, tags.whole):
            draw_cropped(canvas, photo.picture, 0, 0, width, height, focus, kit.placements,
                         photo.line, kit.theme.font("caption.font"), tag=tags.picture,
                         printed=Printed.of(texts, page=(width, height)))
            draw_caption_box(canvas, texts, page_kit(kit), right=True, tag=tags.caption)

    def draw_field(self, canvas, over_photo: bool = False):
        kit, grid, theme, colours = self.kit, self.grid, self.kit.theme, self.kit.colours
        width, height = grid.page_size
        body = grid.body(self.page)
        field = theme.pt("cover.field_depth") + grid.bleed
        opacity = theme.share("cover.photo_field_opacity") if over_photo else 1.0
        if opacity > 0:  # none: the masthead stands on the photo itself
            canvas.saveState()
            if opacity < 1:
                canvas.setFillAlpha(opacity)
            canvas.setFillColor(colours.accent)
            canvas.rect(0, height - field, width, field, stroke=0, fill=1)
            canvas.restoreState()
            band = theme.pt("cover.band")
            canvas.setFillColor(colours.gold)
            canvas.rect(0, height - field - band, width, band, stroke=0, fill=1)

        font = theme.font("cover.masthead_font")
        size = body.width * theme.share("cover.masthead_width") / stringWidth(kit.magazine, font,
                                                                             1)
        top = grid.bleed + grid.trim_height - grid.head
        canvas.setFillColor(colours.paper)
        baseline = top - size * kit.cap_heights[font]  # its capitals' top on the head margin
        with marked(canvas, Tag("H1", text=kit.magazine), baseline + size):
            write_text(canvas, font, size, body.x, baseline, kit.magazine)
        with marked(canvas, Tag("P")):
            write_text(canvas, theme.font("folio.text_font"), theme.pt("cover.issue_size"),
                       body.x, baseline - theme.pt("cover.issue_drop"), kit.issue_line)


class CoverLine(Flowable):
    """One cover line: the page number of its article (none when it is about no one
    article, then it takes the full measure), and the line set beside it."""

    def __init__(self, kit, number: str, text: str, source: tuple, style: str = "cover-line"):
        super().__init__()
        theme = kit.theme
        self.number, self.para = number, kit.para(text, style)
        self.font, self.size = theme.font("folio.font"), theme.pt("cover.number_size")
        self.colour = kit.colours.accent
        self.indent = theme.pt("cover.number_indent") if number else 0.0
        self.gap = theme.pt("cover.story_space" if style == "cover-story" else "cover.line_space")
        self.source = source  # (path, line): a cover line too long for a page is named by it
        photo = cover_photo(kit.article) is not None
        self.field_opacity = theme.share("cover.photo_lines_opacity") if photo else 0.0
        self.field, self.field_pad = theme.colour("field"), theme.pt("cover.photo_lines_padding")
        self.field_above = self.field_below = 0.0  # the first and last line: the padding

    def wrap(self, avail_width, avail_height):
        _, self.text_height = self.para.wrap(avail_width - self.indent, avail_height)
        self.width = avail_width
        self.height = max(self.text_height, self.size if self.number else 0) + self.gap
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []  # a cover line moves to the next page whole

    def draw(self):
        canvas, top = self.canv, self.height
        if self.field_opacity > 0:  # on a cover photo: a field behind the lines
            pad = self.field_pad
            canvas.saveState()
            if self.field_opacity < 1:
                canvas.setFillAlpha(self.field_opacity)
            canvas.setFillColor(self.field)
            reach = min(self.indent + natural_width(self.para), self.width)  # hug the text
            canvas.rect(-pad, -self.field_below, reach + 2 * pad,
                        self.height + self.field_below + self.field_above, stroke=0, fill=1)
            canvas.restoreState()
        if self.number:
            canvas.setFillColor(self.colour)
            with marked(canvas, Tag("P"), top):  # the page number, then the line
                write_text(canvas, self.font, self.size, 0, top - self.size * FIGURE_ASCENT,
                           self.number)
        self.para.drawOn(canvas, self.indent, top - self.text_height)


def story(kit, grid, page):
    article = kit.article
    flowables = [CoverField(kit, grid, page)]
    if article.title:  # the cover story, above the cover lines
        flowables.append(CoverLine(kit, "", article.title,
                                   (article.path, article.field_lines.get("title", 1)),
                                   "cover-story"))
    for line in article.cover_lines:
        number = str(kit.starts[line.article]) if line.article else ""
        cover_line = CoverLine(kit, number, line.text, (article.path, line.line))
        if line.article:  # on screen, a link to its article, heard as "8, the line"
            link = Tag("Link", link=f"article:{line.article}", absorb=True,
                       actual=f"{number}, {line.text}")
            cover_line = Tagged(Tagged(cover_line, link), Tag("P"))
        flowables.append(cover_line)
    lines = [untagged(f) for f in flowables[1:]]
    if lines:  # the field behind them reaches past the first and last line
        lines[0].field_above = lines[-1].field_below = kit.theme.pt("cover.photo_lines_padding")
    return flowables



def cover_photo(article):
    """The cover's photo ('::: figure PATH cover'), if it has one."""
    return next((b for b in article.blocks if isinstance(b, Figure)), None)
