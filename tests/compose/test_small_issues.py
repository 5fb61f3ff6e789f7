"""Small issues built from scratch: escaping, overset, underset, article kinds."""

from __future__ import annotations

import pdfplumber
from pypdf import PdfReader

from tests.conftest import run_cli, write_minimal_issue


def article(body: str, kind: str = "feature", pages: int = 1, extra: str = "") -> str:
    return f"---\nkind: {kind}\ntitle: \"Test {kind}\"\npages: {pages}\n{extra}---\n{body}\n"


def build(tmp_path, articles, flatplan=None):
    root = write_minimal_issue(tmp_path / "issue", articles, flatplan)
    output = tmp_path / "out.pdf"
    return run_cli("build", root, "-o", output), output


def test_markup_characters_print_as_written(tmp_path):
    body = "Prices at AT&T: a<b and <<x>> and <b>not bold</b> & R&D;\n\n## Q&A <today>"
    result, output = build(tmp_path, {f"a{k}": article(body) for k in range(4)})
    assert result.exit_code == 0, result.output
    with pdfplumber.open(output) as pdf:
        words = [w["text"] for w in pdf.pages[0].extract_words()]
    for expected in ("AT&T:", "a<b", "<<x>>", "<b>not", "bold</b>", "R&D;", "Q&A", "<today>"):
        assert expected in words


def test_overset_article_fails_with_how_much_to_cut(tmp_path):
    long = "\n\n".join(["This paragraph of words goes on and on about civil society. " * 8] * 40)
    articles = {"long": article(long), "b": article("Short."), "c": article("Short."),
                "d": article("Short.")}
    result, output = build(tmp_path, articles)
    assert result.exit_code == 1
    assert "long.md" in result.stderr and "long (p. 1, 'Test feature'): OVERSET by" in result.stderr
    assert "cut about" in result.stderr
    assert not output.exists()


def test_underset_article_keeps_its_pages(tmp_path):
    articles = {"a": article("Short text.", pages=2), "b": article("Short."),
                "c": article("Short.")}
    result, output = build(tmp_path, articles)
    assert result.exit_code == 0, result.output
    pages = PdfReader(output).pages
    assert len(pages) == 4
    folios = [p.extract_text().split() for p in pages]
    assert "2" in folios[1] and "3" in folios[2]  # the padding page has its folio


def test_interview_voxpop_letter_elements(tmp_path):
    interview = article("Intro paragraph.\n\n::: question\nWhat is civil society?\n:::\n\n"
                        "– It is us.\n\n::: pullquote\nIt is us\n:::\n", kind="interview",
                        extra="speaker: Jane Doe\nstandfirst: \"We talked with Jane.\"\n")
    voxpop = article("::: respondent\nJohn Roe\n40 years old\nteacher\n:::\n\nAnswer one.\n",
                     kind="voxpop")
    letter = article("Text of the letter.\n\n::: signature\n**Ann Smith**\nMinister\n:::\n",
                     kind="letter", extra="salutation: \"Dear readers!\"\n")
    news = article("First brief.\n\n* * *\n\nSecond brief.\n", kind="news")
    result, output = build(tmp_path, {"i": interview, "v": voxpop, "l": letter, "n": news})
    assert result.exit_code == 0, result.output
    with pdfplumber.open(output) as pdf:
        text = [" ".join(p.extract_text().split()) for p in pdf.pages]
        question = next(w for w in pdf.pages[0].extract_words(extra_attrs=["fontname"])
                        if w["text"] == "What")
        initials = [c for c in pdf.pages[3].chars if c["size"] > 35]
    assert "Jane Doe:" in text[0] and "IT IS US" in text[0]
    assert "John Roe" in text[1] and "40 years old, teacher" in text[1]
    assert "Dear readers!" in text[2] and "Ann Smith" in text[2]
    assert "Sans-Bold" in question["fontname"]  # questions set apart from answers
    assert {c["text"] for c in initials} == {"F", "S"}  # each brief opens with a drop cap


def test_russian_article_is_hyphenated_by_its_language(tmp_path):
    text = ("Гражданское общество Казахстана развивается стремительно: неправительственные "
            "организации участвуют в обсуждении законопроектов, взаимодействуют с "
            "государственными органами и международными партнёрами. ") * 12
    russian = article(text, kind="news", extra="language: ru\n")
    result, output = build(tmp_path, {"r": russian, "b": article("B."), "c": article("C."),
                                      "d": article("D.")})
    assert result.exit_code == 0, result.output
    with pdfplumber.open(output) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    assert sum(line.rstrip().endswith("\u00ad") for line in lines) >= 3  # hyphenated ends


def test_code_spans_print_with_their_backticks(tmp_path):
    body = "Type `layout build` or `` a`b `` here; a lone ` stays too."
    result, output = build(tmp_path, {f"a{k}": article(body) for k in range(4)})
    assert result.exit_code == 0, result.output
    text = " ".join(PdfReader(output).pages[0].extract_text().split())
    assert "`layout build` or `` a`b `` here; a lone ` stays too." in text


def test_a_figure_wider_than_its_column_wraps_inside_the_callout(tmp_path):
    body = "Briefs.\n\n::: stats\n999 999 999 999 tenge | given in grants\n12 | small\n:::\n"
    result, output = build(tmp_path, {f"a{k}": article(body, kind="news") for k in range(4)})
    assert result.exit_code == 0, result.output
    with pdfplumber.open(output) as pdf:
        figure = [c for c in pdf.pages[0].chars if 19 < c["size"] < 21 and c["text"] in "9 tenge"]
    # page 1 is a recto: the type area starts 3 mm + 18 mm in; three columns 5 mm apart
    mm = 72 / 25.4
    column = (210 - 18 - 15 - 2 * 5) / 3 * mm
    lefts = [(3 + 18) * mm + k * (column + 5 * mm) for k in range(3)]
    left = max(x for x in lefts if x <= min(c["x0"] for c in figure) + 1)
    assert len([c for c in figure if c["text"] == "9"]) == 12  # every digit is there …
    assert max(c["x1"] for c in figure) <= left + column  # … inside its column
    assert len({round(c["top"]) for c in figure}) >= 2  # on more than one line
