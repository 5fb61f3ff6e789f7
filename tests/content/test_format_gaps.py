"""The format as a second issue meets it: what it may leave out, and what it is told."""

from __future__ import annotations

from tests.conftest import run_cli, write_minimal_issue


def article(body: str = "Text.", kind: str = "feature", pages: int = 1, extra: str = "") -> str:
    return f"---\nkind: {kind}\ntitle: \"Test {kind}\"\npages: {pages}\n{extra}---\n{body}\n"


FOUR = {f"a{k}": article() for k in range(4)}


def build(tmp_path, articles, flatplan=None, issue_lines=None):
    root = write_minimal_issue(tmp_path / "issue", articles, flatplan)
    if issue_lines is not None:
        text = (root / "issue.yaml").read_text().split("\n")
        text = [line for line in text if not line.startswith(("year:", "number:", "issue:"))]
        (root / "issue.yaml").write_text("\n".join(issue_lines + text))
    return run_cli("build", root, "-o", tmp_path / "out.pdf"), root


def errors(result) -> list[str]:
    return [line for line in result.stderr.split("\n") if line.startswith("error:")]


def test_year_and_number_come_from_the_issue_line(tmp_path):
    result, root = build(tmp_path, FOUR, issue_lines=['issue: "№2 (03-04) 2024"'])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.pdf").exists()
    assert run_cli("output", root).stdout.strip() == \
        f"{root.parent}/build/testmag-2024-02/testmag-2024-02.pdf"


def test_an_issue_line_without_them_says_what_to_add(tmp_path):
    result, root = build(tmp_path, FOUR, issue_lines=['issue: "Spring issue"', "colour: blue"])
    assert result.exit_code == 2
    found = errors(result)  # all problems of the file at once
    assert found[0] == f"error: {root / 'issue.yaml'}:2: unknown key 'colour' — use one of: " \
        "binding, bleed, credit_words, flatplan, issn, issue, language, magazine, number, " \
        "print, theme, trim, year"
    assert found[1].startswith(f"error: {root / 'issue.yaml'}:1: the issue line 'Spring issue' "
                               "gives no year — add 'year: …' to issue.yaml")


def test_cover_title_and_a_cover_line_about_no_article(tmp_path):
    import pdfplumber

    cover = ('---\nkind: cover\ntitle: "The year of the volunteer"\ncover_lines:\n'
             '  - {article: a0, text: "A feature inside"}\n  - "Special: five cities"\n---\n')
    result, _ = build(tmp_path, {"cover": cover, **{f"a{k}": article() for k in range(3)}})
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        text = " ".join(pdf.pages[0].extract_text().split())
    assert "The year of the volunteer" in text
    assert "2 A feature inside" in text and "Special: five cities" in text
    assert "Special: five cities" in text.split("A feature inside")[1]


def test_contents_needs_no_file(tmp_path):
    import pdfplumber

    result, _ = build(tmp_path, {f"a{k}": article() for k in range(3)},
                      flatplan=["contents", "a0", "a1", "a2"])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert "In this issue" in text and "Test feature" in text


def test_one_line_respondent_cards_are_split_on_commas(tmp_path):
    import pdfplumber

    voxpop = article("::: respondent\nDinara Sadykova, 34 years old, nurse\n:::\n\nAnswer.\n",
                     kind="voxpop")
    result, _ = build(tmp_path, {"v": voxpop, **{f"a{k}": article() for k in range(3)}})
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        text = " ".join(pdf.pages[0].extract_text().split())
    assert "Dinara Sadykova 34 years old, nurse" in text


def test_a_letter_that_repeats_its_salutation_is_warned_about(tmp_path):
    letter = article("Dear readers!\n\nThe letter.\n", kind="letter",
                     extra='salutation: "Dear readers!"\n')
    result, root = build(tmp_path, {"l": letter, **{f"a{k}": article() for k in range(3)}})
    assert result.exit_code == 0, result.output
    assert (f"warning: {root / 'articles' / 'l.md'}:7: the first paragraph repeats the "
            "salutation 'Dear readers!'") in result.stderr


def test_stray_and_unnamed_fences_are_errors_at_their_line(tmp_path):
    for body, line, words in (("Text.\n\n:::\n\nMore.", 8, "':::' closes no container"),
                              (":::\nA quote.\n:::\n\nText.", 6,
                               "':::' opens a container without a name"),
                              ("Text.\n:::", 7, "':::' closes no container")):
        result, root = build(tmp_path / str(line), {"a0": article(body),
                                                    **{f"a{k}": article() for k in (1, 2, 3)}})
        assert result.exit_code == 2, body
        assert f"{root / 'articles' / 'a0.md'}:{line}: {words}" in result.stderr, result.stderr


def test_a_page_with_nothing_on_it_is_a_warning_and_in_the_fit_report(tmp_path):
    articles = {"a0": article(pages=2), **{f"a{k}": article() for k in (1, 2)}}
    result, root = build(tmp_path, articles)
    assert result.exit_code == 0, result.output
    assert f"warning: {root / 'articles' / 'a0.md'}: p. 2 has nothing on it" in result.stderr
    proof = run_cli("proof", root, "-o", tmp_path / "proof.pdf", "--no-preview")
    assert "p. 2 has nothing on it — lower 'pages:' by 1 page" in proof.stdout


def test_a_flatplan_slug_typo_gets_a_did_you_mean(tmp_path):
    result, root = build(tmp_path, FOUR, flatplan=["a0", "a1", "a2", "a33"])
    assert result.exit_code == 2
    assert "flatplan entry 'a33' has no file articles/a33.md — did you mean 'a3'?" \
        in result.stderr


def test_a_missing_glyph_names_the_face_of_the_text_that_needs_it(tmp_path):
    body = "Temperatures fell to \u221240 degrees."
    result, root = build(tmp_path, {"a0": article(body), **{f"a{k}": article() for k in (1, 2, 3)}})
    assert result.exit_code == 2
    assert (f"{root / 'articles' / 'a0.md'}:6: character '\u2212' (U+2212) of the body text is "
            "not in its font Serif (NotoSerif-Regular.ttf, theme 'body.font')") in result.stderr
