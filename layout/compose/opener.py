"""The parts of an article's first page above the body, and the body's columns."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable

from layout.compose.columns import Columns
from layout.compose.elements import Kit
from layout.compose.figures import Picture
from layout.compose.flowables import OpenerSpace
from layout.compose.grid import Grid
from layout.compose.text import Paragraph


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

    A page-wide or full-bleed picture interrupts the columns: the text before it is balanced
    above it, and the columns start again after it.
    """
    start_lines = kit.theme.count("body.start_lines")
    leading = kit.styles["body"].leading  # the grid: the body's (a letter's is its own)
    out: list[Flowable] = []
    run: list[Flowable] = []
    for flowable in flowables:
        if getattr(flowable, "wide", False):
            out += _columns(run, columns, grid, start_lines, kit.ledger, leading)
            out.append(flowable)
            run = []
        elif isinstance(flowable, CondPageBreak):
            out += _columns(run, columns, grid, start_lines, kit.ledger, leading)
            out.append(flowable)
            run = []
        else:
            run.append(flowable)
    return out + _columns(run, columns, grid, start_lines, kit.ledger, leading)


def _columns(flowables: list[Flowable], columns: int, grid: Grid,
             start_lines: int, ledger, leading: float) -> list[Flowable]:
    if not flowables:
        return []
    return [Columns(flowables, columns, grid.gutter, needed=grid.leading * start_lines,
                    ledger=ledger, leading=leading, frame_height=grid.body(2).height)]
