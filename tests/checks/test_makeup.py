"""Make-up of the real issue read back from its PDF: pull quotes as the theme wants them
(never stacked, capitals only while short), a short quote in capitals and a long one as
typed, named in the proof."""

from __future__ import annotations

from layout.checks.makeup import makeup_report
from tests.conftest import ISSUE, run_cli, write_minimal_issue


def test_the_real_issue_has_no_stacked_quotes_and_no_long_quote_in_capitals(issue_pdf):
    report = makeup_report(issue_pdf, ISSUE)
    assert len(report.quotes) >= 25  # every typed quote is found (31 in the issue)
    assert report.stacked == []
    assert report.long_caps == []
    assert any(q.caps for q in report.quotes) and any(not q.caps for q in report.quotes)


def test_a_long_quote_is_set_as_typed_and_the_proof_names_it(tmp_path):
    text = "The council met again to discuss the budget for the next year. " * 12
    short = "Civil society is us"
    long = ("Every citizen who takes part in the life of the community, in the courtyard, "
            "in the school and in the council, makes the state stronger and the law closer")
    body = f"{text}\n\n::: pullquote\n{short}\n:::\n\n{text}\n\n" \
           f"::: pullquote\n{long}\n:::\n\n{text}\n"
    articles = {"a": f"---\nkind: feature\ntitle: \"A\"\npages: 1\n---\n{body}\n",
                **{k: f"---\nkind: feature\ntitle: \"{k}\"\npages: 1\n---\nShort.\n"
                   for k in "bcd"}}
    root = write_minimal_issue(tmp_path / "issue", articles)
    result = run_cli("proof", root, "-o", tmp_path / "proof.pdf", "--no-preview")
    assert "pull quote at line 14 («Every citizen who takes part …») is 5 lines in " \
           "capitals, over the 4 the theme sets them in: set as typed" in result.stdout, \
        result.stdout
    quotes = makeup_report(tmp_path / "proof.pdf", root).quotes
    texts = {q.text.replace(" ", ""): q for q in quotes}
    assert texts[short.upper().replace(" ", "")].caps
    assert not texts[long.replace(" ", "")].caps  # every typed character, as typed
