"""Imposition: the saddle-stitch plan as data, and the pages placed on sheets read back."""

from __future__ import annotations

import doctest
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from layout.press import impose as impose_module
from layout.press import sheet_marks as sheet_marks_module
from layout.press.impose import (
    Sheet,
    creep_shifts,
    impose,
    printer_sides,
    reader_spreads_plan,
    saddle_stitch_plan,
)
from tests.readers import fonts, page_boxes, well_formed
from tests.tools import needs

TRIM_W, TRIM_H = A4
CYAN, MAGENTA, BLACK = (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 0, 1)
SCALE = 2  # render at 144 dpi: 1 pt = 2 px


# ---------------------------------------------------------------- the plan


def test_plan_for_8_pages():
    assert saddle_stitch_plan(8) == [Sheet(front=(8, 1), back=(2, 7)),
                                     Sheet(front=(6, 3), back=(4, 5))]
    assert printer_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


@pytest.mark.parametrize("pages", [4, 8, 12, 44])
def test_plan_folds_into_page_order(pages):
    plan = saddle_stitch_plan(pages)
    assert len(plan) == pages // 4
    sides = [side for sheet in plan for side in (sheet.front, sheet.back)]
    assert sorted(p for side in sides for p in side) == list(range(1, pages + 1))
    assert all(left + right == pages + 1 for left, right in sides)  # facing across the spine
    # nest the folded sheets, outermost first: the right-hand leaves read first half,
    # the left-hand leaves (innermost first) the second half
    first = [p for sheet in plan for p in (sheet.front[1], sheet.back[0])]
    second = [p for sheet in reversed(plan) for p in (sheet.back[1], sheet.front[0])]
    assert first + second == list(range(1, pages + 1))


@pytest.mark.parametrize("pages", [10, 0, 2])
def test_plan_rejects_a_count_not_a_multiple_of_4(pages):
    with pytest.raises(ValueError, match=f"multiple of 4, not {pages}"):
        saddle_stitch_plan(pages)


def test_reader_spreads_plan():
    assert reader_spreads_plan(8) == [(None, 1), (2, 3), (4, 5), (6, 7), (8, None)]
    assert reader_spreads_plan(5) == [(None, 1), (2, 3), (4, 5)]
    assert reader_spreads_plan(1) == [(None, 1)]
    with pytest.raises(ValueError):
        reader_spreads_plan(0)


def test_doctests_pass():
    result = doctest.testmod(impose_module)
    assert result.attempted > 0 and result.failed == 0


def test_sheet_marks_doctests_pass():
    """The marks need room: a side of SRA3 has them, a side of A3 none."""
    result = doctest.testmod(sheet_marks_module)
    assert result.attempted > 0 and result.failed == 0


def test_unknown_sheet_names_the_valid_ones(source, tmp_path):
    with pytest.raises(ValueError, match="unknown sheet 'B2': choose one of SRA3, A3"):
        impose(source, tmp_path / "out.pdf", sheet="B2")
    assert not any(tmp_path.iterdir())


def test_source_not_a_multiple_of_4_writes_nothing(tmp_path):
    odd = make_pages(tmp_path / "in" / "ten.pdf", count=10)
    with pytest.raises(ValueError, match="multiple of 4, not 10"):
        impose(odd, tmp_path / "out" / "ten.pdf")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- a synthetic issue


def make_pages(path: Path, count: int = 8, bleed: float = 3 * mm, slug: float = 0) -> Path:
    """Pages boxed like ours: a coloured band in the bleed only (odd cyan, even magenta), a big
    page number in the middle, and with `slug` a black square outside the BleedBox."""
    path.parent.mkdir(parents=True, exist_ok=True)
    edge = bleed + slug  # from the MediaBox to the trim
    width, height = TRIM_W + 2 * edge, TRIM_H + 2 * edge
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1, enforceColorSpace="cmyk")
    for number in range(1, count + 1):
        canvas.setTrimBox((edge, edge, width - edge, height - edge))
        canvas.setBleedBox((slug, slug, width - slug, height - slug))
        canvas.setFillColorCMYK(*(CYAN if number % 2 else MAGENTA))
        inner = TRIM_H + 2 * bleed
        for x, y, w, h in ((slug, slug, bleed, inner), (width - edge, slug, bleed, inner),
                           (slug, slug, TRIM_W + 2 * bleed, bleed),
                           (slug, height - edge, TRIM_W + 2 * bleed, bleed)):
            canvas.rect(x, y, w, h, stroke=0, fill=1)
        canvas.setFillColorCMYK(*BLACK)
        if slug:
            canvas.rect(slug / 4, height / 2, slug / 2, slug / 2, stroke=0, fill=1)
        canvas.setFont("Helvetica-Bold", 120)
        canvas.drawCentredString(width / 2, height / 2, str(number))
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return make_pages(tmp_path_factory.mktemp("impose") / "issue.pdf")


@pytest.fixture(scope="module")
def sra3(source) -> Path:
    target = source.parent / "sra3" / "issue-sra3.pdf"
    assert impose(source, target) == 4
    return target


@pytest.fixture(scope="module")
def a3(source) -> Path:
    target = source.parent / "issue-a3.pdf"
    assert impose(source, target, sheet="A3") == 4
    return target


@pytest.fixture(scope="module")
def reader(source) -> Path:
    target = source.parent / "issue-reader.pdf"
    assert impose(source, target, reader=True) == 5
    return target


def halves(pdf_path: Path) -> list[tuple[list[str], list[str]]]:
    """The words on the left and on the right half of every page (inside its trim: the
    sheet label is in the slug)."""
    result = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page_words(page)
            middle = float(page.width) / 2
            result.append(([w["text"] for w in words if w["x1"] < middle],
                           [w["text"] for w in words if w["x0"] > middle]))
    return result


def page_words(page) -> list[dict]:
    """pdfplumber's words of a sheet side that lie inside its TrimBox."""
    trim = page.page_obj.attrs.get("TrimBox")
    if trim is None:
        return page.extract_words()
    x0, y0, x1, y1 = (float(v) for v in trim)
    height = float(page.height)
    return [w for w in page.extract_words()
            if w["x0"] >= x0 and w["x1"] <= x1 and height - w["bottom"] >= y0
            and height - w["top"] <= y1]


def slug_words(page) -> str:
    """The label of a sheet side: the text in the left margin, read upwards."""
    trim = page.page_obj.attrs["TrimBox"]
    chars = [c for c in page.chars if c["x1"] < float(trim[0]) - 3 * mm]
    return "".join(c["text"] for c in sorted(chars, key=lambda c: -c["top"]))


def render(pdf_path: Path, index: int) -> np.ndarray:
    """One page as an RGB array at SCALE px per pt."""
    document = pypdfium2.PdfDocument(pdf_path)
    try:
        return np.asarray(document[index].render(scale=SCALE).to_pil().convert("RGB"))
    finally:
        document.close()


def colour_at(image: np.ndarray, x: float, y: float) -> str:
    """'cyan', 'magenta', 'white', 'black' or 'other' at (x, y) pt from the lower left."""
    r, g, b = (int(v) for v in image[image.shape[0] - 1 - int(y * SCALE), int(x * SCALE)])
    if min(r, g, b) > 240:
        return "white"
    if max(r, g, b) < 60:
        return "black"
    if r < 60 and b > 180:
        return "cyan"
    if g < 60 and r > 180:
        return "magenta"
    return "other"


def sheet_geometry(pdf_path: Path) -> tuple[float, float, float, float]:
    """(sheet width, sheet height, spine x, trim bottom y) in pt."""
    page = PdfReader(pdf_path).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return width, height, width / 2, float(page.trimbox.bottom)


# ---------------------------------------------------------------- printer spreads


@pytest.mark.parametrize("sheet", ["sra3", "a3"])
def test_pages_land_left_and_right_in_plan_order(sheet, request):
    imposed = request.getfixturevalue(sheet)
    expected = [([str(left)], [str(right)]) for left, right in printer_sides(8)]
    assert halves(imposed) == expected


@pytest.mark.parametrize(("sheet", "size_mm"), [("sra3", (450, 320)), ("a3", (420, 297))])
def test_sheet_size(sheet, size_mm, request):
    for page in PdfReader(request.getfixturevalue(sheet)).pages:
        assert float(page.mediabox.width) == pytest.approx(size_mm[0] * mm, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(size_mm[1] * mm, abs=0.01)


def test_trims_meet_at_the_spine_clear_of_the_gripper(sra3):
    """Centred across the sheet; up from the foot by the 12 mm gripper and the 3 mm bleed."""
    width, height, spine, bottom = sheet_geometry(sra3)
    with pdfplumber.open(sra3) as pdf:
        words = page_words(pdf.pages[0])
    centres = sorted((w["x0"] + w["x1"]) / 2 for w in words)
    assert centres[0] == pytest.approx(spine - TRIM_W / 2, abs=1)
    assert centres[1] == pytest.approx(spine + TRIM_W / 2, abs=1)
    assert bottom == pytest.approx(15 * mm, abs=0.01)


def test_nothing_prints_in_the_gripper_margin(sra3):
    """Every side, rendered: the foot's 12 mm are bare paper, the bleed starts above them."""
    for index in range(4):
        image = render(sra3, index)
        margin = image[image.shape[0] - round(12 * mm * SCALE):]
        assert margin.min() > 240, index  # white
        above = image[image.shape[0] - round(14 * mm * SCALE)]  # in the bleed
        assert (above.max(axis=1) - above.min(axis=1)).max() > 100  # the band's colour


def test_a_gripper_of_0_centres_the_pages_and_one_too_large_is_refused(source, tmp_path):
    centred = tmp_path / "centred.pdf"
    impose(source, centred, gripper_mm=0)
    assert sheet_geometry(centred)[3] == pytest.approx((320 - 297) / 2 * mm, abs=0.01)
    with pytest.raises(ValueError, match="20 mm gripper margin, 3 mm of bleed and pages 297 mm "
                                         "high do not fit on SRA3"):
        impose(source, tmp_path / "none.pdf", gripper_mm=20)
    assert not (tmp_path / "none.pdf").exists()


def test_sra3_keeps_the_outer_bleed_and_clips_at_the_spine(sra3):
    image = render(sra3, 0)  # [8|1]: even pages are magenta, odd cyan
    width, _, spine, bottom = sheet_geometry(sra3)
    top, middle, half_bleed = bottom + TRIM_H, bottom + TRIM_H / 2, 1.5 * mm
    left_edge, right_edge = spine - TRIM_W, spine + TRIM_W
    # the bleed is kept at the outer side, top and bottom …
    assert colour_at(image, left_edge - half_bleed, middle) == "magenta"
    assert colour_at(image, right_edge + half_bleed, middle) == "cyan"
    assert colour_at(image, spine - 100, top + half_bleed) == "magenta"
    assert colour_at(image, spine + 100, bottom - half_bleed) == "cyan"
    # … and ends at the bleed edge
    assert colour_at(image, left_edge - 3 * mm - half_bleed, middle) == "white"
    # at the spine neither page's bleed crosses into the other page
    assert colour_at(image, spine - half_bleed, middle) == "white"
    assert colour_at(image, spine + half_bleed, middle) == "white"
    assert colour_at(image, spine - half_bleed, top + half_bleed) == "magenta"
    assert colour_at(image, spine + half_bleed, top + half_bleed) == "cyan"


def test_a3_has_no_room_for_bleed_or_marks(a3):
    image = render(a3, 1)
    _, _, spine, _ = sheet_geometry(a3)
    assert colour_at(image, spine - 1.5 * mm, TRIM_H / 2) == "white"
    assert colour_at(image, spine + 1.5 * mm, TRIM_H / 2) == "white"
    with pdfplumber.open(a3) as pdf:
        assert all(not page.lines for page in pdf.pages)


def registration_lines(pdf_path: Path, index: int) -> list[dict]:
    """Lines in the Registration colour: pdfminer reads a separation tint as one number."""
    with pdfplumber.open(pdf_path) as pdf:
        return [line for line in pdf.pages[index].lines if line["stroking_color"] == 1]


def assert_marks_outside_the_bleed(pdf_path: Path, bleed: float, head: bool = True) -> None:
    """0.25 pt crop marks at the corners (across at the foot: the gripper margin has no room
    for upright ones) and the register targets' crosses, in the Registration colour, none
    touching a page's bleed area or the 12 mm gripper margin; without `head` the head has
    no room for marks."""
    _, _, spine, bottom = sheet_geometry(pdf_path)
    bleed_area = (spine - TRIM_W - bleed, bottom - bleed, spine + TRIM_W + bleed,
                  bottom + TRIM_H + bleed)
    for index in range(len(PdfReader(pdf_path).pages)):
        lines = registration_lines(pdf_path, index)
        assert len(lines) == (6 + 2 * 3 if head else 4 + 2 * 2)  # crop marks, targets' crosses
        for line in lines:
            assert line["linewidth"] == pytest.approx(0.25)
            overlaps = (line["x0"] < bleed_area[2] and line["x1"] > bleed_area[0]
                        and line["y0"] < bleed_area[3] and line["y1"] > bleed_area[1])
            assert not overlaps, line
            assert min(line["y0"], line["y1"]) > 12 * mm
        upright = [round(line["x0"], 2) for line in lines if line["x0"] == line["x1"]]
        trims = [round(spine - TRIM_W, 2), round(spine + TRIM_W, 2)]
        assert sorted(x for x in upright if x in trims) == (trims if head else [])
        across = [round(line["y0"], 2) for line in lines if line["y0"] == line["y1"]]
        assert sorted(y for y in across if y in (round(bottom, 2), round(bottom + TRIM_H, 2))) \
            == [round(bottom, 2)] * 2 + [round(bottom + TRIM_H, 2)] * 2


def test_sra3_crop_marks_in_registration_colour_outside_the_bleed(sra3):
    assert_marks_outside_the_bleed(sra3, 3 * mm)


def test_marked_source_works_from_trim_and_bleed_not_media(tmp_path):
    bleed = 5 * mm
    marked = make_pages(tmp_path / "marked.pdf", bleed=bleed, slug=10 * mm)
    target = tmp_path / "marked-sra3.pdf"
    impose(marked, target)
    assert halves(target) == [([str(left)], [str(right)]) for left, right in printer_sides(8)]
    image = render(target, 0)
    _, _, spine, bottom = sheet_geometry(target)
    middle = bottom + TRIM_H / 2
    assert colour_at(image, spine - TRIM_W - 4 * mm, middle) == "magenta"  # 5 mm bleed kept
    slug_square = spine - TRIM_W - bleed - 10 * mm + 3.75 * mm  # where the slug would land
    assert colour_at(image, slug_square, middle + 3.75 * mm) == "white"
    assert_marks_outside_the_bleed(target, bleed, head=False)  # 5 mm of bleed fill the head


# ---------------------------------------------------------------- reader spreads


def test_reader_spreads_place_pages_as_a_reader_sees_them(reader):
    assert halves(reader) == [([], ["1"]), (["2"], ["3"]), (["4"], ["5"]), (["6"], ["7"]),
                              (["8"], [])]
    for page in PdfReader(reader).pages:
        assert float(page.mediabox.width) == pytest.approx(2 * TRIM_W, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(TRIM_H, abs=0.01)


def test_reader_spreads_show_no_bleed_and_no_marks(reader):
    image = render(reader, 1).astype(int)
    saturation = image.max(axis=2) - image.min(axis=2)
    # renderers anti-alias the clip edge: the pixel column on each side of the spine
    # may show a trace of the facing page's bleed, so those two columns are left out
    spine = round(TRIM_W * SCALE)
    saturation[:, spine - 1:spine + 1] = 0
    assert saturation.max() < 40  # black numbers on white: no cyan or magenta bleed anywhere
    assert colour_at(image.astype(np.uint8), TRIM_W - 1 * mm, TRIM_H / 2) == "white"
    assert colour_at(image.astype(np.uint8), TRIM_W + 1 * mm, TRIM_H / 2) == "white"
    with pdfplumber.open(reader) as pdf:
        assert all(not page.lines for page in pdf.pages)


# ---------------------------------------------------------------- the file


def test_output_is_deterministic(source, sra3, tmp_path):
    again = tmp_path / "again.pdf"
    impose(source, again)
    assert again.read_bytes() == sra3.read_bytes()


def test_written_atomically_with_nothing_left_behind(sra3):
    assert [p.name for p in sra3.parent.iterdir()] == [sra3.name]


@pytest.mark.parametrize("imposed", ["sra3", "a3", "reader"])
def test_qpdf_check_passes(imposed, request):
    assert well_formed(request.getfixturevalue(imposed)) == []


# ---------------------------------------------------------------- sheets a printer can plate


def test_creep_plan():
    assert creep_shifts(11, 1.0)[0] == 0 and creep_shifts(11, 1.0)[-1] == 1.0
    with pytest.raises(ValueError, match="creep of 1.5 mm: give 0 to 1 mm"):
        creep_shifts(11, 1.5)


def test_each_side_has_its_trim_and_bleed_box(sra3):
    """TrimBox: the two pages at the spine; BleedBox 3 mm beyond; an outside reader
    (libqpdf) reads them."""
    _, _, spine, bottom = sheet_geometry(sra3)
    for boxes in page_boxes(sra3)[:4]:
        trim, bleed = list(boxes["TrimBox"]), list(boxes["BleedBox"])
        assert trim == pytest.approx([spine - TRIM_W, bottom, spine + TRIM_W, bottom + TRIM_H],
                                     abs=0.01)
        assert [b - t for b, t in zip(bleed, trim, strict=True)] == pytest.approx(
            [-3 * mm, -3 * mm, 3 * mm, 3 * mm], abs=0.01)


def test_every_side_says_which_sheet_and_side_it_is(sra3):
    with pdfplumber.open(sra3) as pdf:
        labels = [slug_words(page) for page in pdf.pages]
    assert [label.split("·")[-1].strip() for label in labels] == [
        "sheet 1 of 2, front: pages 8 | 1, SRA3", "sheet 1 of 2, back: pages 2 | 7, SRA3",
        "sheet 2 of 2, front: pages 6 | 3, SRA3", "sheet 2 of 2, back: pages 4 | 5, SRA3"]


def targets(pdf_path: Path, index: int) -> list[tuple[float, float]]:
    """The register targets' centres (where their crosses meet), y from the foot."""
    lines = registration_lines(pdf_path, index)
    with pdfplumber.open(pdf_path) as pdf:
        height = float(pdf.pages[index].height)
    across = [line for line in lines
              if line["y0"] == line["y1"] and line["x1"] - line["x0"] < 4 * mm]
    return sorted(((line["x0"] + line["x1"]) / 2, height - line["top"]) for line in across)


def test_register_targets_at_the_centres_of_the_edges_with_room(sra3):
    """Left and right at mid-height, the head on the spine; the foot is the gripper's, and
    the imposition says so."""
    width, height, spine, bottom = sheet_geometry(sra3)
    for index in range(4):
        (left, left_y), (head, head_y), (right, right_y) = targets(sra3, index)
        assert left_y == right_y == pytest.approx(bottom + TRIM_H / 2, abs=0.01)
        assert left < spine - TRIM_W - 3 * mm and right > spine + TRIM_W + 3 * mm
        assert left == pytest.approx(width - right, abs=0.01)
        assert head == pytest.approx(spine, abs=0.01) and head_y > bottom + TRIM_H + 3 * mm
    notes: list[str] = []
    impose(sra3.parent.parent / "issue.pdf", sra3.parent.parent / "noted.pdf", notes=notes)
    assert notes == ["no register target at the foot: the 12 mm gripper margin leaves no room"]


def test_colour_bar_outside_the_bleed_where_there_is_room(sra3, a3):
    """Across the sheet's width at the head: solids, 50 % tints, overprints of two and three
    solids (each solid laid over the other, as the press prints them: Ghostscript's plates
    show 100 % of both), grey balance beside its K tint."""
    width, height, spine, bottom = sheet_geometry(sra3)
    with pdfplumber.open(sra3) as pdf:
        patches = [r for r in pdf.pages[0].rects if height - r["bottom"] > bottom + TRIM_H]
    colours = {r["non_stroking_color"] for r in patches}
    assert {(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1), (0.5, 0, 0, 0),
            (0, 0, 0, 0.5), (0.5, 0.4, 0.4, 0), (0.25, 0.19, 0.19, 0)} <= colours
    assert all(height - r["bottom"] > bottom + TRIM_H + 3 * mm for r in patches)
    assert min(r["x0"] for r in patches) < 3 * mm
    assert max(r["x1"] for r in patches) > width - 7 * mm  # (less than a patch is left)
    plates = head_plates(sra3)
    both = (plates[..., 0] > 250) & (plates[..., 1] > 250) & (plates[..., 2] < 5)
    assert both.sum() > 20  # a C+M overprint patch
    with pdfplumber.open(a3) as pdf:  # no room on A3: no patches
        assert not any(r["non_stroking_color"] == (0.5, 0.4, 0.4, 0) for r in pdf.pages[0].rects)


def head_plates(pdf_path: Path) -> np.ndarray:
    """Ghostscript's CMYK plates of the first side's head strip (above the bleed), 0-255."""
    import subprocess

    out = subprocess.run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pamcmyk32",
                          "-r72", "-dFirstPage=1", "-dLastPage=1", "-sOutputFile=-",
                          str(pdf_path)], capture_output=True, check=True).stdout
    header, _, data = out.partition(b"ENDHDR\n")
    fields = dict(line.split(b" ", 1) for line in header.splitlines()[1:])
    width, height = int(fields[b"WIDTH"]), int(fields[b"HEIGHT"])
    plates = np.frombuffer(data[:width * height * 4], np.uint8).reshape(height, width, 4)
    return plates[:round(4 * mm)]


def test_creep_moves_the_inner_sheets_pages_to_the_spine(source, sra3, tmp_path):
    crept = tmp_path / "crept.pdf"
    impose(source, crept, creep_mm=1.0)

    def centres(pdf_path: Path) -> list[tuple[float, float]]:
        with pdfplumber.open(pdf_path) as pdf:
            return [tuple(sorted((w["x0"] + w["x1"]) / 2 for w in page_words(page)))
                    for page in pdf.pages]

    plain, moved = centres(sra3), centres(crept)
    for side in (0, 1):  # the outer sheet stays
        assert moved[side] == pytest.approx(plain[side], abs=0.01)
    for side in (2, 3):  # the inner sheet: both pages 1 mm nearer the spine
        assert moved[side][0] - plain[side][0] == pytest.approx(1 * mm, abs=0.01)
        assert moved[side][1] - plain[side][1] == pytest.approx(-1 * mm, abs=0.01)
    with pdfplumber.open(crept) as pdf:
        assert slug_words(pdf.pages[3]).endswith("SRA3, creep 1.00 mm")


def test_printer_sheets_are_pdf_x4(sra3):
    reader = PdfReader(sra3)
    assert reader.pdf_header == "%PDF-1.6"
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-4"
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert "pdfxid:GTS_PDFXVersion" in reader.trailer["/Root"]["/Metadata"].get_data().decode()


@needs("gs")
def test_real_issue_sheets_pass_preflight(issue_pdf, tmp_path):
    """What goes to plate: the real issue on SRA3 passes every check of `layout preflight`
    (boxes as sheet sides, bleed, fonts once each with the labels' text, registration …)."""
    from layout.checks.preflight import preflight

    sheets = tmp_path / "issue-sra3.pdf"
    assert impose(issue_pdf, sheets, creep_mm=0.3) == 22
    report = preflight(sheets)
    assert [r.name for r in report.results if r.status != "pass"] == [], report.to_table()
    faces = [font.face for font in fonts(sheets)]
    assert len(faces) == len(set(faces)) == 4
