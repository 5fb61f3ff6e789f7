"""Inks: 100 % K text and rules overprint (seen on Ghostscript's separations), small grey
type overprints a light tint (the vox-pop cards) and is a warning on a dark one, other
colours knock out as drawn; small text in more than two inks, and a theme colour for small
type in more than one, are build warnings.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from layout.press.fonts import FontMerge
from layout.press.inks import small_type_warnings
from layout.press.rewrite import press_document
from tests.conftest import ROOT, run_cli, write_minimal_issue
from tests.tools import needs

pytestmark = needs("gs")
DPI = 150
TINT = CMYKColor(0.3, 0, 0, 0)


def plates(pdf: Path, page: int) -> dict[str, np.ndarray]:
    """Ghostscript's tiffsep separations of one page: plate -> ink 0-255, rows from the top."""
    prefix = pdf.parent / f"{pdf.stem}-p{page}"
    subprocess.run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep",
                    f"-r{DPI}", f"-dFirstPage={page}", f"-dLastPage={page}",
                    f"-sOutputFile={prefix}.tif", str(pdf)], check=True)
    found = {}
    for name in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(f"{prefix}({name}).tif") as image:
            found[name] = 255 - np.asarray(image, dtype=int)
    return found


def pixels(box) -> tuple[slice, slice]:
    """A pdfplumber box (x0, top, x1, bottom in pt) as array slices, one pixel inside."""
    scale = DPI / 72
    x0, top, x1, bottom = box
    return (slice(round(top * scale) + 1, round(bottom * scale) - 1),
            slice(round(x0 * scale) + 1, round(x1 * scale) - 1))


@pytest.fixture(scope="module")
def sidebar_page(issue_pdf):
    """The real issue's page with the sidebar 'Twenty years of civil forums' (a tint box with
    body text in it): its number, the box, and its separations."""
    with pdfplumber.open(issue_pdf) as pdf:
        number, page = next((n, p) for n, p in enumerate(pdf.pages, start=1)
                            if "Twenty years of civil forums" in (p.extract_text() or ""))
        words = page.extract_words(extra_attrs=["size"])
        title = next(w for w in words if w["text"] == "Twenty")
        tint = next(r for r in page.rects if r["width"] > 100
                    and r["non_stroking_color"] == (0.14, 0, 0.03, 0.01)
                    and r["x0"] < title["x0"] < r["x1"] and r["top"] < title["top"] < r["bottom"])
    box = (tint["x0"], tint["top"], tint["x1"], tint["bottom"])
    inside = [w for w in words if w["x0"] > box[0] and w["x1"] < box[2]
              and w["top"] > box[1] and w["bottom"] < box[3] and w["size"] < 9]
    # body text beside the box (the body size: a stats call-out's labels in their own tint
    # box may stand there too)
    outside = [w for w in words if w["x1"] < box[0] - 10 and abs(w["size"] - 9.5) < 0.05]
    return number, box, inside, outside, plates(issue_pdf, number)


def test_body_text_prints_on_the_black_plate_only(sidebar_page):
    number, _, _, outside, separations = sidebar_page
    assert number == 12 and len(outside) > 50  # a column of body text
    glyphs = separations["Black"] > 200
    mask = np.zeros_like(glyphs)
    for word in outside:
        mask[pixels((word["x0"], word["top"], word["x1"], word["bottom"]))] = True
    body = glyphs & mask
    assert body.sum() > 5000
    for plate in ("Cyan", "Magenta", "Yellow"):
        assert separations[plate][body].max() == 0, plate


def test_the_tint_continues_under_black_text(sidebar_page):
    """Overprint: under every letter of the sidebar the tint is as it is around it (a
    knockout would leave cyan 0 there, a white sliver on misregistration)."""
    _, box, inside, _, separations = sidebar_page
    assert len(inside) > 40
    rows, columns = pixels(box)
    cyan, black = separations["Cyan"][rows, columns], separations["Black"][rows, columns]
    tint = np.median(cyan)
    assert 30 <= tint <= 40  # 14 % cyan
    letters = black > 200
    assert letters.sum() > 2000
    assert np.abs(cyan[letters] - tint).max() <= 1


def test_cli_build_of_the_real_issue_has_no_ink_warning(tmp_path):
    result = run_cli("build", ROOT / "issue", "-o", tmp_path / "issue.pdf")
    assert result.exit_code == 0, result.output
    assert "inks" not in result.output


def test_small_type_in_three_inks_is_a_build_warning(tmp_path):
    """A theme whose small-type accent has three inks: the build names the colour, sizes and
    pages, and says what to do."""
    root = write_minimal_issue(tmp_path / "issue", {
        "a": '---\nkind: interview\ntitle: "Inks"\nspeaker: A. Person\npages: 1\n---\n'
             "::: question\nWhat fringes?\n:::\n\nSmall type in three inks.\n",
        **{f"b{k}": '---\nkind: feature\ntitle: "Filler"\npages: 1\n---\nText.\n'
           for k in range(3)}})
    theme = root / "theme.yaml"
    theme.write_text(theme.read_text().replace("accent_small: [100, 0, 0, 0]",
                                               "accent_small: [70, 10, 0, 0]"))
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    assert ("warning: theme colour 'accent_small' [70, 10, 0, 0] prints small text in 2 inks"
            not in result.output)  # two inks are fine …
    theme.write_text(theme.read_text().replace("accent_small: [70, 10, 0, 0]",
                                               "accent_small: [80, 0, 15, 5]"))
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "prints small" in line)
    assert warning.startswith("warning: theme colour 'accent' [80, 0, 15, 5] prints small "
                              "text in 3 inks (9.5, 10 pt on p. 1–4)")
    assert "use a one-ink colour for small type (the theme has 'gold_small')" in warning


def drawn(canvas: Canvas) -> None:
    """A cyan tint with, on it: black text, a black rule, a large black box, white text."""
    canvas.setFillColor(TINT)
    canvas.rect(0, 0, 400, 300, stroke=0, fill=1)
    canvas.setFillColor(CMYKColor(0, 0, 0, 1))
    canvas.setFont("InkSans", 30)
    canvas.drawString(20, 240, "BLACK")
    canvas.setStrokeColor(CMYKColor(0, 0, 0, 1))
    canvas.setLineWidth(2)
    canvas.line(20, 220, 380, 220)
    canvas.rect(20, 40, 150, 150, stroke=0, fill=1)  # a black area: knocks out
    canvas.setFillColor(CMYKColor(0, 0, 0, 0))
    canvas.drawString(200, 120, "WHITE")  # paper-white text knocks out the tint


def test_black_text_and_rules_overprint_other_colours_knock_out(tmp_path):
    if "InkSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("InkSans", str(ROOT / "fonts" / "NotoSans-Bold.ttf")))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 300), invariant=1, initialFontName="InkSans")
    drawn(canvas)
    canvas.showPage()
    canvas.save()
    faces = {"NotoSans-Bold": ROOT / "fonts" / "NotoSans-Bold.ttf"}
    fonts = FontMerge(faces)
    reader = PdfReader(buffer)
    fonts.add(press_document(reader).used)
    writer = PdfWriter()
    writer.append(reader)
    fonts.finish(writer)
    pdf = tmp_path / "inks.pdf"
    writer.write(pdf)
    separations = plates(pdf, 1)
    cyan, black = separations["Cyan"], separations["Black"]
    scale = DPI / 72

    def at(x: float, y: float) -> tuple[int, int]:
        return cyan[round((300 - y) * scale), round(x * scale)], \
            black[round((300 - y) * scale), round(x * scale)]

    text = black[: round(70 * scale), :] > 200  # the BLACK letters
    assert text.sum() > 500 and cyan[: round(70 * scale), :][text].min() == 76  # 30 % cyan
    assert at(100, 220) == (76, 255)  # the rule overprints
    assert at(95, 115) == (0, 255)  # the large black box knocks out
    white = (cyan[round(160 * scale):round(190 * scale), round(200 * scale):] == 0)
    assert white.sum() > 200  # white letters: holes in the tint, as drawn


@pytest.fixture(scope="module")
def voxpop_cards(issue_pdf):
    """The real issue's first vox-pop page: its respondents' cards (14 % cyan tint) with
    their 8.5 pt details in 65 % K, and its separations."""
    with pdfplumber.open(issue_pdf) as pdf:
        number, page = next((n, p) for n, p in enumerate(pdf.pages, start=1)
                            if "Meiram Raganin" in (p.extract_text() or ""))
        cards = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects
                 if r["non_stroking_color"] == (0.14, 0, 0.03, 0.01) and r["width"] > 100]
        grey = [c for c in page.chars if c["non_stroking_color"] == (0, 0, 0, 0.65)
                and round(c["size"], 1) == 8.5 and any(
                    b[0] < c["x0"] < b[2] and b[1] < c["top"] < b[3] for b in cards)]
    return number, cards, grey, plates(issue_pdf, number)


def test_small_grey_type_overprints_the_vox_pop_cards(voxpop_cards):
    """No type-shaped holes in the cards' cyan: the 65 % K details overprint (the audit
    found 8.5 pt grey knocked out of the 14 % cyan, white edges on misregistration)."""
    number, cards, grey, separations = voxpop_cards
    assert number == 42 and len(cards) >= 2 and len(grey) > 100
    cyan, black = separations["Cyan"], separations["Black"]
    letters = (black > 130) & (black < 200)  # 65 % K (166 of 255)
    for card in cards:
        rows, columns = pixels(card)
        under = cyan[rows, columns][letters[rows, columns]]
        assert under.size > 300
        tint = np.median(cyan[rows, columns])
        assert 30 <= tint <= 40 and np.abs(under - tint).max() <= 1  # the tint, unbroken


def grey_on(ground: CMYKColor):
    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(ground)
        canvas.rect(0, 0, 400, 300, stroke=0, fill=1)
        canvas.setFillColor(CMYKColor(0, 0, 0, 0.65))
        canvas.setFont("InkSans", 9)
        canvas.drawString(20, 150, "Grey details at nine points")
        canvas.setFont("InkSans", 14)
        canvas.drawString(20, 100, "Grey at fourteen")  # large: knocks out as drawn
    return draw


def pressed(tmp_path: Path, draw, name: str):
    """A one-page ReportLab document pressed as the build presses an article."""
    if "InkSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("InkSans", str(ROOT / "fonts" / "NotoSans-Bold.ttf")))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 300), invariant=1, initialFontName="InkSans")
    draw(canvas)
    canvas.showPage()
    canvas.save()
    faces = {"NotoSans-Bold": ROOT / "fonts" / "NotoSans-Bold.ttf"}
    fonts = FontMerge(faces)
    reader = PdfReader(buffer)
    facts = press_document(reader)
    fonts.add(facts.used)
    writer = PdfWriter()
    writer.append(reader)
    fonts.finish(writer)
    pdf = tmp_path / f"{name}.pdf"
    writer.write(pdf)
    return pdf, facts


def test_small_grey_type_overprints_a_light_tint_and_is_noted_on_a_dark_one(tmp_path):
    light, facts = pressed(tmp_path, grey_on(CMYKColor(0.2, 0, 0.1, 0)), "light")
    assert facts.small_type == []
    cyan, black = plates(light, 1)["Cyan"], plates(light, 1)["Black"]
    scale = DPI / 72
    small = black[round(139 * scale):round(152 * scale)] > 130
    assert small.sum() > 200 and cyan[round(139 * scale):round(152 * scale)][small].min() > 40
    large = black[round(184 * scale):round(202 * scale)] > 130
    assert cyan[round(184 * scale):round(202 * scale)][large].min() == 0  # 14 pt knocks out
    dark, facts = pressed(tmp_path, grey_on(CMYKColor(0.6, 0, 0, 0)), "dark")
    assert [(use.cmyk, use.ground, use.size) for use in facts.small_type][:1] == \
        [((0, 0, 0, 0.65), (0.6, 0, 0, 0), 9)]
    cyan = plates(dark, 1)["Cyan"]
    assert (cyan[round(139 * scale):round(152 * scale)] == 0).sum() > 200  # knocked out
    warning = small_type_warnings(facts.small_type, {"muted": [0, 0, 0, 65]})
    assert len(warning) == 1 and warning[0].startswith(
        "theme colour 'muted' [0, 0, 0, 65] type (9 pt on p. 0) knocks out of CMYK [60, 0, 0, "
        "0], a tint too dark to overprint")


def test_a_two_ink_colour_for_small_type_is_a_build_warning_at_its_line(tmp_path):
    """The kickers' slashes are one ink in the real issue (colours.gold_small); a theme
    that sets them in the two-ink gold hears so from the build, at its line."""
    root = write_minimal_issue(tmp_path / "issue", {
        f"b{k}": '---\nkind: feature\ntitle: "Filler"\nsection: Forum\npages: 1\n---\n'
               "Text.\n"
        for k in range(4)})
    theme = root / "theme.yaml"
    lines = theme.read_text().splitlines(keepends=True)
    line = 1 + next(n for n, text in enumerate(lines) if "gold_small:" in text)
    theme.write_text("".join(lines).replace("gold_small: [0, 0, 100, 0]",
                                            "gold_small: [0, 25, 100, 0]"))
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    assert (f"warning: {theme}:{line}: colours.gold_small [0, 25, 100, 0] is 2 inks, and it "
            "sets type under 12 pt: misregistration fringes it; make it one ink (e.g. "
            "colours.gold_small: [0, 0, 100, 0])") in result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        slashes = {c["non_stroking_color"] for p in pdf.pages for c in p.chars
                   if c["text"] == "/"}
    assert slashes == {(0, 0.25, 1, 0)}
    theme.write_text("".join(lines))
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert "gold_small" not in result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        slashes = {c["non_stroking_color"] for p in pdf.pages for c in p.chars
                   if c["text"] == "/"}
    assert slashes == {(0, 0, 1, 0)}  # one ink
