"""News briefs: several untitled briefs to a page in three columns, each with a drop cap.

With `display:` the section opens on a page of its own: the display numeral set large over
the title, as the printed issue's "2023 / The year … in the life of civil society".
"""

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from layout.compose import opener
from layout.compose.elements import body_flowables
from layout.compose.tagging import Tag, marked
from layout.compose.text import Paragraph
from layout.compose.text.draw import write_text


class SectionOpener(Flowable):
    """A full page: the display numeral as large as the type area allows, the title under it."""

    def __init__(self, kit, grid, page):
        super().__init__()
        self.kit, self.grid, self.page = kit, grid, page

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, avail_height - 1
        return self.width, self.height

    def draw(self):
        kit, theme, canvas = self.kit, self.kit.theme, self.canv
        font = theme.font("title.font")
        text = kit.article.display
        size = self.width / stringWidth(text, font, 1)
        cap = kit.cap_heights[font] * size
        canvas.saveState()
        canvas.setFillColor(kit.colours.accent)
        baseline = self.height * theme.share("section_opener.baseline")
        with marked(canvas, Tag("P"), baseline + cap):
            write_text(canvas, font, size, -size * theme.ems("section_opener.overhang"),
                       baseline, text)
        canvas.setFillColor(kit.colours.gold)
        canvas.rect(0, baseline + cap + theme.pt("section_opener.bar_gap"),
                    self.width * theme.share("section_opener.bar_width"),
                    theme.pt("section_opener.bar"), stroke=0, fill=1)
        canvas.restoreState()
        para = Paragraph(kit.article.title, kit.styles["section-opener-title"],
                         ledger=kit.ledger)
        _, h = para.wrap(self.width * theme.share("section_opener.title_width"), self.height)
        para.drawOn(canvas, 0, baseline - theme.pt("section_opener.title_gap") - h)


def story(kit, grid, page):
    article = kit.article
    body = body_flowables(kit, article.blocks, dropcap_first=article.dropcap,
                          keep_pictures=True)
    if article.display:
        return [SectionOpener(kit, grid, page), PageBreak(),
                *opener.in_columns(kit, body, article.columns, grid)]
    head = [opener.title(kit), *opener.standfirst(kit, grid, page)]
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]
