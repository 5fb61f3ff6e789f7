"""The issue as plain data: what the editors wrote, with no trace of ReportLab.

Every block keeps the line of the file it came from, so later stages can still name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style.

    `script` is "sup" or "sub" for a superscript or subscript (a note call is a superscript
    with its `note` number); `link` is the address a linked text points to (kept for the
    digital edition; the print PDF carries no link); `lang` the language of a passage typed
    `[text]{lang=kk}`, when it is another than its article's. A hard line break is U+2028
    in `text`.
    """

    text: str
    bold: bool = False
    italic: bool = False
    script: str = ""
    link: str = ""
    note: int = 0
    lang: str = ""

    def but(self, text: str) -> Run:
        """The same style with another text."""
        return Run(text, self.bold, self.italic, self.script, self.link, self.note, self.lang)

    @property
    def style(self) -> tuple:
        return (self.bold, self.italic, self.script, self.link, self.note, self.lang)


LANGUAGES = ("en", "ru", "kk")  # the magazine's languages: an article's, a passage's
HARD_BREAK = "\u2028"  # a line break the editor typed (two spaces or '\\' at a line end)


@dataclass
class Block:
    line: int


@dataclass
class Para(Block):
    """A body paragraph; `dropcap` when it opens the article or a brief."""

    runs: list[Run]
    dropcap: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Subhead(Block):
    text: str
    runs: list[Run] = field(default_factory=list)  # with any sub- or superscripts


@dataclass
class PullQuote(Block):
    text: str


@dataclass
class Sidebar(Block):
    title: str  # as printed (its sub- and superscripts' text without the '~' and '^')
    blocks: list[Block]  # paragraphs, tables and charts
    title_runs: list[Run] = field(default_factory=list)  # the title as styled runs


@dataclass
class Question(Block):
    runs: list[Run]


@dataclass
class Respondent(Block):
    name: str
    age: str
    role: str
    headshot: Figure | None = None  # '::: respondent images/NAME.jpg': on the card


@dataclass
class Signature(Block):
    lines: list[list[Run]]


@dataclass
class Figure(Block):
    """A picture and where it goes (its placement, see content.placement): in a column,
    across the type area, a page to the bleed, a spread, an opener, the cover, an inset."""

    path: Path
    caption: str
    credit: str
    placement: str = "column"
    picture: object | None = None  # the converted picture (content.images.Picture), once loaded
    alt: str = ""  # what the picture shows, for readers who cannot see it (`alt:`)
    frame: Frame | None = None  # size and crop the article asks for (`width:`, `height:` …)
    members: list[Figure] = field(default_factory=list)  # a group's photos, each its own


@dataclass(frozen=True)
class Frame:
    """The size and crop of a placed picture, as written in its `width:`, `height:`,
    `aspect:` and `focus:` lines; what is not written follows the placement."""

    span: int = 0  # columns wide (0: the placement's own width; -1: the type area)
    height_mm: float = 0.0  # a set height
    height_share: float = 0.0  # a share of the type area's height (half, third)
    aspect: float = 0.0  # height / width of the box the picture is cropped to
    focus: tuple[float, float] = (0.5, 0.5)  # the point kept in view, 0–1 from left and top
    zoom: float = 1.0  # enlarged this much past covering its box (a headshot from a photo)
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> its line


@dataclass
class Stats(Block):
    """A statistics call-out: (figure as printed, what it counts) pairs, drawn as graphics."""

    items: list[tuple[str, str]]


@dataclass
class ListItem:
    """One item of a list, flattened: its depth (0..2), its marker's number (None: a bullet)
    and its text; a second paragraph of an item has `marker` False."""

    line: int
    depth: int
    number: int | None
    runs: list[Run]
    marker: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class ListBlock(Block):
    """A bulleted or numbered list (nested lists flattened into its items, in order)."""

    items: list[ListItem]


@dataclass
class Table(Block):
    """A pipe table: header cells, body rows, each column's alignment, caption and source.

    `width` is "column", "page" (the type area) or "auto" (as its text needs, up to the
    type area)."""

    header: list[list[Run]]
    rows: list[list[list[Run]]]
    aligns: list[str]  # left | center | right, or a column of figures on their decimal
    # sign, the block of them placed right (number), left (number-left) or centred
    caption: str = ""
    source: str = ""
    width: str = "auto"
    row_lines: list[int] = field(default_factory=list)


@dataclass
class Note:
    """An end note: its number (as the call prints it), label, line and text."""

    number: int
    label: str
    line: int
    paras: list[list[Run]]


@dataclass
class Notes(Block):
    """The article's notes, set at its end."""

    notes: list[Note]


@dataclass
class Chart(Block):
    """A chart from data: its kind, title, (label, value as typed, value) rows, unit, source."""

    kind: str  # bar | column | line | pie
    title: str
    rows: list[tuple[str, str, float]]
    unit: str = ""
    source: str = ""
    placement: str = "column"
    alt: str = ""  # what the screen edition says it shows (else made from its data)
    title_runs: list[Run] = field(default_factory=list)  # the title as styled runs


@dataclass
class BriefBreak(Block):
    """The boundary between two news briefs."""


@dataclass
class Byline:
    name: str
    role: str = ""


@dataclass
class CoverLine:
    article: str
    text: str
    line: int


@dataclass
class Article:
    slug: str
    path: Path
    kind: str
    title: str
    pages: int | None  # None: `auto`, as long as it needs
    columns: int
    language: str
    section: str = ""
    speaker: str = ""
    standfirst: str = ""
    byline: Byline | None = None
    salutation: str = ""
    display: str = ""  # a display word or numeral for a full-page section opener
    portrait: Figure | None = None  # letters, interviews, profiles
    picture_space: str = ""  # the free space of its last page is kept for this picture
    dropcap: bool = False
    cover_lines: list[CoverLine] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, str | list[str]] = field(default_factory=dict)  # a kind's own keys


@dataclass
class FlatplanEntry:
    slug: str
    line: int
    pages: int | None = None  # an override of the article's own allotment
    auto: bool = False


@dataclass
class Issue:
    root: Path
    magazine: str
    issue_line: str
    year: int
    number: int
    language: str
    bleed_mm: float
    theme_path: Path
    articles: list[Article]  # in flatplan (page) order
    issn: str = ""  # printed with its barcode on the colophon page

    @property
    def file_stem(self) -> str:
        return file_stem(self.magazine, self.year, self.number)

    def article(self, slug: str) -> Article:
        return next(a for a in self.articles if a.slug == slug)


def file_stem(magazine: str, year: int, number: int) -> str:
    """The name of an issue's PDFs: 'adalazamat-2023-01'."""
    return f"{magazine.lower()}-{year}-{number:02d}"
