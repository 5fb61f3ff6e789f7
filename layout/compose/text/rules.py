"""Where a line may end, by the rules of the article's language.

Word spaces: digit groups (2 000 000, 18 007, with U+00A0 or U+202F too) are one unit that
neither breaks nor stretches; a no-break space, the space after '№', after an initial before
a name (K. Tokayev, А. С. Пушкин), before a spaced dash and before '%' do not break; in
Russian and Kazakh no line ends in a one-letter word (в, к, с, и, о, у, а, я …).

Inside words: hyphenation points (pyphen for English and Russian, syllable rules for
Kazakh) in every stretch of letters at least the theme's hyphenation.min_word long,
compounds included (бизнес-план); after an explicit hyphen, a dash or a slash joining two
words (the hyphen stays where it was typed); in web and e-mail addresses and paths after
/ . - _ ? & = # \\ with nothing inserted; after a typed soft hyphen or zero-width space.
"""

from __future__ import annotations

import re
from enum import IntEnum
from functools import lru_cache

from layout.compose.hyphenate import break_points
from layout.style.typesetting import Setting, house

BREAK, NOBREAK, FIXED = 0, 1, 2  # what a word space may do
HIDDEN = frozenset("\u00ad\u200b\ufeff")  # typed, never drawn: soft hyphen, zero-width spaces
SPACES = re.compile(r"[^\S\u202f\u2007]+|[\u202f\u2007]")  # a run of spaces, or a narrow one
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
_LETTERS = re.compile(r"[^\W\d_]+")
_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]{0,15}://|www\.|\\\\|\b[A-Za-z]:\\)|"
                      r"^[\w.+-]+@[\w-]+\.[\w.-]+|"
                      r"^[(\[«“\"']?/?[\w.-]+(?:/[\w.%?=&#-]*){2,}", re.IGNORECASE)
_ADDRESS_BREAKS = frozenset("/.-_?&=#\\")
_ADDRESS_SIGNS = frozenset("/@\\.:")  # an address has one of these
_JOINERS = frozenset("-\u2010–—/")
OPENING = "([«„“\"'‘"
SHORT_WORD_LANGUAGES = ("ru", "kk")
MIN_SIDE = 2  # letters kept on either side of an explicit hyphen or dash


class Kind(IntEnum):
    """A place inside a word where a line may end."""

    SOFT = 0  # hyphenation: a hyphen is drawn at the break
    HYPHEN = 1  # after a typed hyphen: nothing is added
    DASH = 2  # after a dash or a slash joining two words
    ADDRESS = 3  # inside a web or e-mail address or a path
    TYPED = 4  # a typed soft hyphen (drawn as a hyphen) or zero-width space (nothing)


def space_kinds(text: str, language: str) -> dict[int, int]:
    """For each run of spaces (keyed by its first index) in `text`: BREAK, NOBREAK or FIXED."""
    fixed = {m.start() for group in _DIGIT_GROUPS.finditer(text)
             for m in SPACES.finditer(text, group.start(), group.end())}
    kinds: dict[int, int] = {}
    for match in SPACES.finditer(text):
        start, end = match.span()
        run = match.group(0)
        if start in fixed or run in "\u202f\u2007":
            kinds[start] = FIXED
        elif "\u00a0" in run or _keeps_together(text, start, end, language):
            kinds[start] = NOBREAK
        else:
            kinds[start] = BREAK
    return kinds


def _keeps_together(text: str, start: int, end: int, language: str) -> bool:
    """Whether the words either side of this space must stay on one line."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before == "№":
        return True
    if after in "–—" and (end + 1 >= len(text) or text[end + 1].isspace()):
        return True  # a spaced dash never starts a line
    if before.isdigit() and after in "%‰":
        return True
    word_start = start - 1
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:start].lstrip(OPENING)
    if len(word) == 2 and word[1] == "." and word[0].isupper() and after.isupper():
        return True  # an initial before a name
    return (language in SHORT_WORD_LANGUAGES and len(word) == 1 and word.isalpha())


def is_address(word: str) -> bool:
    """A web or e-mail address or a path: broken after its punctuation, never hyphenated."""
    return any(ch in _ADDRESS_SIGNS for ch in word) and bool(_ADDRESS.search(word))


@lru_cache(maxsize=100_000)
def word_breaks(word: str, language: str, hyphenate: bool = True,
                setting: Setting | None = None) -> list[tuple[int, Kind]]:
    """Offsets in `word` (no spaces) where a line may end, with what kind of break each is.

    Hyphenation follows the theme's `setting` (the house design's when None). Remembered
    (words recur); the list returned must not be changed.
    """
    if any(ch in HIDDEN for ch in word):
        typed = [(k + 1, Kind.TYPED) for k, ch in enumerate(word[:-1]) if ch in HIDDEN and k]
        if typed:
            return typed  # the editor chose the places
    if is_address(word):
        return _address_breaks(word)
    points: list[tuple[int, Kind]] = []
    if any(ch in _JOINERS for ch in word):
        for k in range(1, len(word) - 1):
            ch = word[k]
            if ch in "-\u2010" and _joins(word, k):
                points.append((k + 1, Kind.HYPHEN))
            elif ch in "–—/" and _joins(word, k):
                points.append((k + 1, Kind.DASH))
    if hyphenate:
        setting = setting or house(language)
        for match in _LETTERS.finditer(word):
            letters = match.group(0)
            if len(letters) >= setting.min_word:
                points += [(match.start() + p, Kind.SOFT)
                           for p in break_points(letters, language, setting)]
    points.sort()
    return points


def _joins(word: str, k: int) -> bool:
    """A hyphen, dash or slash at k with at least two letters or digits on either side."""
    left, right = word[max(0, k - MIN_SIDE):k], word[k + 1:k + 1 + MIN_SIDE]
    return len(left) == MIN_SIDE == len(right) and (left + right).replace(".", "").isalnum()


def _address_breaks(word: str) -> list[tuple[int, Kind]]:
    """After / . - _ ? & = # \\ inside an address, keeping a few characters either side."""
    points = []
    for k in range(3, len(word) - 3):
        if word[k] in _ADDRESS_BREAKS and word[k + 1] not in _ADDRESS_BREAKS:
            points.append((k + 1, Kind.ADDRESS))
    return points
