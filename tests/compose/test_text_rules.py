"""The paragraph engine's language rules: where word spaces may break and stretch, where
words may break, and the Kazakh syllables."""

from __future__ import annotations

import pytest

from layout.compose.hyphenate import kazakh_syllables
from layout.compose.text.rules import BREAK, FIXED, NOBREAK, Kind, space_kinds, word_breaks


def kinds_of(text: str, language: str = "en") -> list[int]:
    return list(space_kinds(text, language).values())


@pytest.mark.parametrize("text", ["2 000 000 people", "18\u00a0007 trees", "1\u202f250 тенге",
                                  "45 000 000 ₸"])
def test_digit_groups_neither_break_nor_stretch(text):
    number = text.rsplit(" ", 1)[0] if not text.endswith("₸") else "45 000 000"
    kinds = space_kinds(text, "ru")
    inside = [k for start, k in kinds.items() if start < len(number)]
    assert inside and all(k == FIXED for k in inside)


def test_a_year_beside_a_number_is_not_a_digit_group():
    assert kinds_of("in 2023 100 people") == [BREAK, BREAK, BREAK]


@pytest.mark.parametrize("text,language", [
    ("№ 5", "en"), ("K. Tokayev", "en"), ("А. С. Пушкин", "ru"), ("в городе", "ru"),
    ("и я", "kk"), ("word\u00a0next", "en"), ("12,5 %", "ru"), ("слово – другое", "ru"),
])
def test_spaces_that_keep_words_together(text, language):
    assert NOBREAK in kinds_of(text, language) or FIXED in kinds_of(text, language)
    assert BREAK not in kinds_of(text, language)[:1]


def test_one_letter_words_may_end_a_line_in_english_only():
    assert kinds_of("a city", "en") == [BREAK]
    assert kinds_of("в городе", "ru") == [NOBREAK]
    assert kinds_of("а қала", "kk") == [NOBREAK]


def test_explicit_hyphens_break_after_the_hyphen_and_keep_it():
    assert (6, Kind.HYPHEN) in word_breaks("clean-up", "en")
    assert (3, Kind.HYPHEN) in word_breaks("из-за", "ru")
    assert not [p for p in word_breaks("e-mail", "en") if p[1] == Kind.HYPHEN]


def test_compounds_are_hyphenated_in_each_part_but_never_beside_the_hyphen():
    points = word_breaks("бизнес-планирование", "ru")
    hyphen = "бизнес-планирование".index("-")
    assert (hyphen + 1, Kind.HYPHEN) in points
    soft = [p for p, kind in points if kind == Kind.SOFT]
    assert soft and all(abs(p - hyphen) > 1 and p != hyphen + 1 for p in soft)


@pytest.mark.parametrize("address", [
    "https://www.gov.kz/memleket/entities/stat/press/news",
    "stat.gov.kz/official/industry/62/statistic/7",
    "/var/data/file_name.csv", "C:\\reports\\2024\\annual_report.docx",
    "museum.semey@culture.gov.kz",
])
def test_addresses_break_after_their_punctuation_with_nothing_added(address):
    points = word_breaks(address, "en")
    assert points and all(kind == Kind.ADDRESS for _, kind in points)
    assert all(address[p - 1] in "/.-_?&=#\\" for p, _ in points)


def test_a_typed_soft_hyphen_or_zero_width_space_is_the_only_place_to_break():
    assert word_breaks("extra\u00adordinary", "en") == [(6, Kind.TYPED)]
    assert word_breaks("long\u200bword", "en") == [(5, Kind.TYPED)]


@pytest.mark.parametrize("word,parts", [
    ("ауылдық", "ауыл-дық"), ("жауап", "жа-уап"), ("таулар", "тау-лар"), ("қоюы", "қо-юы"),
    ("оқуы", "оқуы"), ("азаматтық", "аза-мат-тық"),
])
def test_kazakh_u_between_vowels_starts_a_syllable(word, parts):
    points = kazakh_syllables(word)
    pieces, last = [], 0
    for point in points:
        pieces.append(word[last:point])
        last = point
    assert "-".join([*pieces, word[last:]]) == parts


def test_an_address_too_long_for_the_line_breaks_without_a_hyphen():
    from pathlib import Path

    from layout.compose.text import Paragraph
    from layout.content.model import Run
    from layout.style.fonts import register_fonts
    from layout.style.styles import text_styles
    from layout.style.theme import Theme

    root = Path(__file__).resolve().parents[2]
    theme = Theme(root / "issue" / "theme.yaml")
    register_fonts(theme, root / "fonts")
    style = text_styles(theme, "en")["body"]
    address = "https://example.org/" + "averyveryverylongpathsegmentwithoutanybreaks" * 3
    para = Paragraph([Run(f"See {address} and the long word {'x' * 150} too.")], style)
    para.wrap(150, 1000)
    hyphenated = [para.text[line.start:line.end] for line in para.lines if line.hyphen]
    assert hyphenated and all(address not in text and not text.startswith(address[20:30])
                              for text in hyphenated)
    assert all("averyvery" not in text for text in hyphenated)  # the address: no hyphen
