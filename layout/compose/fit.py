"""How an article fits its allotment: overset and underset in lines, mm and words.

Measured from what the article's flowables drew (compose.ledger): the lines and words set on
pages past the allotment (overset), and the free depth of the columns on its last page
(underset).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from layout.compose.grid import Grid
from layout.content.model import Article
from layout.style.theme import MM, Theme

FIT_KEY = "/ADALAZAMATFitReport"  # document info key under which a proof carries its fit report
UNDERSET_SHARE = 0.25  # of a page left empty makes an article underset
AVERAGE_WORD = 6.1  # characters per word, space included, in the English text
AVERAGE_CHAR = 0.48  # of the body size: the width of an average character of the body face


@dataclass
class Fit:
    """One article's fit; lines and words are estimates a sub-editor can act on."""

    slug: str
    title: str
    path: str
    first_page: int
    allotment: int | None  # None: `pages: auto`
    pages: int
    overset_lines: int = 0
    overset_words: int = 0
    underset_lines: int = 0
    underset_words: int = 0
    page_lines: int = 0  # lines of body text a full page of this article holds
    blank_pages: list[int] = field(default_factory=list)  # folios with nothing on them
    picture_space: str = ""  # the free space of its last page is kept for this picture
    picture_room: str = ""  # the size of picture that free space holds: '2 columns × 95 mm'
    overset_pictures: list[str] = field(default_factory=list)  # pictures that do not fit
    notes: list[str] = field(default_factory=list)
    generated: bool = False  # a page made from the flatplan (cover, contents): only overset counts

    @property
    def status(self) -> str:
        """'overset'; 'underset' when a quarter of a page or more is left; else 'fits'."""
        if self.overset_lines or self.overset_words:
            return "overset"
        return "underset" if self.underset_lines >= UNDERSET_SHARE * self.page_lines else "fits"

    @property
    def last_page(self) -> int:
        return self.first_page + (self.allotment or self.pages) - 1

    @property
    def where(self) -> str:
        """'p. 3' or 'pp. 35–37': the article's pages in the flatplan."""
        if self.last_page > self.first_page:
            return f"pp. {self.first_page}–{self.last_page}"
        return f"p. {self.first_page}"

    @property
    def free_share(self) -> float:
        """The free space as a share of a full page of this article (1.0: a whole page)."""
        return self.underset_lines / self.page_lines if self.page_lines else 0.0

    def summary(self, mm_per_line: float, titled: bool = True) -> str:
        """One line: the article, its pages, and how it fits — what to cut, or the room left.

        Without `titled` the headline is left out (the report's quiet lines).
        """
        head = f"{self.slug} ({self.where}, '{self.title}')" if titled \
            else f"{self.slug} ({self.where})"
        return "; ".join([f"{head}: {self.verdict(mm_per_line)}", *self.notes])

    def verdict(self, mm_per_line: float) -> str:
        """How it fits: 'OVERSET by 3 lines (14 mm of column) — cut about 26 words' …"""
        if self.status == "underset" and self.picture_space:
            return (f"underset, {page_share(self.free_share)} free, kept for a picture to "
                    f"come ({self.picture_space}): room for a picture {self.picture_room}")
        if self.status == "overset" and self.overset_pictures:
            return (f"OVERSET: {'; '.join(self.overset_pictures)} — place it smaller (a set "
                    "height, or 'column' for 'page'), crop it to a wider frame, or move it to "
                    "another page; cutting text helps only as far as the picture is deep")
        if self.status == "overset":
            return (f"OVERSET by {count(self.overset_lines, 'line')} "
                    f"({self.overset_lines * mm_per_line:.0f} mm of column) — cut about "
                    f"{count(self.overset_words, 'word')}")
        if self.status == "underset":
            return (f"underset, {page_share(self.free_share)} free "
                    f"({count(self.underset_lines, 'line')}) — room for "
                    f"{picture_room(self.free_share)} or about "
                    f"{count(self.underset_words, 'word')}")
        if self.underset_lines:
            return f"fits ({count(self.underset_lines, 'line')} free on its last page)"
        return "fits"

    def to_dict(self) -> dict:
        return {**asdict(self), "status": self.status, "last_page": self.last_page}


def count(number: int, noun: str) -> str:
    """'1 line', '2 lines', '1,032 words'.

    >>> count(1, "line"), count(118, "line"), count(1032, "word")
    ('1 line', '118 lines', '1,032 words')
    """
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


QUARTERS = ("", "¼", "½", "¾")


def page_share(share: float) -> str:
    """A share of a page in quarters, rounded down (what is sure to be free).

    >>> page_share(0.3), page_share(0.99), page_share(1.0), page_share(2.6)
    ('¼ page', '¾ page', '1 page', '2½ pages')
    """
    quarters = int(share * 4 + 1e-9)
    whole, part = divmod(quarters, 4)
    text = (str(whole) if whole else "") + QUARTERS[part]
    return f"{text or '0'} page" + ("s" if quarters > 4 else "")


def picture_room(share: float) -> str:
    """What the free space could hold: 'a ½-page picture', 'a full-page picture' …

    >>> picture_room(0.55), picture_room(1.1), picture_room(1.6)
    ('a ½-page picture', 'a full-page picture', '1½ pages of pictures')
    """
    quarters = int(share * 4 + 1e-9)
    if quarters < 4:
        return f"a {QUARTERS[quarters]}-page picture"
    if quarters < 5:
        return "a full-page picture"
    return f"{page_share(share)} of pictures"


def words_per_line(grid: Grid, theme: Theme, columns: int) -> float:
    """Average words in a line of body text at this column width."""
    size = theme.pt("body.size")
    return grid.column_width(columns) / (AVERAGE_CHAR * size) / AVERAGE_WORD


def measure_fit(article: Article, composed, grid: Grid, theme: Theme) -> Fit:
    """The fit of an article laid out (with no page limit), read from what its flowables
    drew: the lines and words on pages past the allotment (overset), or the free depth of
    the columns under the text on its last page (underset)."""
    pages, first_page = composed.pages, composed.first_page
    fit = Fit(article.slug, article.title, str(article.path), first_page, article.pages, pages,
              notes=list(composed.notes))
    fit.page_lines = int(grid.body(first_page).height / grid.leading) * article.columns
    fit.picture_space = article.picture_space
    last = fit.last_page
    fit.blank_pages = [first_page + k - 1 for k in composed.blank if first_page + k - 1 <= last]
    fit.blank_pages += list(range(first_page + pages, last + 1))
    if fit.blank_pages:
        fit.notes.append(blank_note(fit.blank_pages))
    if article.pages is not None and pages > article.pages:
        fit.overset_words = sum(composed.words[article.pages:])
        depth = sum(composed.text_depth[article.pages:])
        fit.overset_lines = max(1, round(depth / grid.leading))
        fit.overset_pictures = pictures_past(composed, grid, article.pages,
                                             depth / article.columns, fit.overset_lines)
        return fit
    body = grid.body(first_page + pages - 1)
    free = max(composed.lowest_y - body.y, 0)
    fit.picture_room = room_for_a_picture(article.columns, body.width, free)
    lines = int(free / grid.leading) * article.columns
    if article.pages is not None and pages < article.pages:
        lines += (article.pages - pages) * int(body.height / grid.leading) * article.columns
    fit.underset_lines = lines
    fit.underset_words = round(lines * words_per_line(grid, theme, article.columns))
    return fit


def pictures_past(composed, grid: Grid, allotment: int, text_depth: float,
                  lines: int) -> list[str]:
    """The pictures that are why an article is overset: one drawn past its allotment that is
    deeper than the text which follows it there (so cutting that text would not bring it
    back), said with its line, its depth, the room the page before had left, and its page."""
    out = []
    for placement in composed.placements:
        if placement.page <= allotment or not placement.box:
            continue
        depth = placement.depth or placement.box[3] - placement.box[1]
        if depth <= text_depth:
            continue  # the text is what overflows: the word count says what to cut
        folio = composed.first_page + placement.page - 1
        before = placement.page - 1  # the page it did not fit on (its own numbering)
        room = ""
        if before >= 1 and len(composed.page_lowest) >= before:
            left = max(composed.page_lowest[before - 1] - grid.body(folio - 1).y, 0)
            room = (f" and the {left / MM:.0f} mm left on p. {folio - 1} do not hold it (make "
                    f"it at most {left / MM:.0f} mm deep with its caption)")
        out.append(f"picture '{placement.name}' (line {placement.line}) needs "
                   f"{depth / MM:.0f} mm with its caption{room}: it falls past the allotment, "
                   f"on p. {folio}" + (f", with {count(lines, 'line')} after it"
                                       if lines > 1 else ""))
    return out


def room_for_a_picture(columns: int, width: float, free: float) -> str:
    """The picture the free depth under the text holds, across the columns (the text's
    columns end level): '2 columns (118 mm) × 95 mm'; one column: '1 column (56 mm) × …'."""
    across = count(columns, "column")
    return f"{across} ({width / MM:.0f} mm) × {free / MM:.0f} mm"


def blank_note(folios: list[int]) -> str:
    """'p. 12 has nothing on it' — a page the allotment gives and the text does not reach."""
    where = (f"p. {folios[0]}" if len(folios) == 1
             else "pp. " + ", ".join(str(f) for f in folios))
    one = len(folios) == 1
    return (f"{where} {'has' if one else 'have'} nothing on {'it' if one else 'them'} — "
            f"lower 'pages:' by {count(len(folios), 'page')}, or fill "
            f"{'it' if one else 'them'}")


def mm_per_line(grid: Grid) -> float:
    return grid.leading / MM
