"""Photographs as a magazine places them: cropped to a box round a focal point, a page to
the bleed, a spread across the fold, an opener with its title over the photo.

A picture is never stretched: it is scaled to cover its box and clipped, and its focus
(`focus: 30% 40%`, the point kept in view) decides which part of it the box shows — the
point at 30 % across the picture lands 30 % across the box, so it is always inside. The
pixels are placed whole; the clip is the crop (the picture is not re-encoded for it).

Full-page pictures float: the text goes on filling the page where the picture is named,
and the picture takes the next page (a spread the next left-hand page).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from layout.compose.figures import Picture, Placement, at_print_size, draw_placeholder
from layout.compose.tagging import FigureTags, Tag, group, marked, picture_of
from layout.errors import IssueError
from layout.style.theme import MM


@dataclass(frozen=True)
class Shown:
    """Where a picture is drawn relative to its box's lower-left corner, and at what size."""

    x: float
    y: float
    width: float
    height: float

    def point(self, focus: tuple[float, float]) -> tuple[float, float]:
        """The picture's point at `focus` (0–1 from its left and top) in box coordinates."""
        return self.x + focus[0] * self.width, self.y + (1 - focus[1]) * self.height


def fill_box(width_px: int, height_px: int, box_width: float, box_height: float,
             focus: tuple[float, float], zoom: float = 1.0) -> Shown:
    """The picture scaled to cover the box (never stretched), offset so that its focus is in
    view: the point `focus` of the way across the picture sits as far across the box.

    >>> s = fill_box(3000, 2000, 100, 100, (0.5, 0.5))  # a landscape in a square: sides cut
    >>> round(s.width), round(s.height), round(s.x), round(s.y)
    (150, 100, -25, 0)
    >>> fill_box(3000, 2000, 100, 100, (0.0, 0.5)).x  # focus at its left edge: none cut there
    0.0
    """
    scale = max(box_width / width_px, box_height / height_px) * zoom
    shown_w, shown_h = width_px * scale, height_px * scale
    x = (box_width - shown_w) * focus[0]
    top_cut = (shown_h - box_height) * focus[1]
    return Shown(x, box_height + top_cut - shown_h, shown_w, shown_h)


def clear_of_fold(shown: Shown, focus: tuple[float, float], box_width: float, fold: float,
                  clear: float) -> tuple[Shown, bool]:
    """The crop moved sideways so that the focus stays `clear` of the fold at `fold` (box
    coordinates), as far as the picture reaches past the box; and whether it is clear."""
    x, _ = shown.point(focus)
    if abs(x - fold) >= clear:
        return shown, True
    low, high = box_width - shown.width, 0.0  # how far the picture may move and still cover
    wanted = [fold - clear - x, fold + clear - x]  # move the point left of or right of the fold
    moves = sorted((m for m in wanted if low - 1e-6 <= shown.x + m <= high + 1e-6), key=abs)
    if not moves:
        return shown, False
    return Shown(shown.x + moves[0], shown.y, shown.width, shown.height), True


@dataclass(frozen=True)
class Printed:
    """What a placement prints with its picture, for its Placement: whether its caption and
    its credit are drawn, how deep it is in the column, and the page it is clipped to."""

    caption: bool = False
    credit: bool = False
    depth: float = 0.0
    page: tuple | None = None  # (width, height): the box is cut at the page's edges

    @classmethod
    def of(cls, texts: list, **options) -> Printed:
        """From the caption and credit paragraphs drawn (their styles say which is which)."""
        styles = {getattr(getattr(t, "style", None), "name", "") for t in texts}
        return cls("caption" in styles, "credit" in styles, **options)


def draw_cropped(canvas, picture, x: float, y: float, width: float, height: float,
                 focus: tuple[float, float], placements: list, line: int, label_font: str,
                 shown: Shown | None = None, zoom: float = 1.0, tag: Tag | None = None,
                 printed: Printed | None = None) -> Shown | None:
    """The picture filling the box at (x, y), clipped to it (and marked as the screen
    edition's `tag`); where it went and at what effective resolution noted as a Placement.
    A picture still to come is a placeholder frame of the box's size."""
    printed = printed or Printed()
    x0, y0 = canvas.absolutePosition(x, y)
    x1, y1 = canvas.absolutePosition(x + width, y + height)
    if printed.page:  # a full page, a spread's half: what this page shows of it
        x0, y0 = max(x0, 0.0), max(y0, 0.0)
        x1, y1 = min(x1, printed.page[0]), min(y1, printed.page[1])
    missing = getattr(picture, "missing", False)
    if missing:
        draw_placeholder(canvas, x, y, width, height, picture.path.name, label_font)
        ppi = 0.0
    else:
        shown = shown or fill_box(picture.width_px, picture.height_px, width, height, focus,
                                  zoom)
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(x, y, width, height)
        canvas.clipPath(path, stroke=0, fill=0)
        with marked(canvas, picture_of(tag, picture), y + height):
            canvas.drawImage(at_print_size(picture, shown.width), x + shown.x, y + shown.y,
                             shown.width, shown.height)
        canvas.restoreState()
        ppi = picture.width_px / (shown.width / 72)
    placements.append(Placement(line, picture.path.name, ppi, printed.caption, printed.credit,
                                missing, canvas.getPageNumber(), (x0, y0, x1, y1),
                                printed.depth))
    return None if missing else shown


@dataclass
class PageKit:
    """What a full-page picture needs from the article: the page and how to reach it."""

    page_size: tuple[float, float]
    frame_height: float  # the type area's: a full-page picture takes all of it
    bleed: float
    safe: float  # text keeps this far inside the trim
    first_page: int  # the article's first page in the issue
    issue_pages: int  # pages in the issue (0: not known yet)
    ledger: object
    placements: list
    notes: list
    label_font: str
    box_colour: object  # behind a caption over a photo
    padding: float  # inside that box
    path: object  # the article, for errors


class FullPage(Flowable):
    """A picture filling a page to the bleed edge, its caption and credit in a box in the
    safe area at the foot of the page; the page has no running head or folio.

    `side` is None for one page, or 'left' / 'right' for the halves of a spread (the picture
    is one box across both pages, and the halves clip it at their own page)."""

    def __init__(self, picture, line: int, texts: list, focus: tuple[float, float],
                 kit: PageKit, side: str | None = None, fold_clear: float = 0.0,
                 verso: bool | None = None, tags: FigureTags | None = None):
        super().__init__()
        self.picture, self.line, self.texts, self.focus = picture, line, texts, focus
        self.kit, self.side, self.fold_clear = kit, side, fold_clear
        self.verso = (side == "left") if side else verso  # the page side it must fall on
        # the screen edition's elements (a spread's two halves share theirs: one figure)
        self.tags = tags or FigureTags()

    def issue_page(self) -> int:
        return self.kit.first_page + self.kit.ledger.page - 1

    def _on_wrong_side(self) -> bool:
        return self.verso is not None and (self.issue_page() % 2 == 0) != self.verso

    def wrap(self, avail_width, avail_height):
        """As tall as the empty frame: it fits only a page of its own."""
        self.width = avail_width
        full = self.kit.frame_height
        self.height = full + 1 if self._on_wrong_side() else full - 1
        return self.width, self.height

    def split(self, avail_width, avail_height):
        if self._on_wrong_side():  # a spread starts on a left-hand page: this one stays white
            return [PageBreak(), self]
        return []

    def drawOn(self, canvas, x, y, _sW=0):
        kit = self.kit
        page = self.issue_page()
        if self.side == "left" and kit.issue_pages and page + 1 > kit.issue_pages:
            raise IssueError(kit.path, self.line, f"a spread on p. {page}, the issue's last "
                             "page, has no facing page", "place it earlier in the text, or "
                             "make it 'bleed' (one page)")
        width, height = kit.page_size
        box_x, box_width = 0.0, width
        if self.side:
            trim = width - 2 * kit.bleed
            box_width = 2 * trim + 2 * kit.bleed
            box_x = 0.0 if self.side == "left" else -trim
        shown = self._shown(box_width, height)
        with group(canvas, self.tags.whole):
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(0, 0, width, height)  # this page's share of the picture
            canvas.clipPath(path, stroke=0, fill=0)
            # each half is a placement of its page (the bleed check sees both); the
            # caption and credit are the right-hand half's
            draw_cropped(canvas, self.picture, box_x, 0, box_width, height, self.focus,
                         kit.placements, self.line, kit.label_font, shown,
                         tag=self.tags.picture,
                         printed=Printed.of(self.texts, page=(width, height)))
            canvas.restoreState()
            if self.side != "left":  # a spread's caption goes on its right-hand page
                draw_caption_box(canvas, self.texts, kit,
                                 right=self.side == "right" or page % 2 == 1,
                                 tag=self.tags.caption)
        kit.ledger.full_bleed.add(kit.ledger.page)

    def _shown(self, box_width: float, height: float) -> Shown | None:
        if getattr(self.picture, "missing", False):
            return None
        shown = fill_box(self.picture.width_px, self.picture.height_px, box_width, height,
                         self.focus)
        if not self.side:
            return shown
        fold = box_width / 2
        moved, clear = clear_of_fold(shown, self.focus, box_width, fold, self.fold_clear)
        if not clear and self.side == "left":
            self.kit.notes.append(
                f"line {self.line}: the spread's focus falls within "
                f"{self.fold_clear / MM:.0f} mm of the fold and the picture is too narrow "
                "to move it clear — use a wider picture, or a focus further from the middle")
        return moved


def draw_caption_box(canvas, texts: list, kit: PageKit, right: bool,
                     tag: Tag | None = None, area=None) -> None:
    """Caption and credit in a box at the foot of the page, at its left or right; a third of
    the page wide (grouped as the screen edition's `tag`). In the safe area, or with `area`
    (a photo opener's type area) on its foot and side, lined up with the opener's field."""
    if not texts:
        return
    with group(canvas, tag):
        _draw_caption_box(canvas, texts, kit, right, area)


def _draw_caption_box(canvas, texts: list, kit: PageKit, right: bool, area) -> None:
    width, _ = kit.page_size
    measure = min((width - 2 * kit.bleed) / 3, max(natural_width(t) for t in texts) + 1)
    heights = [t.wrap(measure, 1000)[1] for t in texts]
    pad, total = kit.padding, sum(heights)
    if area is None:  # the text in the safe area, the box round it
        x = width - kit.bleed - kit.safe - measure if right else kit.bleed + kit.safe
        y = kit.bleed + kit.safe
    else:  # the box's edges on the type area's foot and side
        x = area.right - pad - measure if right else area.x + pad
        y = area.y + pad
    canvas.saveState()
    canvas.setFillColor(kit.box_colour)
    canvas.rect(x - pad, y - pad, measure + 2 * pad, total + 2 * pad, stroke=0, fill=1)
    canvas.restoreState()
    top = y + total
    for text, h in zip(texts, heights, strict=True):
        top -= h
        text.drawOn(canvas, x, top)


def natural_width(paragraph) -> float:
    """How wide a paragraph's text is on one line (in its style's own face)."""
    style = paragraph.style
    return stringWidth(paragraph.text, style.face(), style.size)


class FloatAnchor(Flowable):
    """Where the text names a full-page picture: nothing on the page; the columns it sits in
    put its pages after the page it falls on (see Columns)."""

    def __init__(self, pages: list[Flowable], verso: bool = False):
        super().__init__()
        self.pages, self.verso = pages, verso
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        pass


class PhotoOpener(Flowable):
    """The article's first page: the photo to the bleed, the opener (kicker, title,
    standfirst, byline) on a field at the foot of the type area over it."""

    def __init__(self, picture, line: int, head: list[Flowable], credit: list, focus,
                 kit: PageKit, body, field, padding: float, panel_width: float,
                 opacity: float):
        super().__init__()
        self.picture, self.line, self.head, self.credit = picture, line, head, credit
        self.focus, self.kit, self.body, self.field = focus, kit, body, field
        self.padding, self.panel_width, self.opacity = padding, panel_width, opacity
        self.tags = FigureTags()  # the screen edition's elements; the alt text is set on them

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.kit.frame_height - 1
        inner = self.panel_width - 2 * self.padding
        self.heights = [f.wrap(inner, avail_height)[1] for f in self.head]
        self.spaces = [0.0] + [max(f.getSpaceBefore(), g.getSpaceAfter())
                               for g, f in zip(self.head, self.head[1:], strict=False)]
        self.panel_height = sum(self.heights) + sum(self.spaces) + 2 * self.padding
        if self.panel_height > self.body.height:
            raise IssueError(self.kit.path, self.line, "the title, standfirst and byline are "
                             "taller than the page over the photo", "shorten the standfirst, "
                             "or place the photo 'facing' the opener")
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        kit, body = self.kit, self.body
        width, height = kit.page_size
        with group(canvas, self.tags.whole):
            draw_cropped(canvas, self.picture, 0, 0, width, height, self.focus,
                         kit.placements, self.line, kit.label_font, tag=self.tags.picture,
                         printed=Printed.of(self.credit, page=(width, height)))
        page = kit.first_page + kit.ledger.page - 1
        left = body.x if page % 2 == 0 else body.right - self.panel_width
        canvas.saveState()
        if self.opacity < 1:
            canvas.setFillAlpha(self.opacity)
        canvas.setFillColor(self.field)
        canvas.rect(left, body.y, self.panel_width, self.panel_height, stroke=0, fill=1)
        canvas.restoreState()
        top = body.y + self.panel_height - self.padding
        for flowable, h, space in zip(self.head, self.heights, self.spaces, strict=True):
            top -= space + h
            flowable.drawOn(canvas, left + self.padding, top)
        with group(canvas, self.tags.whole):  # the photo's caption and credit: its own
            draw_caption_box(canvas, self.credit, kit, right=page % 2 == 0,
                             tag=self.tags.caption, area=body)
        kit.ledger.full_bleed.add(kit.ledger.page)


class FramedPicture(Picture):
    """A picture cropped to a box of its own size: `span` of the article's `columns` wide
    (a narrower span than the width it is given sets the caption beside it), as high as
    `box_height`, or `aspect` times its width, or its own shape up to `max_height`."""

    def __init__(self, picture, line, caption, credit, placements, max_height, gap, space,
                 ledger=None, label_font="", *, focus=(0.5, 0.5), box_height: float = 0.0,
                 aspect: float = 0.0, span: int = 0, columns: int = 1, gutter: float = 0.0,
                 zoom: float = 1.0, texts_elsewhere: tuple[bool, bool] | None = None):
        super().__init__(picture, line, caption, credit, placements, max_height, gap, space,
                         ledger=ledger, label_font=label_font)
        self.focus, self.box_height, self.aspect = focus, box_height, aspect
        self.span, self.columns, self.gutter, self.zoom = span, columns, gutter, zoom
        # (caption, credit) printed by what holds it (a headshot's credit is on its card)
        self.texts_elsewhere = texts_elsewhere

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        width = avail_width
        if 1 < self.span < self.columns:  # wide: given the type area, it takes its columns
            column = (avail_width - (self.columns - 1) * self.gutter) / self.columns
            width = self.span * column + (self.span - 1) * self.gutter
        self.image_width = width
        if self.box_height:
            self.image_height = self.box_height
        elif self.aspect:
            self.image_height = width * self.aspect
        else:  # its own shape; a very tall one cropped round its focus, never narrowed
            self.image_height = min(width * self.picture.aspect, self.max_height)
        self.texts = [t for t in (self.caption, self.credit) if t]
        self.beside = avail_width - width - self.gutter if width < avail_width else 0.0
        measure = self.beside or width
        self.text_heights = [t.wrap(measure, avail_height)[1] for t in self.texts]
        words = sum(self.text_heights) + self.gap * len(self.texts)
        self.height = (max(self.image_height, words) if self.beside
                       else self.image_height + words)
        return self.width, self.height

    def _draw(self):
        y = self.height - self.image_height
        caption, credit = self.texts_elsewhere or (bool(self.caption), bool(self.credit))
        draw_cropped(self.canv, self.picture, 0, y, self.image_width, self.image_height,
                     self.focus, self.placements, self.line, self.label_font, zoom=self.zoom,
                     tag=self.tags.picture, printed=Printed(caption, credit, self.height))
        with group(self.canv, self.tags.caption if self.texts else None):
            self._draw_texts(y)

    def _draw_texts(self, y: float) -> None:
        if self.beside:  # the caption beside the picture, its last line level with its foot
            x = self.image_width + self.gutter
            top = y + sum(self.text_heights) + self.gap * (len(self.texts) - 1)
            for text, height in zip(self.texts, self.text_heights, strict=True):
                top -= height
                text.drawOn(self.canv, x, top)
                top -= self.gap
            return
        for text, height in zip(self.texts, self.text_heights, strict=True):
            y -= self.gap + height
            text.drawOn(self.canv, 0, y)


GROUP_ROWS = {2: (2,), 3: (3,), 4: (2, 2), 5: (3, 2), 6: (3, 3)}  # photos a row


class GroupPicture(Flowable):
    """2–6 photos in a grid, each cropped round its focus to one shape (`aspect`, or 3:2),
    each with its own caption and credit under it, the group's caption and credit below."""

    def __init__(self, members: list, captions: list[list], texts: list, aspect: float,
                 focus, gap: float, caption_gap: float, placements: list, ledger,
                 label_font: str, space: float):
        super().__init__()
        self.members, self.captions, self.texts = members, captions, texts
        self.aspect, self.focus, self.gap, self.caption_gap = aspect, focus, gap, caption_gap
        self.placements, self.ledger, self.label_font = placements, ledger, label_font
        self.spaceBefore = self.spaceAfter = space
        # the screen edition's: the group, each photo a figure with its own alt and caption
        self.tag, self.caption_tag = Tag("Div"), Tag("Caption")
        self.member_tags = [FigureTags(member.alt) for member in members]

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.rows, self.cells, k, y = [], [], 0, 0.0
        for count in GROUP_ROWS[len(self.members)]:
            cell_w = (avail_width - (count - 1) * self.gap) / count
            cell_h = cell_w * self.aspect
            texts = [[(t, t.wrap(cell_w, avail_height)[1]) for t in self.captions[k + n]]
                     for n in range(count)]
            under = max((sum(h for _, h in ts) + self.caption_gap * len(ts) for ts in texts),
                        default=0.0)
            for n in range(count):
                self.cells.append((n * (cell_w + self.gap), y, cell_w, cell_h, texts[n]))
            y += cell_h + under + self.gap
            k += count
        y -= self.gap
        self.own = [(t, t.wrap(avail_width, avail_height)[1]) for t in self.texts]
        self.height = y + sum(h + self.caption_gap for _, h in self.own)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        if self.ledger is not None:
            self.ledger.reached(canvas.getPageNumber(), canvas.absolutePosition(0, 0)[1])
        with group(canvas, self.tag, self.width, self.height):
            self._draw_members(canvas)
            y = sum(h + self.caption_gap for _, h in self.own)
            with group(canvas, self.caption_tag if self.own else None):
                for text, height in self.own:
                    y -= self.caption_gap + height
                    text.drawOn(canvas, 0, y)

    def _draw_members(self, canvas) -> None:
        for member, tags, (x, top, w, h, texts) in zip(self.members, self.member_tags,
                                                       self.cells, strict=True):
            y = self.height - top - h
            focus = member.frame.focus if member.frame else self.focus
            with group(canvas, tags.whole):
                draw_cropped(canvas, member.picture, x, y, w, h, focus, self.placements,
                             member.line, self.label_font, tag=tags.picture,
                             printed=Printed(bool(member.caption), bool(member.credit),
                                             top + h))
                with group(canvas, tags.caption if texts else None):
                    for text, height in texts:
                        y -= self.caption_gap + height
                        text.drawOn(canvas, x, y)


class TextThenPicture(Flowable):
    """A paragraph and the picture after it, kept together: when they do not fit, the
    paragraph's last lines (`min_lines` at least) go with the picture to the next column —
    a brief's picture never heads a column its text has left."""

    def __init__(self, text, picture, min_lines: int = 2):
        super().__init__()
        self.text, self.picture, self.min_lines = text, picture, min_lines

    def _gap(self) -> float:
        return max(self.text.getSpaceAfter(), self.picture.getSpaceBefore())

    def getSpaceBefore(self):
        return self.text.getSpaceBefore()

    def getSpaceAfter(self):
        return self.picture.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        _, self.text_height = self.text.wrap(avail_width, avail_height)
        _, self.picture_height = self.picture.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = self.text_height + self._gap() + self.picture_height
        return self.width, self.height

    def split(self, avail_width, avail_height):
        _, text_height = self.text.wrap(avail_width, avail_height)
        _, picture_height = self.picture.wrap(avail_width, avail_height)
        leading = getattr(self.text, "leading", 0) or 1
        keep = self.min_lines * leading + self._gap() + picture_height  # goes on together
        room = min(avail_height, text_height + self._gap() + picture_height - keep)
        if room < leading:
            return []
        parts = self.text.split(avail_width, room)
        if len(parts) != 2:
            return []
        return [parts[0], TextThenPicture(parts[1], self.picture, self.min_lines)]

    def draw(self):
        self.text.drawOn(self.canv, 0, self.height - self.text_height)
        self.picture.drawOn(self.canv, 0, 0)
