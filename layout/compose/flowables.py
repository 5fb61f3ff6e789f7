"""The magazine's own flowables: boxes (pull quote, sidebar, card), rules, opener space, and a
heading kept with its text."""

from __future__ import annotations

import math

from reportlab.platypus import Flowable

from layout.compose.tagging import Tag, group


class Boxed(Flowable):
    """Paragraphs kept together in a box: rules above and below, and/or a tinted ground."""

    def __init__(self, paras: list[Flowable], padding: float, fill=None, rule_colour=None,
                 rule_width: float = 0, rules: str = "", space_before: float = 0,
                 space_after: float = 0, source: tuple | None = None):
        super().__init__()
        self.paras, self.padding, self.fill = paras, padding, fill
        self.rule_colour, self.rule_width, self.rules = rule_colour, rule_width, rules
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.source = source  # (path, line, what): named by too_tall if no column holds it
        self.tag = Tag.for_box(source[2]) if source else Tag("Div")

    def split(self, avail_width, avail_height):
        return []  # a box moves to the next column whole

    def wrap(self, avail_width, avail_height):
        inner = avail_width - (2 * self.padding if self.fill else 0)
        self._sizes = [p.wrap(inner, 1e6) for p in self.paras]
        gaps = sum(p.getSpaceAfter() for p in self.paras[:-1])
        gaps += sum(p.getSpaceBefore() for p in self.paras[1:])
        self.width = avail_width
        self.height = sum(h for _, h in self._sizes) + gaps + 2 * self.padding
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        if self.fill:
            canvas.setFillColor(self.fill)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.rule_width:
            canvas.setStrokeColor(self.rule_colour)
            canvas.setLineWidth(self.rule_width)
            if "above" in self.rules:
                canvas.line(0, self.height, self.width, self.height)
            if "below" in self.rules:
                canvas.line(0, 0, self.width, 0)
        canvas.restoreState()
        x = self.padding if self.fill else 0
        y = self.height - self.padding
        with group(canvas, self.tag):
            for k, (para, (_, h)) in enumerate(zip(self.paras, self._sizes, strict=True)):
                if k:
                    y -= para.getSpaceBefore()
                y -= h
                para.drawOn(canvas, x, y)
                y -= para.getSpaceAfter()


class Rule(Flowable):
    """A horizontal rule across the column (between briefs, above a signature)."""

    def __init__(self, colour, width: float, length: float | None = None,
                 space_before: float = 0, space_after: float = 0):
        super().__init__()
        self.colour, self.line_width, self.length = colour, width, length
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, avail_width, avail_height):
        self.width = self.length or avail_width
        self.height = self.line_width
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, self.line_width / 2, self.width, self.line_width / 2)
        self.canv.restoreState()


class OpenerSpace(Flowable):
    """Pushes the body below the opener: to at least `depth` down the frame, on the grid."""

    def __init__(self, depth: float, leading: float, frame_height: float,
                 limit: float = 0, notes: list[str] | None = None):
        super().__init__()
        self.depth, self.leading, self.frame_height = depth, leading, frame_height
        self.limit, self.notes = limit, notes

    def wrap(self, avail_width, avail_height):
        used = self.frame_height - avail_height
        if self.limit and used > self.limit and self.notes is not None and not self.notes:
            self.notes.append(f"headline and standfirst too long for the opener: "
                              f"{(used - self.limit) / 72 * 25.4:.0f} mm over its "
                              f"{self.limit / 72 * 25.4:.0f} mm")
        target = max(self.depth, used + self.leading / 2)
        lines = int(target / self.leading + 0.999)
        self.width, self.height = avail_width, max(lines * self.leading - used, 0)
        return self.width, self.height

    def draw(self):
        pass


def grid_gap(head_height: float, asked: float, leading: float) -> float:
    """The space between a flowable `head_height` tall and the text under it: as asked, then
    made up so that the text starts a whole number of its lines (`leading`) below the head's
    top (on the baseline grid when the head is), never less than half of what was asked."""
    if leading <= 0:
        return asked
    lines = max(round((head_height + asked) / leading),
                math.ceil((head_height + asked / 2) / leading - 1e-6))
    return lines * leading - head_height


class HeadWithText(Flowable):
    """A heading bound to the text after it: it never ends a column without two lines of text.

    Platypus's keepWithNext does not hold inside balanced columns, so the pair is one flowable
    that splits only inside the text.
    """

    def __init__(self, head: Flowable, text: Flowable, min_lines: int = 2):
        super().__init__()
        self.head, self.text, self.min_lines = head, text, min_lines

    def _gap(self, head_height: float) -> float:
        """The space between head and text: as asked, then made up so that the text starts a
        whole number of its lines below the head's top (on the baseline grid when the pair
        is), never less than half of what was asked."""
        return grid_gap(head_height, self.head.getSpaceAfter() + self.text.getSpaceBefore(),
                        getattr(self.text, "leading", 0))

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.text.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        _, self.head_height = self.head.wrap(avail_width, avail_height)
        gap = self._gap(self.head_height)
        _, self.text_height = self.text.wrap(avail_width,
                                             max(avail_height - self.head_height - gap, 0))
        self.width = avail_width
        self.height = self.head_height + gap + self.text_height
        return self.width, self.height

    def split(self, avail_width, avail_height):
        _, head_height = self.head.wrap(avail_width, avail_height)
        room = avail_height - head_height - self._gap(head_height)
        leading = getattr(self.text, "leading", 0)
        if room < self.min_lines * leading:
            return []
        parts = self.text.split(avail_width, room)
        if not parts:
            return []
        return [HeadWithText(self.head, parts[0], self.min_lines), *parts[1:]]

    def draw(self):
        self.head.drawOn(self.canv, 0, self.height - self.head_height)
        self.text.drawOn(self.canv, 0, 0)


class Beside(Flowable):
    """A picture `size` wide at the left, the paragraphs stacked beside it, `gap` between
    (a headshot on a vox-pop card)."""

    def __init__(self, picture: Flowable, size: float, paras: list[Flowable], gap: float):
        super().__init__()
        self.picture, self.size, self.paras, self.gap = picture, size, paras, gap

    def wrap(self, avail_width, avail_height):
        _, self.picture_height = self.picture.wrap(self.size, avail_height)
        inner = avail_width - self.size - self.gap
        self.heights = [p.wrap(inner, avail_height)[1] for p in self.paras]
        self.width = avail_width
        self.height = max(self.picture_height, sum(self.heights))
        return self.width, self.height

    def draw(self):
        self.picture.drawOn(self.canv, 0, self.height - self.picture_height)
        y = self.height
        for para, h in zip(self.paras, self.heights, strict=True):
            y -= h
            para.drawOn(self.canv, self.size + self.gap, y)
