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
    ("unclosed quote", {"a": "---\nkind: feature\ntitle: \"open quote\npages: 1\n---\nText.\n"},
     None, "a.md:3:8", "this quote mark is never closed"),
    ("quotes inside quotes", {"a": GOOD.replace('"A good article"', '"A "good" article"')},
     None, "a.md:3:11", "quotes inside quotes: the \" before good ends the title early"),
    ("colon inside a value", {"a": GOOD.replace('"A good article"', "Astana: a city")}, None,
     "a.md:3:14", "a colon and a space inside a value"),
    ("indented key", {"a": GOOD.replace("pages: 1", "  pages: 1")}, None, "a.md:4:3",
     "'pages' is indented"),
    ("unclosed brace", {"a": GOOD.replace("pages: 1", "pages: 1\nbyline: {name: A B")}, None,
     "a.md:5:19", "the '{' opened at column 9 is never closed"),
    ("no space after colon", {"a": GOOD.replace("kind: feature", "kind:feature")}, None,
     "a.md:2:5", "no space after the colon of 'kind'"),
    ("NUL in issue.yaml", {"a": GOOD}, "nul", "issue.yaml:8:1", "U+0000 is not allowed"),
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
     "a.md:9", "'::: pullquote' inside the '::: sidebar' opened on line 8"),
    ("a year read as a list", {"a": GOOD + "\n2023. The year\n"}, None, "a.md:8",
     "reads as a numbered list starting at 2023"),
    ("a list nested 4 deep", {"a": GOOD + "\n- a\n  - b\n    - c\n      - d\n"}, None,
     "a.md:11", "a list nested deeper than 3 levels"),
    ("raw HTML block", {"a": GOOD + "\n<div>\nx\n</div>\n"}, None, "a.md:8", "raw HTML"),
    ("definition list", {"a": GOOD + "\nTerm\n: its definition\n"}, None, "a.md:8",
     "a definition list is not part of the issue format"),
    ("an image", {"a": GOOD + "\nSee ![a map](map.png).\n"}, None, "a.md:8",
     "an image in the text"),
    ("struck-through text", {"a": GOOD + "\nA ~~wrong~~ word.\n"}, None, "a.md:8",
     "struck-through text"),
    ("a note call without its note", {"a": GOOD + "\nBoilers[^1] burn coal.\n"}, None,
     "a.md:8", "note call '[^1]' has no note"),
    ("a note nobody calls", {"a": GOOD + "\nBoilers burn coal.\n\n[^1]: A resolution.\n"},
     None, "a.md:10", "note '[^1]' is never called"),
    ("a note defined twice", {"a": GOOD + "\nBoilers[^1].\n\n[^1]: One.\n\n[^1]: Two.\n"},
     None, "a.md:12", "note '[^1]' is defined twice (first at line 10)"),
    ("a note without text", {"a": GOOD + "\nBoilers[^1].\n\n[^1]:\n"}, None, "a.md:10",
     "note '[^1]' has no text"),
    ("a row with more cells than the header", {"a": GOOD + "\n| a |\n|---|\n| 1 | 2 |\n"},
     None, "a.md:10", "the row has 2 cells and the header 1"),
    ("a table whose header does not match", {"a": GOOD + "\n| `a|b` | c |\n|---|---|\n"
     "| 1 | 2 |\n"}, None, "a.md:9", "a table's '|---|' row whose cells do not match"),
    ("a link without text", {"a": GOOD + "\nSee [](https://example.org).\n"}, None,
     "a.md:8", "a link without text"),
    ("unknown chart kind", {"a": GOOD + "\n::: chart pi Shares\nA | 1\n:::\n"}, None,
     "a.md:8", "unknown chart kind 'pi' — did you mean 'pie'"),
    ("empty article", {"a": GOOD.replace("Some text of the article.\n", "")}, None, "a.md:2",
     "empty"),
    ("character no font has", {"a": GOOD + "\nShalom שלום.\n"}, None, "a.md:8", "U+05E9"),
    ("alias bomb", {"a": "---\nkind: &k feature\ntitle: *k\npages: 1\n---\nText.\n"}, None,
     "a.md:3", "aliases are not allowed"),
    ("tab in YAML", {"a": "---\nkind: feature\n\ttitle: x\npages: 1\n---\nText.\n"}, None,
     "a.md:3:1", "tab character"),
    ("list for front matter", {"a": "---\n- kind: feature\n---\nText.\n"}, None, "a.md:2",
     "must be YAML keys and values"),
    ("title a list", {"a": GOOD.replace('title: "A good article"', "title: [a, b]")}, None,
     "a.md:3", "'title' must be text"),
    ("columns two", {"a": GOOD.replace("pages: 1", "pages: 1\ncolumns: two")}, None, "a.md:5",
     "columns must be 1, 2 or 3"),
    ("byline list", {"a": GOOD.replace("pages: 1", "pages: 1\nbyline: [x]")}, None, "a.md:5",
     "byline must be a name"),
    ("control character", {"a": GOOD + "\nA bell\x07 rings.\n"}, None, "a.md:8",
     "control character U+0007"),
    ("emoji", {"a": GOOD + "\nWell done 🎉 all.\n"}, None, "a.md:8", "U+1F389"),
    ("pullquote in pullquote", {"a": GOOD + "\n::: pullquote\n::: pullquote\nx\n:::\n:::\n"},
     None, "a.md:9", "inside the '::: pullquote' opened on line 8"),
    ("empty subhead", {"a": GOOD + "\n## \n\nText.\n"}, None, "a.md:8", "subhead"),
    ("code fence", {"a": GOOD + "\n```\ncode\n```\n"}, None, "a.md:8", "code block"),
    ("sidebar taller than a column",
     {"a": GOOD.replace("pages: 1", "pages: 4") + "\n::: sidebar History\n"
      + "Many words about the forum. " * 1200 + "\n:::\n"},
     None, "a.md:8", "sidebar is taller than a column"),
    ("flatplan a mapping", {"a": GOOD}, "not-a-list", "issue.yaml:7", "must be a list"),
    # what Markdown would swallow, and characters that print nothing
    ("link reference definition",
     {"a": GOOD + '\n[1]: http://stat.gov.kz "Bureau of National Statistics"\n'}, None,
     "a.md:8", "is a Markdown link definition and would not be printed"),
    ("reference to a control character", {"a": GOOD + "\nA bell &#7; rings.\n"}, None,
     "a.md:8", "character reference '&#7;' is not a printable character"),
    ("reference to nothing", {"a": GOOD + "\nA null &#0; here.\n"}, None, "a.md:8", "'&#0;'"),
    ("reference to a surrogate", {"a": GOOD + "\nHalf &#xD800; a pair.\n"}, None, "a.md:8",
     "'&#xD800;'"),
    ("control character in a YAML escape",
     {"a": GOOD.replace('"A good article"', '"A bell\\a rings"')}, None, "a.md:3",
     "control character U+0007"),
    ("replacement character", {"a": GOOD + "\nDamaged \ufffd text.\n"}, None, "a.md:8",
     "replacement character U+FFFD"),
    ("placement unknown", {"a": GOOD + "\n::: figure images/a.jpg sidways\nx\n:::\n"}, None,
     "a.md:8", "a path with spaces ends in its file name"),
]


@pytest.mark.parametrize("name,articles,flatplan,where,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_a_clear_error(tmp_path, name, articles, flatplan, where, words):
    if flatplan in ("not-a-list", "nul"):
        root = write_minimal_issue(tmp_path / "issue", articles)
        text = (root / "issue.yaml").read_text()
        text = text.replace("flatplan:\n  - a", "flatplan: {a: 1}") if flatplan == "not-a-list" \
            else text.replace("  - a", "\x00 - a")
        (root / "issue.yaml").write_text(text)
    else:
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
    assert "add 1 page or cut 3 pages" in result.stderr


def test_yaml_error_shows_the_line_and_a_caret_at_the_fault(tmp_path):
    text = GOOD.replace('"A good article"', '"The "best" title of the issue"')
    root = write_minimal_issue(tmp_path / "issue", {"a": text})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    first, source, caret = result.stderr.rstrip("\n").split("\n")
    assert first == (f"error: {root}/articles/a.md:3:13: quotes inside quotes: the \" before "
                     "best ends the title early — inside \"…\" use the other quote marks: "
                     "'best', “best” or «best» (or write \\\" for each inner \")")
    assert source == '    title: "The "best" title of the issue"'
    assert caret == "    " + " " * 12 + "^" and source[len(caret) - 1] == '"'
    assert "<block end>" not in result.stderr and "Traceback" not in result.stderr


def test_curly_quotes_as_delimiters_are_a_warning(tmp_path):
    articles = {k: GOOD for k in "abcd"}
    articles["a"] = GOOD.replace('"A good article"', "“A good article”")
    root = write_minimal_issue(tmp_path / "issue", articles)
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    assert (f"warning: {root}/articles/a.md:3:8: 'title' is wrapped in curly quotes “…”, which "
            "YAML does not read as quotes: they will print") in result.stderr


def test_non_utf8_file_is_named(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"a": GOOD})
    (root / "articles" / "a.md").write_bytes(GOOD.replace("Some", "Caf\xe9").encode("latin-1"))
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert "a.md:6: file is not UTF-8 text — save it as UTF-8" in result.stderr


def test_bom_and_crlf_are_accepted(tmp_path):
    articles = {k: GOOD for k in "abcd"}
    root = write_minimal_issue(tmp_path / "issue", articles)
    path = root / "articles" / "a.md"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output


def test_alias_bomb_is_refused_quickly(tmp_path):
    import time

    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + k)}: &{chr(98 + k)} [*{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, "
        f"*{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}]"
        for k in range(9)]
    root = write_minimal_issue(tmp_path / "issue", {"a": GOOD})
    (root / "issue.yaml").write_text("\n".join(bomb) + "\n")
    start = time.monotonic()
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert time.monotonic() - start < 2
    assert result.exit_code == 2 and "issue.yaml:2: YAML aliases are not allowed" in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"a": GOOD}, ["a", "a"])
    from click.testing import CliRunner

    from layout.cli import main

    result = CliRunner().invoke(main, ["--debug", "build", str(root)])
    assert isinstance(result.exception, Exception) and "twice" in str(result.exception)


def test_a_front_matter_value_may_run_over_several_lines(tmp_path):
    folded = GOOD.replace("pages: 1", "pages: 1\nstandfirst: |\n  A lead that runs\n  over lines.")
    root = write_minimal_issue(tmp_path / "issue", {k: folded for k in "abcd"})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
