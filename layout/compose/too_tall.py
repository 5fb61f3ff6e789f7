"""The element of a story that no column can hold, found when ReportLab gives up on one.

ReportLab says only that some flowable is too large (LayoutError, compose.pages.TooLarge).
This looks through the story for the element that is taller than a whole column and cannot
be split, and names it with its line.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from layout.compose.columns import Columns
from layout.compose.grid import Grid
from layout.compose.tagging import untagged
from layout.errors import IssueError

WHAT = {  # flowable class -> what an editor calls it
    "Picture": ("picture with its caption", "shorten the caption, or place the picture 'page' "
                "wide"),
    "FramedPicture": ("picture with its caption", "give it a smaller 'height:' or a wider "
                      "'aspect:', or place it 'bleed' to fill a page"),
    "GroupPicture": ("group of photos", "give it fewer photos or a wider 'aspect:', or "
                     "place it 'page'"),
    "InsetWrap": ("inset picture with the lines beside it", "give it a wider 'aspect:' or "
                  "place it 'column'"),
    "TextThenPicture": ("picture with its brief's last lines", "give it a wider 'aspect:'"),
    "StatsCallout": ("stats call-out", "give it fewer figures or shorter labels"),
    "HeadWithText": ("heading (subhead or question)", "shorten it: it must fit a column with "
                     "two lines of the text after it"),
    "Paragraph": ("paragraph", "split it in two"),
    "CoverLine": ("cover line", "shorten it"),
    "TableFlowable": ("table (its caption, header and a row)", "shorten the row's cells or "
                      "the caption: a table splits only between rows"),
    "ChartFlowable": ("chart", "give it fewer rows or shorter labels"),
    "Hanging": ("list item or note", "split it in two"),
    "LeadIn": ("paragraph before a list with the list's first item", "split the paragraph"),
}


def too_tall_error(story: list[Flowable], grid: Grid, page: int, path: Path) -> IssueError | None:
    """The error naming the first element taller than a column that cannot split, if any."""
    body = grid.body(page)
    for flowable, width in _elements(story, body.width):
        _, height = flowable.wrap(width, body.height)
        if height <= body.height or flowable.split(width, body.height):
            continue
        name = type(flowable).__name__
        what, hint = WHAT.get(name, (f"element ({name})", "shorten it or split it in two"))
        source = getattr(flowable, "source", None)
        if isinstance(source, tuple) and len(source) == 3:  # a box says what it holds
            what, hint = source[2], f"shorten the {source[2]} or split it in two"
        over = (height - body.height) / 72 * 25.4
        return IssueError(path, _line(flowable), f"the {what} is taller than a column "
                          f"({over:.0f} mm too long)", hint)
    return None


def _elements(story: list[Flowable], width: float):
    """Each element of the story with the width it is set at (inside balanced columns too)."""
    for flowable in map(untagged, story):
        if isinstance(flowable, Columns):
            column = flowable.column_width(width)
            for inner in map(untagged, flowable.flowables):
                yield inner, column
        else:
            yield flowable, width


def _line(flowable: Flowable) -> int | None:
    """The line of the article that made the element (elements remember it as they are made)."""
    for candidate in (flowable, getattr(flowable, "head", None)):
        for attribute in ("source_line", "line"):
            line = getattr(candidate, attribute, None)
            if isinstance(line, int) and line > 0:
                return line
        source = getattr(candidate, "source", None)
        if isinstance(source, tuple) and len(source) > 1 and isinstance(source[1], int):
            return source[1]
    return None
