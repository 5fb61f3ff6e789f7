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

settings.register_profile("ci", max_examples=120, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


def test_a_word_hyphenated_across_a_proof_page_is_found():
    """Found by `make fuzz`: between the halves stand the folio and a proof's slug line."""
    from layout.checks.verify import find_in_order, words

    page_end = "Opens aiқұvnjfwrnnәә- 1 TESTMAG PROOF round 1 2026-11-29 20:20 UTC out.pdf " \
               "TESTMAG №9 (01-02) 2024 page 1 of 2"
    next_page = "crңpwhdmkfi closes."
    tokens = words(page_end + " " + next_page)
    assert find_in_order(words("Opens aiқұvnjfwrnnәәcrңpwhdmkfi closes."), tokens) == []
