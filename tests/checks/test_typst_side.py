"""Side by side with Typst: the same body text, set by both engines, measured alike."""

from __future__ import annotations

import re

import pdfplumber

from layout.build import FONTS_DIR, build
from layout.checks.typo import body_lines
from layout.checks.typst_side import body_paragraphs, side_by_side, table, typst_string
from layout.content import load_issue
from tests.conftest import ROOT, write_minimal_issue

ENGLISH = ("The **well-known** clean-up of the river bank, organised by thirty-eight "
           "volunteers of the *Qamqor* network, cost 2\u00a0000\u00a0000 tenge: a re**form**ed "
           "budget, published at https://www.gov.kz/memleket/entities/qogam and in "
           "C:\\reports\\2024, with #hashtags, $5 fees, <b>tags</b>, @handles and \\*stars\\*. ")
RUSSIAN = ("В *Законе «О масс-медиа»* кое-что изменилось: по-русски и по-казахски **бизнес-план** "
           "редакции теперь пишут иначе, а 18\u202f007 изданий ждут разъяснений от А. С. Пушкина "
           "и № 5 к 12,5 % роста. ")


def article(kind: str, language: str, columns: int, text: str, paragraphs: int) -> str:
    body = "\n\n".join(text * (3 + k % 3) for k in range(paragraphs))
    return (f"---\nkind: {kind}\ntitle: \"A test\"\npages: 1\ncolumns: {columns}\n"
            f"language: {language}\n---\n{body}\n\n## A subhead\n\n{text}\n")


def test_typst_string_keeps_every_character():
    assert typst_string('a "quoted" C:\\path\nnext') == '"a \\"quoted\\" C:\\\\path next"'


def test_side_by_side_measures_both_engines(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {
        "english": article("feature", "en", 2, ENGLISH, 3),
        "russian": article("news", "ru", 3, RUSSIAN, 3),
        "c": "---\nkind: letter\ntitle: \"C\"\npages: 1\n---\nShort.\n",
        "d": "---\nkind: letter\ntitle: \"D\"\npages: 1\n---\nShort.\n"})
    issue = load_issue(root)
    pdf = build(root, tmp_path / "ours.pdf", use_cache=False)
    rows = side_by_side(issue, pdf, tmp_path / "typst", FONTS_DIR)
    groups = {(row.language, row.columns): row for row in rows}
    assert {("en", 2), ("ru", 3), ("all", 0)} <= set(groups)
    for key in (("en", 2), ("ru", 3)):
        row = groups[key]
        assert row.ours.lines > 20 and row.typst.lines > 20
        assert 0.1 < row.ours.gap_median < 3 and 0.1 < row.typst.gap_median < 3
    assert "Typst" in table(rows)

    # Typst sets exactly the body text (no furniture), whatever characters it holds
    typst_pdf = tmp_path / "typst" / "english.pdf"
    typeset = "".join(line.text for columns in body_lines(typst_pdf).values()
                      for column in columns for line in column)
    with pdfplumber.open(typst_pdf) as document:
        fonts = {c["fontname"] for page in document.pages for c in page.chars}
    source = "".join(p.text for p, _ in body_paragraphs(issue.article("english")))
    assert _letters(typeset) == _letters(source)
    assert all("Serif" in name for name in fonts)


def _letters(text: str) -> str:
    """Text without spaces and hyphens (Typst extracts a hyphen glyph as U+00AD)."""
    return re.sub(r"[\s\u00ad\-]", "", text)


def test_the_mixed_issue_covers_every_language_in_every_column_count():
    issue = load_issue(ROOT / "tests" / "issues" / "mixed")
    combinations = {(a.language, a.columns) for a in issue.articles if body_paragraphs(a)}
    assert combinations == {(lang, cols) for lang in ("en", "ru", "kk") for cols in (1, 2, 3)}
