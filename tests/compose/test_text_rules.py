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
    # "2023 | 100" may break; "100 people" is a number and what it counts: kept together
    assert kinds_of("in 2023 100 people") == [BREAK, BREAK, NOBREAK]


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


def test_compounds_are_hyphenated_in_each_part_only_dearly_and_never_beside_the_hyphen():
    points = word_breaks("бизнес-планирование", "ru")
    hyphen = "бизнес-планирование".index("-")
    assert (hyphen + 1, Kind.HYPHEN) in points
    assert not [p for p, kind in points if kind == Kind.SOFT]
    soft = [p for p, kind in points if kind == Kind.COMPOUND]
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


# -- issue 19: compounds, abbreviations, counted numbers, initials, ь/ъ, address hyphens


def _paragraph(text: str, language: str):
    """The text as a body paragraph of the house theme in `language`."""
    from pathlib import Path

    from layout.compose.text import Paragraph
    from layout.content.model import Run
    from layout.style.fonts import register_fonts
    from layout.style.styles import text_styles
    from layout.style.theme import Theme

    root = Path(__file__).resolve().parents[2]
    theme = Theme(root / "issue" / "theme.yaml")
    register_fonts(theme, root / "fonts")
    return Paragraph([Run(text)], text_styles(theme, language)["body"])


def _penalties(text: str, language: str) -> list:
    return [item for item in _paragraph(text, language).prepared.items
            if type(item).__name__ == "Penalty"]


@pytest.mark.parametrize("word,language", [
    ("Усть-Каменогорске", "ru"), ("non-governmental", "en"), ("түкпір-түкпірінде", "kk")])
def test_a_compound_breaks_at_its_typed_hyphen_and_inside_a_part_only_at_a_high_cost(
        word, language):
    points = word_breaks(word, language)
    assert (word.index("-") + 1, Kind.HYPHEN) in points
    assert {kind for _, kind in points} == {Kind.HYPHEN, Kind.COMPOUND}
    costs = {item.at: item.cost for item in _penalties(word + " and more words", language)
             if 0 < item.at < len(word)}
    typed = costs[word.index("-") + 1]
    assert all(cost > 10 * typed for at, cost in costs.items() if at != word.index("-") + 1)


def test_a_compound_is_still_broken_inside_a_part_when_nothing_else_sets_the_line():
    word = "Усть-Каменогорске"
    para = _paragraph(word, "ru")
    start = len("Усть-")
    width = para.prepared.width(start, start + len("Каменогор")) + 2  # the part is too wide
    para.wrap(width, 1000)
    assert [line.hyphen for line in para.lines] == [False, True, False]
    assert para.lines[0].end == start  # the typed hyphen first, then inside the part


@pytest.mark.parametrize("text,language", [
    ("т. е. так", "ru"), ("и т. п. и", "ru"), ("и т. д. и", "ru"), ("т. к. он", "ru"),
    ("және т. б. де", "kk")])
def test_abbreviations_are_never_split(text, language):
    kinds = space_kinds(text, language)
    inside = text.index(".", text.index("т")) + 1  # the space inside "т. е."
    assert kinds[inside] == NOBREAK


@pytest.mark.parametrize("text,language", [
    ("2022–2024 гг. были", "ru"), ("112 участников", "ru"), ("50 адам келді", "kk"),
    ("2023 ж. қаңтарда", "kk"), ("40 volunteers came", "en"), ("XX в. был", "ru")])
def test_a_number_keeps_what_it_counts_or_dates(text, language):
    first_space = min(space_kinds(text, language))
    assert space_kinds(text, language)[first_space] == NOBREAK


def test_a_number_range_is_never_broken_at_its_dash():
    assert word_breaks("2022–2024", "ru") == []
    assert word_breaks("10-15", "en") == []
    assert (7, Kind.DASH) in word_breaks("Алматы–Астана", "ru")  # words, not numbers


@pytest.mark.parametrize("text,surname,language", [
    ("Т. Б. Оспанов сказал", "Оспанов", "ru"), ("K. Tokayev-Smithson said", "Tokayev-Smithson",
                                                  "en"),
    ("Қ. Тоқаев айтты", "Тоқаев", "kk")])
def test_a_surname_after_initials_is_not_hyphenated(text, surname, language):
    start = text.index(surname)
    inside = [item for item in _penalties(text, language)
              if start < item.at < start + len(surname) and item.hyphen]
    assert inside == []
    assert all(k == NOBREAK for at, k in space_kinds(text, language).items() if at < start)


@pytest.mark.parametrize("word,language", [
    ("компьютерге", "kk"), ("объектілер", "kk"), ("подъезде", "kk"), ("объединение", "ru"),
    ("подъезде", "ru"), ("компьютерный", "ru"), ("съёмки", "ru")])
def test_soft_and_hard_signs_never_start_a_line(word, language):
    points = word_breaks(word, language)
    assert all(word[at] not in "ьъ" for at, _ in points)
    assert points or len(word) < 7  # the word may still be hyphenated elsewhere


@pytest.mark.parametrize("address,before", [
    ("prozrachny-gorod.kz", "prozrachny"), ("west-media.kz.", "west"),
    ("www.vostochnyi-bereg.kz/news", "www.vostochnyi")])
def test_an_address_breaks_before_its_own_hyphen(address, before):
    points = word_breaks(address, "en")
    assert (len(before), Kind.ADDRESS) in points
    assert all(address[at - 1] != "-" for at, _ in points)  # no line ends in its hyphen
