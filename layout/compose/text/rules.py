"""Where a line may end, by the rules of the article's language.

Word spaces: digit groups (2 000 000, 18 007, with U+00A0 or U+202F too) are one unit that
neither breaks nor stretches; a no-break space, the space after '№', after an initial before
a name (K. Tokayev, А. С. Пушкин), before a spaced dash and before '%' do not break; in
Russian and Kazakh no line ends in a one-letter word (в, к, с, и, о, у, а, я …). Nor do the
spaces inside an abbreviation (т. е., т. п., т. д., т. к., т. б.), before the year or century
word after a number (2022–2024 гг., 2023 ж., XX в.), or between a number and the word it
counts (112 участников, 40 volunteers, 50 адам).

Inside words: hyphenation points (pyphen for English and Russian, syllable rules for
Kazakh) in every stretch of letters at least the theme's hyphenation.min_word long,
after an explicit hyphen, a dash or a slash joining two words (the hyphen stays where it was
typed); a compound's parts (бизнес-план) are hyphenated only at a high cost, taken when
nothing else sets the paragraph; never inside a number range (2022–2024); a surname after
initials is not hyphenated (Т. Б. Оспанов); in Russian and Kazakh ь and ъ never start a line
(объ-ект, not об-ъект); in web and e-mail addresses and paths after / . _ ? & = # \\ and
before a hyphen (so that a hyphen at a line end is never the address's own, read as a
hyphenation), with nothing inserted; after a typed soft hyphen or zero-width space.
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
                      r"^[(\[«“\"']?/?[\w.-]+(?:/[\w.%?=&#-]*){2,}|"
                      r"^[(\[«“\"']?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}"
                      r"(?:/\S*)?[.,;:!?»”)\"']*$", re.IGNORECASE | re.ASCII)
_ADDRESS_BREAKS = frozenset("/.-_?&=#\\")
_ADDRESS_SIGNS = frozenset("/@\\.:")  # an address has one of these
_JOINERS = frozenset("-\u2010–—/")
OPENING = "([«„“\"'‘"
SHORT_WORD_LANGUAGES = ("ru", "kk")
SIGNS_LANGUAGES = ("ru", "kk")  # ь and ъ never start a line
SIGNS = frozenset("ьъЬЪ")
# abbreviations of two parts that stay on one line: (first part, second part)
ABBREVIATIONS = frozenset({("т.", "е."), ("т.", "п."), ("т.", "д."), ("т.", "к."),
                           ("т.", "н."), ("т.", "б."), ("т.", "с.")})
# words after a number that it does not count: the number may end a line before them
FUNCTION_WORDS = {
    "en": frozenset("a an and the in on at of to for by with from or as is was were are be "
                    "been that which who when where while than then but if so it its this "
                    "these those has had have will would can could".split()),
    "ru": frozenset("и в во на с со по к ко у о об из за до от не что как а но или же ли "
                    "бы то это был была были было".split()),
    "kk": frozenset("және мен бен пен да де та те ал бірақ немесе не деп дейін бойы".split()),
}
_ROMAN = re.compile(r"^[IVXLC]+$")
AFTER_ROMAN = frozenset({"в.", "вв.", "ғ.", "ғғ.", "ғасыр", "ғасырда", "век", "веке"})
_NUMBER = frozenset({"г.", "гг.", "в.", "вв.", "ж.", "жж.", "ғ.", "ғғ.", "млн", "млрд",
                          "тыс.", "мың", "млн.", "млрд.", "руб.", "тг", "тг.", "км", "кг",
                          "м", "см", "мм", "га", "т", "л"})
_NUMBER = re.compile(r"^[(\[«“\"']?[\d.,:–\-]*\d$")  # 112, 2022–2024, 1,5, (18
MIN_SIDE = 2  # letters kept on either side of an explicit hyphen or dash


class Kind(IntEnum):
    """A place inside a word where a line may end."""

    SOFT = 0  # hyphenation: a hyphen is drawn at the break
    COMPOUND = 5  # hyphenation inside a part of a typed compound: a hyphen is drawn, dearly
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
    word = _word_before(text, start).lstrip(OPENING)
    next_word = _word_after(text, end).rstrip(",;:!?»”)\"'")
    if len(word) == 2 and word[1] == "." and word[0].isupper() and after.isupper():
        return True  # an initial before a name
    if (word, next_word) in ABBREVIATIONS:
        return True  # т. е., и т. п.
    if _NUMBER.match(word) and next_word[:1].islower() \
            and next_word.rstrip(".") not in FUNCTION_WORDS.get(language, ()):
        return True  # a number and what it counts or dates: 112 участников, 2022–2024 гг.
    if _ROMAN.match(word) and next_word in AFTER_ROMAN:
        return True  # XX в., XXI ғ.
    return (language in SHORT_WORD_LANGUAGES and len(word) == 1 and word.isalpha())


def _word_before(text: str, start: int) -> str:
    """The word ending where the space at `start` begins."""
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    return text[word_start:start]


def _word_after(text: str, end: int) -> str:
    """The word starting where the space ending at `end` ends."""
    word_end = end
    while word_end < len(text) and not text[word_end].isspace():
        word_end += 1
    return text[end:word_end]


def after_initials(text: str, start: int) -> bool:
    """Whether the word at `start` follows an initial (K. Tokayev, Т. Б. Оспанов): a name,
    kept whole, as the initials are kept with it."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == start or end < 2:
        return False
    word = _word_before(text, end).lstrip(OPENING)
    return len(word) == 2 and word[1] == "." and word[0].isupper()


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
    compound = False
    if any(ch in _JOINERS for ch in word):
        for k in range(1, len(word) - 1):
            ch = word[k]
            if _number_range(word, k):
                continue  # 2022–2024, 10-15: one number
            if ch in "-\u2010" and _joins(word, k):
                points.append((k + 1, Kind.HYPHEN))
                compound = True
            elif ch in "–—/" and _joins(word, k):
                points.append((k + 1, Kind.DASH))
    if hyphenate:
        setting = setting or house(language)
        soft = Kind.COMPOUND if compound else Kind.SOFT
        for match in _LETTERS.finditer(word):
            letters = match.group(0)
            if len(letters) >= setting.min_word:
                points += [(match.start() + p, soft)
                           for p in break_points(letters, language, setting)]
    if language in SIGNS_LANGUAGES:
        points = _signs_kept(word, points)
    points.sort()
    return points


def _number_range(word: str, k: int) -> bool:
    """A dash or hyphen at k between two digits: a range (2022–2024) or a code (10-15)."""
    return word[k] in "-\u2010–—" and word[k - 1].isdigit() and word[k + 1].isdigit()


def _signs_kept(word: str, points: list[tuple[int, Kind]]) -> list[tuple[int, Kind]]:
    """No line starts with ь or ъ: a break before one moves after it (об-ъект → объ-ект),
    if letters enough stay on the next line."""
    out = []
    taken = {at for at, _ in points}
    for at, kind in points:
        if at < len(word) and word[at] in SIGNS:
            moved = at + 1
            if moved <= len(word) - 2 and moved not in taken and word[moved] not in SIGNS:
                out.append((moved, kind))
                taken.add(moved)
            continue
        out.append((at, kind))
    return out


def _joins(word: str, k: int) -> bool:
    """A hyphen, dash or slash at k with at least two letters or digits on either side."""
    left, right = word[max(0, k - MIN_SIDE):k], word[k + 1:k + 1 + MIN_SIDE]
    return len(left) == MIN_SIDE == len(right) and (left + right).replace(".", "").isalnum()


def _address_breaks(word: str) -> list[tuple[int, Kind]]:
    """After / . _ ? & = # \\ inside an address and before a hyphen (a line ending in an
    address's own hyphen reads as a hyphenation), keeping a few characters either side."""
    points = []
    for k in range(3, len(word) - 3):
        if word[k] in _ADDRESS_BREAKS and word[k + 1] not in _ADDRESS_BREAKS:
            if word[k] == "-":
                if word[k - 1] not in _ADDRESS_BREAKS:
                    points.append((k, Kind.ADDRESS))
            else:
                points.append((k + 1, Kind.ADDRESS))
    return points
