"""How the paragraph engine sets text, from the theme: spaces, hyphenation, line breaking.

One `Setting` per theme and language; it travels with each paragraph's style, so that the
engine in compose/text/ holds no design value of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from layout.style.theme import Theme


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
        **breaking)


@cache
def house(language: str = "en") -> Setting:
    """The house design's setting (every value at its default), for tools and tests."""
    return setting(Theme(None), language)
