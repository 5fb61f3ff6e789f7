"""Model blocks -> flowables, shared by every article kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from layout.compose.figures import BleedPicture, Picture, Placement, StatsCallout
from layout.compose.flowables import Boxed, DropCapParagraph, HeadWithText, Rule
from layout.compose.markup import markup, plain
from layout.compose.paragraphs import Paragraph
from layout.content.model import (
    Article,
    Block,
    BriefBreak,
    Figure,
    Para,
    PullQuote,
    Question,
    Respondent,
    Run,
    Sidebar,
    Signature,
    Stats,
    Subhead,
)
from layout.style.styles import Palette
from layout.style.theme import Theme

OPENING_PUNCTUATION = "«“„‘\"'(–‒—"


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
    starts: dict[str, int] | None = None  # slug -> first page, for cover and contents
    articles: list[Article] | None = None  # the whole issue in page order, for contents
    page_size: tuple[float, float] = (0, 0)
    frame_height: float = 0
    placements: list[Placement] = field(default_factory=list)  # pictures placed, with ppi
    notes: list[str] = field(default_factory=list)  # fit problems: a headline too long …

    def para(self, text: str, style: str) -> Paragraph:
        return Paragraph(text, self.styles[style])


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
                out.append(kit.para(markup(block.runs), "body-first" if first else "body"))
            first = False
        elif isinstance(block, Subhead):
            out.append(kit.para(plain(block.text), "subhead"))
            first = True
        elif isinstance(block, PullQuote):
            out.append(pull_quote(kit, block))
        elif isinstance(block, Sidebar):
            out.append(sidebar(kit, block))
        elif isinstance(block, Question):
            out.append(kit.para(markup(block.runs), "question"))
            first = True
        elif isinstance(block, Respondent):
            out.append(respondent_card(kit, block))
            first = True
        elif isinstance(block, Signature):
            out.append(signature(kit, block))
        elif isinstance(block, BriefBreak):
            out.append(Rule(kit.colours.gold, 1, space_before=kit.theme.pt("body.leading") / 2,
                            space_after=kit.theme.pt("body.leading") / 2))
            first = True
            dropcap_first = kit.article.dropcap
        elif isinstance(block, Figure):
            out += figure(kit, block)
        elif isinstance(block, Stats):
            out.append(stats(kit, block))
        for flowable in out[made:]:  # named by its line if it can never be placed
            flowable.source_line = block.line
    return bind_headings(out)


def bind_headings(flowables: list[Flowable]) -> list[Flowable]:
    """Join each keep-with-next flowable (subhead, question, card) to the one after it."""
    out: list[Flowable] = []
    for flowable in reversed(flowables):
        if getattr(flowable, "keepWithNext", 0) or getattr(getattr(flowable, "style", None),
                                                           "keepWithNext", 0):
            if out:
                out[-1] = HeadWithText(flowable, out[-1])
                continue
        out.append(flowable)
    return out[::-1]


def figure(kit: Kit, block: Figure) -> list[Flowable]:
    """A picture with caption and credit: column or page wide, or a whole page to the bleed."""
    caption = kit.para(plain(block.caption), "caption") if block.caption else None
    credit = kit.para(plain(block.credit), "credit") if block.credit else None
    if block.placement == "bleed":
        picture = BleedPicture(block.picture, block.line, caption, kit.page_size,
                               kit.placements, kit.colours.paper, kit.theme.pt("grid.safe_area")
                               + kit.theme.pt("grid.margin_outer"))
        picture.wide = True
        return [CondPageBreak(kit.frame_height - 1), picture]
    picture = Picture(block.picture, block.line, caption, credit, kit.placements,
                      max_height=kit.frame_height * 0.8)
    picture.wide = block.placement == "page"
    return [picture]


def stats(kit: Kit, block: Stats) -> Flowable:
    theme = kit.theme
    return StatsCallout(block.items, theme.font("stats.number_font"),
                        theme.pt("stats.number_size"), kit.styles["stats-label"], kit.colours)


def dropcap_paragraph(kit: Kit, block: Para) -> Flowable:
    """The paragraph with a drop cap: its first letter (with any opening quote) set large."""
    text = block.text
    cut = 0
    while cut < len(text) and text[cut] in OPENING_PUNCTUATION:
        cut += 1
    if cut >= len(text) or not text[cut].isalnum():
        return kit.para(markup(block.runs), "body-first")
    cut += 1
    initial, rest = text[:cut], _drop_prefix(block.runs, cut)
    theme = kit.theme
    font = theme.font("dropcap.font")
    style = kit.styles["body-first"]
    para = Paragraph(markup(rest), style)
    return DropCapParagraph(initial, para, font, kit.colours.accent,
                            lines=int(theme.number("dropcap.lines")), gap=theme.pt("dropcap.gap"),
                            body_cap_height=kit.cap_heights[style.fontName] * style.fontSize,
                            cap_height_ratio=kit.cap_heights[font])


def _drop_prefix(runs: list[Run], count: int) -> list[Run]:
    out, left = [], count
    for run in runs:
        if left >= len(run.text):
            left -= len(run.text)
            continue
        out.append(Run(run.text[left:], run.bold, run.italic))
        left = 0
    return out


def pull_quote(kit: Kit, block: PullQuote) -> Flowable:
    theme = kit.theme
    para = kit.para(plain(block.text, upper=True), "pullquote")
    space = theme.pt("pullquote.space")
    return Boxed([para], padding=theme.pt("pullquote.padding"), rule_colour=kit.colours.gold,
                 rule_width=theme.pt("pullquote.rule"), rules="above below",
                 space_before=space, space_after=space,
                 source=(kit.article.path, block.line, "pull quote"),
                 column_height=kit.frame_height)


def sidebar(kit: Kit, block: Sidebar) -> Flowable:
    theme = kit.theme
    paras = [kit.para(plain(block.title), "sidebar-title")]
    paras += [kit.para(markup(p.runs), "sidebar") for p in block.paras]
    return Boxed(paras, padding=theme.pt("sidebar.padding"), fill=kit.colours.tint,
                 space_before=theme.pt("sidebar.space_before"),
                 space_after=theme.pt("body.leading"),
                 source=(kit.article.path, block.line, "sidebar"), column_height=kit.frame_height)


def respondent_card(kit: Kit, block: Respondent) -> Flowable:
    theme = kit.theme
    details = ", ".join(x for x in (block.age, block.role) if x)
    paras = [kit.para(plain(block.name), "respondent-name"),
             kit.para(plain(details), "respondent-detail")]
    card = Boxed(paras, padding=theme.pt("respondent.padding"), fill=kit.colours.tint,
                 space_before=theme.pt("respondent.space_before"),
                 space_after=theme.pt("body.leading") / 2,
                 source=(kit.article.path, block.line, "respondent card"),
                 column_height=kit.frame_height)
    card.keepWithNext = 1
    return card


def signature(kit: Kit, block: Signature) -> Flowable:
    theme = kit.theme
    paras = [kit.para(markup(line), "signature") for line in block.lines]
    return Boxed([Rule(kit.colours.gold, 1, length=40), Spacer(1, 6), *paras], padding=0,
                 space_before=theme.pt("signature.space_before"),
                 source=(kit.article.path, block.line, "signature"),
                 column_height=kit.frame_height)
