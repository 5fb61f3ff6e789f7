"""The real issue's PDF, read back: geometry, fonts, furniture, contents, drop caps, columns."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from layout.checks.verify import verify

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


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts (poppler-utils) not installed")
def test_every_font_is_embedded_and_none_is_base14(issue_pdf):
    out = subprocess.run(["pdffonts", str(issue_pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for row in out:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert not any(b in name for b in BASE14), row
        assert "Noto" in name


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
    assert "zanzibarland" in rey.missing


def test_drop_cap_spans_cap_height_to_third_baseline(plumbed, issue, issue_pdf):
    index = [a.slug for a in issue.articles].index("baigaliyev")
    page = plumbed.pages[starts(issue_pdf)[index] - 1]
    cap = max(page.chars, key=lambda c: c["size"] if "Sans" in c["fontname"]
              and c["text"].isalpha() and c["top"] > 200 else 0)
    body = sorted({round(c["matrix"][5], 1) for c in page.chars
                   if "Serif" in c["fontname"] and c["size"] < 10
                   and cap["x1"] < c["x0"] < cap["x1"] + 60 and c["top"] >= cap["top"] - 5},
                  reverse=True)
    first_baseline, third_baseline = body[0], body[2]
    cap_baseline = cap["matrix"][5]
    assert cap_baseline == pytest.approx(third_baseline, abs=0.5)
    cap_top = cap_baseline + 0.714 * cap["size"]
    body_cap_top = first_baseline + 0.714 * 9.5
    assert cap_top == pytest.approx(body_cap_top, abs=1.0)


def test_body_is_justified_in_columns(plumbed):
    page = plumbed.pages[19]  # a full interview page
    lines = {}
    for word in page.extract_words(extra_attrs=["size"]):
        if 9 < word["size"] < 10 and 60 < word["top"] < 770:
            key = (round(word["top"]), word["x0"] > page.width / 2)
            lines.setdefault(key, []).append(word)
    right_edges = [max(w["x1"] for w in ws) for (top, right), ws in lines.items() if not right]
    full = [x for x in right_edges if x > max(right_edges) - 1]
    assert len(full) > 0.7 * len(right_edges), "most lines of a column end at its right edge"


def test_last_page_columns_are_balanced(plumbed, issue, issue_pdf):
    first = starts(issue_pdf)
    last_of = {a.slug: s + a.pages - 1 for a, s in zip(issue.articles, first, strict=True)}
    for slug in ("wawiernia", "zhovtis", "baigaliyev"):
        page = plumbed.pages[last_of[slug] - 1]
        body = [w for w in page.extract_words() if 60 < w["top"] < page.height - 70]
        left = max(w["bottom"] for w in body if w["x1"] < page.width / 2)
        right = max(w["bottom"] for w in body if w["x0"] > page.width / 2)
        assert abs(left - right) < 3 * 13 + 1, f"{slug}: columns end at {left} and {right}"
