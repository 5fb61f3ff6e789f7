"""ReportLab's internals are touched in one module only, and only with the version it was
written against: another ReportLab makes this test fail loudly, so each use is checked again."""

from __future__ import annotations

import io
import re
from pathlib import Path

import reportlab
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
    canvas = Canvas(io.BytesIO())
    text = "Aq «Қазақ» –\u00ad "
    pieces = rl.encoded(canvas, "Serif", text)
    assert sum(len(codes) for _, codes in pieces) == len(text)  # one code per character
    assert all(re.fullmatch(r"/F\d+\+\d+", name) for name, _ in pieces)
    assert pieces[0][1][:2] == b"Aq"  # the first subset keeps ASCII at its own codes
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
