"""No hyphen on the last line of a recto, where the reader turns the leaf (read back from
the PDF): the line goes over to the next page."""

from __future__ import annotations

from layout.checks.typo import body_lines, tally
from layout.compose.ledger import Ledger
from tests.conftest import run_cli, write_minimal_issue

SENTENCES = 180
WORDS = ("international organisations administration responsibilities representatives "
         "environmental infrastructure communications constitutional municipalities "
         "understanding accountability participation consultations").split()


def _long_words_issue(tmp_path):
    """Six pages of long words in two columns between one-page articles: hyphens at nearly
    every line end, and two full rectos (pp. 3, 5) whose last line the leaf turns after."""
    sentences = []
    for k in range(SENTENCES):
        sentences.append(" ".join(WORDS[(k * 7 + j) % len(WORDS)] for j in range(9)) + ".")
    body = "\n\n".join(" ".join(sentences[k:k + 6]) for k in range(0, SENTENCES, 6))
    long = ("---\nkind: feature\ntitle: \"Long\"\npages: 6\ncolumns: 2\ndropcap: false\n---\n"
            f"{body}\n")
    short = "---\nkind: feature\ntitle: \"Short\"\npages: 1\n---\nA short note.\n"
    root = write_minimal_issue(tmp_path / "issue", {"lead": short, "long": long, "tail": short})
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    return result, output


def _turns(pdf) -> list[str]:
    pages = body_lines(pdf)
    return tally(pages, [3, 5]).turns


def test_no_recto_ends_in_a_hyphen(tmp_path):
    result, output = _long_words_issue(tmp_path)
    assert result.exit_code == 0, result.output
    pages = body_lines(output)
    assert all(len(pages[folio]) == 2 for folio in (3, 5))  # the rectos are set in full
    assert _turns(output) == []


def test_without_the_rule_the_leaf_turns_mid_word(tmp_path, monkeypatch):
    """The same text with the rule switched off does break words at the turns: the test
    above proves the rule, not the text."""
    monkeypatch.setattr(Ledger, "at_page_turn", property(lambda self: False))
    result, output = _long_words_issue(tmp_path)
    assert result.exit_code == 0, result.output
    assert _turns(output) != []
