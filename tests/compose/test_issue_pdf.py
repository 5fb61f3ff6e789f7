"""The real issue's PDF, read back: geometry, fonts, furniture, contents, drop caps, columns."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from layout.checks.verify import verify
from tests.readers import fonts

A4 = (595.28, 841.89)
BLEED = 3 * 72 / 25.4
BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def starts(issue_pdf) -> list[int]:
    """1-based first page of each article, from the PDF's outline."""
    reader = PdfReader(issue_pdf)
    return [reader.get_destination_page_number(o) + 1 for o in reader.outline]


def test_page_count_is_the_flatplan_and_a_multiple_of_four(issue, issue_pdf):
    pages = len(PdfReader(issue_pdf).pages)
    assert pages == sum(a.pages for a in issue.articles)
    assert pages % 4 == 0
    assert pages >= 40


def test_every_page_is_a4_trim_with_bleed(issue_pdf):
    for page in PdfReader(issue_pdf).pages:
        trim = [float(v) for v in page.trimbox]
        bleed = [float(v) for v in page.bleedbox]
        media = [float(v) for v in page.mediabox]
        assert trim[2] - trim[0] == pytest.approx(A4[0], abs=0.01)
        assert trim[3] - trim[1] == pytest.approx(A4[1], abs=0.01)
        assert trim[0] - bleed[0] == pytest.approx(BLEED, abs=0.01)
        assert media == bleed


def test_every_font_is_embedded_and_none_is_base14(issue_pdf):
    found = fonts(issue_pdf)
    assert found, "no fonts listed"
    for font in found:
        assert font.embedded, font
        assert not any(b in font.name for b in BASE14), font
        assert "Noto" in font.name


def words_in(page, top: float, bottom: float):
    return [w for w in page.extract_words() if top <= w["top"] <= bottom]


def test_folios_sit_at_the_outer_foot_and_say_the_right_thing(plumbed, issue):
    cover = plumbed.pages[0]
    assert not words_in(cover, cover.height - 60, cover.height), "the cover has no folio"
    for number, page in enumerate(plumbed.pages[1:], start=2):
        foot = words_in(page, page.height - 60, page.height)
        numbers = [w for w in foot if w["text"] == str(number)]
        assert numbers, f"page {number}: no folio"
        folio = numbers[0]
        text = " ".join(w["text"] for w in foot)
        if number % 2 == 0:  # verso: number at the left, then the issue line
            assert folio["x0"] < page.width / 4, f"page {number}: verso folio not at left"
            assert "№1 (01-02) 2023" in text
        else:
            assert folio["x1"] > page.width * 3 / 4, f"page {number}: recto folio not at right"
            assert "ADALAZAMAT" in text


def test_folio_numbers_are_set_solid_and_end_on_the_outer_edge(plumbed):
    """A folio's digits touch (the running head's letter-spacing does not carry over into
    them), so a recto's number ends on the column's edge whatever its length."""
    ends = {}
    for number, page in enumerate(plumbed.pages[1:], start=2):
        digits = [c for c in page.chars if c["top"] > page.height - 60 and c["size"] == 10
                  and c["text"].isdigit()]
        assert "".join(c["text"] for c in digits) == str(number), number
        gaps = [b["x0"] - a["x1"] for a, b in zip(digits, digits[1:], strict=False)]
        assert all(abs(gap) < 0.01 for gap in gaps), f"page {number}: digits {gaps} apart"
        ends.setdefault(number % 2, set()).add(round(digits[-1 if number % 2 else 0]
                                                     ["x1" if number % 2 else "x0"], 2))
    assert len(ends[0]) == 1 and len(ends[1]) == 1, ends


def test_section_pages_carry_their_kicker(plumbed, issue, issue_pdf):
    first = starts(issue_pdf)
    ends = [*first[1:], len(plumbed.pages) + 1]
    for article, start, end in zip(issue.articles, first, ends, strict=True):
        for number in range(start, end):
            page = plumbed.pages[number - 1]
            head = " ".join(w["text"] for w in words_in(page, 0, 55))
            if article.section:
                assert "//////" in head and article.section.split()[0] in head, (
                    f"page {number} of {article.slug}: no kicker")
            else:
                assert "//////" not in head


def test_contents_page_numbers_are_where_articles_start(plumbed, issue, issue_pdf):
    first = starts(issue_pdf)
    words = plumbed.pages[1].extract_words(extra_attrs=["size"])
    entries = {}
    for number in (w for w in words if w["size"] > 15 and w["text"].isdigit()):
        text = [w["text"] for w in words
                if number["x1"] < w["x0"] < number["x1"] + 240
                and number["top"] - 12 < w["top"] < number["top"] + 60]
        entries.setdefault(int(number["text"]), " ".join(text))
    for article, start in zip(issue.articles, first, strict=True):
        if article.kind in ("cover", "contents"):
            continue
        opener = " ".join(plumbed.pages[start - 1].extract_text().split())
        first_words = " ".join(article.title.split()[:3])
        assert first_words in opener, f"{article.slug} does not open on page {start}"
        assert first_words in entries.get(start, ""), f"contents: no '{first_words}' at {start}"


def test_every_word_of_every_article_is_in_the_pdf_in_order(issue_pdf, issue):
    reports = verify(issue_pdf, issue)
    missing = {r.slug: r.missing[:10] for r in reports if r.missing}
    assert sum(r.expected for r in reports) > 21000
    assert not missing


def test_verify_notices_a_missing_word(issue_pdf, issue_copy):
    from layout.content import load_issue

    path = issue_copy / "articles" / "rey.md"
    path.write_text(path.read_text().replace("Germany.", "Germany and Zanzibarland."))
    reports = verify(issue_pdf, load_issue(issue_copy))
    rey = next(r for r in reports if r.slug == "rey")
    assert len(rey.differences) == 1
    assert "Zanzibarland" in rey.differences[0].source
    assert rey.differences[0].page == 5 and rey.differences[0].line == 26


@pytest.mark.parametrize("printed,typed", [
    ("well-known", "wellknown"),  # a hyphen that is not in the source
    ("non-governmental", "non-govern mental"),  # two words run together
])
def test_verify_compares_characters_not_words(issue_pdf, issue_copy, printed, typed):
    """Where the PDF says `printed` and the source `typed`, verify names both spellings, the
    page and the line (the source is changed rather than the PDF: the same comparison)."""
    from layout.content import load_issue

    path = next(p for p in sorted((issue_copy / "articles").glob("*.md"))
                if printed in p.read_text())
    path.write_text(path.read_text().replace(printed, typed, 1))
    reports = {r.slug: r for r in verify(issue_pdf, load_issue(issue_copy))}
    assert [slug for slug, r in reports.items() if r.differences] == [path.stem]
    difference = reports[path.stem].differences[0]
    assert typed in difference.source and printed in difference.pdf
    assert difference.page > 1 and difference.line > 1


def test_verify_takes_any_white_space_for_a_word_space(issue_pdf, issue_copy):
    from layout.content import load_issue

    path = issue_copy / "articles" / "rey.md"
    path.write_text(path.read_text().replace("and Germany.", "and\u00a0 Germany."))
    assert not [r for r in verify(issue_pdf, load_issue(issue_copy)) if r.differences]
