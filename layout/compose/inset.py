"""An inset picture with the text wrapping round it: the picture (and its caption) at the
left or right of the column, the lines beside it set — justified — to the shorter measure,
the standoff (theme: figure.inset_standoff) between them and above the picture (unless it
heads a column), full lines below.

The inset takes the paragraphs that follow it in the text. The block moves to the next
column whole while the picture and the lines beside it do not fit; below the picture it
splits like text, by whole lines.
"""

from __future__ import annotations

import math

from reportlab.platypus import Flowable

from layout.errors import IssueError
from layout.style.theme import MM


class InsetWrap(Flowable):
    """`picture` (a flowable set `share` of the column wide) with `paras` wrapping round it."""

    def __init__(self, picture, paras: list, side: str, share: float, standoff: float,
                 min_beside: float, source: tuple):
        super().__init__()
        self.picture, self.paras, self.side, self.share = picture, paras, side, share
        self.standoff, self.min_beside, self.source = standoff, min_beside, source
        self.spaceBefore = paras[0].getSpaceBefore() if paras else 0.0
        self.spaceAfter = paras[-1].getSpaceAfter() if paras else 0.0

    def _lay_out(self, width: float, height: float):
        """The picture's size, each paragraph's top and height with its lines beside it."""
        inset = width * self.share
        beside = width - inset - self.standoff
        if beside < self.min_beside:
            path, line = self.source
            raise IssueError(path, line, f"the column is too narrow to wrap text round the "
                             f"picture: {beside / MM:.1f} mm would be left beside it, under "
                             f"the {self.min_beside / MM:.1f} mm (figure.inset_min_beside) a "
                             "line needs", "place it 'column' (no wrap), or set the article "
                             "in fewer columns")
        _, picture_height = self.picture.wrap(inset, height)
        picture_height += self.above()  # clear of the descenders of the line above it
        zone = picture_height + self.standoff
        shift = inset + self.standoff if self.side == "left" else 0.0
        tops, heights, y = [], [], 0.0
        for k, para in enumerate(self.paras):
            if k:
                y += max(para.getSpaceBefore(), self.paras[k - 1].getSpaceAfter())
            para.around = (max(0, math.ceil((zone - y) / para.leading - 1e-6)),
                           inset + self.standoff, shift)
            _, h = para.wrap(width, height)
            tops.append(y)
            heights.append(h)
            y += h
        return inset, picture_height, zone, tops, heights, max(y, picture_height)

    def above(self) -> float:
        """The standoff above the picture: none at the head of a column (the filler says,
        compose/columns.py), where the picture lines up with the columns' tops."""
        return 0.0 if getattr(self, "at_column_head", False) else self.standoff

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        (self.inset, self.picture_height, self.zone, self.tops, self.heights,
         self.height) = self._lay_out(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        inset, picture_height, zone, tops, heights, total = self._lay_out(avail_width,
                                                                          avail_height)
        if total <= avail_height + 1e-6:
            return [self]
        if avail_height < max(zone, picture_height):
            return []  # the picture and the lines beside it go to the next column together
        head, tail = [], []
        for para, top, h in zip(self.paras, tops, heights, strict=True):
            if tail or top + h <= avail_height + 1e-6:
                (tail if tail else head).append(para)
                continue
            parts = para.split(avail_width, avail_height - top)
            lines_beside = para.around[0] if para.around else 0
            fit = len(parts[0].lines) if len(parts) == 2 else 0
            if len(parts) == 2 and fit >= lines_beside:
                head.append(parts[0])
                tail.append(parts[1])
            elif top >= zone:
                tail.append(para)
            else:
                return []  # it would break beside the picture: the next column, whole
        block = InsetWrap(self.picture, head, self.side, self.share, self.standoff,
                          self.min_beside, self.source)
        for para in tail:  # below the picture: plain text again
            para.around = None
        return [block, *tail]

    def draw(self):
        canvas = self.canv
        x = 0.0 if self.side == "left" else self.width - self.inset
        self.picture.drawOn(canvas, x, self.height - self.picture_height)  # the standoff
        # above it is in picture_height
        for para, top, h in zip(self.paras, self.tops, self.heights, strict=True):
            para.drawOn(canvas, 0, self.height - top - h)
