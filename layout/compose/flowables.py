"""The magazine's own flowables: drop cap, pull quote, sidebar, respondent card, rules."""

from __future__ import annotations

from copy import copy

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.flowables import cdeepcopy

from layout.errors import IssueError


class DropCapParagraph(Flowable):
    """A paragraph whose first `lines` lines make room for a large initial.

    The initial's cap height spans from the first line's cap height down to the baseline of
    line `lines`, as DESIGN.md asks.
    """

    def __init__(self, initial: str, para: Paragraph, font: str, colour, lines: int, gap: float,
                 body_cap_height: float, cap_height_ratio: float):
        super().__init__()
        self.initial, self.para, self.font, self.colour = initial, para, font, colour
        self.lines, self.gap = lines, gap
        leading = para.style.leading
        self.size = ((lines - 1) * leading + body_cap_height) / cap_height_ratio
        self.cap_width = stringWidth(initial, font, self.size) + gap

    def wrap(self, avail_width, avail_height):
        para, leading = self.para, self.para.style.leading
        indent = avail_width - self.cap_width
        para.width = avail_width
        para.blPara = para.breakLines([indent] * self.lines + [avail_width])
        para.height = len(para.blPara.lines) * leading
        self.width = avail_width
        self.height = max(para.height, self.lines * leading)
        return self.width, self.height

    def deepcopy(self):
        """The copy balanced columns split on trial (see Paragraph.deepcopy)."""
        twin = copy(self)
        twin.para = cdeepcopy(self.para)
        return twin

    def split(self, avail_width, avail_height):
        leading = self.para.style.leading
        if avail_height < (self.lines + 1) * leading:
            return []
        self.wrap(avail_width, avail_height)
        parts = self.para.split(avail_width, avail_height)
        if len(parts) < 2:
            return parts and [self]
        head = copy(self)
        head.para = parts[0]
        return [head, *parts[1:]]

    def draw(self):
        para, leading = self.para, self.para.style.leading
        baseline = self.height - para.style.fontSize - (self.lines - 1) * leading
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.colour)
        canvas.setFont(self.font, self.size)
        canvas.drawString(0, baseline, self.initial)
        canvas.restoreState()
        para._offsets = [self.cap_width] * self.lines + [0]
        try:
            para.drawOn(canvas, 0, self.height - para.height)
        finally:
            del para._offsets


class Boxed(Flowable):
    """Paragraphs kept together in a box: rules above and below, and/or a tinted ground."""

    def __init__(self, paras: list[Flowable], padding: float, fill=None, rule_colour=None,
                 rule_width: float = 0, rules: str = "", space_before: float = 0,
                 space_after: float = 0, source: tuple | None = None,
                 column_height: float = 0):
        super().__init__()
        self.paras, self.padding, self.fill = paras, padding, fill
        self.rule_colour, self.rule_width, self.rules = rule_colour, rule_width, rules
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.source, self.column_height = source, column_height  # (path, line, what)

    def split(self, avail_width, avail_height):
        return []  # a box moves to the next column whole

    def deepcopy(self):
        return copy(self)  # it never splits: nothing of it changes on a trial split

    def _check_fits_a_column(self) -> None:
        """A box taller than a whole column can never be placed: the editor must shorten it."""
        if self.source and self.column_height and self.height > self.column_height:
            path, line, what = self.source
            over = (self.height - self.column_height) / 72 * 25.4
            raise IssueError(path, line, f"the {what} is taller than a column "
                             f"({over:.0f} mm too long)", f"shorten the {what} or split it in two")

    def wrap(self, avail_width, avail_height):
        inner = avail_width - (2 * self.padding if self.fill else 0)
        self._sizes = [p.wrap(inner, 1e6) for p in self.paras]
        gaps = sum(p.getSpaceAfter() for p in self.paras[:-1])
        gaps += sum(p.getSpaceBefore() for p in self.paras[1:])
        self.width = avail_width
        self.height = sum(h for _, h in self._sizes) + gaps + 2 * self.padding
        self._check_fits_a_column()
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


class HeadWithText(Flowable):
    """A heading bound to the text after it: it never ends a column without two lines of text.

    Platypus's keepWithNext does not hold inside balanced columns, so the pair is one flowable
    that splits only inside the text.
    """

    def __init__(self, head: Flowable, text: Flowable, min_lines: int = 2):
        super().__init__()
        self.head, self.text, self.min_lines = head, text, min_lines

    def _gap(self) -> float:
        return self.head.getSpaceAfter() + self.text.getSpaceBefore()

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.text.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        _, self.head_height = self.head.wrap(avail_width, avail_height)
        _, self.text_height = self.text.wrap(avail_width, max(avail_height - self.head_height, 0))
        self.width = avail_width
        self.height = self.head_height + self._gap() + self.text_height
        return self.width, self.height

    def deepcopy(self):
        """The copy balanced columns split on trial (see Paragraph.deepcopy)."""
        return HeadWithText(cdeepcopy(self.head), cdeepcopy(self.text), self.min_lines)

    def split(self, avail_width, avail_height):
        _, head_height = self.head.wrap(avail_width, avail_height)
        room = avail_height - head_height - self._gap()
        leading = getattr(getattr(self.text, "style", None), "leading", 13)
        if room < self.min_lines * leading:
            return []
        parts = self.text.split(avail_width, room)
        if not parts:
            return []
        return [HeadWithText(self.head, parts[0], self.min_lines), *parts[1:]]

    def draw(self):
        self.head.drawOn(self.canv, 0, self.height - self.head_height)
        self.text.drawOn(self.canv, 0, 0)
