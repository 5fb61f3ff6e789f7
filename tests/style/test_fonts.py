"""The vendored fonts cover the content and every letter the magazine's languages need."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.style.fonts import missing_glyphs
from layout.style.shaping import register_face

FONTS = sorted((Path(__file__).resolve().parents[2] / "fonts").glob("*.ttf"))
RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
MARKS = "№«»‒–—“”‘’„…\u00a0"


@pytest.mark.parametrize("path", FONTS, ids=[p.name for p in FONTS])
def test_font_covers_russian_kazakh_and_marks(path):
    register_face(path.stem, path)
    assert missing_glyphs(RUSSIAN + KAZAKH + MARKS, path.stem) == []


def test_fonts_are_truetype_with_a_licence():
    assert len(FONTS) == 8
    assert (FONTS[0].parent / "OFL.txt").is_file()
    assert "SIL Open Font License" in (FONTS[0].parent / "OFL.txt").read_text()
