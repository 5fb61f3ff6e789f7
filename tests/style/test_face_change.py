"""A face is known by its file's contents, not its name: point "Serif" at another file (or
write another font into the same file) and the next build in the same process sets the text
with the new font's advances, embeds the new font, and places the glyphs where it says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from layout.build import build
from tests.conftest import ROOT, write_minimal_issue
from tests.readers import fonts as pdf_fonts

WORD = "inimum"  # letters without kerning between them in either face
BODY = ("---\nkind: feature\ntitle: Widths\npages: 1\n---\n\n" + "\n\n".join(
    ["Minimum wage, illuminated ballroom: paragraphs whose words are set in the body face, "
     "many times over so that they run across several lines of a column, minimum."] * 6))
SIZE = 9.5  # the body text's size in the theme
WIDE = "AdzWide-Regular"


def _words(pdf: Path) -> list[list[dict]]:
    """Every WORD in the body text, as pdfplumber reads its characters (font, x, width)."""
    words = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            chars = [c for c in page.chars if c["size"] == pytest.approx(SIZE)]
            text = "".join(c["text"] for c in chars)
            start = text.find(WORD)
            while start >= 0:
                words.append(chars[start:start + len(WORD)])
                start = text.find(WORD, start + 1)
    return words


def _advances(path: Path) -> dict[str, float]:
    """The advance of each letter of WORD in a TrueType file (fontTools), in pt at SIZE."""
    font = TTFont(path)
    cmap = font.getBestCmap()
    return {ch: font["hmtx"][cmap[ord(ch)]][0] * SIZE / font["head"].unitsPerEm
            for ch in WORD}


def _wide_font(source: Path, target: Path) -> None:
    """Another font: `source`'s glyphs, every advance a tenth wider, its own PostScript name."""
    font = TTFont(source)
    metrics = font["hmtx"].metrics
    for glyph, (advance, bearing) in metrics.items():
        metrics[glyph] = (round(advance * 1.1), bearing)
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 6):
            record.string = WIDE if record.nameID == 6 else WIDE.replace("-", " ")
    font.save(target)


def _check_set_in(words: list[list[dict]], face: str, file: Path) -> None:
    advances = _advances(file)
    assert len(words) > 10
    for word in words:
        assert {c["fontname"].split("+")[-1] for c in word} == {face}
        for char, after in zip(word, word[1:], strict=False):
            assert char["width"] == pytest.approx(advances[char["text"]], abs=0.005)
            assert after["x0"] - char["x0"] == pytest.approx(advances[char["text"]], abs=0.005)


@pytest.mark.parametrize("how", ["theme names another file", "same file, other font"])
def test_a_changed_face_file_is_set_and_embedded_as_the_new_font_says(tmp_path, how):
    fonts = tmp_path / "fonts"
    shutil.copytree(ROOT / "fonts", fonts)
    issue = write_minimal_issue(tmp_path / "issue", {slug: BODY for slug in "abcd"})
    theme = issue / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert "glyph_scaling: 2%" in text and "regular: NotoSerif-Regular.ttf" in text
    assert "min_word: 5" in text
    # glyphs at their own advances, and no word hyphenated (each WORD read whole in both)
    theme.write_text(text.replace("glyph_scaling: 2%", "glyph_scaling: 0%").replace(
        "min_word: 5", "min_word: 20"), encoding="utf-8")
    serif = fonts / "NotoSerif-Regular.ttf"
    first = _words(build(issue, tmp_path / "first.pdf", fonts_dir=fonts))
    _check_set_in(first, "NotoSerif-Regular", serif)

    if how == "theme names another file":
        wide = fonts / "Wide.ttf"
        _wide_font(serif, wide)
        theme.write_text(theme.read_text(encoding="utf-8").replace(
            "regular: NotoSerif-Regular.ttf", "regular: Wide.ttf"), encoding="utf-8")
    else:
        wide = serif
        _wide_font(ROOT / "fonts" / serif.name, serif)
    pdf = build(issue, tmp_path / "second.pdf", fonts_dir=fonts)
    second = _words(pdf)

    assert len(second) == len(first)
    _check_set_in(second, WIDE, wide)
    embedded = [(f.type, f.encoding) for f in pdf_fonts(pdf) if f.face == WIDE]
    assert embedded == [("CID TrueType", "Identity-H")]  # one subset for the whole issue
