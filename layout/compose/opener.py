"""The parts of an article's first page above the body, and the body's columns."""

from __future__ import annotations

from reportlab.platypus import Flowable

from layout.compose.columns import Columns
from layout.compose.elements import Kit, page_kit
from layout.compose.figures import Picture
from layout.compose.floats import Floats
from layout.compose.flowables import OpenerSpace
from layout.compose.grid import Grid
from layout.compose.photos import FullPage, PhotoOpener
from layout.compose.text import Paragraph
from layout.content.model import Figure
from layout.content.placement import FIRST_ONLY
from layout.errors import IssueError


def title(kit: Kit, short: bool = False) -> Paragraph:
    """The headline: shorter for one-page items and letters."""
    return kit.para(kit.article.title, "title-short" if short else "title")


def speaker(kit: Kit) -> list[Flowable]:
    if not kit.article.speaker:
        return []
    return [kit.para(kit.article.speaker + ":", "speaker")]


def standfirst(kit: Kit, grid: Grid, page: int, columns: float | None = None) -> list[Flowable]:
    """The standfirst, a column and a half wide (theme: standfirst.width)."""
    if not kit.article.standfirst:
        return []
    width = columns or kit.theme.number("standfirst.width")
    column = grid.column_width(2, page)
    measure = width * column + (width - 1) * grid.gutter
    return [kit.para(kit.article.standfirst, "standfirst", measure=measure)]


def byline(kit: Kit) -> list[Flowable]:
    line = kit.article.byline
    if not line:
        return []
    out = [kit.para(line.name, "byline")]
    if line.role:
        out.append(kit.para(line.role, "byline-role"))
    return out


def portrait(kit: Kit) -> list[Flowable]:
    """The portrait at the head of the body with its own caption and credit; without a
    caption of its own, the name of whom it shows: the speaker of an interview or profile
    (never the byline's role: that is the interviewer's), the writer of a letter."""
    figure = kit.article.portrait
    if not figure:
        return []
    article = kit.article
    text = figure.caption or portrait_caption(article)
    caption = kit.para(text, "caption") if text else None
    credit = kit.para(figure.credit, "credit") if figure.credit else None
    theme = kit.theme
    picture = Picture(figure.picture, figure.line, caption, credit, kit.placements,
                      max_height=kit.frame_height * theme.share("figure.portrait_max_height"),
                      gap=theme.pt("caption.gap"), space=theme.pt("figure.space"),
                      ledger=kit.ledger, label_font=theme.font("caption.font"))
    picture.tags.picture.alt = figure.alt
    return [picture]


def portrait_caption(article) -> str:
    """Whom a portrait shows, when it says nothing itself: the speaker ('Aigul Solovyova'),
    with the byline's role only when the byline is the speaker's own; a letter's writer with
    the byline's role ('Azamat Baigaliyev, Deputy Director')."""
    byline = article.byline
    if article.speaker and not (byline and byline.name == article.speaker):
        return article.speaker
    if byline:
        return ", ".join(x for x in (byline.name, byline.role) if x)
    return ""


def below_opener(kit: Kit, grid: Grid, page: int) -> OpenerSpace:
    """Space that starts the body at the opener depth, on the baseline grid."""
    return OpenerSpace(kit.theme.pt("grid.opener_depth"), grid.leading, grid.body(page).height,
                       kit.theme.pt("grid.opener_max"), kit.notes)


def in_columns(kit: Kit, flowables: list[Flowable], columns: int, grid: Grid) -> list[Flowable]:
    """The body set in balanced columns (one column too, for the baseline grid); a run of
    columns starts on a page only where the theme's body.start_lines lines of body text fit.

    A picture across the type area (or spanning columns) interrupts the columns: the text
    before it is balanced above it, and the columns start again after it. A full-page
    picture (bleed, spread) floats in the run: its pages follow the page it falls on.
    """
    start_lines = kit.theme.count("body.start_lines")
    leading = kit.styles["body"].leading  # the grid: the body's (a letter's is its own)
    out: list[Flowable] = []
    run: list[Flowable] = []
    for flowable in flowables:
        if getattr(flowable, "wide", False):
            out += _columns(kit, run, columns, grid, start_lines, leading)
            out.append(flowable)
            run = []
        else:
            run.append(flowable)
    return out + _columns(kit, run, columns, grid, start_lines, leading)


def _columns(kit: Kit, flowables: list[Flowable], columns: int, grid: Grid,
             start_lines: int, leading: float) -> list[Flowable]:
    if not flowables:
        return []
    if kit.floats is None:  # one count of pull quotes for all the article's column runs
        kit.floats = Floats.from_theme(kit.theme, kit.notes)
    return [Columns(flowables, columns, grid.gutter, needed=grid.leading * start_lines,
                    ledger=kit.ledger, leading=leading, frame_height=grid.body(2).height,
                    first_page=kit.first_page, floats=kit.floats)]


def lead_in(kit: Kit, grid: Grid, page: int, story: list[Flowable]) -> list[Flowable]:
    """The story with its opening photo placed: `opener` sets the opener (everything above
    the body's start) over a full-bleed photo and starts the body on the next page;
    `facing` puts the photo on the left-hand page before the opener."""
    article = kit.article
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    lead = next((f for f in figures if f.placement in FIRST_ONLY), None)
    if lead is None:
        return story
    first = article.blocks[0]
    if lead is not first:
        raise IssueError(article.path, lead.line, f"{_a(lead.placement)} '{lead.placement}' "
                         "picture opens the "
                         "article: it must come first in the text", "move it above the first "
                         "paragraph, or place it 'bleed' or 'page'")
    focus = lead.frame.focus if lead.frame else (0.5, 0.5)
    texts = [kit.para(t, style) for t, style in ((lead.caption, "caption"),
                                                  (lead.credit, "credit")) if t]
    if lead.placement == "facing":
        if page % 2:
            raise IssueError(article.path, lead.line, f"the article starts on p. {page}, a "
                             "right-hand page: the page facing its opener belongs to the "
                             "article before it", "move it to start on a left-hand (even) "
                             "page in the flatplan, or place the photo 'opener'")
        facing = FullPage(lead.picture, lead.line, texts, focus, page_kit(kit))
        facing.tags.picture.alt = lead.alt
        return [facing, *story]
    spaces = [k for k, f in enumerate(story) if isinstance(f, OpenerSpace)]
    if not spaces:
        raise IssueError(article.path, lead.line, f"a {article.kind} has no opener to set "
                         "over a photo", "place the photo 'bleed' or 'page'")
    head, body = story[:spaces[0]], story[spaces[0] + 1:]
    theme = kit.theme
    area = grid.body(page)
    opener = PhotoOpener(lead.picture, lead.line, head, texts, focus, page_kit(kit), area,
                         theme.colour("field"), theme.pt("photo_opener.padding"),
                         area.width * theme.share("photo_opener.width"),
                         theme.share("photo_opener.opacity"))
    opener.tags.picture.alt = lead.alt
    return [opener, *body]


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
