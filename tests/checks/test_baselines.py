"""One baseline grid: every body line of every page sits on its page's grid, in every column,
whatever stands between (pull quotes, sidebars, questions, brief rules, subheads, cards);
read back from the PDF."""

from __future__ import annotations

import pytest

from layout.checks.baselines import issue_grid_report
from tests.conftest import ISSUE, ROOT, run_cli, write_minimal_issue


def test_every_body_line_of_the_real_issue_is_on_the_grid(issue_pdf):
    report = issue_grid_report(issue_pdf, ISSUE)
    assert report.lines > 2000
    assert report.off == []  # before: 61 % on the grid (a question shifted half a line)


@pytest.mark.parametrize("name", ["mixed", "second"])
def test_every_body_line_of_the_test_issues_is_on_the_grid(tmp_path, name):
    folder = ROOT / "tests" / "issues" / name
    output = tmp_path / "out.pdf"
    assert run_cli("build", folder, "-o", output).exit_code == 0
    report = issue_grid_report(output, folder)
    assert report.lines > 50 and report.off == []


def test_text_after_every_kind_of_box_returns_to_the_grid(tmp_path):
    """Questions, pull quotes, sidebars, subheads and stats of odd heights between answers,
    in two and three columns."""
    answer = ("The council met again on Tuesday to discuss the budget for the coming year, "
              "and the members of the public who came asked many questions about it. ") * 3
    blocks = []
    for k in range(6):
        blocks += [f"::: question\nWhat changed in the year {2000 + k}, and why?\n:::", answer,
                   answer]
        if k % 3 == 0:
            blocks += ["::: pullquote\nThe members of the public asked many questions\n:::"]
        elif k % 3 == 1:
            blocks += [f"## A subhead number {k}", answer,
                       "::: sidebar Twenty years\nCivil forums have been held for twenty "
                       "years in the regions of the country.\n:::"]
        else:
            blocks += ["::: stats\n2 000 000 | volunteers\n1 000 | services a year\n:::"]
    body = "\n\n".join(blocks)
    interview = ("---\nkind: interview\ntitle: \"Grid\"\nspeaker: A. Person\npages: 2\n"
                 f"columns: 2\n---\n{body}\n")
    news = ("---\nkind: news\ntitle: \"Briefs\"\npages: 2\ncolumns: 3\n---\n"
            + "\n\n* * *\n\n".join(answer for _ in range(12)) + "\n")
    root = write_minimal_issue(tmp_path / "issue", {"interview": interview, "news": news})
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    report = issue_grid_report(output, root)
    assert report.lines > 150
    assert report.off == []
