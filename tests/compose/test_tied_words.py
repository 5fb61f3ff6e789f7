"""Words tied together on one line (a number and what it counts, initials and a name, a
no-break space) that are wider than the column together: the tie gives way, the paragraph
is still broken into lines of its measure (it was once set as one line 4,800 pt wide, run
off the page: no break fitted, and the breaker's last resort took the whole paragraph)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from layout.build import proof
from layout.checks.typo import inside
from layout.compose.grid import Grid
from layout.compose.text import Paragraph
from layout.content import load_issue
from layout.content.model import Run
from layout.style.theme import Theme
from layout.style.typesetting import hangs
from tests.compose.test_text_property import columns_of
from tests.conftest import write_minimal_issue

ROOT = Path(__file__).resolve().parents[2]

FILLER = ("civil society organisations strengthen democratic institutions independent "
          "monitoring of governmental decisions encourages accountability volunteers ")
# (tied words, column width): the run wider than the column, each of its words narrower
# than the indented first line (and none hyphenated: Russian and Kazakh words in an English
# article, a name after initials), so no word of it takes an emergency break; "78 448
# достопримечательностями" is a number and what it counts
TIED = [("78\u00a0448 достопримечательностями", 150.0), ("K. Ә. Ұйымдастырушыларының", 141.0),
        ("ұйымдастырушыларының\u00a0ұйымдастырушыларының", 141.0)]


def _body_style():
    from layout.style.fonts import register_fonts
    from layout.style.styles import text_styles

    theme = Theme(ROOT / "issue" / "theme.yaml")
    register_fonts(theme, ROOT / "fonts")
    return text_styles(theme, "en")["body"]


def test_a_tied_run_wider_than_the_line_breaks_at_its_tie():
    style = _body_style()
    for tied, width in TIED:
        paragraph = Paragraph([Run(FILLER * 2 + tied + " " + FILLER)], style)
        paragraph.wrap(width, 10_000)
        assert len(paragraph.lines) > 5, tied
        for k, line in enumerate(paragraph.lines):
            room = width - paragraph._x_of(k)
            drawn = paragraph.prepared.width(line.start, line.end) * line.scale
            assert drawn <= room + 5, (tied, k, drawn)  # + a line's shrink and its hyphen


def test_the_paragraph_after_the_first_keeps_to_its_columns(tmp_path):
    # the article's case, reduced: the second paragraph (indented, no drop cap beside it)
    body = (FILLER * 3 + "civil.\n\n" + FILLER + TIED[0][0] + " museum.semey@culture.gov.kz "
            + FILLER + "civil.")
    head = ("---\nkind: feature\ntitle: \"Tied\"\npages: auto\nlanguage: en\ncolumns: 3\n"
            "---\n")
    root = write_minimal_issue(tmp_path / "issue", {"a": head + body + "\n"})
    result = proof(root, tmp_path / "out.pdf", use_cache=False)
    issue = load_issue(root)
    theme = Theme(issue.theme_path)
    grid = Grid.from_theme(theme, issue.bleed_mm)
    hung = hangs(theme)  # punctuation may hang past a column's edge, by as much as this
    with pdfplumber.open(result.pdf) as pdf:
        seen = ""
        for page in pdf.pages:
            chars = [c for c in page.chars if c.get("tag") != "Artifact" and c["size"] < 12]
            spans = columns_of(page, grid, 3)
            for char in chars:
                if char["text"].isspace():
                    continue
                seen += char["text"]
                assert any(inside(char, a, b, hung) for a, b in spans), \
                    f"p{page.page_number}: '{char['text']}' at {char['x1']:.0f} outside its column"
    assert "достопримечательност" in seen


def test_a_tied_run_that_fits_a_full_line_is_not_broken_for_the_indented_first_one():
    # found by `make fuzz` in 2 columns: the run (242 pt) is wider than the indented first
    # line (234 pt) but not than the others (244 pt): the tie held everywhere but there
    from layout.compose.grid import Grid

    style = _body_style()
    theme = Theme(ROOT / "issue" / "theme.yaml")
    width = Grid.from_theme(theme, 3).column_width(2, 1)
    tied = "112 203 194 777 359 089 достопримечательностями"
    paragraph = Paragraph([Run(FILLER * 3 + tied + " " + FILLER * 2)], style)
    paragraph.wrap(width, 10_000)
    text = paragraph.text
    assert paragraph.prepared.width(text.index(tied), text.index(tied) + len(tied)) < width
    end = text.index(tied) + len("112 203 194 777 359 089")
    assert [line for line in paragraph.lines if line.end == end] == []  # not "089 | …"
    assert [line for line in paragraph.lines if line.start == end + 1] == []


def test_a_measure_narrower_than_a_character_is_an_error_naming_the_article_and_text(
        tmp_path):
    from layout.compose.issue import unset_error
    from layout.compose.text.lines import Unset

    style = _body_style()
    paragraph = Paragraph([Run("Wide words here.")], style)
    try:
        paragraph.wrap(2.0, 10_000)
    except Unset as unset:
        error = unset
    else:
        raise AssertionError(f"set as {len(paragraph.lines)} lines in 2 pt")
    head = "---\nkind: feature\ntitle: \"Narrow\"\npages: auto\n---\n"
    root = write_minimal_issue(tmp_path / "issue", {"a": head + "Intro.\n\nWide words here.\n"})
    article = load_issue(root).articles[-1]
    message = str(unset_error(article, error))
    assert message.startswith(f"{article.path}:8: no line 0.0 pt wide can hold “Wide words "
                              "here.”")  # 2 pt less the indent
    assert " — " in message


def test_a_tied_run_that_fits_when_squeezed_is_not_broken():
    # found by `make fuzz` in 3 columns: bold "№ 5 достопримечательностями" is 159 pt, the
    # column 158 pt; its spaces and glyphs squeezed as a tight line sets them, it fits
    from layout.compose.grid import Grid

    style = _body_style()
    width = Grid.from_theme(Theme(ROOT / "issue" / "theme.yaml"), 3).column_width(3, 1)
    tied = "№ 5 достопримечательностями"
    paragraph = Paragraph([Run(FILLER * 3), Run(tied, bold=True), Run(" " + FILLER * 2)],
                          style)
    paragraph.wrap(width, 10_000)
    start = paragraph.text.index(tied)
    assert [line for line in paragraph.lines if start < line.end < start + len(tied)] == []
    assert any(line.start <= start and line.end >= start + len(tied)
               for line in paragraph.lines)
