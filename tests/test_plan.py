"""`layout plan`: natural lengths beside allotments, and a proposal that makes a multiple of 4."""

from __future__ import annotations

import re

from layout.plan import Planned, propose
from tests.conftest import ROOT, run_cli, write_minimal_issue


def test_the_proposal_adds_no_more_pages_than_the_multiple_of_4_needs():
    rows = [Planned("cover", "cover", 1, 1, 1, fixed=True),
            Planned("a", "feature", 3, 1.5, 0), Planned("b", "feature", 1, 2.25, 0),
            Planned("c", "letter", 1, 0.75, 0)]
    propose(rows)
    assert [r.proposed for r in rows] == [1, 2, 4, 1]  # 1+2+3+1 = 7: one page to the longest
    assert sum(r.proposed for r in rows) % 4 == 0


def test_plan_prints_natural_lengths_and_a_proposal(tmp_path):
    long = "Civil society grows where people meet and agree. " * 300
    articles = {"long": f"---\nkind: feature\ntitle: \"Long\"\npages: 1\n---\n{long}\n",
                "short": "---\nkind: feature\ntitle: \"Short\"\npages: 3\n---\nA line.\n"}
    root = write_minimal_issue(tmp_path / "issue", articles)
    result = run_cli("plan", root)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:5] for line in result.stdout.split("\n")
            if line.startswith("  ") and len(line.split()) >= 5}
    assert rows["long"][:2] == ["feature", "1"] and rows["short"][1] == "3"
    natural = rows["long"][2]
    assert re.fullmatch(r"\d?[¼½¾]?", natural) and natural != "1"  # longer than its page
    assert rows["short"][2] in ("¼", "½") and rows["short"][3] == "1"
    proposed = int(re.search(r"proposed: (\d+) pages", result.stdout).group(1))
    assert proposed % 4 == 0 and proposed == int(rows["long"][3]) + int(rows["short"][3])
    assert "no text is cut" in result.stdout


def test_plan_of_the_real_issue_keeps_its_44_pages():
    result = run_cli("plan", ROOT / "issue")
    assert result.exit_code == 0, result.output
    assert "proposed: 44 pages, a multiple of 4" in result.stdout
    # the last pages kept for photographs are said to be kept, not to be filled
    assert re.search(r"kaltayeva .*kept for a photograph of Lyazzat Kaltayeva", result.stdout)
    assert "a picture, a pull quote" not in result.stdout


def test_a_proposed_page_with_no_text_on_it_is_said_as_such():
    from layout.plan import _note

    row = Planned("water", "feature", 2, 1.25, 3)
    assert _note(row).startswith("1¾ pages empty, a page with no text on it")
    assert _note(Planned("imprint", "colophon", 1, 0.5, 1, own_page=True)) == ""
    assert _note(Planned("x", "feature", 1, 0.5, 1)).startswith("last page ½ page empty: ")


def test_a_proposal_with_fewer_articles_than_missing_pages_is_still_a_multiple_of_4():
    rows = [Planned("cover", "cover", 1, 1, 1, fixed=True), Planned("a", "feature", 1, 0.75, 0)]
    propose(rows)
    assert [r.proposed for r in rows] == [1, 3]
