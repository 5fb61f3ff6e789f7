"""What an article's flowables drew on each of its pages, noted as they draw.

The fit report reads it: how far down the last page the text reaches (underset), and how
many lines and words of text fall on pages past the allotment (overset). Full-bleed picture
pages are noted too: they get no running head or folio.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Ledger:
    """Per page (1-based, in the article's own document): lowest point, lines, words."""

    lowest: dict[int, float] = field(default_factory=dict)
    lines: dict[int, float] = field(default_factory=dict)  # in lines of the given leading
    words: dict[int, int] = field(default_factory=dict)
    full_bleed: set[int] = field(default_factory=set)
    page: int = 0  # the page being filled now (the document sets it as each page begins)
    # where text is being filled now, for the page-turn rule (no hyphen on a recto's last
    # line): set as each page begins, and while a column other than a page's last is filled
    recto: bool = False
    inner_column: bool = False

    @property
    def at_page_turn(self) -> bool:
        """A paragraph split now leaves its head on the last line of a recto: the reader
        turns the leaf there."""
        return self.recto and not self.inner_column

    def reached(self, page: int, bottom: float) -> None:
        """Something was drawn on `page` down to `bottom` (pt from the page's foot)."""
        self.lowest[page] = min(self.lowest.get(page, bottom), bottom)

    def text(self, page: int, bottom: float, lines: int, words: int, leading: float) -> None:
        """Lines of text were drawn on `page`, down to `bottom`."""
        self.reached(page, bottom)
        self.lines[page] = self.lines.get(page, 0.0) + lines * leading
        self.words[page] = self.words.get(page, 0) + words

