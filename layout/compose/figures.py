"""Pictures and statistics call-outs as flowables.

Every placed picture reports its effective resolution (pixels per inch at its printed size)
to the article's placement list, so the build can warn or refuse.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from layout.compose.ledger import Ledger
from layout.compose.tagging import FigureTags, Tag, group, marked, picture_of
from layout.compose.text import Paragraph
from layout.compose.text.draw import write_text
from layout.content.ink_limit import within_limit_jpeg
from layout.errors import IssueError
from layout.style.theme import MM


@dataclass
class Placement:
    """Where a picture was placed, at what effective resolution, and whether its caption
    and credit were printed with it (compose checks that none is lost)."""

    line: int
    name: str
    ppi: float
    caption: bool = False  # its caption was drawn
    credit: bool = False  # its credit was drawn
    to_come: bool = False  # a PICTURE TO COME frame (a proof): no resolution yet
    page: int = 0  # the article's own page (1-based) it is drawn on
    box: tuple = ()  # (x0, y0, x1, y1) in pt on the page (with its bleed) that it covers
    depth: float = 0.0  # pt it takes in the column, caption and credit included


class Picture(Flowable):
    """A picture as wide as the column (or the type area), its caption and credit below."""

    def __init__(self, picture, line: int, caption: Paragraph | None, credit: Paragraph | None,
                 placements: list[Placement], max_height: float, gap: float, space: float,
                 ledger: Ledger | None = None, label_font: str = "",
                 refuse_too_tall: tuple | None = None):
        super().__init__()
        # (article path, placement, theme key): a picture taller than max_height at its
        # width is refused at its line; without it (portraits) it is set narrower instead
        self.refuse_too_tall = refuse_too_tall
        self.ledger, self.label_font = ledger, label_font
        self.picture, self.line, self.caption, self.credit = picture, line, caption, credit
        self.placements, self.max_height, self.gap = placements, max_height, gap
        self.spaceBefore = self.spaceAfter = space
        self.tags = FigureTags()  # the screen edition's elements; the alt text is set on them

    def wrap(self, avail_width, avail_height):
        self.image_width = avail_width
        self.image_height = avail_width * self.picture.aspect
        if self.image_height > self.max_height + 0.5:  # very tall pictures: fit the height
            if self.refuse_too_tall and not getattr(self.picture, "missing", False):
                self._refuse(avail_width)
            self.image_height = self.max_height
            self.image_width = self.max_height / self.picture.aspect
        self.texts = [t for t in (self.caption, self.credit) if t]
        self.text_heights = [t.wrap(avail_width, avail_height)[1] for t in self.texts]
        self.width = avail_width
        self.height = self.image_height + sum(self.text_heights) + self.gap * len(self.texts)
        return self.width, self.height

    def _refuse(self, width: float) -> None:
        path, placement, key = self.refuse_too_tall
        name, tall = self.picture.path.name, width * self.picture.aspect
        raise IssueError(path, self.line, f"picture '{name}' is too tall for its placement "
                         f"'{placement}': {width / MM:.0f} mm wide it would be {tall / MM:.0f} mm "
                         f"tall, more than the {self.max_height / MM:.0f} mm a picture may take "
                         f"({key})", "crop it to a wider frame, or place it narrower ('column' "
                         "for 'page')")

    def draw(self):
        if self.ledger is not None:
            self.ledger.reached(self.canv.getPageNumber(), self.canv.absolutePosition(0, 0)[1])
        with group(self.canv, self.tags.whole, self.width, self.height):
            self._draw()

    def _draw(self):
        y = self.height - self.image_height
        missing = getattr(self.picture, "missing", False)
        if missing:
            draw_placeholder(self.canv, 0, y, self.image_width, self.image_height,
                             self.picture.path.name, self.label_font)
        else:
            with marked(self.canv, picture_of(self.tags.picture, self.picture), self.height):
                self.canv.drawImage(at_print_size(self.picture, self.image_width), 0, y,
                                    self.image_width, self.image_height)
        ppi = 0.0 if missing else self.picture.width_px / (self.image_width / 72)
        x0, y0 = self.canv.absolutePosition(0, y)
        self.placements.append(Placement(
            self.line, self.picture.path.name, ppi, bool(self.caption), bool(self.credit),
            missing, self.canv.getPageNumber(),
            (x0, y0, x0 + self.image_width, y0 + self.image_height), self.height))
        with group(self.canv, self.tags.caption if self.texts else None):
            for text, height in zip(self.texts, self.text_heights, strict=True):
                y -= self.gap + height
                text.drawOn(self.canv, 0, y)


PLACEHOLDER_GREY = CMYKColor(0, 0, 0, 0.12)
PLACEHOLDER_INK = CMYKColor(0, 0, 0, 0.6)


def draw_placeholder(canvas, x: float, y: float, width: float, height: float,
                     name: str, font: str) -> None:
    """A grey frame where a picture will go: 'PICTURE TO COME: name, W × H mm', crossed."""
    canvas.saveState()
    canvas.setFillColor(PLACEHOLDER_GREY)
    canvas.setStrokeColor(PLACEHOLDER_INK)
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, width, height, stroke=1, fill=1)
    canvas.line(x, y, x + width, y + height)  # the cross a layout artist draws for "to come"
    canvas.line(x, y + height, x + width, y)
    label = f"PICTURE TO COME: {name}, {width / MM:.0f} × {height / MM:.0f} mm"
    size = 9
    label_width = stringWidth(label, font, size)
    if label_width > width - 8:  # a narrow frame: shrink the label rather than overrun it
        size *= (width - 8) / label_width
        label_width = width - 8
    pad = 3
    canvas.setFillColor(CMYKColor(0, 0, 0, 0))
    canvas.rect(x + (width - label_width) / 2 - pad, y + height / 2 - size * 0.4 - pad,
                label_width + 2 * pad, size + 2 * pad, stroke=0, fill=1)
    canvas.setFillColor(PLACEHOLDER_INK)
    write_text(canvas, font, size, x + width / 2, y + height / 2 - size * 0.3, label,
               anchor="middle")
    canvas.restoreState()


MAX_PPI, TARGET_PPI = 450, 350  # finer pictures are resampled: the plate cannot show more


def at_print_size(picture, width_pt: float) -> ImageReader:
    """The picture for its printed width: resampled to 350 ppi when it is finer than 450
    (and kept within the ink limit: resampling sharpens, and may raise a shadow's ink)."""
    ppi = picture.width_px / (width_pt / 72)
    if ppi <= MAX_PPI:
        return ImageReader(io.BytesIO(picture.jpeg))
    from PIL import Image

    width_px = round(width_pt / 72 * TARGET_PPI)
    with Image.open(io.BytesIO(picture.jpeg)) as image:
        height_px = round(image.height * width_px / image.width)
        smaller = image.resize((width_px, height_px), Image.Resampling.LANCZOS)
    return ImageReader(io.BytesIO(within_limit_jpeg(smaller, picture.ink_limit)))


@dataclass(frozen=True)
class StatsSpacing:
    """The theme's measures of a stats call-out (`stats:`), in pt."""

    KEYS = ("bar", "bar_min", "padding", "space", "row_gap", "label_gap")
    bar: float  # height of each bar
    bar_min: float  # the shortest bar
    padding: float  # inside the tinted box
    space: float  # above and below the box
    row_gap: float  # between two figures
    label_gap: float  # between a bar and its label, and under the label


# where the figures sit in their row: the top of a bold sans figure's ink is about 0.8 of its
# size above its baseline, and the bar starts a quarter of the size under it
FIGURE_ASCENT, FIGURE_DESCENT = 0.8, 0.25


class StatsCallout(Flowable):
    """Figures the text states, drawn: a large number, what it counts, a bar to scale."""

    def __init__(self, items, number_font: str, number_size: float, labels: list[Paragraph],
                 colours, spacing: StatsSpacing, ledger: Ledger | None = None):
        super().__init__()
        self.items, self.number_font, self.number_size = items, number_font, number_size
        self.labels, self.colours, self.ledger = labels, colours, ledger
        self.spacing = spacing
        self.bar_height, self.padding = spacing.bar, spacing.padding
        self.values = [_value(number) for number, _ in items]
        self.spaceBefore = self.spaceAfter = spacing.space

    def wrap(self, avail_width, avail_height):
        inner = avail_width - 2 * self.padding
        self.label_heights = [p.wrap(inner, avail_height)[1] for p in self.labels]
        self.number_lines = [wrap_figure(number, self.number_font, self.number_size, inner)
                             for number, _ in self.items]
        figure_line = self.number_size * (FIGURE_ASCENT + FIGURE_DESCENT)
        self.row_heights = [figure_line * len(lines) + self.bar_height
                            + 2 * self.spacing.label_gap + h
                            for lines, h in zip(self.number_lines, self.label_heights,
                                                strict=True)]
        self.width = avail_width
        self.height = (sum(self.row_heights) + 2 * self.padding
                       + self.spacing.row_gap * (len(self.items) - 1))
        return self.width, self.height

    def draw(self):
        canvas, colours = self.canv, self.colours
        if self.ledger is not None:
            self.ledger.reached(canvas.getPageNumber(), canvas.absolutePosition(0, 0)[1])
        canvas.saveState()
        canvas.setFillColor(colours.tint)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        inner = self.width - 2 * self.padding
        top = self.height - self.padding
        biggest = max(self.values) or 1
        for lines, value, label, label_h, row_h in zip(
                self.number_lines, self.values, self.labels, self.label_heights,
                self.row_heights, strict=True):
            baseline = top - self.number_size * FIGURE_ASCENT
            canvas.setFillColor(colours.accent)
            with marked(canvas, Tag("P"), top):  # the figure, then what it counts
                for k, piece in enumerate(lines):  # a figure wider than the column wraps
                    if k:
                        baseline -= self.number_size * (FIGURE_ASCENT + FIGURE_DESCENT)
                    write_text(canvas, self.number_font, self.number_size, self.padding,
                               baseline, piece)
            bar_y = baseline - self.number_size * FIGURE_DESCENT - self.bar_height
            canvas.setFillColor(colours.paper)
            canvas.rect(self.padding, bar_y, inner, self.bar_height, stroke=0, fill=1)
            canvas.setFillColor(colours.gold)
            canvas.rect(self.padding, bar_y, max(inner * value / biggest, self.spacing.bar_min),
                        self.bar_height, stroke=0, fill=1)
            label.drawOn(canvas, self.padding, bar_y - self.spacing.label_gap - label_h)
            top -= row_h + self.spacing.row_gap
        canvas.restoreState()


def wrap_figure(number: str, font: str, size: float, width: float) -> list[str]:
    """A figure as printed, in lines no wider than `width`: broken at spaces, and a word
    wider than the whole width between its characters."""
    lines: list[str] = []
    for word in number.split():
        while len(word) > 1 and stringWidth(word, font, size) > width:
            cut = 1
            while cut < len(word) - 1 and stringWidth(word[:cut + 1], font, size) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _value(number: str) -> float:
    """The numeric value of a figure as printed: '2 000 000', '23 thousand', '8.6 %'."""
    match = re.search(r"\d[\d\s,\u00a0]*(?:\.\d+)?", number)
    digits = re.sub(r"[\s,\u00a0]", "", match.group(0)) if match else "0"
    value = float(digits)
    lowered = number.lower()
    for word, factor in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9)):
        if word in lowered:
            value *= factor
    return value



class PictureSpace(Flowable):
    """The free space under an article's text, kept for a picture to come (`picture_space:`).

    A proof marks it with a dashed frame saying what will go there; a build leaves it white.
    It takes no more room than the page has left, so it never adds a page.
    """

    def __init__(self, what: str, proof: bool, colours, font: str):
        super().__init__()
        self.what, self.proof, self.colours, self.font = what, proof, colours, font

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, max(avail_height - 1, 0)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []

    def draw(self):
        if not self.proof or self.height < 36:  # too little room to mark
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(PLACEHOLDER_INK)
        canvas.setDash(4, 3)
        canvas.setLineWidth(0.5)
        inset = 6  # clear of the text above it
        canvas.rect(0, 0, self.width, self.height - inset, stroke=1, fill=0)
        canvas.setFillColor(PLACEHOLDER_INK)
        label = f"SPACE FOR A PICTURE TO COME: {self.what}"
        size = min(9.0, 9.0 * (self.width - 8) / max(stringWidth(label, self.font, 9), 1))
        write_text(canvas, self.font, size, self.width / 2, (self.height - inset) / 2, label,
                   anchor="middle")
        canvas.restoreState()
