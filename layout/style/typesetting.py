"""How the paragraph engine sets text, from the theme: spaces, hyphenation, line breaking.

One `Setting` per theme and language; it travels with each paragraph's style, so that the
engine in compose/text/ holds no design value of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from layout.style.theme import Theme

# character protrusion: the theme's key, the characters it hangs, and at which line edges
HANGING = (
    ("hyphen", "-\u2010\u2011\u00ad", "right"),
    ("en_dash", "–", "both"),
    ("em_dash", "—", "both"),
    ("period", ".…", "right"),
    ("comma", ",", "right"),
    ("colon", ":;", "right"),
    ("quotes", "“”„‘’‚\"'", "both"),
    ("guillemets", "«»‹›", "both"),
)


@dataclass(frozen=True)
class Hangs:
    """Character protrusion (hanging punctuation): per character, the share of its width a
    justified line sets into the margin when the character starts it (left) or ends it
    (right), so that the edges look straight (microtype's protrusion)."""

    left: tuple[tuple[str, float], ...] = ()
    right: tuple[tuple[str, float], ...] = ()
    _left: dict = field(default_factory=dict, init=False, repr=False, compare=False,
                        hash=False)
    _right: dict = field(default_factory=dict, init=False, repr=False, compare=False,
                         hash=False)

    def __post_init__(self):
        self._left.update(self.left)
        self._right.update(self.right)

    def at_left(self, character: str) -> float:
        """The share of this character's width hung into the margin at a line's start."""
        return self._left.get(character, 0.0)

    def at_right(self, character: str) -> float:
        """The share hung into the margin at a line's end."""
        return self._right.get(character, 0.0)

    def __bool__(self) -> bool:
        return bool(self.left or self.right)


FLUSH = Hangs()  # nothing hangs: text set flush with its edges


def hangs(theme: Theme) -> Hangs:
    """The theme's character protrusion."""
    left, right = [], []
    for key, characters, sides in HANGING:
        share = theme.share(f"protrusion.{key}")
        if share:
            for character in characters:
                right.append((character, share))
                if sides == "both":
                    left.append((character, share))
    return Hangs(tuple(left), tuple(right))


@dataclass(frozen=True)
class Setting:
    """The theme's values for setting a paragraph in one language."""

    word_stretch: float  # share of the natural word space a justified line may add
    word_shrink: float  # share it may take away
    ragged: float  # em: how far short a ragged line may fall at no more cost than a loose one
    min_word: int  # letters: shorter words are not hyphenated
    min_left: int  # letters before a hyphen
    min_right: int  # letters after it
    dictionary: str | None  # pyphen's dictionary (None: the language's own rules)
    hyphen_penalty: float
    explicit_hyphen_penalty: float
    url_penalty: float  # a break inside an address
    emergency_penalty: float  # a break inside a word too wide for the line
    compound_penalty: float  # hyphenating a part of a typed compound
    double_hyphen_demerits: float
    ladder_demerits: float
    final_hyphen_demerits: float
    adjacent_demerits: float
    tolerance: float  # first pass: adjustment ratios up to this
    line_penalty: float  # TeX's \\linepenalty: fewer lines, all else equal
    script_size: float = 0.65  # a sub- or superscript's size, a share of the text's
    sup_rise: float = 0.33  # em: how far a superscript's baseline is raised
    sub_drop: float = 0.14  # em: how far a subscript's baseline is lowered
    script_glyphs: bool = True  # the face's own sups/subs glyphs where it has them
    scaling_step: float = 0.0  # glyph expansion in steps of this share (0: any amount)
    line_credit: float = 0.0  # demerits taken off each line: more lines, all else equal
    hangs: Hangs = Hangs()  # character protrusion at a justified line's edges


def setting(theme: Theme, language: str) -> Setting:
    """The theme's setting values for text in `language`."""
    breaking = {name: theme.number(f"line_breaking.{key}") for name, key in (
        ("hyphen_penalty", "hyphen"), ("explicit_hyphen_penalty", "explicit_hyphen"),
        ("url_penalty", "address"), ("emergency_penalty", "emergency"),
        ("compound_penalty", "inside_compound"),
        ("double_hyphen_demerits", "double_hyphen"), ("ladder_demerits", "ladder"),
        ("final_hyphen_demerits", "final_hyphen"), ("adjacent_demerits", "adjacent"),
        ("tolerance", "tolerance"), ("line_penalty", "line"))}
    return Setting(
        word_stretch=theme.share("justification.word_stretch"),
        word_shrink=theme.share("justification.word_shrink"),
        ragged=theme.ems("justification.ragged"),
        min_word=theme.count("hyphenation.min_word"),
        min_left=theme.per_language("hyphenation.min_left")[language],
        min_right=theme.per_language("hyphenation.min_right")[language],
        dictionary=theme.per_language("hyphenation.dictionaries").get(language),
        script_size=theme.share("script.size"), sup_rise=theme.ems("script.sup_rise"),
        sub_drop=theme.ems("script.sub_drop"), script_glyphs=theme.flag("script.font_glyphs"),
        scaling_step=theme.share("justification.glyph_scaling_step"),
        hangs=hangs(theme),
        **breaking)


@cache
def house(language: str = "en") -> Setting:
    """The house design's setting (every value at its default), for tools and tests."""
    return setting(Theme(None), language)
