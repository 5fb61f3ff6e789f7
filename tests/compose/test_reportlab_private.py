"""ReportLab's internals are touched in one module only, and only with the version it was
written against: another ReportLab makes this test fail loudly, so each use is checked again."""

from __future__ import annotations

import io
import re
from pathlib import Path

import reportlab
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from layout.compose import reportlab_private as rl
from layout.style.fonts import register_fonts
from layout.style.theme import Theme

ROOT = Path(__file__).resolve().parents[2]
PRIVATE = re.compile(r"\b(canv|canvas|doc|frame|font|face|para|style)\._[a-zA-Z]\w*"
                     r"|_getFragWords|\bblPara|(?<!\w)_offsets|_full_bleed_page|cdeepcopy"
                     r"|\bfont\.face\.")


def test_the_installed_reportlab_is_the_one_the_internals_were_written_against():
    major_minor = ".".join(reportlab.Version.split(".")[:2])
    assert major_minor == rl.WRITTEN_AGAINST, (
        f"ReportLab {reportlab.Version} is installed, layout/compose/reportlab_private.py was "
        f"written against {rl.WRITTEN_AGAINST}: check every internal it names, then update "
        "WRITTEN_AGAINST and the pin in pyproject.toml")


def test_the_internals_still_do_what_the_engine_relies_on():
    theme = Theme(ROOT / "issue" / "theme.yaml")
    register_fonts(theme, ROOT / "fonts")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName="Serif")
    name, widths = rl.face_resource(canvas, "Serif")
    assert rl.face_resource(canvas, "Serif") == (name, widths)  # one resource per face
    assert rl.face_resource(canvas, "Sans")[0] != name
    widths[0x41] = 722.5
    canvas.addLiteral(f"BT {name} 10 Tf <0041> Tj ET")
    canvas.showPage()
    canvas.save()
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    placeholder = page["/Resources"]["/Font"][name].get_object()
    assert str(placeholder["/ADZFace"]) == "/NotoSerif-Regular"  # the face's PostScript name
    assert list(placeholder["/ADZFaceWidths"]) == [0x41, 722.5]  # written as it is saved
    descriptor = placeholder["/ADZFaceDescriptor"]
    assert float(descriptor["/Descent"]) < 0 < float(descriptor["/Ascent"])
    assert len(descriptor["/FontBBox"]) == 4 and "/FontFile2" not in descriptor
    assert rl.pdf_string(b"(a)\\") == "(\\(a\\)\\\\)"
    assert rl.number(1.50) == "1.5"


def test_no_other_module_touches_reportlab_internals():
    offenders = []
    for path in sorted((ROOT / "layout").rglob("*.py")):
        if path.name == "reportlab_private.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if PRIVATE.search(line) and "self._" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
