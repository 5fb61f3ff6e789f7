"""A page-sized Figure: a photo opener (its title real text over the photo) passes; a scan
described as a picture, its recognised text hidden under it or invisible, fails.

outloud's TAG-030 flags both alike (any page-sized Figure on a page with 20 tagged words);
`layout check-screen` skips it and runs `check_scanned_pages` in its place."""

from __future__ import annotations

import pikepdf
import pytest

from layout.build import build
from layout.checks.screen import OUR_RULES, Screen, check_scanned_pages, run_outloud
from tests.conftest import run_cli, write_minimal_issue
from tests.screen.conftest import BODY, photo

OPENER = f"""---
kind: feature
section: PEOPLE
title: "The night shift at the shelter"
standfirst: "Volunteers keep the doors open from ten at night to six in the morning."
byline: {{name: "Aigerim Test", role: "reporter"}}
pages: 4
columns: 2
---

::: figure images/night.jpg opener
alt: A volunteer pours tea for a man in a winter coat at a long table
focus: 50% 40%
Photo: A. Photographer
:::

{BODY * 30}
"""


@pytest.fixture(scope="module")
def opener(tmp_path_factory):
    root = write_minimal_issue(tmp_path_factory.mktemp("opener") / "issue", {"night": OPENER})
    (root / "images").mkdir()
    photo(2480, 3508).save(root / "images" / "night.jpg", dpi=(300, 300))
    return root, build(root, root.parent / "night-screen.pdf", edition="screen",
                       use_cache=False)


def first_page_ops(pdf: pikepdf.Pdf) -> list:
    return list(pikepdf.parse_content_stream(pdf.pages[0]))


def picture_block(ops: list) -> tuple[int, int]:
    """Where the opener's photo is drawn: its Figure's marked content, start and end."""
    start = next(k for k, (operands, operator) in enumerate(ops) if str(operator) == "BDC"
                 and str(operands[0]) == "/Figure")
    end = next(k for k in range(start, len(ops)) if str(ops[k][1]) == "EMC")
    return start, end


def damaged(source, tmp_path, name: str, damage) -> Screen:
    target = tmp_path / f"{name}.pdf"
    with pikepdf.open(source) as pdf:
        ops = first_page_ops(pdf)
        pdf.pages[0].obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(
            damage(ops)))
        pdf.save(target)
    return Screen(target)


def test_a_photo_opener_with_its_title_over_it_passes(opener):
    root, pdf = opener
    screen = Screen(pdf)
    (figure,) = [e for e in screen.elements if e.role == "/Figure"]
    assert figure.alt.startswith("A volunteer pours tea")
    assert not check_scanned_pages(screen)
    result = run_cli("check-screen", pdf, root)
    assert result.exit_code == 0, result.output
    assert "TAG-030" not in result.output


def test_outloud_alone_takes_the_opener_for_a_scan(opener):
    """Why its rule is replaced: on its own it warns about this very page."""
    _, pdf = opener
    assert OUR_RULES == ("TAG-030",)
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import sys; from outloud.cli import main; sys.exit(main())",
         "--only", "TAG-030", "--fail-on", "warning", str(pdf)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "TAG-030" in result.stdout
    assert run_outloud(pdf).passed


def test_a_scan_with_its_text_under_the_picture_fails(opener, tmp_path):
    """The page's text drawn first, the page-sized picture over it: what a scanned page
    with a recognised text layer looks like."""
    def text_first(ops):
        start, end = picture_block(ops)
        picture = ops[start:end + 1]
        return ops[:start] + ops[end + 1:] + picture

    findings = check_scanned_pages(damaged(opener[1], tmp_path, "under", text_first))
    assert [f.check for f in findings] == ["scanned page"]
    assert "page 1" in findings[0].message and "under the picture" in findings[0].message


def test_a_scan_with_invisible_text_fails(opener, tmp_path):
    """The text in render mode 3 (neither filled nor stroked), as OCR layers are."""
    def invisible(ops):
        out = []
        for operands, operator in ops:
            out.append(([3], operator) if str(operator) == "Tr" else (operands, operator))
            if str(operator) == "BT":
                out.append(([3], pikepdf.Operator("Tr")))
        return out

    findings = check_scanned_pages(damaged(opener[1], tmp_path, "invisible", invisible))
    assert len(findings) == 1 and "invisible" in findings[0].message
