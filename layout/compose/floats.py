"""What a make-up editor keeps of floating boxes (pull quotes, sidebars, stats, column
pictures) across an article's pages: how many pull quotes each page and spread holds, and
what the proof says of a box that could not stay where the design wants it.

The columns (compose/columns.py) ask how many more pull quotes the page being filled may
take, and tell, as they draw, which boxes landed where: a box set on another spread than
its call, or a pull quote over the theme's limits, is named in the fit report — never
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.style.theme import Theme


def spread(folio: int) -> int:
    """The spread a page is on, named by its verso (the cover, p. 1, is alone on 0)."""
    return folio // 2 * 2


@dataclass
class Floats:
    """Pull quotes per page of one article, the theme's limits, and the notes said."""

    per_page: int
    per_spread: int
    notes: list[str] = field(default_factory=list)  # the article's fit notes (Kit.notes)
    quotes: dict[int, int] = field(default_factory=dict)  # folio -> pull quotes drawn
    said: set = field(default_factory=set)

    @classmethod
    def from_theme(cls, theme: Theme, notes: list[str]) -> Floats:
        return cls(theme.count("pullquote.per_page"), theme.count("pullquote.per_spread"),
                   notes)

    def quotes_left(self, folio: int) -> tuple[int, bool]:
        """How many more pull quotes the page may take (by its own and its spread's limit),
        and whether one more may wait for the facing page: a verso's quote may, if the
        spread has room; past the spread's limit a quote stays by its sentence (named)."""
        here = self.quotes.get(folio, 0)
        facing = self.quotes.get(folio + 1 if folio % 2 == 0 else folio - 1, 0)
        left = max(0, min(self.per_page - here, self.per_spread - here - facing))
        verso = folio % 2 == 0 and folio > 0
        return left, verso and here + facing + left < self.per_spread

    def drawn(self, box, folio: int) -> None:
        """A floating box is drawn on `folio`: counted, and named if it is not where the
        design wants it."""
        if getattr(box, "pull_quote", False):
            self.quotes[folio] = self.quotes.get(folio, 0) + 1
            if getattr(box, "over_limit", False):
                self._say(box, f"{_name(box)} is one pull quote too many for p. {folio} "
                               f"(the theme allows {self.per_page} a page, "
                               f"{self.per_spread} a spread): set by its sentence — cut it, "
                               "or one of the others there")
        called = getattr(box, "called_at", folio)
        if spread(called) != spread(folio):
            self._say(box, f"{_name(box)} moved on to p. {folio}, off the spread of its "
                           f"call (p. {called}): no room for it there")

    def _say(self, box, note: str) -> None:
        key = (id(box), note)
        if key not in self.said:
            self.said.add(key)
            self.notes.append(note)


def _name(box) -> str:
    """'pull quote at line 42 («The model where active …»)'."""
    what = getattr(box, "float_name", "box")
    line = getattr(box, "source_line", 0)
    words = str(getattr(box, "summary", "")).split()
    quoted = f" («{' '.join(words[:5])}{' …' if len(words) > 5 else ''}»)" if words else ""
    return f"{what} at line {line}{quoted}" if line else f"{what}{quoted}"
