"""What a print shop's preflight sees and ours must too: font subsets, black overprint, rich
black and many-ink small type, registration colour, Lab and ICC-based RGB (annotation
appearances included), transparency, TAC in thin picture detail, bleed judged from the
artwork, PDF version, XMP, Info against XMP, encryption, JavaScript, optional content.

Each bad PDF differs from the good baseline (pdf_cases.py) in one fault, which an
independent tool (poppler, qpdf, Ghostscript, xmllint, pdfminer via pdfplumber, Pillow)
shows is really there before preflight is asked.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)
from reportlab.lib.colors import CMYKColor, CMYKColorSep

from layout.checks.preflight import preflight
from tests.checks.pdf_cases import (
    BLEED,
    FONT,
    HEIGHT,
    TITLE,
    WIDTH,
    XMP,
    Case,
    add_pdfx,
    draw_pages,
    make_pdf,
    mm,
    needs,
    on_page,
    parametrized,
    run_case,
    tool,
    with_marks_margin,
)

SRGB = Path("/usr/share/color/icc/ghostscript/srgb.icc")


# --- fonts ---------------------------------------------------------------------------------

def joined(path: Path, assets, parts: list[tuple[int, int]], draw=None) -> Path:
    """Pages from separately made ReportLab documents joined unchanged (what the pipeline did
    before it merged fonts): each part is (first page number, pages)."""
    writer = PdfWriter()
    for first, count in parts:
        writer.append(PdfReader(io.BytesIO(draw_pages(assets, count, draw, first))))
    add_pdfx(writer)
    writer.generate_file_identifiers()
    writer.write(path)
    return path


def other_words(canvas, number, assets):
    """Characters the other documents' subsets do not have (so their programs differ)."""
    if number > 2:
        canvas.saveState()
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(1)
        canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        canvas.setFont(FONT, 10)
        canvas.drawString(BLEED + 20 * mm, BLEED + 30 * mm, "Жұмыс — № 7")
        canvas.restoreState()


def pdffonts_rows(pdf: Path) -> list[list[str]]:
    return [line.split() for line in tool("pdffonts", pdf).splitlines()[2:]]


def font_program(pdf: Path, font_object: str) -> bytes:
    """The FontFile2 stream of a font object, decoded by qpdf."""
    font = tool("qpdf", f"--show-object={font_object}", pdf)
    descriptor = re.search(r"/FontDescriptor (\d+) 0 R", font).group(1)
    text = tool("qpdf", f"--show-object={descriptor}", pdf)
    program = re.search(r"/FontFile2 (\d+) 0 R", text).group(1)
    return subprocess.run(["qpdf", f"--show-object={program}", "--filtered-stream-data",
                           str(pdf)], capture_output=True, check=True).stdout


def sees_two_programs_under_one_name(pdf):
    rows = pdffonts_rows(pdf)
    named = [row for row in rows if row[0].endswith("+NotoSerif-Regular")]
    assert len(named) == 2 and named[0][0] == named[1][0]  # one name, two objects …
    assert named[0][-2] != named[1][-2]
    assert font_program(pdf, named[0][-2]) != font_program(pdf, named[1][-2])  # … two programs


def sees_one_program_stored_twice(pdf):
    named = pdffonts_rows(pdf)
    assert len(named) == 2 and named[0][0] == named[1][0] and named[0][-2] != named[1][-2]
    assert font_program(pdf, named[0][-2]) == font_program(pdf, named[1][-2])


# --- inks ----------------------------------------------------------------------------------

def black_text_knocking_out(canvas, number, assets):
    """100 % K on the cyan band without overprint."""
    canvas.setFillColor(CMYKColor(0, 0, 0, 1))
    canvas.setFont(FONT, 24)
    canvas.drawString(BLEED + 100 * mm, HEIGHT - BLEED - 14 * mm, "KNOCKOUT")


def separations(pdf: Path, page: int, folder: Path) -> dict[str, np.ndarray]:
    """Ghostscript's tiffsep plates of one page at 72 dpi: name -> ink 0-255 (y down)."""
    prefix = folder / f"{pdf.stem}-{page}"
    subprocess.run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep", "-r72",
                    f"-dFirstPage={page}", f"-dLastPage={page}", f"-sOutputFile={prefix}.tif",
                    str(pdf)], check=True)
    return {plate: 255 - np.asarray(Image.open(f"{prefix}({plate}).tif"), dtype=int)
            for plate in ("Cyan", "Magenta", "Yellow", "Black")}


def word_box(pdf: Path, page: int, word: str) -> tuple[int, int, int, int]:
    """Where pdfplumber (pdfminer) finds a word: pixel box at 72 dpi, y down."""
    with pdfplumber.open(pdf) as plumbed:
        found = next(w for w in plumbed.pages[page - 1].extract_words() if w["text"] == word)
    return (round(found["x0"]) + 1, round(found["top"]) + 1, round(found["x1"]) - 1,
            round(found["bottom"]) - 1)


def sees_a_hole_in_the_cyan_plate_on_page_2(pdf):
    folder = pdf.parent
    x0, y0, x1, y1 = word_box(pdf, 2, "KNOCKOUT")
    plates = separations(pdf, 2, folder)
    under = plates["Cyan"][y0:y1, x0:x1]
    letters = plates["Black"][y0:y1, x0:x1] > 200
    assert letters.any() and under[letters].min() == 0  # the tint stops under the letters
    x0, y0, x1, y1 = word_box(pdf, 2, "tint")  # the baseline's own text overprints
    letters = plates["Black"][y0:y1, x0:x1] > 200
    assert plates["Cyan"][y0:y1, x0:x1][letters].min() > 60


def rich_black_small_text(canvas, number, assets):
    canvas.setFillColor(CMYKColor(0.6, 0.4, 0.4, 1))
    canvas.setFont(FONT, 8)
    canvas.drawString(BLEED + 20 * mm, BLEED + 30 * mm, "Rich black at 8 pt")


def chars_in(pdf: Path, page: int, colour: tuple, size: float) -> list[dict]:
    with pdfplumber.open(pdf) as plumbed:
        return [c for c in plumbed.pages[page - 1].chars
                if tuple(c["non_stroking_color"] or ()) == colour and round(c["size"]) == size]


def sees_rich_black_8pt_on_page_3(pdf):
    assert chars_in(pdf, 3, (0.6, 0.4, 0.4, 1), 8)


def three_ink_small_text(canvas, number, assets):
    canvas.setFillColor(CMYKColor(0.8, 0, 0.15, 0.05))
    canvas.setFont(FONT, 9)
    canvas.drawString(BLEED + 20 * mm, BLEED + 30 * mm, "Accent at 9 pt")


def sees_three_inks_at_9pt_on_page_2(pdf):
    assert chars_in(pdf, 2, (0.8, 0, 0.15, 0.05), 9)


def marks_in_400_percent(canvas, number, assets):
    canvas.setStrokeColor(CMYKColor(1, 1, 1, 1))
    canvas.setLineWidth(0.25)
    for x in (BLEED, WIDTH - BLEED):
        canvas.line(x, -3 * mm, x, -9 * mm)


def sees_400_percent_lines(pdf):
    with pdfplumber.open(pdf) as plumbed:
        colours = [{tuple(line["stroking_color"]) for line in page.lines}
                   for page in plumbed.pages]
    assert all((1, 1, 1, 1) in page for page in colours)


def registration_inside(canvas, number, assets):
    """A box in the Registration colour (at half tint: 200 %) on the page itself."""
    canvas.setFillColor(CMYKColorSep(1, 1, 1, 1, spotName="All", density=0.5))
    canvas.rect(BLEED + 100 * mm, BLEED + 40 * mm, 20 * mm, 10 * mm, stroke=0, fill=1)


def sees_every_plate_inside_the_page_on_page_2(pdf):
    plates = separations(pdf, 2, pdf.parent)
    x, y = round(BLEED + 110 * mm), round(HEIGHT - BLEED - 45 * mm)
    assert all(plates[name][y, x] > 100 for name in plates)  # all four plates print it
    with pdfplumber.open(pdf) as plumbed:
        rect = next(r for r in plumbed.pages[1].rects if round(r["width"]) == round(20 * mm))
    assert rect["non_stroking_color"] == 0.5  # a one-component (separation) tint


# --- colour spaces, transparency -----------------------------------------------------------

def append_content(page, writer: PdfWriter, data: bytes, resources: dict) -> None:
    """Add drawing to a page of the writer, with the resources it names."""
    stream = DecodedStreamObject()
    stream.set_data(data)
    page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"),
                                                 writer._add_object(stream)])
    page_resources = page["/Resources"].get_object()
    for category, entries in resources.items():
        existing = page_resources.get(category)
        existing = existing.get_object() if existing is not None else DictionaryObject()
        existing.update(entries)
        page_resources[NameObject(category)] = existing


def lab_box_on_page_3(writer: PdfWriter) -> None:
    lab = ArrayObject([NameObject("/Lab"), DictionaryObject({NameObject("/WhitePoint"): ArrayObject(
        [FloatObject(0.9505), FloatObject(1), FloatObject(1.089)])})])
    append_content(writer.pages[2], writer, b"q /CSLab cs 50 40 -30 sc 200 200 40 40 re f Q",
                   {"/ColorSpace": {NameObject("/CSLab"): lab}})


def sees_lab_on_page_3(pdf):
    resources = page_resources(pdf, 3)
    assert "/CSLab" in resources and "/Lab" in resources
    assert "/Lab" not in page_resources(pdf, 2)


def page_resources(pdf: Path, page: int) -> str:
    """qpdf's text of a page's resource dictionary and the colour spaces it refers to."""
    text = tool("qpdf", f"--show-object={page_object(pdf, page)}", pdf, check=False)
    found = re.search(r"/Resources (\d+) 0 R", text)
    if found:
        text += tool("qpdf", f"--show-object={found.group(1)}", pdf, check=False)
    for number in re.findall(r"/CS\w+ (\d+) 0 R", text):
        text += tool("qpdf", f"--show-object={number}", pdf, check=False)
    return text


def icc_rgb_annotation_on_page_4(writer: PdfWriter) -> None:
    """A square annotation in the slug area whose appearance is drawn in ICC-based RGB."""
    profile = DecodedStreamObject()
    profile.set_data(SRGB.read_bytes())
    profile[NameObject("/N")] = NumberObject(3)
    space = ArrayObject([NameObject("/ICCBased"), writer._add_object(profile)])
    appearance = DecodedStreamObject()
    appearance.set_data(b"/CSrgb cs 1 0 0 sc 0 0 20 10 re f")
    appearance.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): RectangleObject((0, 0, 20, 10)),
        NameObject("/Resources"): DictionaryObject({NameObject("/ColorSpace"): DictionaryObject(
            {NameObject("/CSrgb"): space})}),
    })
    annotation = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Square"),
        NameObject("/Rect"): RectangleObject((20, -30, 40, -20)),  # below the bleed
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
    })
    writer.pages[3][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def sees_icc_rgb_appearance_on_page_4(pdf):
    def show(number: str) -> str:
        return tool("qpdf", f"--show-object={number}", pdf, check=False)

    page = show(page_object(pdf, 4))
    annotation = show(re.search(r"/Annots \[ (\d+) 0 R", page).group(1))
    assert "/Subtype /Square" in annotation
    appearance = show(re.search(r"/N (\d+) 0 R", annotation).group(1))
    profile = show(re.search(r"/ICCBased (\d+) 0 R", appearance).group(1))
    assert "/N 3" in profile  # an RGB profile
    assert "/Annots" not in show(page_object(pdf, 3))


def page_object(pdf: Path, page: int) -> str:
    listing = tool("qpdf", "--show-pages", pdf, check=False).splitlines()
    line = next(line for line in listing if line.startswith(f"page {page}:"))
    return line.split(":")[1].split()[0]


def half_transparent_black_on_page_4(writer: PdfWriter) -> None:
    state = DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"),
                              NameObject("/ca"): FloatObject(0.5)})
    append_content(writer.pages[3], writer,
                   b"q /GShalf gs 0 0 0 1 k 300 150 60 60 re f Q",
                   {"/ExtGState": {NameObject("/GShalf"): state}})


def sees_half_black_on_page_4(pdf):
    plates = separations(pdf, 4, pdf.parent)
    x, y = 330, round(HEIGHT) - 180
    assert 110 < plates["Black"][y, x] < 145  # 100 % K at half opacity prints about 50 %


def thin_line_picture(canvas, number, assets):
    """A 300 ppi CMYK picture of 94 % ink with a 3-pixel (0.25 mm) line of 400 %."""
    pixels = np.full((600, 600, 4), 60, np.uint8)
    pixels[:, 300:303] = 255
    path = assets["cmyk"].parent / "thin-line.tif"
    Image.fromarray(pixels, "CMYK").save(path)
    canvas.drawImage(str(path), BLEED + 60 * mm, BLEED + 60 * mm, 144, 144)


def sees_400_percent_in_the_picture_on_page_2(pdf):
    folder = pdf.parent / "images"
    folder.mkdir(exist_ok=True)
    tool("pdfimages", "-f", 2, "-l", 2, "-tiff", pdf, folder / "img")
    image = next(p for p in folder.glob("img-*.tif"))
    with Image.open(image) as picture:
        ink = np.asarray(picture.convert("CMYK"), dtype=int).sum(axis=2)
    assert ink.max() == 4 * 255 and (ink == 4 * 255).mean() < 0.01  # a thin line of 400 %


def band_ending_at_the_trim(canvas, number, assets):
    """A magenta band that stops exactly at the left trim: no bleed."""
    canvas.setFillColor(CMYKColor(0, 0.6, 0, 0))
    canvas.rect(BLEED, BLEED + 100 * mm, 40 * mm, 20 * mm, stroke=0, fill=1)


def sees_a_rect_ending_at_the_trim_on_page_2(pdf):
    with pdfplumber.open(pdf) as plumbed:
        magenta = [r for r in plumbed.pages[1].rects if r["non_stroking_color"] == (0, 0.6, 0, 0)]
    assert len(magenta) == 1 and magenta[0]["x0"] == pytest.approx(BLEED, abs=0.01)
    assert PdfReader(pdf).pages[1].trimbox.left == pytest.approx(BLEED, abs=0.01)


# --- the file ------------------------------------------------------------------------------

def version_1_7(writer: PdfWriter) -> None:
    writer.pdf_header = "%PDF-1.7"


def sees_pdf_1_7(pdf):
    assert re.search(r"PDF version:\s+1\.7", tool("pdfinfo", pdf))


def broken_xmp(writer: PdfWriter) -> None:
    metadata = writer._root_object["/Metadata"].get_object()
    metadata.set_data(XMP.replace("</rdf:RDF>", "").encode())


def sees_malformed_xml(pdf):
    xmp = tool("pdfinfo", "-meta", pdf)
    assert xmp.strip()
    checked = subprocess.run(["xmllint", "--noout", "-"], input=xmp, capture_output=True,
                             text=True)
    assert checked.returncode != 0 and "mismatch" in checked.stderr


def xmp_without_version_id(writer: PdfWriter) -> None:
    metadata = writer._root_object["/Metadata"].get_object()
    metadata.set_data(re.sub(r"<xmpMM:VersionID>.*?</xmpMM:VersionID>", "", XMP).encode())


def sees_no_version_id(pdf):
    xmp = tool("pdfinfo", "-meta", pdf)
    assert "xmpMM:DocumentID" in xmp and "VersionID" not in xmp
    assert subprocess.run(["xmllint", "--noout", "-"], input=xmp, text=True,
                          capture_output=True).returncode == 0


def info_title_differs(writer: PdfWriter) -> None:
    writer._info.get_object()[NameObject("/Title")] = TextStringObject("Another title")


def sees_two_titles(pdf):
    assert re.search(r"Title:\s+Another title", tool("pdfinfo", pdf))
    assert f">{TITLE}<" in tool("pdfinfo", "-meta", pdf)


def encrypted(writer: PdfWriter) -> None:
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")


def sees_encryption(pdf):
    assert re.search(r"Encrypted:\s+yes", tool("pdfinfo", pdf))


def javascript_on_open(writer: PdfWriter) -> None:
    """Document JavaScript (the Names tree), run when the file opens."""
    action = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('press');")}))
    writer._root_object[NameObject("/Names")] = DictionaryObject({
        NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): ArrayObject(
            [TextStringObject("press"), action])})})


def sees_javascript(pdf):
    assert "app.alert('press');" in tool("pdfinfo", "-js", pdf)


def layer_on_page_2(writer: PdfWriter) -> None:
    group = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/OCG"),
                                                 NameObject("/Name"): TextStringObject("Notes")}))
    writer._root_object[NameObject("/OCProperties")] = DictionaryObject({
        NameObject("/OCGs"): ArrayObject([group]),
        NameObject("/D"): DictionaryObject({NameObject("/Order"): ArrayObject([group])})})
    append_content(writer.pages[1], writer,
                   b"/OC /L1 BDC 0 0 0 1 K 100 100 m 200 100 l S EMC",
                   {"/Properties": {NameObject("/L1"): group}})


def sees_optional_content(pdf):
    trailer = tool("qpdf", "--show-object=trailer", pdf)
    root = re.search(r"/Root (\d+) 0 R", trailer).group(1)
    assert "/OCProperties" in tool("qpdf", f"--show-object={root}", pdf)
    assert "/Properties" in page_resources(pdf, 2) and "/Properties" not in page_resources(pdf, 3)


CASES = [
    Case("duplicate-subset-names", "font-subsets", "fail", [1, 2, 3, 4],
         sees_two_programs_under_one_name, ("pdffonts", "qpdf"),
         make=lambda path, assets: joined(path, assets, [(1, 2), (3, 2)], other_words)),
    Case("program-stored-twice", "font-subsets", "warn", [1, 2, 3, 4],
         sees_one_program_stored_twice, ("pdffonts", "qpdf"),
         make=lambda path, assets: joined(path, assets, [(1, 2), (1, 2)])),
    Case("black-text-knocks-out", "black-overprint", "warn", [2],
         sees_a_hole_in_the_cyan_plate_on_page_2, ("pdftotext",),
         draw=on_page(2, black_text_knocking_out)),
    Case("rich-black-8pt", "rich-black", "fail", [3], sees_rich_black_8pt_on_page_3, (),
         draw=on_page(3, rich_black_small_text)),
    Case("three-inks-9pt", "small-type", "warn", [2], sees_three_inks_at_9pt_on_page_2, (),
         draw=on_page(2, three_ink_small_text)),
    Case("marks-in-400-percent", "registration", "fail", [1, 2, 3, 4], sees_400_percent_lines,
         (), draw=marks_in_400_percent, finish=with_marks_margin),
    Case("registration-inside-the-page", "registration", "fail", [2],
         sees_every_plate_inside_the_page_on_page_2, (), draw=on_page(2, registration_inside)),
    Case("lab-colour", "colour", "fail", [3], sees_lab_on_page_3, ("qpdf",),
         finish=lab_box_on_page_3),
    Case("icc-rgb-in-annotation-appearance", "colour", "fail", [4],
         sees_icc_rgb_appearance_on_page_4, ("qpdf",),
         finish=lambda writer: (with_marks_margin(writer), icc_rgb_annotation_on_page_4(writer))),
    Case("transparency", "transparency", "warn", [4], sees_half_black_on_page_4, (),
         finish=half_transparent_black_on_page_4),
    Case("400-percent-line-in-a-picture", "tac", "fail", [2],
         sees_400_percent_in_the_picture_on_page_2, ("pdfimages",),
         draw=on_page(2, thin_line_picture)),
    Case("artwork-stops-at-the-trim", "bleed", "fail", [2],
         sees_a_rect_ending_at_the_trim_on_page_2, (), draw=on_page(2, band_ending_at_the_trim)),
    Case("pdf-1.7", "pdf-version", "fail", [], sees_pdf_1_7, ("pdfinfo",), finish=version_1_7),
    Case("xmp-not-xml", "xmp", "fail", [], sees_malformed_xml, ("pdfinfo", "xmllint"),
         finish=broken_xmp, others={"info-xmp": "skipped"}),
    Case("xmp-without-version-id", "xmp", "fail", [], sees_no_version_id,
         ("pdfinfo", "xmllint"), finish=xmp_without_version_id),
    Case("info-and-xmp-titles-differ", "info-xmp", "fail", [], sees_two_titles, ("pdfinfo",),
         finish=info_title_differs),
    Case("encrypted", "encryption", "fail", [], sees_encryption, ("pdfinfo",),
         finish=encrypted),
    Case("javascript", "actions", "fail", [], sees_javascript, ("pdfinfo",),
         finish=javascript_on_open),
    Case("optional-content", "optional-content", "warn", [2], sees_optional_content, ("qpdf",),
         finish=layer_on_page_2),
]


@parametrized(CASES)
def test_bad_pdf_fails_only_its_check(case: Case, tmp_path, assets):
    run_case(case, tmp_path, assets)


@needs("gs", "pdffonts")
def test_previous_build_of_the_issue_reports_duplicate_subset_names(tmp_path, assets):
    """Articles joined unchanged, as the issue was built before its fonts were merged: the
    preflight names the clash, and pdffonts shows the same name on different objects."""
    pdf = joined(tmp_path / "joined.pdf", assets, [(1, 1), (2, 1), (3, 2)], other_words)
    names = [row[0] for row in pdffonts_rows(pdf)]
    assert len(names) == 3 and len(set(names)) == 1
    message = preflight(pdf).result("font-subsets").message
    assert message.startswith("2 different subsets named AAAAAA+NotoSerif-Regular")


# --- TAC over an area, bleed at the last pixel ------------------------------------------------

def picture_with(pixels: np.ndarray, folder: Path, name: str, at_mm: tuple[float, float],
                 size_pt: float):
    """A draw function placing a CMYK picture (a TIFF: no compression noise of its own)."""
    path = folder / name
    Image.fromarray(pixels, "CMYK").save(path)

    def draw(canvas, number, assets):
        if number == 2:
            canvas.drawImage(str(path), BLEED + at_mm[0] * mm, BLEED + at_mm[1] * mm, size_pt,
                             size_pt)
    return draw


@needs("gs")
def test_single_pixels_over_the_limit_pass_and_a_patch_of_1_mm2_fails(tmp_path, assets):
    """A press prints no specks of a few pixels of 320 % in a 300 ppi picture (what a JPEG's
    compression leaves), nor anything under 1 mm² of it; 3 × 3 mm of 320 % it does."""
    specks = np.empty((600, 600, 4), np.uint8)
    specks[...] = (190, 190, 180, 200)  # 298 %
    for dy in (0, 1):  # specks of 2 × 2 pixels (0.03 mm²) of 320 %, every 3.4 mm
        for dx in (0, 1):
            specks[dy::40, dx::40] = 204
    patch = specks.copy()
    patch[300:336, 300:336] = 204  # 36 pixels at 300 ppi: 3 × 3 mm
    for name, pixels, status in (("specks", specks, "pass"), ("patch", patch, "fail")):
        pdf = make_pdf(tmp_path / f"{name}.pdf", assets,
                       draw=picture_with(pixels, tmp_path, f"{name}.tif", (40, 60), 144))
        plates = separations(pdf, 2, tmp_path)
        ink = sum(plates.values()) / 2.55
        assert ink.max() > 315  # Ghostscript's plates do carry the 320 % (pixels or patch)
        result = preflight(pdf).result("tac")
        assert result.status == status, result.message
        if status == "fail":
            assert result.pages == [2] and "1 mm²" in result.message
        else:
            assert "single pixels up to 320%" in result.message


@needs("gs")
@pytest.mark.parametrize("dpi,bleed", [(150, 3), (300, 3), (600, 3), (601, 2)])
def test_a_picture_clipped_at_the_bleed_edge_bleeds_whatever_the_resolution(
        tmp_path, assets, dpi, bleed, monkeypatch):
    """Drawn past the page and clipped at the MediaBox, as a full-bleed picture is, with its
    edges a fraction of a pixel from any raster's grid: the last, partly covered pixel column
    is no missing bleed (with 2 mm of bleed the 2 mm probe falls on that very column)."""
    import layout.checks.document as document

    monkeypatch.setattr(document, "RASTER_DPI", dpi)
    picture = tmp_path / "bleed.jpg"
    Image.new("CMYK", (900, 1250), (0, 160, 60, 0)).save(picture)

    def full_bleed(canvas, number, assets):
        if number == 2:
            canvas.saveState()
            clip = canvas.beginPath()
            clip.rect(0, 0, WIDTH, HEIGHT)
            canvas.clipPath(clip, stroke=0, fill=0)
            canvas.drawImage(str(picture), -0.37, -0.61, WIDTH + 0.9, HEIGHT + 1.3)
            canvas.restoreState()
    def media(writer):
        inset = BLEED - bleed * mm
        for page in writer.pages:
            page.mediabox = page.bleedbox = RectangleObject((inset, inset, WIDTH - inset,
                                                             HEIGHT - inset))
    pdf = make_pdf(tmp_path / "bleed.pdf", assets, draw=full_bleed, finish=media)
    result = preflight(pdf).result("bleed")
    assert result.status == "pass" and "bleeds at least 2 mm on p. 1–4" in result.message, \
        result.message


@needs("gs")
def test_a_photo_light_at_its_edge_bleeds_and_one_stopping_at_the_trim_does_not(tmp_path,
                                                                                 assets):
    """A photograph whose sky is a few per cent of ink at the trim and fainter in the bleed
    (what the photo issue's full-bleed pages are) continues into the bleed; the same picture
    stopping at the trim leaves paper there, and a shop refuses it."""
    sky = np.zeros((1250, 900, 4), np.uint8)
    sky[..., 0] = 20  # 8 % cyan, and in the right-hand bleed (3 mm: 12 of its pixels) 2.4 %
    sky[:, -13:, 0] = 6
    sky[::7, -13:, 0] = 0  # with specks of paper white in the highlights
    picture = tmp_path / "sky.tif"
    Image.fromarray(sky, "CMYK").save(picture)

    def page(stop_at_trim: bool):
        def draw(canvas, number, assets):
            if number != 2:
                return
            canvas.saveState()
            clip = canvas.beginPath()
            inset = BLEED if stop_at_trim else 0
            clip.rect(inset, inset, WIDTH - 2 * inset, HEIGHT - 2 * inset)
            canvas.clipPath(clip, stroke=0, fill=0)
            canvas.drawImage(str(picture), 0, 0, WIDTH, HEIGHT)
            canvas.restoreState()
        return draw

    for stop_at_trim, status in ((False, "pass"), (True, "fail")):
        pdf = make_pdf(tmp_path / f"sky-{stop_at_trim}.pdf", assets, draw=page(stop_at_trim))
        result = preflight(pdf).result("bleed")
        assert result.status == status, result.message
        if status == "fail":
            assert result.pages == [2]
