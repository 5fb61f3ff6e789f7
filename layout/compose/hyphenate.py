"""Where words may break: pyphen's dictionaries for English and Russian, syllable rules for
Kazakh (pyphen has no Kazakh dictionary).

Kazakh rules: a consonant between vowels starts the next syllable (V-CV); in a cluster the
break goes before the last consonant (VC-CV, VCC-CV); no fewer than 2 letters either side.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyphen

from layout.compose.patterns import dictionary

DICTIONARIES = {"en": "en_GB", "ru": "ru_RU"}
MIN_LEFT, MIN_RIGHT = {"kk": (2, 2)}, {"en": 3, "ru": 2}
KAZAKH_VOWELS = set("аәеёиіоөуұүыэюяАӘЕЁИІОӨУҰҮЫЭЮЯ")
_WORD = re.compile(r"^([^\w]*)([^\W\d_]+)([^\w]*)$")


_DICTIONARIES: dict[str, pyphen.Pyphen | None] = {}


def load_dictionaries(languages: set[str], cache: Path | None = None) -> None:
    """Read these languages' patterns now, from `cache` if they were parsed there before.

    Processes forked afterwards share them (parsing en_GB takes 40 ms; reading it back, 5).
    """
    for language in languages - _DICTIONARIES.keys():
        name = DICTIONARIES.get(language)
        _DICTIONARIES[language] = dictionary(name, cache) if name else None


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
    vowels = [k for k, ch in enumerate(word) if ch in KAZAKH_VOWELS]
    points = []
    for a, b in zip(vowels, vowels[1:], strict=False):
        consonants = b - a - 1
        if consonants == 0:
            points.append(b)  # two vowels meet: break between them
        else:
            points.append(b - 1)  # before the last consonant of the cluster (or the only one)
    return [p for p in points if 2 <= p <= len(word) - 2]
