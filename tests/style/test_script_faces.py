"""Sub- and superscripts in the face's own glyphs (OpenType sups/subs) where it has them, and
synthesised (smaller, raised or lowered) where it has not, read back from the PDF."""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from layout.build import build
from layout.style.script_faces import companions
from tests.conftest import ROOT, write_minimal_issue
from tests.readers import glyph_bounds

BODY = "The flat is 54 m^2^, the water H~2~O, the 5^th^ floor.[^1]\n\n[^1]: A note.\n"


def _article(body: str) -> str:
    return f"---\nkind: feature\ntitle: \"Scripts\"\npages: 1\ncolumns: 1\n---\n{body}\n"


def _issue(tmp_path, theme_extra: str = "", body: str = BODY):
    root = write_minimal_issue(tmp_path / "issue", {
        "a": _article(body), **{f"b{k}": _article("Text.") for k in range(3)}})
    if theme_extra:
        with (root / "theme.yaml").open("a", encoding="utf-8") as theme:
            theme.write(theme_extra)
    return root


def _scripts(pdf) -> dict[str, tuple[dict, dict]]:
    """The characters after 'm', 'H', '5' and 'floor.' in the body: (char, letter before)."""
    with pdfplumber.open(pdf) as document:
        chars = [c for c in document.pages[0].chars if c.get("tag") != "Artifact"]
    text = "".join(c["text"] for c in chars)
    out = {}
    for before, key in (("54 m", "2"), ("H", "2o"), ("the 5", "th"), ("floor.", "1")):
        at = text.index(before + key[0] if key != "2o" else "H2O") + len(before)
        out[key] = chars[at], chars[at - 1]
    return out


def _rise(char: dict, letter: dict) -> float:
    """How far char's baseline stands above letter's (the text rise is in the glyph boxes
    pdfplumber gives, not in the text matrix)."""
    descent = (letter["y0"] - letter["matrix"][5]) / letter["size"]
    return char["y0"] - descent * char["size"] - letter["matrix"][5]


def _synthesised(char: dict, letter: dict, up: bool) -> bool:
    return char["size"] < 0.8 * letter["size"] and (
        _rise(char, letter) > 2 if up else _rise(char, letter) < -1)


def test_a_face_with_the_features_sets_them_with_its_own_glyphs(tmp_path):
    # a plain 2 too, to compare with: the PDF's subsets hold only the glyphs drawn
    pdf = build(_issue(tmp_path, body="Of 2 flats, t" + BODY[1:]), tmp_path / "out.pdf",
                use_cache=False)
    found = _scripts(pdf)
    for key, feature in (("2", "sups"), ("2o", "subs"), ("1", "sups")):
        char, letter = found[key]
        assert char["fontname"].endswith(f"NotoSerif-Regular-{feature}"), (key, char)
        assert char["size"] == pytest.approx(letter["size"])  # at the text's size …
        assert _rise(char, letter) == pytest.approx(0, abs=0.01)  # … on its baseline
        box = glyph_bounds(pdf, char["fontname"], char["text"])
        plain = glyph_bounds(pdf, letter["fontname"].replace(f"-{feature}", ""), "2")
        assert box[3] - box[1] < 0.7 * (plain[3] - plain[1])  # a smaller glyph …
        assert box[1] > 0.3 if feature == "sups" else box[1] < 0  # … raised or lowered
    char, letter = found["th"]  # Noto has no superior t or h: the run is synthesised
    assert char["fontname"].endswith("NotoSerif-Regular") and _synthesised(char, letter, True)


def test_a_face_without_them_gets_them_synthesised(tmp_path):
    fonts = tmp_path / "fonts"
    shutil.copytree(ROOT / "fonts", fonts)
    face = TTFont(fonts / "NotoSerif-Regular.ttf")
    del face["GSUB"]  # the body face now has no sups, subs or anything else
    face.save(fonts / "NotoSerif-Regular.ttf")
    assert companions((fonts / "NotoSerif-Regular.ttf").read_bytes()) == {}
    pdf = build(_issue(tmp_path), tmp_path / "out.pdf", fonts_dir=fonts, use_cache=False)
    found = _scripts(pdf)
    for key, up in (("2", True), ("2o", False), ("1", True), ("th", True)):
        char, letter = found[key]
        assert char["fontname"].endswith("NotoSerif-Regular"), (key, char["fontname"])
        assert _synthesised(char, letter, up), key
    with pdfplumber.open(pdf) as document:
        assert "".join(c["text"] for c in document.pages[0].chars).count("m2, the water H2O") == 1


def test_the_theme_can_ask_for_synthesised_scripts(tmp_path):
    pdf = build(_issue(tmp_path, "\nscript:\n  font_glyphs: false\n"), tmp_path / "out.pdf",
                use_cache=False)
    for key, (char, letter) in _scripts(pdf).items():
        assert char["fontname"].endswith("NotoSerif-Regular"), key
        assert _synthesised(char, letter, key != "2o"), key


def test_verify_sees_a_superior_figure_that_prints_no_ink(tmp_path):
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    from layout.checks.ink_sample import blank_characters

    fonts = tmp_path / "fonts"
    shutil.copytree(ROOT / "fonts", fonts)
    face = TTFont(fonts / "NotoSerif-Regular.ttf")
    face["glyf"][_sups_glyph(face, "2")] = Glyph()  # the superior two is drawn as nothing
    face.save(fonts / "NotoSerif-Regular.ttf")
    pdf = build(_issue(tmp_path), tmp_path / "out.pdf", fonts_dir=fonts, use_cache=False)
    blanks = {(b.character, b.font) for b in blank_characters(pdf)}
    # Noto's inferior two is built of the superior one: it prints nothing either
    assert blanks == {("2", "NotoSerif-Regular-sups"), ("2", "NotoSerif-Regular-subs")}
    assert blank_characters(build(_issue(tmp_path / "ok"), tmp_path / "ok.pdf")) == []


def _sups_glyph(face: TTFont, ch: str) -> str:
    name = face.getBestCmap()[ord(ch)]
    gsub = face["GSUB"].table
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "sups":
            for index in record.Feature.LookupListIndex:
                for table in gsub.LookupList.Lookup[index].SubTable:
                    table = getattr(table, "ExtSubTable", table)
                    if name in getattr(table, "mapping", {}):
                        return table.mapping[name]
    raise LookupError(ch)
