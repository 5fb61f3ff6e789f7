"""Where words may break: pyphen's dictionaries for English and Russian, syllable rules for
Kazakh (pyphen has no Kazakh dictionary).

Kazakh rules: a consonant between vowels starts the next syllable (V-CV); in a cluster the
break goes before the last consonant (VC-CV, VCC-CV); no fewer than 2 letters either side.
After a vowel, у is the glide [w] and ю (after and before a vowel) starts a syllable: both
count as consonants there (ауыл-дық, жа-уап, тау-лар, қо-юы).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyphen

from layout.compose.cache import remembered

DICTIONARIES = {"en": "en_GB", "ru": "ru_RU"}
MIN_LEFT, MIN_RIGHT = {"kk": (2, 2)}, {"en": 3, "ru": 2}
KAZAKH_VOWELS = set("аәеёиіоөуұүыэюяАӘЕЁИІОӨУҰҮЫЭЮЯ")
_WORD = re.compile(r"^([^\w]*)([^\W\d_]+)([^\w]*)$")


_DICTIONARIES: dict[str, pyphen.Pyphen | None] = {}


def load_dictionaries(languages: set[str], cache: Path | None = None) -> None:
    """Read these languages' patterns now, from `cache` if they were parsed there before.

    Processes forked afterwards share them (parsing en_GB takes 40 ms; unpickling it, 4).
    """
    for language in languages - _DICTIONARIES.keys():
        name = DICTIONARIES.get(language)
        _DICTIONARIES[language] = remembered(
            cache, Path(pyphen.LANGUAGES[name]), f"pyphen {pyphen.VERSION}",
            lambda name=name: pyphen.Pyphen(lang=name)) if name else None


def _pyphen(language: str) -> pyphen.Pyphen | None:
    if language not in _DICTIONARIES:
        load_dictionaries({language})
    return _DICTIONARIES[language]


@cache
def break_points(word: str, language: str) -> tuple[int, ...]:
    """Offsets in `word` where it may be hyphenated (the hyphen goes before the offset)."""
    match = _WORD.match(word)
    if not match or len(match.group(2)) < 5:
        return ()
    lead, letters, _ = match.groups()
    if letters.isupper():  # acronyms and display caps are not broken
        return ()
    left, right = MIN_LEFT.get(language, (2, 2))[0], MIN_RIGHT.get(language, 2)
    if language == "kk":
        points = kazakh_syllables(letters)
    else:
        dictionary = _pyphen(language)
        points = dictionary.positions(letters) if dictionary else []
    return tuple(len(lead) + p for p in points if left <= p <= len(letters) - right)


def kazakh_syllables(word: str) -> list[int]:
    """Syllable boundaries of a Kazakh word by the V-CV and VC(C)-CV rules."""
    vowels = [k for k in range(len(word)) if _kazakh_vowel(word, k)]
    points = []
    for a, b in zip(vowels, vowels[1:], strict=False):
        consonants = b - a - 1
        if consonants == 0:
            points.append(b)  # two vowels meet: break between them
        else:
            points.append(b - 1)  # before the last consonant of the cluster (or the only one)
    return [p for p in points if 2 <= p <= len(word) - 2]


def _kazakh_vowel(word: str, k: int) -> bool:
    """Whether the letter at k is a syllable's vowel (у and ю after a vowel are not)."""
    ch = word[k]
    if ch not in KAZAKH_VOWELS:
        return False
    after_vowel = k > 0 and word[k - 1] in KAZAKH_VOWELS and word[k - 1] not in "уУ"
    if ch in "уУ" and after_vowel:
        return False
    if ch in "юЮ" and after_vowel and k + 1 < len(word) and word[k + 1] in KAZAKH_VOWELS:
        return False
    return True
