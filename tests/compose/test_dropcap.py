"""Drop caps keep clear of the lines below: a descender measured from the glyph (Қ, Д, Ц,
Щ, Q, J) gets one more line set beside it (read back from the PDF)."""

from __future__ import annotations

import pytest

from layout.checks.typo import body_lines
from tests.conftest import run_cli, write_minimal_issue

TEXT = {"kk": "азан айының таңы. Арал қаласынан жүз шақырымдай жердегі бұрынғы теңіз табанында "
              "жел бәсеңдей бастағанда, ақ шаңнан көз ашпай келе жатқан үш автобус тоқтайды. ",
        "en": "uite early on the first morning the volunteers gathered at the square before "
              "the buses came and the work of the day began in earnest for all of them. "}


@pytest.mark.parametrize("initial,language,beside", [
    ("Қ", "kk", 4), ("Д", "kk", 4), ("Ц", "kk", 4), ("Q", "en", 4), ("J", "en", 4),
    ("А", "kk", 3), ("О", "kk", 3), ("Ұ", "kk", 3), ("T", "en", 3)])
def test_lines_beside_a_drop_cap_clear_its_descender(tmp_path, initial, language, beside):
    body = initial + TEXT[language] * 6
    article = (f"---\nkind: feature\ntitle: \"Test\"\npages: 1\ncolumns: 2\nlanguage: {language}\n"
               f"dropcap: true\n---\n{body}\n")
    note = "---\nkind: feature\ntitle: \"Note\"\npages: 1\n---\nA short note.\n"
    root = write_minimal_issue(tmp_path / "issue", {"a": article, "b": note, "c": note,
                                                    "d": note})
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    first = body_lines(output)[1][0]
    assert sum(line.beside_initial for line in first) == beside
    assert all(line.beside_initial for line in first[:beside])
