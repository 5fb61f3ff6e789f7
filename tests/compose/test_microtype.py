"""Micro-typography read back from the PDF: punctuation hangs into the margin by exactly the
theme's share of its width (character protrusion), and justified lines set their glyphs up
to the theme's 2 % wider or narrower, in its steps (font expansion, drawn with Tz)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from layout.build import proof
from layout.checks.verify import verify
from layout.compose.grid import Grid
from layout.content import load_issue
from layout.style.theme import Theme
from layout.style.typesetting import hangs
from tests.compose.test_text_property import columns_of
from tests.conftest import ROOT, write_minimal_issue

SIZE = 9.5
SENTENCE = ("Volunteers, district councils and “independent” monitors published their spending, "
            "their decisions and their reports; the regional inspection, in turn, answered "
            "every request within the month: accountability — slowly — became a habit. ")
QUOTES = "They called it “open data”, “open doors” and “open minds” of the “new” council. "


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("microtype")
    head = ("---\nkind: feature\ntitle: \"Edges\"\npages: auto\nlanguage: en\ncolumns: 2\n"
            "dropcap: false\n---\n")
    root = write_minimal_issue(folder / "issue", {"a": head + "".join(
        SENTENCE + QUOTES * (k % 3) for k in range(30)) + "\n"})
    result = proof(root, folder / "out.pdf", use_cache=False)
    return root, Path(result.pdf)


def _lines(pdf: Path, grid: Grid) -> list[tuple[tuple[float, float], list[dict]]]:
    """Every body line as (its column's extent, its glyphs left to right), the spaces out."""
    out = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            spans = columns_of(page, grid, 2)
            rows: dict[tuple[int, int], list[dict]] = {}
            for char in page.chars:
                if char.get("tag") == "Artifact" or abs(char["size"] - SIZE) > 0.01 \
                        or char["text"].isspace():
                    continue
                middle = (char["x0"] + char["x1"]) / 2
                column = min(range(len(spans)), key=lambda k: abs(sum(spans[k]) / 2 - middle))
                rows.setdefault((column, round(char["top"])), []).append(char)
            for (column, _), chars in sorted(rows.items()):
                out.append((spans[column], sorted(chars, key=lambda c: c["x0"])))
    return out


def test_punctuation_hangs_into_the_margin_by_its_share(built):
    root, pdf = built
    theme = Theme(load_issue(root).theme_path)
    grid, hung = Grid.from_theme(theme, load_issue(root).bleed_mm), hangs(theme)
    lines = _lines(pdf, grid)
    assert len(lines) > 60
    right_hung = left_hung = flush = 0
    for (left, right), chars in lines[:-1]:  # the paragraph's last line is not justified
        first, last = chars[0], chars[-1]
        share = hung.at_right(last["text"])
        assert last["x1"] == pytest.approx(right + share * (last["x1"] - last["x0"]), abs=0.05), \
            "".join(c["text"] for c in chars)
        right_hung += share > 0
        flush += share == 0
        if first["x0"] < left + 5:  # not the indented first line
            share = hung.at_left(first["text"])
            assert first["x0"] == pytest.approx(left - share * (first["x1"] - first["x0"]),
                                                abs=0.05), "".join(c["text"] for c in chars)
            left_hung += share > 0
    assert right_hung >= 10 and flush >= 10  # commas, stops, hyphens hung; letters flush
    assert left_hung >= 1  # a line starting with “ or —
    assert {c["text"] for _, chars in lines for c in chars[-1:]} & {",", ".", "\u00ad"}


def test_glyphs_are_scaled_within_the_theme_in_its_steps_and_every_character_is_kept(built):
    root, pdf = built
    issue = load_issue(root)
    theme = Theme(issue.theme_path)
    limit, step = theme.share("justification.glyph_scaling"), theme.share(
        "justification.glyph_scaling_step")
    font = TTFont(ROOT / "fonts" / "NotoSerif-Regular.ttf")
    cmap, metrics, upem = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    scales = []
    for _, chars in _lines(pdf, Grid.from_theme(theme, issue.bleed_mm)):
        letters = [c for c in chars if c["text"].isalpha() and "Regular" in c["fontname"]]
        ratios = {round(c["width"] / (metrics[cmap[ord(c["text"])]][0] * SIZE / upem), 4)
                  for c in letters}
        assert max(ratios) - min(ratios) < 1e-3  # one scale per line
        scales.append(ratios.pop())
    assert all(1 - limit - 1e-3 <= s <= 1 + limit + 1e-3 for s in scales)
    assert all(abs((s - 1) / step - round((s - 1) / step)) < 0.02 for s in scales)
    assert sum(s != 1 for s in scales) > len(scales) / 3  # used on many lines, both ways
    assert min(scales) < 1 < max(scales)
    assert not [r.missing for r in verify(pdf, issue) if r.differences]
