"""Model blocks -> flowables, shared by every article kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from layout.compose.charts import chart_flowable
from layout.compose.figures import BleedPicture, Picture, Placement, StatsCallout, StatsSpacing
from layout.compose.flowables import Boxed, HeadWithText, Rule
from layout.compose.ledger import Ledger
from layout.compose.links import with_addresses
from layout.compose.lists import LeadIn, list_flowables, note_flowables
from layout.compose.tables import table_flowable
from layout.compose.text import Initial, Paragraph
from layout.content.model import (
    Article,
    Block,
    BriefBreak,
    Chart,
    Figure,
    ListBlock,
    Notes,
    Para,
    PullQuote,
    Question,
    Respondent,
    Run,
    Sidebar,
    Signature,
    Stats,
    Subhead,
    Table,
)
from layout.style import shaping
from layout.style.styles import Palette
from layout.style.theme import Theme

OPENING_PUNCTUATION = "«“„‘\"'(–‒—"
TALL_LETTERS = "bdfhklЁЙӘҚ"  # the tallest letters a body line may have (ascenders, accents)


@dataclass
class Kit:
    """What turning blocks into flowables needs: theme, styles, colours, the article."""

    theme: Theme
    styles: dict
    colours: Palette
    article: Article
    cap_heights: dict[str, float]  # font name -> cap height as a fraction of the size
    magazine: str = ""
    issue_line: str = ""
    issn: str = ""  # the colophon prints it with its barcode
    issue_number: int = 0  # the barcode's add-on
    starts: dict[str, int] | None = None  # slug -> first page, for cover and contents
    articles: list[Article] | None = None  # the whole issue in page order, for contents
    page_size: tuple[float, float] = (0, 0)
    frame_height: float = 0
    placements: list[Placement] = field(default_factory=list)  # pictures placed, with ppi
    notes: list[str] = field(default_factory=list)  # fit problems: a headline too long …
    ledger: Ledger = field(default_factory=Ledger)  # what each page drew, for the fit report
    type_width: float = 0  # the type area's width (a table or chart across the columns)
    gutter: float = 0

    def para(self, text: str | list[Run], style: str, **options) -> Paragraph:
        """A paragraph of plain text or styled runs in one of the article's styles; a link
        prints its address after its text when the theme says so."""
        if not isinstance(text, str):
            text = with_addresses(text, self.theme.text("link.address"))
        return Paragraph(text, self.styles[style], ledger=self.ledger, **options)

    def column_width(self) -> float:
        columns = self.article.columns
        return (self.type_width - (columns - 1) * self.gutter) / columns




def body_flowables(kit: Kit, blocks: list[Block], dropcap_first: bool) -> list[Flowable]:
    """The body of an article: paragraphs, subheads and magazine elements."""
    out: list[Flowable] = []
    first = True  # the next paragraph follows a heading or opens the text: no indent
    for block in blocks:
        made = len(out)
        if isinstance(block, Para):
            if first and (dropcap_first or block.dropcap):
                out.append(dropcap_paragraph(kit, block))
                dropcap_first = False  # only the opening paragraph (of the article or brief)
            else:
                out.append(kit.para(block.runs, "body-first" if first else "body"))
            first = False
        elif isinstance(block, Subhead):
            out.append(kit.para(block.runs or block.text, "subhead"))
            first = True
        elif isinstance(block, ListBlock):
            items = list_flowables(kit, block)
            if (kit.theme.flag("list.keep_with_intro") and out and made == len(out)
                    and isinstance(out[-1], Paragraph)):
                items[0] = LeadIn(out.pop(), items[0], kit.theme.count("body.orphans"))
                made -= 1
            out += items
        elif isinstance(block, Table):
            out.append(table_flowable(kit, block, kit.column_width(), kit.type_width,
                                      kit.article.columns))
        elif isinstance(block, Notes):
            out += note_flowables(kit, block)
        elif isinstance(block, Chart):
            out.append(chart_flowable(kit, block))
        elif isinstance(block, PullQuote):
            out.append(pull_quote(kit, block))
        elif isinstance(block, Sidebar):
            out.append(sidebar(kit, block))
        elif isinstance(block, Question):
            out.append(kit.para(block.runs, "question"))
            first = True
        elif isinstance(block, Respondent):
            out.append(respondent_card(kit, block))
            first = True
        elif isinstance(block, Signature):
            out.append(signature(kit, block))
        elif isinstance(block, BriefBreak):
            space = kit.theme.pt("news.rule_space")
            out.append(Rule(kit.colours.gold, kit.theme.pt("news.rule"), space_before=space,
                            space_after=space))
            first = True
            dropcap_first = kit.article.dropcap
        elif isinstance(block, Figure):
            out += figure(kit, block)
        elif isinstance(block, Stats):
            out.append(stats(kit, block))
        for flowable in out[made:]:  # named by its line if it can never be placed
            flowable.source_line = block.line
    return bind_headings(out, kit.theme.count("body.orphans"))


def bind_headings(flowables: list[Flowable], min_lines: int) -> list[Flowable]:
    """Join each keep-with-next flowable (subhead, question, card) to the one after it, which
    keeps at least `min_lines` lines with it.

    A run of headings binds at most MAX_BOUND of them together (a subhead under a section
    head, say); a longer run (a thousand subheads in a row) is set as separate groups rather
    than nested a thousand deep.
    """
    out: list[Flowable] = []
    for flowable in reversed(flowables):
        if getattr(flowable, "keepWithNext", 0) and out and _bound(out[-1]) < MAX_BOUND:
            out[-1] = HeadWithText(flowable, out[-1], min_lines)
            continue
        out.append(flowable)
    return out[::-1]


MAX_BOUND = 4  # headings bound to one text at most


def _bound(flowable: Flowable) -> int:
    """How many headings are bound to the text in `flowable` already."""
    count = 0
    while isinstance(flowable, HeadWithText):
        count, flowable = count + 1, flowable.text
    return count


def figure(kit: Kit, block: Figure) -> list[Flowable]:
    """A picture with caption and credit: column or page wide, or a whole page to the bleed."""
    caption = kit.para(block.caption, "caption") if block.caption else None
    credit = kit.para(block.credit, "credit") if block.credit else None
    theme = kit.theme
    if block.placement == "bleed":
        picture = BleedPicture(block.picture, block.line, caption, kit.page_size,
                               kit.placements, kit.colours.paper, theme.pt("grid.safe_area")
                               + theme.pt("grid.margin_outer"), kit.ledger,
                               theme.font("caption.font"),
                               theme.pt("figure.bleed_caption_padding"), credit,
                               theme.pt("caption.gap"))
        picture.wide = True
        picture.tags.picture.alt = block.alt
        return [CondPageBreak(kit.frame_height - 1), picture]
    picture = Picture(block.picture, block.line, caption, credit, kit.placements,
                      max_height=kit.frame_height * theme.share("figure.max_height"),
                      gap=theme.pt("caption.gap"), space=theme.pt("figure.space"),
                      ledger=kit.ledger, label_font=theme.font("caption.font"),
                      refuse_too_tall=(kit.article.path, block.placement,
                                       "figure.max_height"))
    picture.wide = block.placement == "page"
    picture.tags.picture.alt = block.alt
    return [picture]


def stats(kit: Kit, block: Stats) -> Flowable:
    theme = kit.theme
    labels = [kit.para(label, "stats-label") for _, label in block.items]
    return StatsCallout(block.items, theme.font("stats.number_font"),
                        theme.pt("stats.number_size"), labels, kit.colours,
                        StatsSpacing(*(theme.pt(f"stats.{k}") for k in StatsSpacing.KEYS)),
                        ledger=kit.ledger)


def dropcap_paragraph(kit: Kit, block: Para) -> Flowable:
    """The paragraph with a drop cap: its first letter (with any opening quote) set large.

    The initial's cap height spans from the first line's cap height down to the baseline of
    the last line it sits beside, as DESIGN.md asks; a letter whose descender reaches down
    toward the next line has that line set beside it too.
    """
    text = block.text
    cut = 0
    while cut < len(text) and text[cut] in OPENING_PUNCTUATION:
        cut += 1
    if cut >= len(text) or not text[cut].isalnum() or not text[cut + 1:].strip():
        return kit.para(block.runs, "body-first")  # no letter to drop, or nothing beside it
    cut += 1
    letters = text[:cut]
    while cut < len(text) and text[cut].isspace():
        cut += 1  # a one-letter first word: its space is drawn with the initial
    theme = kit.theme
    font = theme.font("dropcap.font")
    style = kit.styles["body-first"]
    lines = theme.count("dropcap.lines")
    body_cap = kit.cap_heights[style.face()] * style.size
    size = ((lines - 1) * style.leading + body_cap) / kit.cap_heights[font]
    # a descender (Қ, Д, Ц, Щ, Q, J) that would come nearer the next line's tallest letters
    # than the theme's clearance gets one more line set beside it
    depth = shaping.depth(font, letters) * size
    below = style.leading - shaping.ascent(style.face(), TALL_LETTERS) * style.size
    beside = lines + (1 if depth > below - theme.pt("dropcap.clearance") else 0)
    initial = Initial(text[:cut], font, size, kit.colours.accent, lines,
                      stringWidth(letters, font, size) + theme.pt("dropcap.gap"), beside)
    return kit.para(_drop_prefix(block.runs, cut), "body-first", initial=initial)


def _drop_prefix(runs: list[Run], count: int) -> list[Run]:
    out, left = [], count
    for run in runs:
        if left >= len(run.text):
            left -= len(run.text)
            continue
        out.append(run.but(run.text[left:]))
        left = 0
    return out


def pull_quote(kit: Kit, block: PullQuote) -> Flowable:
    theme = kit.theme
    para = kit.para(block.text.upper(), "pullquote")
    para.tag.actual = block.text  # heard as typed, inside an Aside 'Pull quote' (tagging.py)
    space = theme.pt("pullquote.space")
    box = Boxed([para], padding=theme.pt("pullquote.padding"), rule_colour=kit.colours.gold,
                rule_width=theme.pt("pullquote.rule"), rules="above below",
                space_before=space, space_after=space,
                source=(kit.article.path, block.line, "pull quote"))
    box.floats = box.pull_quote = True  # it waits where it does not fit (compose/columns.py)
    return box


def sidebar(kit: Kit, block: Sidebar) -> Flowable:
    theme = kit.theme
    paras = [kit.para(block.title, "sidebar-title")]
    paras += [kit.para(p.runs, "sidebar") for p in block.paras]
    box = Boxed(paras, padding=theme.pt("sidebar.padding"), fill=kit.colours.tint,
                space_before=theme.pt("sidebar.space_before"),
                space_after=theme.pt("sidebar.space_after"),
                source=(kit.article.path, block.line, "sidebar"))
    box.floats = True  # where it does not fit, the text runs on and it heads the next column
    return box


def respondent_card(kit: Kit, block: Respondent) -> Flowable:
    theme = kit.theme
    details = ", ".join(x for x in (block.age, block.role) if x)
    paras = [kit.para(block.name, "respondent-name"),
             kit.para(details, "respondent-detail")]
    card = Boxed(paras, padding=theme.pt("respondent.padding"), fill=kit.colours.tint,
                 space_before=theme.pt("respondent.space_before"),
                 space_after=theme.pt("respondent.space_after"),
                 source=(kit.article.path, block.line, "respondent card"))
    card.keepWithNext = 1
    return card


def signature(kit: Kit, block: Signature) -> Flowable:
    theme = kit.theme
    paras = [kit.para(line, "signature") for line in block.lines]
    rule = Rule(kit.colours.gold, theme.pt("signature.rule"),
                length=theme.pt("signature.rule_length"))
    return Boxed([rule, Spacer(1, theme.pt("signature.rule_gap")), *paras], padding=0,
                 space_before=theme.pt("signature.space_before"),
                 source=(kit.article.path, block.line, "signature"))
