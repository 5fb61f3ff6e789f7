"""`layout build --marks`: crop and registration marks and a slug, outside the bleed."""

from __future__ import annotations

import shutil
import subprocess

import pypdfium2
import pytest
from pypdf import PdfReader

from tests.conftest import run_cli, write_minimal_issue

BODY = "---\nkind: feature\ntitle: \"Marks\"\npages: 1\n---\nText on the page.\n"


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    root = tmp_path_factory.mktemp("marks")
    write_minimal_issue(root / "issue", {f"a{k}": BODY for k in range(4)})
    output = root / "marked.pdf"
    result = run_cli("build", root / "issue", "-o", output, "--marks")
    assert result.exit_code == 0, result.output
    return output


def test_media_box_grows_and_trim_and_bleed_stay(marked):
    for page in PdfReader(marked).pages:
        media, bleed, trim = (page.mediabox, page.bleedbox, page.trimbox)
        assert float(media.left) < float(bleed.left) - 30
        assert float(media.top) > float(bleed.top) + 30
        assert float(trim.width) == pytest.approx(595.28, abs=0.01)
        assert float(bleed.left) == 0 and float(bleed.bottom) == 0


def test_slug_names_file_issue_and_page(marked):
    texts = [page.extract_text() for page in PdfReader(marked).pages]
    assert "marked.pdf" in texts[2] and "№9 (01-02) 2024" in texts[2]
    assert "page 3 of 4" in texts[2]


def test_marks_are_drawn_only_outside_the_bleed(marked):
    page = pypdfium2.PdfDocument(marked)[0]
    image = page.render(scale=1).to_pil().convert("L")
    reader_page = PdfReader(marked).pages[0]
    margin = -float(reader_page.mediabox.left)
    trim_x = margin + float(reader_page.trimbox.left)
    trim_y_top = image.height - (margin + float(reader_page.trimbox.top))
    # a crop mark runs out from the trim line's extension at the top-left corner …
    column = [image.getpixel((round(trim_x), y)) for y in range(0, round(trim_y_top - 12))]
    assert min(column) < 128
    # … but nothing is drawn in the bleed at that corner
    bleed = margin + float(reader_page.bleedbox.left)
    corner = [image.getpixel((x, y)) for x in range(round(bleed), round(trim_x) - 1)
              for y in range(round(trim_y_top) - 8, round(trim_y_top) - 1)]
    assert min(corner) > 200


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
def test_marked_pdf_is_well_formed(marked):
    check = subprocess.run(["qpdf", "--check", str(marked)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stdout + check.stderr


def test_the_slug_lines_share_one_font_subset(marked):
    names = {font["/BaseFont"] for page in PdfReader(marked).pages
             for form in [page["/Resources"]["/XObject"]["/ADZMarks"]]
             for font in form["/Resources"]["/Font"].values()}
    assert len(names) == 1
