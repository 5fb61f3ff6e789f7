"""Tables and charts inside a sidebar, read back from the PDF: drawn inside its tinted box,
verified as typed; what a sidebar cannot hold is an error at its line."""

from __future__ import annotations

import pdfplumber
import pytest

from layout.checks.verify import verify
from layout.content import load_issue
from tests.compose.test_elements import article, small_issue
from tests.conftest import run_cli, write_minimal_issue

SIDEBAR = """Before the box. The network grew each year, and the council paid for part of it.

:::: sidebar The network in figures
The network's own count.

| Year | Sensors | Budget |
|------|---------|--------|
| 2021 | 3 | 1 250 |
| 2023 | 140 | 120 000 |

Table: Sensors and budget
Source: the network's reports

::: chart bar Days over the limit
Zhetysu | 120
Usolka | 94
:::

The counts are at year end.
::::

After the box."""


def test_a_sidebar_holds_a_table_and_a_chart_inside_its_box(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {
        "a": article(SIDEBAR, columns=2), **{f"b{k}": article("Text.") for k in range(3)}})
    pdf = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", pdf)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        words = page.extract_words()
        title = next(w for w in words if w["text"] == "figures")
        box = max((r for r in page.rects if r["x0"] <= title["x0"] <= r["x1"]
                   and r["top"] <= title["top"] <= r["bottom"]), key=lambda r: r["width"])
        inside = {w["text"] for w in words if box["x0"] < w["x0"] and w["x1"] < box["x1"]
                  and box["top"] < w["top"] and w["bottom"] < box["bottom"]}
        grounds = [r for r in page.rects if r is not box and box["x0"] < r["x0"]
                   and r["x1"] < box["x1"] and box["top"] < r["top"] < box["bottom"]]
    for text in ("Sensors", "140", "120", "Zhetysu", "Usolka", "94", "reports", "Days",
                 "year", "end."):
        assert text in inside, (text, sorted(inside))
    assert box["width"] < page.width / 2  # the box stays in its column
    heads = [r for r in grounds if tuple(r["non_stroking_color"]) == (0, 0, 0, 0)]
    assert len(heads) == 1  # the table's header on paper (sidebar.table_header_tint), not lost
    # on the box's own tint
    reports = verify(pdf, load_issue(root))
    assert [r.missing for r in reports if r.missing] == []


@pytest.mark.parametrize("body, line, words", [
    (SIDEBAR.replace(":::: sidebar", "::: sidebar").replace("::::\n", ":::\n"), 26,
     "with four colons, ':::: sidebar TITLE'"),
    ("::: sidebar Rules\nThe rules:\n\n- one;\n- two.\n:::\n", 10,
     "a list inside the sidebar of line 7"),
    (":::: sidebar Rules\nText.\n\n::: chart bar Days page\nA | 1\n:::\n::::\n", 10,
     "a chart across the type area inside a sidebar"),
    ("Text.\n\n::: sidebar Rules\nText.\n\n| A | B | C | D |\n|---|---|---|---|\n| "
     + " | ".join(["123456789012345678901234567890"] * 4) + " |\n:::\n", 12,
     "move it out of the sidebar (a table in one is as wide as the box)"),
])
def test_what_a_sidebar_cannot_hold_is_an_error_at_its_line(tmp_path, body, line, words):
    result, root = small_issue(tmp_path, body)
    assert result.exit_code == 2, result.output
    assert f"{root / 'articles' / 'a.md'}:{line}:" in result.stderr, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
