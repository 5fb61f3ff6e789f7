"""Property: any text an editor may type either builds with every word in the PDF, in order,
or is refused with a clear error — never a crash, never a lost word.

`make fuzz` runs many more examples (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.build import proof
from layout.checks.verify import verify
from layout.content import load_issue
from layout.errors import IssueError
from tests.conftest import write_minimal_issue

# each module its own count (a profile loaded at import would set every module's)
EXAMPLES = {"ci": 50, "fuzz": 3000}[os.environ.get("HYPOTHESIS_PROFILE", "ci")]
# make test runs the same examples every time (a failure there is reproducible and never
# a chance); make fuzz draws new ones, many more
CI = os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci"
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=CI,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМН"
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
MARKS = "<>&*_[]:`\\\"'“”‘’«»–‒—…№#!?.,;()/-+=%$@"

word = st.text(alphabet=LETTERS + CYRILLIC + KAZAKH + "0123456789", min_size=1, max_size=14)
long_word = st.text(alphabet=LETTERS + KAZAKH, min_size=40, max_size=90)
mark = st.text(alphabet=MARKS, min_size=1, max_size=3)
token = st.one_of(word, word, word, mark, long_word,
                  st.builds(lambda w: f"*{w}*", word), st.builds(lambda w: f"**{w}**", word),
                  st.builds(lambda w: f"***{w}***", word))
paragraph = st.lists(token, min_size=1, max_size=60).map(" ".join)
body = st.lists(paragraph, min_size=1, max_size=12).map("\n\n".join)
language = st.sampled_from(["en", "ru", "kk"])


@PROPERTY
@given(text=body, lang=language)
def test_any_text_builds_with_every_word_or_is_refused(tmp_path_factory, text, lang):
    folder = tmp_path_factory.mktemp("prop")
    article = f"---\nkind: feature\ntitle: \"Property\"\npages: auto\nlanguage: {lang}\n---\n"
    root = write_minimal_issue(folder / "issue", {"a": article + text + "\n"})
    try:
        result = proof(root, folder / "out.pdf", use_cache=False)
    except IssueError as err:
        assert " — " in str(err)  # refused with a message that says what to do
        return
    reports = verify(Path(result.pdf), load_issue(root))
    assert not [r.missing for r in reports if r.missing]
    shutil.rmtree(folder)


cell = st.lists(st.one_of(word, word, st.builds(lambda w: f"{w}^2^", word)), min_size=1,
                max_size=4).map(" ".join)


@st.composite
def a_list(draw) -> str:
    """A bulleted or numbered list, nested up to 3 levels as Markdown nests them."""
    lines, depth = [], 0
    ordered = draw(st.booleans())
    for _ in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(0, min(depth + 1, 2)))
        indent = "   " * depth if ordered else "  " * depth
        marker = "1." if ordered else draw(st.sampled_from("-*+"))
        lines.append(f"{indent}{marker} {draw(paragraph)}")
    return "\n".join(lines)


@st.composite
def a_table(draw) -> str:
    columns = draw(st.integers(1, 4))
    aligns = draw(st.lists(st.sampled_from(["---", ":---", ":---:", "---:"]),
                           min_size=columns, max_size=columns))
    rows = [draw(st.lists(cell, min_size=columns, max_size=columns))
            for _ in range(draw(st.integers(2, 12)))]
    text = ["| " + " | ".join(row) + " |" for row in rows]
    text.insert(1, "|" + "|".join(aligns) + "|")
    if draw(st.booleans()):
        text += ["", f"Table: {draw(cell)}"]
    return "\n".join(text)


@st.composite
def a_chart(draw) -> str:
    kind = draw(st.sampled_from(["bar", "column", "line", "pie"]))
    rows = [f"{draw(word)} | {draw(st.integers(1, 10 ** 6))}"
            for _ in range(draw(st.integers(1, 8)))]
    return f"::: chart {kind} {draw(word)}\n" + "\n".join(rows) + "\n:::"


@st.composite
def a_sidebar(draw) -> str:
    """A sidebar holding paragraphs, tables and charts (four colons: it may hold a chart)."""
    inner = draw(st.lists(st.one_of(paragraph, a_table(), a_chart()), min_size=1, max_size=3))
    return f":::: sidebar {draw(word)}\n" + "\n\n".join(inner) + "\n::::"


hard_break = st.builds(lambda a, b: f"{a}  \n{b}", paragraph, paragraph)
element = st.one_of(paragraph, paragraph, a_list(), a_table(), a_chart(), hard_break,
                    st.builds(lambda w: f"H~{w}~O and x^{w}^", word), a_sidebar())


@settings(PROPERTY, max_examples=max(EXAMPLES // 2, 10))
@given(blocks=st.lists(element, min_size=1, max_size=8), note=st.booleans(), lang=language,
       columns=st.integers(1, 3))
def test_any_elements_build_with_every_word_or_are_refused(tmp_path_factory, blocks, note,
                                                           lang, columns):
    """Lists, tables, charts, sidebars holding them, sub- and superscripts, hard breaks and a
    note, in any order, language and number of columns: every word in the PDF, or a clear
    error."""
    folder = tmp_path_factory.mktemp("elements")
    body = "\n\n".join(blocks)
    if note:
        body += "\n\nA call[^n].\n\n[^n]: The note's text."
    article = (f"---\nkind: feature\ntitle: \"Elements\"\npages: auto\ncolumns: {columns}\n"
               f"language: {lang}\n---\n")
    root = write_minimal_issue(folder / "issue", {"a": article + body + "\n"})
    try:
        result = proof(root, folder / "out.pdf", use_cache=False)
    except IssueError as err:
        assert " — " in str(err)
        return
    reports = verify(Path(result.pdf), load_issue(root))
    assert not [r.missing for r in reports if r.missing]
    shutil.rmtree(folder)


def test_a_word_hyphenated_across_a_proof_page_is_found(tmp_path):
    """Found by `make fuzz`: between the halves of a word hyphenated at a page end stand the
    folio and a proof's slug line (artifacts, which verify leaves out)."""
    import pdfplumber

    words = ("internationalisation professionalisation institutionalisation "
             "counterrevolutionaries intergovernmental ").split()
    # pages enough for one of them to end in the middle of a word
    body = " ".join(words[k % len(words)] for k in range(1800)) + "."
    article = (f"---\nkind: feature\ntitle: \"Long words\"\npages: auto\ncolumns: 1\n"
               f"dropcap: false\n---\n{body}\n")
    root = write_minimal_issue(tmp_path / "issue", {"a": article})
    result = proof(root, tmp_path / "out.pdf", use_cache=False)
    with pdfplumber.open(result.pdf) as pdf:
        ends = ["".join(c["text"] for c in page.chars if c.get("tag") != "Artifact")[-1:]
                for page in pdf.pages[:-1]]
    assert "\u00ad" in ends  # a page ends in the middle of a word
    assert not [r.missing for r in verify(result.pdf, load_issue(root)) if r.differences]
