"""What a new user saw on the pages: read back from the PDF."""

from __future__ import annotations

import pdfplumber

from tests.conftest import run_cli, write_minimal_issue

BODY = " ".join(["The sensors on the roofs count the dust in the air every ten minutes."] * 6)


def test_a_sidebar_title_sets_its_sub_and_superscripts_as_a_subhead_does(tmp_path):
    text = ("---\nkind: feature\ntitle: \"Air\"\npages: 1\n---\n" + BODY + "\n\n"
            "::: sidebar What NO~2~ in µg/m^3^ means\nThe gas from stoves and cars.\n:::\n\n"
            "::: chart bar Days over 40 µg/m^3^\nAlmaty | 120\nAstana | 80\n:::\n\n"
            + BODY + "\n")
    root = write_minimal_issue(tmp_path / "issue", {f"a{k}": text for k in range(4)})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        chars = pdf.pages[0].chars
    line = "".join(c["text"] for c in chars)
    assert "~" not in line and "^" not in line
    start = line.index("What NO2 in µg/m3 means")
    o, two = chars[start + 6], chars[start + 7]
    m, three = chars[start + 15], chars[start + 16]
    for letter, script, feature in ((o, two, "subs"), (m, three, "sups")):
        own_glyph = script["fontname"].endswith(f"-{feature}")  # the face's own figure …
        smaller = script["size"] < 0.8 * letter["size"]  # … or a synthesised small one
        assert own_glyph or smaller, (script["fontname"], script["size"], letter["size"])
    chart = line.index("Days over 40 µg/m3") + len("Days over 40 µg/m")
    assert chars[chart]["fontname"].endswith("-sups")


def test_a_rule_between_briefs_never_heads_nor_foots_a_column():
    from reportlab.lib.colors import black
    from reportlab.platypus import Spacer

    from layout.compose.columns import _fill
    from layout.compose.flowables import Rule

    def rule():
        between = Rule(black, 0.5, space_before=2, space_after=2)
        between.between = True
        return between

    def kinds(fill):
        return [["rule" if isinstance(f, Rule) else int(h) for f, _, h in column]
                for column in fill.columns]

    at_head = _fill([Spacer(1, 100), rule(), Spacer(1, 50)], 100, 100, 2)
    assert kinds(at_head) == [[100], [50]]
    at_foot = _fill([Spacer(1, 95), rule(), Spacer(1, 50)], 100, 100, 2)
    assert kinds(at_foot) == [[95], [50]]
    between = _fill([Spacer(1, 40), rule(), Spacer(1, 40), Spacer(1, 50)], 100, 100, 2)
    assert kinds(between) == [[40, "rule", 40], [50]]
