"""Small PDFs for the preflight tests: a good A4 baseline with 3 mm bleed that passes every
check, ways to break it, and the independent tools that show the fault is really there.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from layout.checks.preflight import CHECKS, preflight

ROOT = Path(__file__).resolve().parents[2]
FONT_FILE = ROOT / "fonts" / "NotoSerif-Regular.ttf"
PROFILE = ROOT / "layout" / "press" / "profiles" / "ISOcoated_v2_300_bas.icc"
FONT = "PreflightSerif"
BLEED = 3 * mm
WIDTH, HEIGHT = A4[0] + 2 * BLEED, A4[1] + 2 * BLEED
MARKS = 15 * mm  # printer's marks margin outside the bleed
BLACK = CMYKColor(0, 0, 0, 1)
TITLE = "Preflight test"
DATE = "D:20230115100000+00'00'"
XMP_DATE = "2023-01-15T10:00:00Z"
XMP = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
  xmp:CreateDate="{XMP_DATE}" xmp:ModifyDate="{XMP_DATE}" pdf:Trapped="False"
  pdf:Producer="pypdf">
<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{TITLE}</rdf:li></rdf:Alt></dc:title>
<xmpMM:DocumentID>uuid:0a1b2c3d-0000-0000-0000-000000000001</xmpMM:DocumentID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def needs(*tools: str) -> pytest.MarkDecorator:
    """Skip unless the command-line tools are installed."""
    missing = [name for name in tools if shutil.which(name) is None]
    return pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)} on PATH "
                                                    "(poppler-utils, qpdf, ghostscript, "
                                                    "libxml2-utils)")


def tool(*args: object, check: bool = True) -> str:
    """Run a command-line tool; its stdout."""
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          check=check).stdout


def make_assets(folder: Path) -> dict[str, Path]:
    """Images made with Pillow: 100 x 100 px, so the placed size sets the ppi."""
    images = {"cmyk": ("CMYK", (0, 128, 128, 0), "jpg"), "rgb": ("RGB", (200, 30, 30), "png"),
              "gray": ("L", 128, "png")}
    paths = {}
    for name, (mode, colour, ext) in images.items():
        paths[name] = folder / f"{name}.{ext}"
        Image.new(mode, (100, 100), colour).save(paths[name])
    return paths


Draw = Callable[[Canvas, int, dict[str, Path]], None]
Finish = Callable[[PdfWriter], None]


def make_pdf(path: Path, assets: dict[str, Path], pages: int = 4, draw: Draw | None = None,
             finish: Finish | None = None, pdfx: bool = True) -> Path:
    """A good A4 PDF with 3 mm bleed; draw(canvas, page, assets) and finish(writer) break it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(draw_pages(assets, pages, draw))))
    if pdfx:
        add_pdfx(writer)
    if finish:
        finish(writer)
    writer.write(path)
    return path


def draw_pages(assets: dict[str, Path], pages: int, draw: Draw | None = None,
               first: int = 1) -> bytes:
    """The ReportLab document of the good pages (numbered from first), with draw's faults."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH, HEIGHT), invariant=1, initialFontName=FONT,
                    enforceColorSpace=None)  # (sep_cmyk would turn C=M=Y colours into K)
    canvas.setTrimBox((BLEED, BLEED, WIDTH - BLEED, HEIGHT - BLEED))
    canvas.setBleedBox((0, 0, WIDTH, HEIGHT))
    for number in range(first, first + pages):
        draw_good_page(canvas, number, assets)
        if draw:
            draw(canvas, number, assets)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_good_page(canvas: Canvas, number: int, assets: dict[str, Path]) -> None:
    """A cyan band into the top bleed, black text overprinting, a folio 8 mm from the trim,
    a 0.5 pt rule and, on page 1, a 360 ppi CMYK image."""
    canvas.setFillColor(CMYKColor(0.3, 0, 0, 0))
    canvas.rect(0, HEIGHT - BLEED - 20 * mm, WIDTH, 20 * mm + BLEED, stroke=0, fill=1)
    canvas.saveState()
    canvas.setFillOverprint(True)
    canvas.setOverprintMask(1)
    canvas.setFillColor(BLACK)
    canvas.setFont(FONT, 10)
    canvas.drawString(BLEED + 20 * mm, HEIGHT / 2, f"Page {number}: Қазақ тілі, «ADALAZAMAT»")
    canvas.drawString(BLEED + 20 * mm, HEIGHT - BLEED - 12 * mm, "Black on the tint")
    canvas.drawCentredString(WIDTH / 2, BLEED + 8 * mm, str(number))
    canvas.restoreState()
    canvas.setStrokeColor(BLACK)
    canvas.setLineWidth(0.5)
    canvas.line(BLEED + 20 * mm, HEIGHT / 2 - 5 * mm, WIDTH - BLEED - 20 * mm, HEIGHT / 2 - 5 * mm)
    if number == 1:
        canvas.drawImage(str(assets["cmyk"]), BLEED + 20 * mm, BLEED + 40 * mm, 20, 20)


def add_pdfx(writer: PdfWriter, xmp: str = XMP) -> None:
    """PDF/X-4 keys: FOGRA39 OutputIntent, Info (title, dates, version, Trapped) and an XMP
    packet that says the same (pypdf adds the ID)."""
    writer.pdf_header = "%PDF-1.6"
    profile = DecodedStreamObject()
    profile.set_data(PROFILE.read_bytes())
    profile[NameObject("/N")] = NumberObject(4)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject("FOGRA39"),
        NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
        NameObject("/DestOutputProfile"): writer._add_object(profile.flate_encode()),
    })
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    info = writer._info.get_object()
    info.clear()
    info.update({NameObject("/Title"): TextStringObject(TITLE),
                 NameObject("/Producer"): TextStringObject("pypdf"),
                 NameObject("/CreationDate"): TextStringObject(DATE),
                 NameObject("/ModDate"): TextStringObject(DATE),
                 NameObject("/GTS_PDFXVersion"): TextStringObject("PDF/X-4"),
                 NameObject("/Trapped"): NameObject("/False")})
    metadata = DecodedStreamObject()
    metadata.set_data(xmp.encode("utf-8"))
    metadata.update({NameObject("/Type"): NameObject("/Metadata"),
                     NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(metadata)


def on_page(page: int, action: Draw) -> Draw:
    """Draw only on one page."""
    return lambda canvas, number, assets: action(canvas, number, assets) if number == page \
        else None


def with_marks_margin(writer: PdfWriter) -> None:
    """Room for printer's marks: the media 15 mm beyond the bleed on every side."""
    from pypdf.generic import RectangleObject

    for page in writer.pages:
        page.mediabox = page.cropbox = RectangleObject((-MARKS, -MARKS, WIDTH + MARKS,
                                                        HEIGHT + MARKS))


@dataclass
class Case:
    """A bad PDF: how it is made, what the independent tool sees, what preflight must say.
    `others` are the statuses other checks must have instead of pass (a consequence of the
    same fault)."""

    name: str
    check: str
    status: str
    pages: list[int]
    evidence: Callable[[Path], None]
    tools: tuple[str, ...]
    draw: Draw | None = None
    finish: Finish | None = None
    page_count: int = 4
    pdfx: bool = True
    make: Callable[[Path, dict[str, Path]], Path] | None = None
    others: dict[str, str] = field(default_factory=dict)


def run_case(case: Case, folder: Path, assets: dict[str, Path]) -> None:
    """Make the case's PDF, show its fault with the independent tool, and check that
    preflight reports exactly that check (and nothing else but the case's `others`)."""
    target = folder / f"{case.name}.pdf"
    pdf = case.make(target, assets) if case.make else \
        make_pdf(target, assets, case.page_count, case.draw, case.finish, case.pdfx)
    case.evidence(pdf)
    report = preflight(pdf)
    result = report.result(case.check)
    assert (result.status, result.pages) == (case.status, case.pages), report.to_table()
    others = {r.name: r.status for r in report.results if r.name != case.check}
    assert others == {name: case.others.get(name, "pass") for name in others}, \
        report.to_table()


def parametrized(cases: list[Case]):
    """The cases as pytest parameters, each skipped when its tools are missing."""
    return pytest.mark.parametrize("case", [pytest.param(c, marks=needs("gs", *c.tools),
                                                         id=c.name) for c in cases])


__all__ = ["CHECKS", "BLEED", "WIDTH", "HEIGHT", "MARKS", "BLACK", "FONT", "FONT_FILE", "mm"]
