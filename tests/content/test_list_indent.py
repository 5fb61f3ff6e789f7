"""The nested-list trap: a list (or an item) indented under an item but short of its text
is an error at its line saying how far to indent it, never a separate list printed as if
nothing happened; lists indented as CommonMark nests them build as before."""

from __future__ import annotations

import pytest

from tests.compose.test_elements import small_issue

BODY_LINE = 7  # the body's first line in small_issue's article (after its front matter)

TRAPS = [  # (body, the line in the body, what the message says, how it says to indent)
    ("1. sensors are calibrated;\n  - each one on its own;\n2. readings published.\n", 1,
     "a new list after that one", "indent it 3 spaces"),
    ("1. sensors are calibrated;\n\n  - each one on its own;\n", 2,
     "a new list after that one", "indent it 3 spaces"),
    ("10. the tenth rule;\n   - its exception.\n", 1, "a new list after that one",
     "indent it 4 spaces"),
    ("- readings:\n - the bad ones.\n", 1, "the next item of the same list",
     "indent it 2 spaces"),
    ("- readings:\n  1. published;\n   - the bad ones too.\n", 2,
     "a new list after that one", "indent it 5 spaces"),
]


@pytest.mark.parametrize("body, line, read_as, fix", TRAPS)
def test_a_list_indented_short_of_its_items_text_is_an_error_at_its_line(
        tmp_path, body, line, read_as, fix):
    result, root = small_issue(tmp_path, "Rules:\n\n" + body)
    assert result.exit_code == 2, result.output
    where = f"{root / 'articles' / 'a.md'}:{BODY_LINE + 2 + line}: this line is indented"
    assert where in result.stderr, result.stderr
    assert read_as in result.stderr and fix in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.pdf").exists()


def test_lists_nested_as_commonmark_nests_them_build(tmp_path):
    body = ("Rules:\n\n1. sensors are calibrated;\n   - each one on its own;\n"
            "     - twice a year;\n2. readings published.\n\n- a list of its own\n")
    result, _ = small_issue(tmp_path, body)
    assert result.exit_code == 0, result.output
