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

from layout.compose.patterns import dictionary
from layout.style.typesetting import Setting, house

KAZAKH_VOWELS = set("аәеёиіоөуұүыэюяАӘЕЁИІОӨУҰҮЫЭЮЯ")
_WORD = re.compile(r"^([^\w]*)([^\W\d_]+)([^\w]*)$")


_DICTIONARIES: dict[str, pyphen.Pyphen] = {}  # by name: en_GB, ru_RU …


def load_dictionaries(names: set[str | None], cache: Path | None = None) -> None:
    """Read these dictionaries' patterns now, from `cache` if they were parsed there before.

    Processes forked afterwards share them (parsing en_GB takes 40 ms; reading it back, 5).
    """
    for name in {n for n in names if n} - _DICTIONARIES.keys():
        _DICTIONARIES[name] = dictionary(name, cache)


def _pyphen(name: str) -> pyphen.Pyphen:
    if name not in _DICTIONARIES:
        load_dictionaries({name})
    return _DICTIONARIES[name]


@cache
def break_points(word: str, language: str, setting: Setting | None = None) -> tuple[int, ...]:
    """Offsets in `word` where it may be hyphenated (the hyphen goes before the offset).

    By the theme's `hyphenation:` values in `setting` (the house design's when None): its
    pyphen dictionary for the language, or Kazakh syllable rules; no word shorter than
    `min_word`, no hyphen with fewer than `min_left` letters before it or `min_right` after.
    """
    setting = setting or house(language)
    match = _WORD.match(word)
    if not match or len(match.group(2)) < setting.min_word:
        return ()
    lead, letters, _ = match.groups()
    if letters.isupper():  # acronyms and display caps are not broken
        return ()
    if language == "kk":
        points = kazakh_syllables(letters)
    else:
        points = _pyphen(setting.dictionary).positions(letters) if setting.dictionary else []
    left, right = setting.min_left, setting.min_right
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
