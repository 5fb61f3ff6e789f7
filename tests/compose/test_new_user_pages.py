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


def test_an_inset_picture_keeps_the_standoff_above_it_as_beside_it(tmp_path):
    from layout.style.theme import MM
    from tests.pictures import shadowed_photo
    from tests.readers import placed_images

    text = ("---\nkind: feature\ntitle: \"Air\"\npages: 1\ncolumns: 2\n---\n"
            + f"{BODY}\n\n{BODY}\n\n"
            "::: figure images/fair.jpg inset-right\naspect: 4:5\nA fair.\nPhoto: X\n:::\n\n"
            + f"{BODY}\n\n" * 5)
    root = write_minimal_issue(tmp_path / "issue", {f"a{k}": text for k in range(4)})
    (root / "images").mkdir()
    shadowed_photo(1200, 1500).save(root / "images" / "fair.jpg", dpi=(300, 300))
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    standoff = 4 * MM  # figure.inset_standoff, the theme's default
    [picture] = [image for image in placed_images(output) if image.page == 0]
    x0, _, x1, top = picture.shown()
    with pdfplumber.open(output) as pdf:
        page = pdf.pages[0]
        top = page.height - top
        above = [c for c in page.chars if c["bottom"] <= top + 1 and c["x1"] > x0
                 and c["x0"] < x1 and c["text"].strip()]
    assert above, "a line of text above the picture"
    gap = top - max(c["bottom"] for c in above)  # from the descenders of the line above
    assert gap >= standoff - 0.2, gap / MM
