"""Bad input: exit code 2, `file:line: what — what to do`, no traceback, no PDF written."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli, write_minimal_issue

GOOD = """---
kind: feature
title: "A good article"
pages: 1
---
Some text of the article.
"""

CASES = [
    # (name, articles, flatplan, expected file:line, expected words in the message)
    ("malformed YAML", {"a": "---\nkind: feature\ntitle: \"open quote\npages: 1\n---\nText.\n"},
     None, "a.md:3", "YAML syntax error"),
    ("unknown key", {"a": GOOD.replace("pages: 1", "pages: 1\nstandfrist: x")}, None, "a.md:5",
     "did you mean 'standfirst'"),
    ("unknown container", {"a": GOOD + "\n::: pullqoute\nQuote\n:::\n"}, None, "a.md:8",
     "did you mean 'pullquote'"),
    ("missing title", {"a": GOOD.replace('title: "A good article"\n', "")}, None, "a.md:2",
     "missing required key 'title'"),
    ("missing pages", {"a": GOOD.replace("pages: 1\n", "")}, None, "a.md:2",
     "missing required key 'pages'"),
    ("pages not a number", {"a": GOOD.replace("pages: 1", "pages: two")}, None, "a.md:4",
     "whole number"),
    ("pages zero", {"a": GOOD.replace("pages: 1", "pages: 0")}, None, "a.md:4", "at least 1"),
    ("unknown kind", {"a": GOOD.replace("kind: feature", "kind: featrue")}, None, "a.md:2",
     "did you mean 'feature'"),
    ("duplicate key", {"a": GOOD.replace("pages: 1", "pages: 1\ntitle: again")}, None,
     "a.md:5", "duplicate key 'title'"),
    ("flatplan entry without file", {"a": GOOD}, ["a", "ghost"], "issue.yaml:9",
     "'ghost' has no file"),
    ("article in no flatplan", {"a": GOOD, "stray": GOOD}, ["a"], "stray.md:1",
     "in no flatplan"),
    ("duplicate slug", {"a": GOOD}, ["a", "a"], "issue.yaml:9", "in the flatplan twice"),
    ("unclosed container", {"a": GOOD + "\n::: pullquote\nNever closed\n"}, None, "a.md:8",
     "never closed"),
    ("nested container", {"a": GOOD + "\n::: sidebar Box\n::: pullquote\nx\n:::\n:::\n"}, None,
     "a.md:9", "inside a container"),
    ("a list", {"a": GOOD + "\n1. first\n2. second\n"}, None, "a.md:8", "numbered list"),
    ("empty article", {"a": GOOD.replace("Some text of the article.\n", "")}, None, "a.md:2",
     "empty"),
    ("character no font has", {"a": GOOD + "\nShalom שלום.\n"}, None, "a.md:8", "U+05E9"),
    ("alias bomb", {"a": "---\nkind: &k feature\ntitle: *k\npages: 1\n---\nText.\n"}, None,
     "a.md:3", "aliases are not allowed"),
    ("tab in YAML", {"a": "---\nkind: feature\n\ttitle: x\npages: 1\n---\nText.\n"}, None,
     "a.md:3", "tab character"),
]


@pytest.mark.parametrize("name,articles,flatplan,where,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_a_clear_error(tmp_path, name, articles, flatplan, where, words):
    root = write_minimal_issue(tmp_path / "issue", articles, flatplan)
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert where in message
    assert words in message
    assert " — " in message  # every error says what to do
    assert "Traceback" not in result.output
    assert not output.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_broken_build_leaves_previous_pdf_untouched(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"a": GOOD}, ["a", "a"])
    output = tmp_path / "out.pdf"
    output.write_bytes(b"%PDF-previous good build")
    assert run_cli("build", root, "-o", output).exit_code == 2
    assert output.read_bytes() == b"%PDF-previous good build"


def test_page_count_not_multiple_of_four_says_how_many(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"a": GOOD, "b": GOOD, "c": GOOD})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert "3 pages, not a multiple of 4" in result.stderr
    assert "add 1 page(s) or cut 3" in result.stderr
