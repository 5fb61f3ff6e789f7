"""Deliberately broken screen PDFs: each of our own checks, and each of the two checkers,
fails on the damage it is there to see (a check that cannot fail proves nothing)."""

from __future__ import annotations

import pikepdf
import pytest

from layout.checks.screen import (
    Screen,
    check_alt,
    check_furniture,
    check_outline,
    check_parent_tree,
    check_reading,
    check_to_unicode,
    run_outloud,
    run_page,
)
from layout.content import load_issue

HEAD, FOOT = 20 * 72 / 25.4, 22 * 72 / 25.4  # the theme's grid.margin_head and margin_foot


def broken(source, tmp_path, name, damage):
    """A copy of the screen PDF with `damage(pdf)` done to it."""
    target = tmp_path / f"{name}.pdf"
    with pikepdf.open(source) as pdf:
        damage(pdf)
        pdf.save(target)
    return target


def elements(pdf: pikepdf.Pdf, role: str):
    out, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        element = todo.pop(0)
        if element.get("/S") == pikepdf.Name(role):
            out.append(element)
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        todo += [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    return out


def remove_alt(pdf):
    del elements(pdf, "/Figure")[0]["/Alt"]


def untag_folio(pdf):
    """The first page's furniture drawn as plain content: its /Artifact marks gone."""
    page = pdf.pages[0]
    ops = list(pikepdf.parse_content_stream(page))
    start = next(k for k, (operands, operator) in enumerate(ops)
                 if str(operator) == "BDC" and str(operands[0]) == "/Artifact"
                 and isinstance(operands[1], pikepdf.Dictionary)
                 and operands[1].get("/Type") == pikepdf.Name.Pagination)
    depth, end = 0, start
    for k in range(start, len(ops)):
        name = str(ops[k][1])
        depth += name in ("BDC", "BMC")
        depth -= name == "EMC"
        if depth == 0:
            end = k
            break
    del ops[end]
    del ops[start]
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))


def swap_columns(pdf):
    """The news page's first two briefs (column one's and column two's text) swapped in the
    tree: drawn as before, read in the wrong order."""
    article = elements(pdf, "/Art")[0]
    kids = article.K
    paragraphs = [k for k, kid in enumerate(kids) if kid.get("/S") == pikepdf.Name.P]
    a, b = paragraphs[0], paragraphs[1]
    first, second = kids[a], kids[b]
    kids[a], kids[b] = second, first


def drop_parent_entry(pdf):
    """One MCID of page 1 no longer leads back to its element."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    slots = nums[1]
    slots[len(slots) - 1] = None  # null


def map_to_nothing(pdf):
    """A font's ToUnicode maps one more code to U+0000."""
    font = next(iter(pdf.pages[0].obj.Resources.Font.values()))
    data = font.ToUnicode.read_bytes()
    font.ToUnicode.write(data.replace(b"endcmap", b"1 beginbfchar\n<FFFF> <0000>\nendbfchar\n"
                                                  b"endcmap"))


def rename_bookmark(pdf):
    with pdf.open_outline() as outline:
        outline.root[1].title = "A title no page has"


@pytest.fixture(scope="module")
def issue(photo_issue):
    return load_issue(photo_issue)


def test_the_intact_file_passes_every_check(photo_screen, issue):
    screen = Screen(photo_screen)
    assert not (check_alt(screen) + check_parent_tree(screen) + check_outline(screen)
                + check_to_unicode(screen) + check_furniture(screen, HEAD, FOOT)
                + check_reading(screen, issue))


def test_a_figure_without_alt_fails_ours_and_both_checkers(photo_screen, tmp_path):
    pdf = broken(photo_screen, tmp_path, "no-alt", remove_alt)
    assert [f.check for f in check_alt(Screen(pdf))] == ["alt text"]
    page = run_page(pdf)
    assert not page.passed and "PDFUA" in page.output
    outloud = run_outloud(pdf)
    assert not outloud.passed and "FIG-001" in outloud.output


def test_an_untagged_folio_fails_ours_and_both_checkers(photo_screen, tmp_path):
    pdf = broken(photo_screen, tmp_path, "untagged-folio", untag_folio)
    findings = check_furniture(Screen(pdf), HEAD, FOOT)
    assert findings and all(f.check == "furniture" for f in findings)
    assert "page 1:" in findings[0].message and "NEWS" in findings[0].message
    assert not run_page(pdf).passed
    outloud = run_outloud(pdf)
    assert not outloud.passed and "TAG-001" in outloud.output


def test_two_columns_swapped_in_the_tree_fail_the_reading_order(photo_screen, tmp_path, issue):
    pdf = broken(photo_screen, tmp_path, "swapped", swap_columns)
    findings = check_reading(Screen(pdf), issue)
    assert findings and findings[0].check == "reading order"
    assert findings[0].message.startswith("news:")


def test_a_dropped_parent_tree_entry_fails_our_check(photo_screen, tmp_path):
    """Neither checker (page 0.11, outloud 0.2) looks the ParentTree up from the content's
    side: only our check sees an MCID that no longer leads back to its element (a reader
    that hit-tests the page, or reflows it, loses that text)."""
    pdf = broken(photo_screen, tmp_path, "parent-tree", drop_parent_entry)
    findings = check_parent_tree(Screen(pdf))
    assert [f.message for f in findings] == [findings[0].message]
    assert "page 1 MCID" in findings[0].message and "no ParentTree entry" in findings[0].message
    assert run_page(pdf).passed and run_outloud(pdf).passed  # their blind spot, as it is


def test_a_bookmark_that_is_no_heading_fails_the_bookmarks(photo_screen, tmp_path):
    pdf = broken(photo_screen, tmp_path, "bookmark", rename_bookmark)
    messages = [f.message for f in check_outline(Screen(pdf))]
    assert any("'A title no page has' (page 2) is no heading" in m for m in messages)
    assert any("'Pictures of the steppe' on page 2 has no bookmark" in m for m in messages)


def test_a_code_mapped_to_nul_fails_the_to_unicode_check(photo_screen, tmp_path):
    pdf = broken(photo_screen, tmp_path, "nul", map_to_nothing)
    findings = check_to_unicode(Screen(pdf))
    assert len(findings) == 1 and "maps a code to U+0000" in findings[0].message
