"""The fit report's words: singulars, page fractions, the closing verdict, page counts."""

from __future__ import annotations

import doctest

from layout.compose import fit as fit_module
from layout.compose.fit import Fit
from layout.compose.fit_report import FitReport, Refusal
from tests.conftest import run_cli, write_minimal_issue


def test_doctests_pass():
    assert doctest.testmod(fit_module).failed == 0


def fit(slug, **values) -> Fit:
    return Fit(slug, f"Title of {slug}", f"{slug}.md", 5, 2, 2, page_lines=100, **values)


def test_one_line_is_one_line():
    over = fit("a", overset_lines=1, overset_words=1)
    assert over.summary(4.6) == ("a (pp. 5–6, 'Title of a'): OVERSET by 1 line (5 mm of column)"
                                 " — cut about 1 word")
    assert fit("b", underset_lines=1).summary(4.6) == ("b (pp. 5–6, 'Title of b'): fits "
                                                       "(1 line free on its last page)")


def test_underset_space_in_page_fractions():
    half = fit("c", underset_lines=55, underset_words=480)
    assert half.status == "underset"
    assert half.summary(4.6, titled=False) == ("c (pp. 5–6): underset, ½ page free (55 lines) — "
                                               "room for a ½-page picture or about 480 words")
    more = fit("d", underset_lines=160, underset_words=1400)
    assert "1½ pages free (160 lines) — room for 1½ pages of pictures" in more.summary(4.6)


def test_report_order_quiet_lines_and_verdict():
    fits = [fit("under", underset_lines=30), fit("fine"), fit("over", overset_lines=3,
                                                              overset_words=20),
            fit("noted", notes=["headline and standfirst too long for the opener"])]
    report = FitReport(fits, 4.6, "make pdf ISSUE=x",
                       [Refusal("to-come", "x.md:3: picture 'a.jpg' is not there yet")])
    lines = report.lines()
    assert [tone for tone, _ in lines] == ["alert", "alert", "quiet", "plain", "quiet", "alert"]
    assert lines[0][1].startswith("over (pp. 5–6, 'Title of over'): OVERSET by 3 lines")
    assert lines[1][1] == "x.md:3: picture 'a.jpg' is not there yet"
    assert lines[2][1].startswith("  under (pp. 5–6): underset, ¼ page free")
    assert lines[3][1].endswith("fits; headline and standfirst too long for the opener")
    assert lines[4][1] == "  fit: fine"
    assert lines[5][1] == ("1 article overset, 1 underset, 2 fit, 1 picture to come — "
                           "make pdf ISSUE=x will refuse")
    assert [text for _, text in report.lines(quiet=True)] == [lines[0][1], lines[1][1],
                                                               lines[5][1]]
    assert FitReport([fit("fine")], 4.6).summary_line() == ("nothing overset, 0 underset, 1 fits "
                                                            "— make pdf will build it")


def test_proof_says_the_page_count_make_pdf_will_refuse(tmp_path):
    article = "---\nkind: feature\ntitle: \"A\"\npages: 1\n---\nText.\n"
    root = write_minimal_issue(tmp_path / "issue", {k: article for k in "abc"})
    result = run_cli("proof", root, "-o", tmp_path / "proof.pdf", "--no-preview")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == (
        f"{root}/issue.yaml: the flatplan makes 3 pages, not a multiple of 4 (saddle stitch) — "
        f"make pdf ISSUE={root} will refuse; add 1 page or cut 3 pages in the allotments")
    assert "a page count that is not a multiple of 4 — make pdf" in result.stdout
    assert (tmp_path / "proof.pdf").exists()  # the proof is there to look at all the same
