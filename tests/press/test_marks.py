"""`layout build --marks`: crop and registration marks and a slug, outside the bleed."""

from __future__ import annotations

import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader

from tests.conftest import run_cli, write_minimal_issue
from tests.readers import fonts, page_boxes, well_formed

BODY = "---\nkind: feature\ntitle: \"Marks\"\npages: 1\n---\nText on the page.\n"


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    root = tmp_path_factory.mktemp("marks")
    write_minimal_issue(root / "issue", {f"a{k}": BODY for k in range(4)})
    output = root / "marked.pdf"
    result = run_cli("build", root / "issue", "-o", output, "--marks")
    assert result.exit_code == 0, result.output
    return output


def test_media_box_starts_at_the_origin_and_the_page_moves_with_its_boxes(marked):
    """No negative MediaBox origin (RIPs and imposition tools mishandle it): the media grows
    up and right, and the trim, the bleed and what is drawn in them move together."""
    for page in PdfReader(marked).pages:
        media, bleed, trim = (page.mediabox, page.bleedbox, page.trimbox)
        assert (float(media.left), float(media.bottom)) == (0, 0)
        assert float(bleed.left) > 30 and float(media.top) > float(bleed.top) + 30
        assert float(trim.width) == pytest.approx(595.28, abs=0.01)
        assert float(trim.left) - float(bleed.left) == pytest.approx(3 * 72 / 25.4, abs=0.01)
    assert page_boxes(marked)[0]["MediaBox"][:2] == (0, 0)  # as an outside reader sees it
    with pdfplumber.open(marked) as pdf:  # the page's own words are still inside its trim
        trim = PdfReader(marked).pages[0].trimbox
        words = pdf.pages[0].extract_words()
        height = float(pdf.pages[0].height)
        text = next(w for w in words if w["text"] == "Text")
        assert float(trim.left) < text["x0"] < float(trim.right)
        assert float(trim.bottom) < height - text["bottom"] < float(trim.top)


def test_marks_are_in_the_registration_colour(marked):
    """Crop marks, targets and slug print on every plate as /Separation /All, not as a
    400 % CMYK black (which fails ink limits and misses spot plates)."""
    form = PdfReader(marked).pages[0]["/Resources"]["/XObject"]["/ADZMarks"]
    spaces = [space.get_object() for space in form["/Resources"]["/ColorSpace"].values()]
    assert [(s[0], s[1]) for s in spaces] == [("/Separation", "/All")]
    data = form.get_data()
    assert b" k" not in data and b" K" not in data  # no process colour at all
    with pdfplumber.open(marked) as pdf:  # pdfminer reads it independently of pypdf
        lines = pdf.pages[0].lines
        slug = [c for c in pdf.pages[0].chars if c["text"] == "m"]  # "marked.pdf"
    assert lines and all(line["stroking_color"] == 1 for line in lines)  # a tint of 1
    assert slug and all(c["ncs"] == "Separation" for c in slug)


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


def test_marked_pdf_is_well_formed(marked):
    assert well_formed(marked) == []  # no error, no warning


def test_the_slug_lines_share_one_font_subset(marked):
    names = {font["/BaseFont"] for page in PdfReader(marked).pages
             for form in [page["/Resources"]["/XObject"]["/ADZMarks"]]
             for font in form["/Resources"]["/Font"].values()}
    assert len(names) == 1


def test_the_slug_line_joins_the_pages_subset_of_its_face(marked):
    """The marks are a separate ReportLab document, but their font is merged with the
    pages' subset of the same face: the file lists each face once."""
    faces = [font.face for font in fonts(marked)]
    assert len(faces) == len(set(faces)) and "NotoSans-Regular" in faces
