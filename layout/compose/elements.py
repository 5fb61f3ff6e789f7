"""Model blocks -> flowables, shared by every article kind."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from layout.compose.charts import chart_flowable
from layout.compose.figures import Picture, Placement, StatsCallout, StatsSpacing
from layout.compose.floats import Floats
from layout.compose.flowables import Beside, Boxed, HeadWithText, Rule
from layout.compose.inset import InsetWrap
from layout.compose.ledger import Ledger
from layout.compose.links import with_addresses
from layout.compose.lists import LeadIn, list_flowables, note_flowables
from layout.compose.photos import (
    FloatAnchor,
    FramedPicture,
    FullPage,
    GroupPicture,
    PageKit,
    TextThenPicture,
)
from layout.compose.tables import table_flowable
from layout.compose.tagging import FigureTags
from layout.compose.text import Initial, Paragraph
from layout.content.link_notes import with_link_notes
from layout.content.model import (
    Article,
    Block,
    BriefBreak,
    Chart,
    Figure,
    Frame,
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
from layout.content.placement import FIRST_ONLY
from layout.errors import IssueError
from layout.style import shaping
from layout.style.styles import Palette
from layout.style.theme import MM, Theme

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
    bleed: float = 0
    first_page: int = 1  # the article's first page in the issue
    issue_pages: int = 0  # pages in the issue (0: not known, an `auto` article moves them)
    placements: list[Placement] = field(default_factory=list)  # pictures placed, with ppi
    notes: list[str] = field(default_factory=list)  # fit problems: a headline too long …
    ledger: Ledger = field(default_factory=Ledger)  # what each page drew, for the fit report
    type_width: float = 0  # the type area's width (a table or chart across the columns)
    gutter: float = 0
    floats: Floats | None = None  # pull quotes per page, set with the first column run

    def para(self, text: str | list[Run], style: str, **options) -> Paragraph:
        """A paragraph of plain text or styled runs in one of the article's styles; a link
        prints its address after its text when the theme says so."""
        if not isinstance(text, str):
            text = with_addresses(text, self.theme.text("link.address"))
        return Paragraph(text, self.styles[style], ledger=self.ledger, **options)

    def column_width(self) -> float:
        columns = self.article.columns
        return (self.type_width - (columns - 1) * self.gutter) / columns




def body_flowables(kit: Kit, blocks: list[Block], dropcap_first: bool,
                   keep_pictures: bool = False) -> list[Flowable]:
    """The body of an article: paragraphs, subheads and magazine elements; with
    `keep_pictures` (news), a picture in the column is kept with the text of its brief."""
    if kit.theme.text("link.address") == "note":
        blocks = with_link_notes(blocks)
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
            rule = Rule(kit.colours.gold, kit.theme.pt("news.rule"), space_before=space,
                        space_after=space)
            rule.between = True  # dropped at a column's head or foot (compose/columns.py)
            out.append(rule)
            first = True
            dropcap_first = kit.article.dropcap
        elif isinstance(block, Figure):
            out += figure(kit, block)
        elif isinstance(block, Stats):
            out.append(stats(kit, block))
        for flowable in out[made:]:  # named by its line if it can never be placed
            flowable.source_line = block.line
    out = wrap_insets(kit, out)
    if keep_pictures:
        out = keep_with_text(out, kit.theme.count("body.orphans"))
    return bind_headings(out, kit.theme.count("body.orphans"))


def keep_with_text(flowables: list[Flowable], min_lines: int) -> list[Flowable]:
    """A picture in the column after a paragraph goes with that paragraph's last lines; one
    before a paragraph keeps with it (bind_headings)."""
    out: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, Picture) and not getattr(flowable, "wide", False):
            if out and isinstance(out[-1], Paragraph):
                out[-1] = TextThenPicture(out[-1], flowable, min_lines)
                continue
            flowable.keepWithNext = 1
        out.append(flowable)
    return out


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
    """A picture with caption and credit where its placement puts it: in the column (or
    spanning columns), across the type area, or a page or a spread of its own."""
    caption = kit.para(block.caption, "caption") if block.caption else None
    credit = kit.para(block.credit, "credit") if block.credit else None
    theme = kit.theme
    frame = block.frame or Frame()
    if block.placement in ("bleed", "spread"):
        texts = [t for t in (caption, credit) if t]
        tags = FigureTags(block.alt)  # a spread's halves are one figure
        if block.placement == "bleed":
            pages = [FullPage(block.picture, block.line, texts, frame.focus, page_kit(kit),
                              tags=tags)]
        else:
            pages = [FullPage(block.picture, block.line, [], frame.focus, page_kit(kit),
                              side="left", fold_clear=theme.pt("figure.fold_clear"),
                              tags=tags),
                     FullPage(block.picture, block.line, texts, frame.focus, page_kit(kit),
                              side="right", fold_clear=theme.pt("figure.fold_clear"),
                              tags=tags)]
        return [FloatAnchor(pages, verso=block.placement == "spread")]
    if block.placement in FIRST_ONLY:
        return []  # placed before the opener (lead_in)
    if block.placement.startswith("inset"):
        return [inset(kit, block, caption, credit, frame)]
    if block.placement == "group":
        return [group(kit, block, [t for t in (caption, credit) if t], frame)]
    columns = kit.article.columns
    span = columns if frame.span == -1 or block.placement == "page" else frame.span or 1
    if span > columns:
        raise IssueError(kit.article.path, frame.lines.get("width", block.line),
                         f"the picture is {span} columns wide in an article of {columns}",
                         f"give at most 'width: {columns} columns' (or 'type area'), or set "
                         f"the article in more columns")
    box_height = frame.height_mm * MM or frame.height_share * kit.frame_height
    if box_height > kit.frame_height - kit.styles["caption"].leading:
        raise IssueError(kit.article.path, frame.lines.get("height", block.line),
                         f"a picture {box_height / MM:.0f} mm high and its caption do not fit "
                         f"the type area ({kit.frame_height / MM:.0f} mm)",
                         "give a smaller height (e.g. 'height: half page'), or place it "
                         "'bleed' to fill a page")
    options = dict(max_height=kit.frame_height * theme.share("figure.max_height"),
                   gap=theme.pt("caption.gap"), space=theme.pt("figure.space"),
                   ledger=kit.ledger, label_font=theme.font("caption.font"))
    if block.frame is None and block.placement in ("column", "page"):
        picture = Picture(block.picture, block.line, caption, credit, kit.placements,
                          **options, refuse_too_tall=(kit.article.path, block.placement,
                                                      "figure.max_height"))
    else:
        picture = FramedPicture(block.picture, block.line, caption, credit, kit.placements,
                                **options, focus=frame.focus, box_height=box_height,
                                aspect=frame.aspect, span=span, columns=columns,
                                gutter=theme.pt("grid.gutter"), zoom=frame.zoom)
    picture.wide = span > 1
    picture.tags.picture.alt = block.alt
    if not picture.wide:  # a column's picture floats as a box does (compose/columns.py)
        picture.floats, picture.float_name = True, f"picture '{block.picture.path.name}'"
    return [picture]


def inset(kit: Kit, block: Figure, caption, credit, frame: Frame) -> Flowable:
    """An inset picture; the paragraphs after it are wrapped round it (wrap_insets)."""
    theme = kit.theme
    picture = FramedPicture(block.picture, block.line, caption, credit, kit.placements,
                            max_height=kit.frame_height * theme.share("figure.max_height"),
                            gap=theme.pt("caption.gap"), space=0, ledger=kit.ledger,
                            label_font=theme.font("caption.font"), focus=frame.focus,
                            box_height=frame.height_mm * MM
                            or frame.height_share * kit.frame_height, aspect=frame.aspect,
                            zoom=frame.zoom)
    picture.tags.picture.alt = block.alt
    body_size = kit.styles["body"].size
    return InsetWrap(picture, [], block.placement.removeprefix("inset-"),
                     theme.share("figure.inset_width"), theme.pt("figure.inset_standoff"),
                     theme.pt("figure.inset_min_beside", em=body_size),
                     (kit.article.path, block.line))


def group(kit: Kit, block: Figure, texts: list, frame: Frame) -> Flowable:
    """A group of photos across its columns (or the type area), one shape, in a grid."""
    theme = kit.theme
    captions = [[kit.para(t, style) for t, style in ((m.caption, "caption"),
                                                      (m.credit, "credit")) if t]
                for m in block.members]
    picture = GroupPicture(block.members, captions, texts, frame.aspect or 2 / 3, frame.focus,
                           theme.pt("figure.group_gap"), theme.pt("caption.gap"),
                           kit.placements, kit.ledger, theme.font("caption.font"),
                           theme.pt("figure.space"))
    columns = kit.article.columns
    if frame.span > 1 and frame.span != columns:
        raise IssueError(kit.article.path, frame.lines.get("width", block.line),
                         f"a group {frame.span} columns wide in an article of {columns}",
                         "a group is one column wide, or across the type area: leave out "
                         "'width:', or place it 'page'")
    picture.wide = frame.span == -1 or frame.span == columns and columns > 1
    return picture


def wrap_insets(kit: Kit, flowables: list[Flowable]) -> list[Flowable]:
    """Each inset takes the paragraphs after it, up to the next heading or element."""
    out: list[Flowable] = []
    for flowable in flowables:
        last = out[-1] if out else None
        if (isinstance(last, InsetWrap) and isinstance(flowable, Paragraph)
                and not flowable.keepWithNext and not flowable.initial):
            last.paras.append(flowable)
            continue
        out.append(flowable)
    for flowable in out:
        if isinstance(flowable, InsetWrap) and not flowable.paras:
            path, line = flowable.source
            raise IssueError(path, line, "an inset picture without text after it to wrap "
                             "round it", "put it before a paragraph, or place it 'column'")
        if isinstance(flowable, InsetWrap):
            flowable.spaceBefore = flowable.paras[0].getSpaceBefore()
            flowable.spaceAfter = flowable.paras[-1].getSpaceAfter()
    return out


def page_kit(kit: Kit) -> PageKit:
    """What a full-page picture needs of the article."""
    theme = kit.theme
    return PageKit(kit.page_size, kit.frame_height, kit.bleed, theme.pt("grid.safe_area"),
                   kit.first_page, kit.issue_pages, kit.ledger, kit.placements, kit.notes,
                   theme.font("caption.font"), theme.colour("field"),
                   theme.pt("figure.bleed_caption_padding"), kit.article.path)


def stats(kit: Kit, block: Stats) -> Flowable:
    theme = kit.theme
    labels = [kit.para(label, "stats-label") for _, label in block.items]
    box = StatsCallout(block.items, theme.font("stats.number_font"),
                       theme.pt("stats.number_size"), labels, kit.colours,
                       StatsSpacing(*(theme.pt(f"stats.{k}") for k in StatsSpacing.KEYS)),
                       ledger=kit.ledger)
    box.floats, box.float_name = True, "stats"  # it waits where it does not fit, as a box
    box.summary = " · ".join(str(number) for number, _ in block.items)
    return box


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
    """The quote between gold rules, in capitals while it is short (theme:
    pullquote.caps_lines); a longer one is set as typed, and the proof says so."""
    theme = kit.theme
    para = kit.para(block.text.upper(), "pullquote")
    limit = theme.count("pullquote.caps_lines")
    lines = round(para.wrap(kit.column_width(), 1e6)[1] / kit.styles["pullquote"].leading)
    if lines > limit:
        para = kit.para(block.text, "pullquote")
        kit.notes.append(f"pull quote at line {block.line} ({_first_words(block.text)}) is "
                         f"{lines} lines in capitals, over the {limit} the theme sets them "
                         "in: set as typed — shorten it to have it in capitals")
    para.tag.actual = block.text  # heard as typed, inside an Aside 'Pull quote' (tagging.py)
    space = theme.pt("pullquote.space")
    box = Boxed([para], padding=theme.pt("pullquote.padding"), rule_colour=kit.colours.gold,
                rule_width=theme.pt("pullquote.rule"), rules="above below",
                space_before=space, space_after=space,
                source=(kit.article.path, block.line, "pull quote"))
    box.floats = box.pull_quote = True  # it waits where it does not fit (compose/columns.py)
    box.float_name, box.summary = "pull quote", block.text
    return box


def _plain(text: str | list[Run]) -> str:
    return text if isinstance(text, str) else "".join(run.text for run in text)


def _first_words(text: str, count: int = 5) -> str:
    words = text.split()
    return "«" + " ".join(words[:count]) + (" …»" if len(words) > count else "»")


def sidebar(kit: Kit, block: Sidebar) -> Flowable:
    theme = kit.theme
    paras = [kit.para(block.title_runs or block.title, "sidebar-title")]
    inner = kit.column_width() - 2 * theme.pt("sidebar.padding")  # a table or chart in it:
    for part in block.blocks:  # as wide as the box's text
        if isinstance(part, Table):
            table = table_flowable(kit, part, inner, inner, 1, in_sidebar=True)
            table.look = replace(table.look, tint=theme.colour(
                theme.text("sidebar.table_header_tint")))
            paras.append(table)
        elif isinstance(part, Chart):
            paras.append(chart_flowable(kit, part))
        else:
            paras.append(kit.para(part.runs, "sidebar"))
    box = Boxed(paras, padding=theme.pt("sidebar.padding"), fill=kit.colours.tint,
                space_before=theme.pt("sidebar.space_before"),
                space_after=theme.pt("sidebar.space_after"),
                source=(kit.article.path, block.line, "sidebar"))
    box.floats = True  # where it does not fit, the text runs on and it heads the next column
    box.float_name, box.summary = "sidebar", _plain(block.title)
    return box


def respondent_card(kit: Kit, block: Respondent) -> Flowable:
    theme = kit.theme
    details = ", ".join(x for x in (block.age, block.role) if x)
    paras = [kit.para(block.name, "respondent-name"),
             kit.para(details, "respondent-detail")]
    if block.headshot:  # the headshot at the card's left, name and details beside it
        shot = block.headshot
        if shot.credit:
            paras.append(kit.para(shot.credit, "credit"))
        size = theme.pt("respondent.headshot")
        picture = FramedPicture(shot.picture, shot.line, None, None, kit.placements,
                                max_height=size, gap=0, space=0,
                                label_font=theme.font("caption.font"),
                                focus=shot.frame.focus if shot.frame else (0.5, 0.5),
                                box_height=size, zoom=shot.frame.zoom if shot.frame else 1.0,
                                texts_elsewhere=(False, bool(shot.credit)))  # on the card
        picture.tags.picture.alt = shot.alt
        paras = [Beside(picture, size, paras, theme.pt("respondent.padding"))]
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
