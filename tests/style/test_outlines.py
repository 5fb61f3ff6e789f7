"""Blank glyphs: a face whose glyph for a character draws no ink (an empty outline, a
composite of itself or of a glyph the font lacks) is refused before layout, at the line
that uses it; and `layout verify` renders a sample, naming a letter that prints nothing in
a PDF made elsewhere (its text reads back as typed)."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys

import pytest
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph

from layout.build import build
from layout.errors import IssueError
from tests.conftest import ROOT, run_cli, write_minimal_issue

TEXT = "---\nkind: feature\ntitle: \"Ink\"\npages: 1\n---\nThe forum gathered every région.\n"


def fonts_with(tmp_path, damage) -> tuple:
    """The project's fonts, with the body face (Noto Serif) damaged by `damage`."""
    folder = tmp_path / "fonts"
    shutil.copytree(ROOT / "fonts", folder)
    path = folder / "NotoSerif-Regular.ttf"
    damage(path)
    return folder


def empty_e(path):
    font = TTFont(path)
    font["glyf"][font.getBestCmap()[ord("e")]] = Glyph()
    font.save(path)


def composite_of(target):
    """é (a composite) made to refer to glyph `target(é's own number)` by patching its bytes."""
    def damage(path):
        font = TTFont(path)
        glyph = font.getGlyphOrder().index(font.getBestCmap()[ord("é")])
        data = bytearray(path.read_bytes())
        tables = {bytes(data[12 + 16 * k: 16 + 16 * k]): struct.unpack(">I", data[20 + 16 * k:
                                                                          24 + 16 * k])[0]
                  for k in range(struct.unpack(">H", data[4:6])[0])}
        loca, glyf = tables[b"loca"], tables[b"glyf"]
        if font["head"].indexToLocFormat:
            start = struct.unpack(">I", data[loca + 4 * glyph: loca + 4 * glyph + 4])[0]
        else:
            start = 2 * struct.unpack(">H", data[loca + 2 * glyph: loca + 2 * glyph + 2])[0]
        at = glyf + start + 12  # the first component's glyph index
        data[at: at + 2] = struct.pack(">H", target(glyph))
        path.write_bytes(bytes(data))
    return damage


@pytest.mark.parametrize("damage, character, words", [
    (empty_e, "e", "has an empty outline"),
    (composite_of(lambda own: own), "é", "is a composite glyph built of itself"),
    (composite_of(lambda own: 60000), "é", "refers to glyph 60000, beyond the font's"),
])
def test_a_blank_glyph_is_refused_at_the_line_that_uses_it(tmp_path, damage, character, words):
    root = write_minimal_issue(tmp_path / "issue", {k: TEXT for k in "abcd"})
    with pytest.raises(IssueError) as raised:
        build(root, tmp_path / "out.pdf", fonts_dir=fonts_with(tmp_path, damage), use_cache=False)
    error = raised.value
    assert (error.path, error.line) == (root / "articles" / "a.md", 6)
    assert f"character '{character}' (U+{ord(character):04X}) of the body text would not print"\
        in error.message and words in error.message
    assert not (tmp_path / "out.pdf").exists()


MADE_ELSEWHERE = """
import sys
from pathlib import Path
import layout.style.coverage as coverage
coverage.ink_problem = lambda face, ch: None  # as a tool without the ink check would
from layout.build import build
build(Path(sys.argv[1]), Path(sys.argv[2]), fonts_dir=Path(sys.argv[3]), use_cache=False)
"""


def made_elsewhere(tmp_path, damage) -> tuple:
    """(issue, PDF) made by a tool without the ink check, with the damaged body face (in a
    process of its own: ReportLab keeps the first font registered by a name)."""
    root = write_minimal_issue(tmp_path / "issue", {k: TEXT for k in "abcd"})
    pdf = tmp_path / "blank.pdf"
    subprocess.run([sys.executable, "-c", MADE_ELSEWHERE, str(root), str(pdf),
                    str(fonts_with(tmp_path, damage))], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return root, pdf


def test_verify_names_a_letter_that_prints_no_ink(tmp_path):
    """A PDF made elsewhere with the damaged face: its text is all there, its e's are not."""
    root, pdf = made_elsewhere(tmp_path, empty_e)
    result = run_cli("verify", pdf, root)
    assert result.exit_code == 1, result.output
    assert "'e' (U+0065) in NotoSerif-Regular prints no ink" in result.output
    assert "read back as typed but print no ink" in result.output


@pytest.mark.parametrize("damage, character", [
    (empty_e, "e"), (composite_of(lambda own: own), "é")])
def test_preflight_renders_a_sample_and_fails_a_letter_that_prints_no_ink(tmp_path, damage,
                                                                         character):
    """The printer's check, not only the editor's: a composite of itself draws a glyph the
    font has (the glyph check passes it), yet prints a gap."""
    _, pdf = made_elsewhere(tmp_path, damage)
    result = run_cli("preflight", pdf, "--json")
    assert result.exit_code == 1, result.output
    ink = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "ink")
    assert ink["status"] == "fail" and ink["pages"] == [1], ink
    assert f"'{character}' (U+{ord(character):04X}) in NotoSerif-Regular" in ink["message"]


def patched(tag: bytes, at: int, value: bytes, directory: bool = False):
    """Overwrite bytes of a table (or, with `directory`, of its directory entry)."""
    def damage(path):
        data = bytearray(path.read_bytes())
        for k in range(struct.unpack(">H", data[4:6])[0]):
            entry = 12 + 16 * k
            if data[entry: entry + 4] == tag:
                start = entry if directory else struct.unpack(">I", data[entry + 8:
                                                                        entry + 12])[0]
                data[start + at: start + at + len(value)] = value
        path.write_bytes(bytes(data))
    return damage


@pytest.mark.parametrize("damage, words", [
    (patched(b"head", 18, b"\0\0"), "its em is 0 units (unitsPerEm must be 16 to 16384)"),
    (patched(b"maxp", 4, b"\xff\xff"), "is too short for its 65535 glyphs"),
    (patched(b"hmtx", 12, struct.pack(">I", 16), directory=True),
     "its 'hmtx' table (16 bytes) is too short"),
])
def test_a_font_with_bad_tables_is_refused_at_its_theme_line(tmp_path, damage, words):
    """Internal errors (ZeroDivisionError, struct.error) before: now the theme's line."""
    root = write_minimal_issue(tmp_path / "issue", {k: TEXT for k in "abcd"})
    with pytest.raises(IssueError) as raised:
        build(root, tmp_path / "out.pdf", fonts_dir=fonts_with(tmp_path, damage), use_cache=False)
    assert raised.value.path == root / "theme.yaml" and raised.value.line
    assert "font file 'NotoSerif-Regular.ttf' is damaged: " in raised.value.message
    assert words in raised.value.message
