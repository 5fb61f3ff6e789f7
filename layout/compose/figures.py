"""Pictures and statistics call-outs as flowables.

Every placed picture reports its effective resolution (pixels per inch at its printed size)
to the article's placement list, so the build can warn or refuse.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from layout.compose.markup import plain


@dataclass
class Placement:
    """Where a picture was placed and at what effective resolution."""

    line: int
    name: str
    ppi: float


class Picture(Flowable):
    """A picture as wide as the column (or the type area), its caption and credit below."""

    def __init__(self, picture, line: int, caption: Paragraph | None, credit: Paragraph | None,
                 placements: list[Placement], max_height: float, gap: float = 4):
        super().__init__()
        self.picture, self.line, self.caption, self.credit = picture, line, caption, credit
        self.placements, self.max_height, self.gap = placements, max_height, gap
        self.spaceBefore = self.spaceAfter = 8

    def wrap(self, avail_width, avail_height):
        self.image_width = avail_width
        self.image_height = avail_width * self.picture.aspect
        if self.image_height > self.max_height:  # very tall pictures: fit the height instead
            self.image_height = self.max_height
            self.image_width = self.max_height / self.picture.aspect
        self.texts = [t for t in (self.caption, self.credit) if t]
        self.text_heights = [t.wrap(avail_width, avail_height)[1] for t in self.texts]
        self.width = avail_width
        self.height = self.image_height + sum(self.text_heights) + self.gap * len(self.texts)
        return self.width, self.height

    def draw(self):
        y = self.height - self.image_height
        self.canv.drawImage(at_print_size(self.picture, self.image_width), 0, y,
                            self.image_width, self.image_height)
        self.placements.append(Placement(self.line, self.picture.path.name,
                                         self.picture.width_px / (self.image_width / 72)))
        for text, height in zip(self.texts, self.text_heights, strict=True):
            y -= self.gap + height
            text.drawOn(self.canv, 0, y)


MAX_PPI, TARGET_PPI = 450, 350  # finer pictures are resampled: the plate cannot show more


def at_print_size(picture, width_pt: float) -> ImageReader:
    """The picture for its printed width: resampled to 350 ppi when it is finer than 450."""
    ppi = picture.width_px / (width_pt / 72)
    if ppi <= MAX_PPI:
        return ImageReader(io.BytesIO(picture.jpeg))
    from PIL import Image

    width_px = round(width_pt / 72 * TARGET_PPI)
    with Image.open(io.BytesIO(picture.jpeg)) as image:
        height_px = round(image.height * width_px / image.width)
        smaller = image.resize((width_px, height_px), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    smaller.save(out, "JPEG", quality=92, subsampling=0)
    return ImageReader(io.BytesIO(out.getvalue()))


class BleedPicture(Flowable):
    """A picture filling a whole page to the bleed edge; the page gets no running head or folio."""

    def __init__(self, picture, line: int, caption: Paragraph | None, page_box, placements,
                 caption_box_colour, safe: float):
        super().__init__()
        self.picture, self.line, self.caption = picture, line, caption
        self.page_box, self.placements = page_box, placements
        self.caption_box_colour, self.safe = caption_box_colour, safe

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, avail_height - 1
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        width, height = self.page_box
        scale = max(width / self.picture.width_px, height / self.picture.height_px)
        shown_w, shown_h = self.picture.width_px * scale, self.picture.height_px * scale
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(0, 0, width, height)
        canvas.clipPath(path, stroke=0, fill=0)
        canvas.drawImage(at_print_size(self.picture, shown_w), (width - shown_w) / 2,
                         (height - shown_h) / 2, shown_w, shown_h)
        canvas.restoreState()
        self.placements.append(Placement(self.line, self.picture.path.name, 72 / scale))
        if self.caption:
            w, h = self.caption.wrap(width / 2, height)
            pad = 6
            canvas.saveState()
            canvas.setFillColor(self.caption_box_colour)
            canvas.rect(self.safe - pad, self.safe - pad, w + 2 * pad, h + 2 * pad, stroke=0,
                        fill=1)
            canvas.restoreState()
            self.caption.drawOn(canvas, self.safe, self.safe)
        canvas._full_bleed_page = True  # read by the page furniture at the end of the page


class StatsCallout(Flowable):
    """Figures the text states, drawn: a large number, what it counts, a bar to scale."""

    def __init__(self, items, number_font: str, number_size: float, label_style, colours,
                 bar_height: float = 5, padding: float = 8):
        super().__init__()
        self.items, self.number_font, self.number_size = items, number_font, number_size
        self.label_style, self.colours = label_style, colours
        self.bar_height, self.padding = bar_height, padding
        self.values = [_value(number) for number, _ in items]
        self.spaceBefore = self.spaceAfter = 10

    def wrap(self, avail_width, avail_height):
        inner = avail_width - 2 * self.padding
        self.labels = [Paragraph(plain(label), self.label_style) for _, label in self.items]
        self.label_heights = [p.wrap(inner, avail_height)[1] for p in self.labels]
        self.number_lines = [wrap_figure(number, self.number_font, self.number_size, inner)
                             for number, _ in self.items]
        self.row_heights = [self.number_size * 1.05 * len(lines) + self.bar_height + 6 + h
                            for lines, h in zip(self.number_lines, self.label_heights,
                                                strict=True)]
        self.width = avail_width
        self.height = sum(self.row_heights) + 2 * self.padding + 4 * (len(self.items) - 1)
        return self.width, self.height

    def draw(self):
        canvas, colours = self.canv, self.colours
        canvas.saveState()
        canvas.setFillColor(colours.tint)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        inner = self.width - 2 * self.padding
        top = self.height - self.padding
        biggest = max(self.values) or 1
        for lines, value, label, label_h, row_h in zip(
                self.number_lines, self.values, self.labels, self.label_heights,
                self.row_heights, strict=True):
            baseline = top - self.number_size * 0.8
            canvas.setFillColor(colours.accent)
            canvas.setFont(self.number_font, self.number_size)
            for k, piece in enumerate(lines):  # a figure wider than the column wraps
                if k:
                    baseline -= self.number_size * 1.05
                canvas.drawString(self.padding, baseline, piece)
            bar_y = baseline - self.number_size * 0.25 - self.bar_height
            canvas.setFillColor(colours.paper)
            canvas.rect(self.padding, bar_y, inner, self.bar_height, stroke=0, fill=1)
            canvas.setFillColor(colours.gold)
            canvas.rect(self.padding, bar_y, max(inner * value / biggest, 2), self.bar_height,
                        stroke=0, fill=1)
            label.drawOn(canvas, self.padding, bar_y - 3 - label_h)
            top -= row_h + 4
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

