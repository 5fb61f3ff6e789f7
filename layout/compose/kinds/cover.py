"""Cover: a colour field that bleeds, the masthead across it, the issue line, the cover story
(its `title:`) and cover lines."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from layout.compose.figures import FIGURE_ASCENT
from layout.kinds import Kind

MASTHEAD_CAPS = 0.72  # the masthead face's cap height, of its size: its top on the head margin


class CoverPage(Flowable):
    """The whole cover, drawn in page coordinates (it is the page's only flowable)."""

    def __init__(self, kit, grid, page):
        super().__init__()
        self.kit, self.grid, self.page = kit, grid, page

    def wrap(self, avail_width, avail_height):
        return avail_width, avail_height - 1

    def drawOn(self, canvas, x, y, _sW=0):
        canvas.saveState()
        self.draw_cover(canvas)
        canvas.restoreState()

    def draw_cover(self, canvas):
        kit, grid, theme, colours = self.kit, self.grid, self.kit.theme, self.kit.colours
        width, height = grid.page_size
        body = grid.body(self.page)
        field = theme.pt("cover.field_depth") + grid.bleed
        canvas.setFillColor(colours.accent)
        canvas.rect(0, height - field, width, field, stroke=0, fill=1)
        band = theme.pt("cover.band")
        canvas.setFillColor(colours.gold)
        canvas.rect(0, height - field - band, width, band, stroke=0, fill=1)

        font = theme.font("cover.masthead_font")
        size = body.width * theme.share("cover.masthead_width") / stringWidth(kit.magazine, font,
                                                                             1)
        top = grid.bleed + grid.trim_height - grid.head
        canvas.setFillColor(colours.paper)
        canvas.setFont(font, size)
        baseline = top - size * MASTHEAD_CAPS
        canvas.drawString(body.x, baseline, kit.magazine)
        canvas.setFont(theme.font("folio.text_font"), theme.pt("cover.issue_size"))
        canvas.drawString(body.x, baseline - theme.pt("cover.issue_drop"), kit.issue_line)

        y = height - field - band - theme.pt("cover.lines_top")
        number_font, number_size = theme.font("folio.font"), theme.pt("cover.number_size")
        indent = theme.pt("cover.number_indent")
        if kit.article.title:  # the cover story, above the cover lines
            story = kit.para(kit.article.title, "cover-story")
            _, h = story.wrap(body.width, height)
            story.drawOn(canvas, body.x, y - h)
            y -= h + theme.pt("cover.story_space")
        for cover_line in kit.article.cover_lines:
            para = kit.para(cover_line.text, "cover-line")
            if not cover_line.article:  # about no one article: no page number, full measure
                _, h = para.wrap(body.width, height)
                para.drawOn(canvas, body.x, y - h)
                y -= h + theme.pt("cover.line_space")
                continue
            _, h = para.wrap(body.width - indent, height)
            canvas.setFillColor(colours.accent)
            canvas.setFont(number_font, number_size)
            canvas.drawString(body.x, y - number_size * FIGURE_ASCENT,
                              str(kit.starts[cover_line.article]))
            para.drawOn(canvas, body.x + indent, y - h)
            y -= max(h, number_size) + theme.pt("cover.line_space")


def story(kit, grid, page):
    return [CoverPage(kit, grid, page)]


TEMPLATE = """\
---
kind: cover
pages: 1
cover_lines:
  - {article: feature, text: "A feature: how an article of this issue is written"}
  - {article: interview, text: "An interview: questions set apart from the answers"}
---
"""

KIND = Kind(
    name="cover",
    summary=("the cover: the masthead on a colour field that bleeds, the issue "
             "line, cover lines with their page numbers"),
    story=story,
    keys=("title", "cover_lines"),
    required=(),
    defaults={"pages": 1},
    template=TEMPLATE,
    generated=True,
    needs_body=False,
    one_per_issue=True,
)
