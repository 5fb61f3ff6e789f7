"""Lists and notes: paragraphs with a hanging indent, their marker hung in it.

Every line of an item starts at the item's indent, so wrapped lines align with the text and
not with the marker; the marker (a bullet, or the number set flush right) sits on the first
line's baseline in the indent. Items are flowables of their own: a list splits between items
and inside an item by whole lines (never leaving its marker with fewer lines than the
paragraph's orphan rule). A list is kept with the paragraph that introduces it (LeadIn).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.platypus import Flowable

from layout.compose.flowables import HeadWithText, Rule, grid_gap
from layout.compose.links import with_addresses
from layout.compose.tagging import Tag, note_id
from layout.compose.text import Paragraph
from layout.content.model import ListBlock, Notes, Run
from layout.errors import IssueError
from layout.style import shaping
from layout.style.styles import TextStyle

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгдежиклмнпрстуфхцшщэюя"  # list letters: no ё з й о ч ъ ы ь (Мильчин)
KAZAKH = "аәбвгғдежзикқлмнңоөпрстуұүфхһцчшыіэюя"  # the Kazakh alphabet, no ё й щ ъ ь
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def marker_text(number: int | None, depth: int, bullets: list[str], numbers: list[str]) -> str:
    """The printed marker of an item: its level's bullet, or its number in its level's style
    ('1.', '1)', 'a)', 'а)', 'i.', or a glyph printed for every item)."""
    if number is None:
        return bullets[min(depth, len(bullets) - 1)]
    style = numbers[min(depth, len(numbers) - 1)]
    kind, punctuation = style[:1], style[1:]
    if kind == "1":
        return f"{number}{punctuation}"
    if kind.lower() == "a" and kind in "aA":
        return _letters(number, LATIN, kind.isupper()) + punctuation
    if kind.lower() == "а":  # Cyrillic
        return _letters(number, CYRILLIC, kind.isupper()) + punctuation
    if kind.lower() == "ә":  # the Kazakh alphabet: а) ә) б) в) г) ғ) …
        return _letters(number, KAZAKH, kind.isupper()) + punctuation
    if kind.lower() == "i":
        return _roman(number, kind.isupper()) + punctuation
    return style  # a glyph: the same for every item


def _letters(number: int, alphabet: str, upper: bool) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, len(alphabet))
        out = alphabet[rest] + out
    return out.upper() if upper else out


def _roman(number: int, upper: bool) -> str:
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out.upper() if upper else out


class Hanging(Flowable):
    """A paragraph set `indent` in from the left, with a marker hung in the indent: set in
    `marker_width` from `marker_x` (flush right in it), on the paragraph's first baseline."""

    def __init__(self, para: Paragraph, indent: float, marker: Paragraph | None,
                 marker_x: float, marker_width: float):
        super().__init__()
        self.para, self.indent, self.marker = para, indent, marker
        self.marker_x, self.marker_width = marker_x, marker_width
        self.spaceBefore, self.spaceAfter = para.spaceBefore, para.spaceAfter
        self.keepWithNext = para.keepWithNext
        self.leading = para.leading

    @property
    def text(self) -> str:
        return self.para.text

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        _, self.height = self.para.wrap(avail_width - self.indent, avail_height)
        if self.marker is not None:
            self.marker.wrap(self.marker_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        parts = self.para.split(avail_width - self.indent, avail_height)
        if len(parts) != 2:
            return [self] if parts else []
        head = Hanging(parts[0], self.indent, self.marker, self.marker_x, self.marker_width)
        tail = Hanging(parts[1], self.indent, None, self.marker_x, self.marker_width)
        head.spaceBefore, head.spaceAfter = self.spaceBefore, 0
        tail.spaceBefore, tail.spaceAfter = 0, self.spaceAfter
        return [head, tail]

    def draw(self):
        if self.marker is not None:  # top-aligned: the same size, the same first baseline
            self.marker.drawOn(self.canv, self.marker_x, self.height - self.marker.height)
        self.para.drawOn(self.canv, self.indent, 0)


class LeadIn(Flowable):
    """A paragraph and the first item of the list it introduces, never apart: where the item
    does not fit under the paragraph, the paragraph's last lines go with it."""

    def __init__(self, intro: Flowable, first: Flowable, min_lines: int = 2):
        super().__init__()
        self.intro, self.first, self.min_lines = intro, first, min_lines
        self.leading = getattr(intro, "leading", 0)

    def _gap(self) -> float:
        """The list's space above it, made up to whole lines: the first item stays on the
        baseline grid with the paragraph, and the items after it with it (an item half a
        line off the grid would leave the next one a line and a half below)."""
        asked = self.intro.getSpaceAfter() + self.first.getSpaceBefore()
        return grid_gap(self.intro_height, asked, getattr(self.first, "leading", 0))

    def getSpaceBefore(self):
        return self.intro.getSpaceBefore()

    def getSpaceAfter(self):
        return self.first.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        _, self.intro_height = self.intro.wrap(avail_width, avail_height)
        _, self.first_height = self.first.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = self.intro_height + self._gap() + self.first_height
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height + 1e-6:
            return [self]
        need = min(self.first_height, self.min_lines * getattr(self.first, "leading", 0))
        if self.intro_height + self._gap() + need <= avail_height + 1e-6:
            return HeadWithText(self.intro, self.first, self.min_lines).split(avail_width,
                                                                             avail_height)
        parts = self.intro.split(avail_width, avail_height - self._gap() - need)
        if len(parts) == 2:
            return [parts[0], LeadIn(parts[1], self.first, self.min_lines)]
        return []

    def draw(self):
        self.intro.drawOn(self.canv, 0, self.height - self.intro_height)
        self.first.drawOn(self.canv, 0, 0)


def list_flowables(kit, block: ListBlock) -> list[Flowable]:
    """One Hanging paragraph per item. Each level stands in by the theme's indent, or by its
    widest marker and the gap where that is wider ('10.', 'viii)')."""
    theme = kit.theme
    bullets = theme.text("list.bullets").split()
    numbers = theme.per_language("list.numbers")[kit.article.language].split()
    indent, gap = theme.pt("list.indent"), theme.pt("list.marker_gap")
    space, item_space = theme.pt("list.space"), theme.pt("list.item_space")
    marker_style = kit.styles["list-marker"]
    markers = [Paragraph(marker_text(item.number, item.depth, bullets, numbers), marker_style)
               if item.marker else None for item in block.items]
    hang = [indent] * 3
    for item, marker in zip(block.items, markers, strict=True):
        if marker is not None:
            check_glyphs(kit, marker)
            hang[item.depth] = max(hang[item.depth],
                                   marker.prepared.width(0, len(marker.text)) + gap)
    out: list[Flowable] = []
    tags = list_tags(block)
    for k, (item, marker) in enumerate(zip(block.items, markers, strict=True)):
        para = Paragraph(with_addresses(_runs(item.runs), theme.text("link.address")),
                         kit.styles["list"], ledger=kit.ledger)
        para.spaceBefore = space if k == 0 else item_space
        para.spaceAfter = space if k == len(block.items) - 1 else 0
        para.tag, label = tags[k]
        if marker is not None:
            marker.tag = label
        level = sum(hang[:item.depth + 1])
        out.append(Hanging(para, level, marker, 0.0, level - gap))
    return out


def list_tags(block: ListBlock) -> list[tuple[Tag, Tag | None]]:
    """The screen edition's elements of each item: its paragraph's (a P in the item's
    LBody) and its marker's (the item's Lbl). L > LI > Lbl, LBody; a nested list is an L
    in the LBody of the item it follows."""
    lists: list[Tag] = [Tag("L")]  # the open list at each depth
    bodies: list[Tag] = []  # the LBody of the last item at each depth
    out = []
    for item in block.items:
        depth = min(item.depth, len(bodies))  # never deeper than one below an item
        del lists[depth + 1:]
        while len(lists) <= depth:
            lists.append(Tag("L", parent=bodies[len(lists) - 1]))
        label = None
        if item.marker or depth >= len(bodies):
            entry = Tag("LI", parent=lists[depth])
            label = Tag("Lbl", parent=entry)
            del bodies[depth:]
            bodies.append(Tag("LBody", parent=entry))
        out.append((Tag("P", parent=bodies[depth]), label))
    return out


def check_glyphs(kit, marker: Paragraph) -> None:
    """A marker the theme asks for must be in the marker face (it would print as a box)."""
    face = marker.style.face()
    for ch in marker.text:
        if not ch.isspace() and not shaping.has_glyph(face, ch):
            raise IssueError(kit.theme.path or Path("theme.yaml"), None,
                             f"the list marker '{ch}' (U+{ord(ch):04X}) is not in the face "
                             f"{face} (list.marker_font)", "choose a marker the face has "
                             "(• – ‣ ·), or another list.marker_font")


def note_flowables(kit, block: Notes) -> list[Flowable]:
    """The article's notes at its end: a short rule and a heading, then each note under its
    number (the number its call prints)."""
    theme = kit.theme
    heading = theme.per_language("notes.heading")[kit.article.language]
    mode = theme.text("link.address")
    mode = "after" if mode == "note" else mode  # a link in a note: its address after it
    indent, space = theme.pt("notes.indent"), theme.pt("notes.space")
    gap = theme.pt("list.marker_gap")
    rule = Rule(kit.colours.text, theme.pt("table.rule"), space_before=space / 2,
                space_after=space / 2, length=indent * 4)
    rule.keepWithNext = 1  # rule, heading and the first note are never apart
    out: list[Flowable] = [rule, kit.para(heading, "note-heading")]
    for note in block.notes:
        tag = Tag("Note", id=note_id(kit.article.slug, note.number))  # the screen edition's
        for k, runs in enumerate(note.paras):
            para = Paragraph(with_addresses(_runs(runs), mode), kit.styles["note"],
                             ledger=kit.ledger)
            para.tag = Tag("P", parent=tag)
            marker = Paragraph(str(note.number), kit.styles["note-marker"]) if k == 0 else None
            if marker is not None:
                marker.tag = Tag("Lbl", parent=tag)
            out.append(Hanging(para, indent, marker, 0.0, max(indent - gap, 1.0)))
    return out


def _runs(runs: list[Run]) -> list[Run]:
    """Soft line breaks inside an item are spaces."""
    return [r.but(r.text.replace("\n", " ")) for r in runs]


def marker_style(style: TextStyle, faces: tuple[str, str, str, str], colour) -> TextStyle:
    """The markers' style: the item's size and leading, flush right, in its own face."""
    return replace(style, name=f"{style.name}-marker", faces=faces, colour=colour,
                   align="right", indent=0.0, hyphenate=False, expansion=0.0, bold=False,
                   italic=False)
