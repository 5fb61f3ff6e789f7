"""The justified columns of the real issue meet the typographic targets (read from the PDF)."""

from layout.checks.typo import measure


def test_real_issue_meets_the_typographic_targets(issue_pdf):
    report = measure(issue_pdf)
    assert report.lines > 2000
    assert report.gap_p95 <= 0.60
    assert report.loose_share <= 0.01
    assert report.hyphen_share <= 0.20
    assert report.ladders <= 3
    assert report.widows == [] and report.orphans == [] and report.overfull == []
