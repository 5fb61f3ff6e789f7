"""A second issue written from the docs alone builds as it is; its ISSN barcode scans."""

from __future__ import annotations

import pdfplumber
import pytest

from layout.checks.verify import verify
from layout.compose.barcode import G_CODES, L_CODES
from layout.content import load_issue
from tests.conftest import ROOT, run_cli

SECOND = ROOT / "tests" / "issues" / "second"
R_CODES = tuple(code.translate(str.maketrans("01", "10")) for code in L_CODES)
FIRST_DIGIT = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG",
               "LGLGGL", "LGGLGL")


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    output = tmp_path_factory.mktemp("second") / "second.pdf"
    result = run_cli("build", SECOND, "-o", output)
    return result, output


def test_the_second_issue_builds_without_edits(second):
    result, output = second
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # not even a warning
    issue = load_issue(SECOND)
    assert (issue.year, issue.number) == (2024, 2)  # from the issue line '№2 (03-04) 2024'
    assert not (SECOND / "articles" / "contents.md").exists()
    assert not [r for r in verify(output, issue) if r.missing]
    with pdfplumber.open(output) as pdf:
        assert len(pdf.pages) == 8
        pages = [" ".join(p.extract_text().split()) for p in pdf.pages]
    assert "Volunteers of the steppe" in pages[0]  # the cover's title is its cover story
    assert "4 The civic forum: what changed in a year" in pages[0]
    assert "Special: the voices of five cities" in pages[0]  # a cover line with no page
    assert "In this issue" in pages[1] and "8 Imprint" in pages[1]  # contents, no file
    assert "Dinara Sadykova" in pages[6] and "34 years old, nurse" in pages[6]
    assert "52 years old, bus driver, Shymkent" in pages[6]  # one-line cards, commas kept
    assert "EDITORIAL BOARD" in pages[7] and "2,000 copies" in pages[7]
    assert "ISSN 0378-5955" in pages[7]


def _modules(rects, x0, x1, module):
    """The bars between x0 and x1 as a string of modules."""
    out = []
    for rect in sorted(rects, key=lambda r: r["x0"]):
        if x0 - 0.1 <= rect["x0"] < x1:
            start = round((rect["x0"] - x0) / module)
            out += ["0"] * (start - len(out)) + ["1"] * round(rect["width"] / module)
    return "".join(out)


def _decode_ean13(modules: str) -> str:
    assert modules.startswith("101") and len(modules) >= 95
    left = [modules[3 + 7 * k: 10 + 7 * k] for k in range(6)]
    right = [modules[50 + 7 * k: 57 + 7 * k] for k in range(6)]
    parity, digits = "", ""
    for code in left:
        parity += "L" if code in L_CODES else "G"
        digits += str((L_CODES if code in L_CODES else G_CODES).index(code))
    return str(FIRST_DIGIT.index(parity)) + digits + "".join(str(R_CODES.index(c)) for c in right)


def test_the_issn_barcode_is_vector_black_only_and_scans(second):
    _, output = second
    with pdfplumber.open(output) as pdf:
        page = pdf.pages[7]
        bars = [r for r in page.rects if r["height"] > 20 and r["width"] < 5]
        assert not page.images  # vector: no picture of a barcode
    assert bars and {tuple(r["non_stroking_color"]) for r in bars} == {(0, 0, 0, 1)}
    module = min(r["width"] for r in bars)
    assert abs(module - 0.33 * 72 / 25.4) < 0.01
    start = min(r["x0"] for r in bars)
    main = _modules(bars, start, start + 95 * module, module)
    assert _decode_ean13(main) == "9770378595002"  # 977, ISSN without check, 00, check
    addon = _modules(bars, start + 95 * module + 1, start + 130 * module, module)
    assert addon.lstrip("0").startswith("1011")  # the EAN-2 start guard
    code = addon.lstrip("0")
    first, second_digit = code[4:11], code[13:20]
    # issue 2: '02', and 2 mod 4 = 2 sets the first digit in the G set, the second in L
    assert (G_CODES.index(first), L_CODES.index(second_digit)) == (0, 2)


def test_no_imprint_entry_is_split_between_columns(second):
    """Each entry's lines stand in one column under their label (the contacts' e-mail line
    once opened the second column alone, without its label)."""
    _, output = second
    with pdfplumber.open(output) as pdf:
        words = pdf.pages[7].extract_words()
    column = {w["text"]: w["x0"] for w in words}
    assert abs(column["CONTACTS"] - column["editor@adalazamat.example"]) < 1
    assert abs(column["REGISTRATION"] - column["Registered"]) < 1


def test_the_issn_barcode_page_passes_preflight_with_no_base14_font_nor_hairline(second):
    """ReportLab's barcode drawing named Helvetica in an empty text object and stroked its
    bars 0 pt wide: the page failed the printer's preflight."""
    from layout.checks.preflight import preflight

    _, output = second
    report = preflight(output)
    assert not report.failed, report.to_table()
    with pdfplumber.open(output) as pdf:
        assert not [c for c in pdf.pages[7].curves + pdf.pages[7].rects
                    if c.get("stroke") and c.get("linewidth", 1) < 0.1]
    assert b"/Helvetica" not in output.read_bytes()
