"""Preflight on small PDFs made here: a good baseline passes every check, and each bad case
changes one thing and fails (or warns on) exactly that check, on the right page.

Every bad case is also read with an independent tool (poppler, qpdf, Ghostscript,
pdfplumber), so the test shows the file really has the fault preflight reports. The checks
a print shop's preflight adds (font subsets, overprint, registration, XMP …) are in
test_preflight_press.py; the PDFs both use are made in pdf_cases.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import NameObject, RectangleObject, TextStringObject
from reportlab.lib.colors import CMYKColor, CMYKColorSep

from layout.checks import document as document_module
from layout.checks.preflight import CHECKS, page_ranges, preflight
from tests.checks.pdf_cases import (
    BLEED,
    FONT,
    HEIGHT,
    MARKS,
    WIDTH,
    Case,
    make_pdf,
    mm,
    needs,
    on_page,
    parametrized,
    run_case,
    tool,
    with_marks_margin,
)

REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")


# --- the bad cases: what each draws, and what an independent tool sees -----------------------

def rgb_image(canvas, number, assets):
    canvas.drawImage(str(assets["rgb"]), BLEED + 60 * mm, BLEED + 40 * mm, 20, 20)


def gray_image(canvas, number, assets):
    canvas.drawImage(str(assets["gray"]), BLEED + 60 * mm, BLEED + 40 * mm, 20, 20)


def low_resolution_image(canvas, number, assets):
    canvas.drawImage(str(assets["cmyk"]), BLEED + 60 * mm, BLEED + 40 * mm, 60, 60)  # 120 ppi


def helvetica(canvas, number, assets):
    canvas.setFont("Helvetica", 12)
    canvas.drawString(BLEED + 20 * mm, HEIGHT / 2 - 20 * mm, "Base-14, not embedded")


def helvetica_in_form(canvas, number, assets):
    canvas.beginForm("footnote")
    canvas.setFont("Helvetica", 9)
    canvas.drawString(0, 0, "In a Form XObject")
    canvas.endForm()
    canvas.saveState()
    canvas.translate(BLEED + 20 * mm, HEIGHT / 2 - 20 * mm)
    canvas.doForm("footnote")
    canvas.restoreState()


def heavy_ink(canvas, number, assets):
    """320 %: over the 300 % limit (and not a 400 % registration black)."""
    canvas.setFillColor(CMYKColor(1, 1, 1, 0.2))
    canvas.rect(BLEED + 20 * mm, BLEED + 60 * mm, 30 * mm, 30 * mm, stroke=0, fill=1)


def hairline(canvas, number, assets):
    canvas.setLineWidth(0.1)
    canvas.line(BLEED + 20 * mm, BLEED + 30 * mm, BLEED + 80 * mm, BLEED + 30 * mm)


def link(canvas, number, assets):
    canvas.linkURL("https://example.org", (BLEED + 20 * mm, BLEED + 30 * mm, BLEED + 80 * mm,
                                           BLEED + 36 * mm), relative=0)


def text_near_edge(canvas, number, assets):
    canvas.drawString(BLEED + 2 * mm, HEIGHT / 2 - 30 * mm, "Too close to the trim")


def printers_marks(canvas, number, assets, colour=REGISTRATION):
    """Crop marks and a slug outside the bleed, in the Registration colour."""
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(0.25)
    for x in (BLEED, WIDTH - BLEED):
        canvas.line(x, -3 * mm, x, -9 * mm)
        canvas.line(x, HEIGHT + 3 * mm, x, HEIGHT + 9 * mm)
    canvas.setFillColor(colour)
    canvas.setFont(FONT, 6)
    canvas.drawString(BLEED, -12 * mm, f"preflight-test.pdf   page {number}")


def marks_in_400_percent(canvas, number, assets):
    printers_marks(canvas, number, assets, CMYKColor(1, 1, 1, 1))


def without_trimbox_on_page_2(writer):
    del writer.pages[1][NameObject("/TrimBox")]


def with_short_bleed(writer):
    for page in writer.pages:
        page.bleedbox = RectangleObject((1.5 * mm, 1.5 * mm, WIDTH - 1.5 * mm, HEIGHT - 1.5 * mm))


def images_listed(pdf: Path) -> list[dict[str, str]]:
    """`pdfimages -list`, one dict per image."""
    lines = tool("pdfimages", "-list", pdf).splitlines()
    names = lines[0].split()
    return [dict(zip(names, line.split(), strict=False)) for line in lines[2:]]


def ink_coverage(pdf: Path) -> list[list[float]]:
    """`gs -sDEVICE=inkcov`: per page, the fraction of the page each plate covers."""
    out = tool("gs", "-q", "-dSAFER", "-o", "-", "-sDEVICE=inkcov", pdf)
    return [[float(v) for v in line.split()[:4]] for line in out.splitlines() if "CMYK" in line]


def page_boxes(pdf: Path, page: int) -> dict[str, list[float]]:
    """`pdfinfo -box` for one page: box name -> [x0, y0, x1, y1]."""
    out = tool("pdfinfo", "-box", "-f", page, "-l", page, pdf)
    return {line.split()[2].rstrip(":"): [float(v) for v in line.split()[3:7]]
            for line in out.splitlines() if line.startswith("Page") and "Box:" in line}


def sees_rgb_image_on_page_2(pdf):
    assert [(i["page"], i["color"]) for i in images_listed(pdf)] == [("1", "cmyk"), ("2", "rgb")]


def sees_gray_image_on_page_2(pdf):
    assert [(i["page"], i["color"]) for i in images_listed(pdf)] == [("1", "cmyk"), ("2", "gray")]


def sees_120_ppi_on_page_3(pdf):
    page_3 = [i for i in images_listed(pdf) if i["page"] == "3"]
    assert len(page_3) == 1 and abs(int(page_3[0]["x-ppi"]) - 120) <= 3


def sees_unembedded_helvetica_on(page: int) -> Callable[[Path], None]:
    """pdffonts says Helvetica is not embedded; pdfplumber's glyphs say on which page it is used
    (pdffonts -f/-l cannot: ReportLab gives every page one shared font dictionary)."""
    def evidence(pdf: Path) -> None:
        rows = [line.split() for line in tool("pdffonts", pdf).splitlines()[2:]]
        assert [(r[0], r[-5]) for r in rows if r[0] == "Helvetica"] == [("Helvetica", "no")]
        with pdfplumber.open(pdf) as plumbed:
            used = [{c["fontname"] for c in p.chars} for p in plumbed.pages]
        assert [k + 1 for k, fonts in enumerate(used) if "Helvetica" in fonts] == [page]
    return evidence


def sees_no_trimbox_on_page_2(pdf):
    boxes = page_boxes(pdf, 2)
    assert boxes["TrimBox"] == boxes["CropBox"]  # pdfinfo falls back to the CropBox …
    pages = PdfReader(pdf).pages
    assert "/TrimBox" not in pages[1] and "/TrimBox" in pages[0]  # … the page has none


def sees_short_bleed(pdf):
    boxes = page_boxes(pdf, 1)
    assert boxes["TrimBox"][0] - boxes["BleedBox"][0] == pytest.approx(1.5 * mm, abs=0.02)


def sees_62_pages(pdf):
    assert "Pages:           62" in tool("pdfinfo", pdf)


def sees_four_plates_on_page_3(pdf):
    coverage = ink_coverage(pdf)
    assert all(plate > 0 for plate in coverage[2])
    assert coverage[1][1] == coverage[1][2] == 0  # page 2 has no magenta or yellow


def sees_thin_line_on_page_2(pdf):
    with pdfplumber.open(pdf) as plumbed:
        widths = [[round(line["linewidth"], 2) for line in page.lines] for page in plumbed.pages]
    assert 0.1 in widths[1] and all(0.1 not in w for k, w in enumerate(widths) if k != 1)


def sees_annotation_on_page_2(pdf):
    pages = json.loads(tool("qpdf", "--json", "--json-key=pages", pdf))["pages"]
    objects = [tool("qpdf", f"--show-object={p['object'].split()[0]}", pdf) for p in pages]
    assert ["/Annots" in text for text in objects] == [False, True, False, False]


def sees_text_2mm_from_the_trim_on_page_3(margin: float = 0) -> Callable[[Path], None]:
    """pdftotext measures from the media's left edge: margin is the media outside the bleed."""
    def evidence(pdf: Path) -> None:
        words = tool("pdftotext", "-bbox", "-f", 3, "-l", 3, pdf, "-")
        x_min = float(re.search(r'<word xMin="([\d.]+)"[^>]*>Too</word>', words).group(1))
        assert x_min - margin - BLEED == pytest.approx(2 * mm, abs=0.05)
    return evidence


def sees_no_pdfx_subtype(pdf):
    assert "PDF subtype" not in tool("pdfinfo", pdf)


def sees_marks_outside_the_bleed(pdf):
    assert page_boxes(pdf, 2)["MediaBox"][0] == pytest.approx(-MARKS, abs=0.01)
    assert all(plate > 0 for plate in ink_coverage(pdf)[1])  # the 400 % marks are on the media


CASES = [
    Case("rgb-image", "colour", "fail", [2], sees_rgb_image_on_page_2, ("pdfimages",),
         draw=on_page(2, rgb_image)),
    Case("gray-image", "colour", "warn", [2], sees_gray_image_on_page_2, ("pdfimages",),
         draw=on_page(2, gray_image)),
    Case("unembedded-font", "fonts", "fail", [2], sees_unembedded_helvetica_on(2), ("pdffonts",),
         draw=on_page(2, helvetica)),
    Case("font-in-form", "fonts", "fail", [4], sees_unembedded_helvetica_on(4), ("pdffonts",),
         draw=on_page(4, helvetica_in_form)),
    Case("no-trimbox", "boxes", "fail", [2], sees_no_trimbox_on_page_2, ("pdfinfo",),
         finish=without_trimbox_on_page_2,
         others={"bleed": "fail"}),  # judged at the MediaBox: the band stops at its edge
    Case("short-bleed", "bleed", "warn", [1, 2, 3, 4], sees_short_bleed, ("pdfinfo",),
         finish=with_short_bleed),
    Case("62-pages", "page-count", "fail", [], sees_62_pages, ("pdfinfo",), page_count=62),
    Case("120-ppi", "resolution", "fail", [3], sees_120_ppi_on_page_3, ("pdfimages",),
         draw=on_page(3, low_resolution_image)),
    Case("320-percent", "tac", "fail", [3], sees_four_plates_on_page_3, (),
         draw=on_page(3, heavy_ink)),
    Case("hairline", "hairlines", "warn", [2], sees_thin_line_on_page_2, (),
         draw=on_page(2, hairline)),
    Case("annotation", "annotations", "fail", [2], sees_annotation_on_page_2, ("qpdf",),
         draw=on_page(2, link)),
    Case("text-near-edge", "safe-area", "fail", [3], sees_text_2mm_from_the_trim_on_page_3(),
         ("pdftotext",), draw=on_page(3, text_near_edge)),
    Case("text-near-edge-marks-media", "safe-area", "fail", [3],
         sees_text_2mm_from_the_trim_on_page_3(MARKS), ("pdftotext",),
         draw=on_page(3, text_near_edge), finish=with_marks_margin),
    Case("no-pdfx-keys", "pdfx", "fail", [], sees_no_pdfx_subtype, ("pdfinfo",), pdfx=False,
         others={"xmp": "fail", "info-xmp": "skipped"}),  # no XMP packet either
]


# --- tests -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def baseline(tmp_path_factory, assets) -> Path:
    return make_pdf(tmp_path_factory.mktemp("baseline") / "baseline.pdf", assets)


@needs("gs", "qpdf", "pdffonts", "pdfimages", "pdfinfo")
def test_baseline_passes_every_check(baseline):
    assert subprocess.run(["qpdf", "--check", str(baseline)], capture_output=True).returncode == 0
    assert all(row.split()[-5] == "yes" for row in tool("pdffonts", baseline).splitlines()[2:])
    assert [i["color"] for i in images_listed(baseline)] == ["cmyk"]
    assert "PDF subtype:    PDF/X-4" in tool("pdfinfo", baseline)
    report = preflight(baseline)
    assert {r.name: r.status for r in report.results} == dict.fromkeys(dict(CHECKS), "pass"), \
        report.to_table()
    assert not report.failed


@parametrized(CASES)
def test_bad_pdf_fails_only_its_check(case: Case, tmp_path, assets):
    run_case(case, tmp_path, assets)


@needs("gs", "pdfinfo")
def test_printers_marks_and_slug_outside_the_bleed_pass(tmp_path, assets):
    pdf = make_pdf(tmp_path / "marks.pdf", assets, draw=printers_marks, finish=with_marks_margin)
    sees_marks_outside_the_bleed(pdf)
    with pdfplumber.open(pdf) as plumbed:  # pdfminer sees the marks as a separation
        slug = [c for c in plumbed.pages[0].chars if round(c["size"]) == 6]  # the slug line
    assert slug and all(c["ncs"] == "Separation" for c in slug)
    report = preflight(pdf)
    assert [r.status for r in report.results] == ["pass"] * len(CHECKS), report.to_table()
    assert "Registration colour" in report.result("registration").message


def trapped_as_a_string(writer):
    """What pypdf's add_metadata does to /Trapped (TOOLCHAIN.md 4)."""
    writer._info.get_object()[NameObject("/Trapped")] = TextStringObject("/False")


def test_messages_say_what_to_do(tmp_path, assets, monkeypatch):
    monkeypatch.setattr(document_module, "GHOSTSCRIPT", "gs-is-not-installed-here")
    pdf = make_pdf(tmp_path / "62.pdf", assets, pages=62, pdfx=False,
                   draw=on_page(3, low_resolution_image), finish=trapped_as_a_string)
    report = preflight(pdf, min_ppi=300, error_ppi=100)
    assert report.result("page-count").message.startswith("62 pages is not a multiple of 4: "
                                                          "add 2 page(s) (to 64)")
    assert report.result("tac").status == "skipped"
    assert "not on PATH" in report.result("tac").message
    assert (report.result("resolution").status, report.result("resolution").pages) == ("warn",
                                                                                       [3])
    assert "artwork not judged" in report.result("bleed").message
    pdfx = report.result("pdfx").message
    for missing in ("no OutputIntent", "GTS_PDFXVersion is not PDF/X-4",
                    "Trapped is not the name /True or /False (it is '/False')"):
        assert missing in pdfx
    assert report.result("xmp").message == "no XMP /Metadata stream in the Catalog"


def test_json_and_table_list_every_check(baseline):
    report = preflight(baseline)
    data = json.loads(report.to_json())
    assert data["failed"] is False and data["pdf"] == str(baseline)
    assert [c["name"] for c in data["checks"]] == [name for name, _ in CHECKS]
    assert set(data["checks"][0]) == {"name", "status", "message", "pages"}
    table = report.to_table().splitlines()
    assert table[0].split() == ["check", "status", "pages", "message"]
    assert [line.split()[0] for line in table[2:]] == [name for name, _ in CHECKS]


def test_page_ranges_are_compact():
    assert page_ranges([9, 3, 4, 5, 4]) == "3–5, 9"
    assert page_ranges([1]) == "1" and page_ranges([]) == ""


@needs("gs")
def test_real_issue_passes_preflight(issue_pdf):
    """The built issue passes every check."""
    started = time.perf_counter()
    report = preflight(issue_pdf)
    seconds = time.perf_counter() - started
    problems = {r.name: f"{r.status}: {r.message}" for r in report.results
                if r.status != "pass"}
    assert not problems, report.to_table()
    assert seconds < 30, f"preflight took {seconds:.1f} s"
