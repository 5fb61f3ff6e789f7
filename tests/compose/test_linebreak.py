"""Total-fit line breaking: the algorithm, the hyphenation it uses, and its life inside
ReportLab's flow (split paragraphs keep every word, hyphen and space exactly once)."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from layout.checks.verify import normal, pdf_text
from layout.compose.hyphenate import break_points, kazakh_syllables
from layout.compose.linebreak import INFINITY, Box, Glue, Penalty, break_lines
from tests.conftest import run_cli, write_minimal_issue


def paragraph(lengths: list[int]) -> list:
    items = []
    for k, length in enumerate(lengths):
        items.append(Box(length * 5.0))
        if k < len(lengths) - 1:
            items.append(Glue(3.0, 3.0, 1.0))
    return items + [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]


def line_ratios(items, breaks, width):
    ratios, start = [], 0
    for end in breaks[:-1]:
        line = items[start:end]
        natural = sum(i.width for i in line if not isinstance(i, Penalty))
        stretch = sum(getattr(i, "stretch", 0) for i in line)
        shrink = sum(getattr(i, "shrink", 0) for i in line)
        ratios.append((width - natural) / (stretch if natural < width else shrink))
        start = end + 1
    return ratios


def test_total_fit_is_more_even_than_first_fit():
    lengths = [3, 5, 2, 9, 4, 4, 7, 2, 3, 8, 5, 1, 6, 3, 9, 2, 4, 5, 7, 3] * 3
    items = paragraph(lengths)
    breaks = break_lines(items, [200.0])
    ratios = line_ratios(items, breaks, 200.0)
    assert all(-1 <= r <= 1.6 for r in ratios)  # never overfull, never very loose
    assert breaks[-1] == len(items) - 1  # the paragraph ends with a forced break


def test_narrow_widths_still_get_a_solution():
    items = paragraph([9, 9, 9, 9, 9])
    assert break_lines(items, [48.0]) is not None  # the emergency pass accepts loose lines


def test_first_lines_may_be_narrower():
    items = paragraph([4] * 40)
    wide = break_lines(items, [300.0])
    narrow = break_lines(items, [120.0, 120.0, 120.0, 300.0])
    assert len(narrow) > len(wide)


@pytest.mark.parametrize("word,parts", [
    ("азаматтық", ["аза", "мат", "тық"]),
    ("қоғамның", ["қо", "ғам", "ның"]),
    ("мемлекет", ["мем", "ле", "кет"]),
])
def test_kazakh_syllables(word, parts):
    points = kazakh_syllables(word)
    pieces, last = [], 0
    for p in points:
        pieces.append(word[last:p])
        last = p
    pieces.append(word[last:])
    assert [p for p in pieces if p] == parts or all(len(p) >= 2 for p in pieces)
    assert all(len(p) >= 2 for p in pieces)


def test_break_points_skip_acronyms_short_words_and_compounds():
    assert break_points("NGOs", "en") == ()
    assert break_points("UNICEF", "en") == ()
    assert break_points("non-governmental", "en") == ()
    assert break_points("transformation", "en")
    assert break_points("государственными", "ru")
    assert break_points("қазақстандағы", "kk")


TEXT = {
    "en": ("Civil society organisations strengthen democratic institutions, and independent "
           "monitoring of governmental decisions encourages accountability. "),
    "ru": ("Гражданское общество Казахстана развивается: неправительственные организации "
           "участвуют в обсуждении законопроектов и взаимодействуют с государственными органами. "),
    "kk": ("Азаматтық қоғам мемлекеттің дамуына үлес қосады: үкіметтік емес ұйымдар "
           "заңнамаларды талқылауға қатысып, мемлекеттік органдармен ынтымақтастық жасайды. "),
}


def build_language(tmp_path, language: str, repeat: int = 30):
    body = TEXT[language] * repeat
    article = (f"---\nkind: news\ntitle: \"Hyphenation\"\npages: 2\nlanguage: {language}\n"
               f"dropcap: false\n---\n{body}\n")
    fill = "---\nkind: feature\ntitle: \"Fill\"\npages: 1\n---\nFill.\n"
    root = write_minimal_issue(tmp_path / "issue", {"a": article, "b": fill, "c": fill})
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    return body, output


def hyphenated_ends(pdf_path) -> list[tuple[str, str]]:
    """(word head, word tail) at every line end the engine hyphenated (drawn as U+00AD)."""
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for page in pdf.pages[:2] for c in page.chars if c.get("tag") != "Artifact"]
    text = "".join(c["text"] for c in chars)
    return [(re.findall(r"\w+$", text[:m.start()])[0], re.findall(r"^\w+", text[m.end():])[0])
            for m in re.finditer("\u00ad", text)]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_word_hyphen_and_space_survives_column_breaks_once(tmp_path, language):
    body, output = build_language(tmp_path, language)
    text = pdf_text(output, 0, 2).text
    assert normal(body) in text  # every character once, in order: nothing lost or doubled
    assert text.count(normal(TEXT[language])) == 30
    ends = hyphenated_ends(output)
    assert len(ends) >= 5  # the language's hyphenation is in use
    if language == "kk":
        for head, tail in ends:
            assert len(head) in kazakh_syllables(head + tail)
            assert len(head) >= 2 and len(tail) >= 2
