"""The type area is mirrored right on every page: body text read back from the PDF starts at
the theme's outer margin on a verso and at its inner (spine) margin on a recto."""

from __future__ import annotations

import pytest

from layout.checks.margins import page_margins, wrong_margins
from layout.compose.grid import Grid
from layout.content import load_issue
from layout.style.theme import Theme
from tests.conftest import ISSUE, ROOT, run_cli, write_minimal_issue

TEST_ISSUES = [ROOT / "tests" / "issues" / name for name in ("mixed", "second")]


def test_every_page_of_the_real_issue_has_its_sides_margins(issue_pdf):
    # before the fix the third page of each three-page article took the second's side:
    # pp. 10, 17, 20, 23, 26, 29, 34, 37, 44 had the spine margin at the outside
    assert [str(page) for page in wrong_margins(issue_pdf, ISSUE)] == []


@pytest.mark.parametrize("folder", TEST_ISSUES, ids=lambda p: p.name)
def test_every_page_of_the_test_issues_has_its_sides_margins(folder, tmp_path):
    output = tmp_path / "out.pdf"
    assert run_cli("build", folder, "-o", output).exit_code == 0
    assert [str(page) for page in wrong_margins(output, folder)] == []


@pytest.mark.parametrize("first", ["verso", "recto"])
def test_a_long_article_alternates_sides_on_every_page(tmp_path, first):
    """Six pages of one article, starting on either side: verso, recto, verso, … in turn."""
    paragraph = ("The council met again on Tuesday to discuss the budget for the coming "
                 "year, and the members of the public who came asked many questions. ") * 8
    body = "\n\n".join([paragraph] * 27)
    long = f"---\nkind: feature\ntitle: \"Long\"\npages: 6\ncolumns: 2\n---\n{body}\n"
    def short(pages: int) -> str:
        return f"---\nkind: feature\ntitle: \"Short\"\npages: {pages}\n---\nA short note.\n"
    # eight pages in all (saddle stitch); page 1 is a one-page article
    articles = {"lead": short(1), "long": long, "tail": short(1)} if first == "verso" else \
        {"lead": short(2), "long": long}
    root = write_minimal_issue(tmp_path / "issue", articles)
    output = tmp_path / "out.pdf"
    assert run_cli("build", root, "-o", output).exit_code == 0
    issue = load_issue(root)
    grid = Grid.from_theme(Theme(issue.theme_path), issue.bleed_mm)
    start = 2 if first == "verso" else 3
    pages = {page.folio: page for page in page_margins(output, grid)}
    assert set(range(start, start + 6)) <= set(pages)
    sides = [pages[folio].side for folio in range(start, start + 6)]
    assert sides == [first, *(["recto", "verso"] if first == "verso" else ["verso", "recto"])
                     * 3][:6]
    assert [str(pages[f]) for f in range(start, start + 6) if pages[f].wrong] == []
    assert grid.inner != grid.outer  # the test would prove nothing with equal margins
