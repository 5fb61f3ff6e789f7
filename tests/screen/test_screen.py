"""The screen edition: what a reader on a screen, a screen-reader user and the two PDF/UA
checkers meet — read back with pikepdf and pdfplumber, never with the code that wrote it."""

from __future__ import annotations

import re

import pdfplumber
import pikepdf
import pytest

from layout.build import build
from layout.checks.screen import (
    Screen,
    article_elements,
    check_screen,
    read_aloud,
    run_outloud,
    run_page,
)
from layout.content import load_issue
from layout.screen.rendition import srgb
from layout.style.theme import Theme
from tests.conftest import ISSUE, ROOT, run_cli
from tests.screen.conftest import write_photo_issue

A4 = (595.276, 841.89)


def mcid_roles(pdf: pikepdf.Pdf, index: int) -> list[str]:
    return [str(operands[0]) for operands, operator in
            pikepdf.parse_content_stream(pdf.pages[index]) if str(operator) in ("BDC", "BMC")]


def test_real_issue_passes_both_checkers_and_ours(issue_screen):
    report = check_screen(issue_screen, ISSUE)
    for checker in report.checkers:
        assert checker.passed, checker.output
    assert not report.findings, [str(f) for f in report.findings]


def test_pages_are_trimmed_and_srgb(photo_screen):
    with pikepdf.open(photo_screen) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.obj.MediaBox]
            assert box[2] - box[0] == pytest.approx(A4[0], abs=0.01)
            assert box[3] - box[1] == pytest.approx(A4[1], abs=0.01)
            assert not {"/BleedBox", "/TrimBox", "/CropBox"} & set(page.obj.keys())
            operators = {str(op) for _, op in pikepdf.parse_content_stream(page)}
            assert not {"k", "K"} & operators  # no CMYK colour left
            for image in page.get_images().values():
                assert image.ColorSpace in (pikepdf.Name.DeviceRGB, pikepdf.Name.DeviceGray)
        assert "/OutputIntents" not in pdf.Root  # a press condition means nothing on screen


def test_theme_colours_become_their_printed_srgb(photo_screen):
    """The accent (the headline colour, CMYK in the theme) is drawn as the sRGB the press
    profile says it prints as; paper white stays white."""
    theme = Theme(ISSUE / "theme.yaml", ROOT / "fonts")
    accent = theme.colours()["accent"]  # percentages of ink
    expected = srgb(*(v / 100 for v in accent))
    with pikepdf.open(photo_screen) as pdf:
        fills = {tuple(round(float(v), 3) for v in operands)
                 for page in pdf.pages
                 for operands, op in pikepdf.parse_content_stream(page) if str(op) == "rg"}
    assert tuple(round(v, 3) for v in expected) in fills
    assert srgb(0, 0, 0, 0) == (1.0, 1.0, 1.0)
    assert max(srgb(0, 0, 0, 1)) < 0.25  # black ink is dark on screen


def test_document_says_title_language_and_pdfua(issue_screen):
    issue = load_issue(ISSUE)
    with pikepdf.open(issue_screen) as pdf:
        title = f"{issue.magazine} {issue.issue_line}"
        assert str(pdf.docinfo["/Title"]) == title
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.Root.Lang) == issue.language
        assert bool(pdf.Root.MarkInfo.Marked)
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == title
        assert pdf.pdf_version == "1.7"
        assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)


def test_every_article_has_its_language(photo_screen):
    screen = Screen(photo_screen)
    languages = [str(e.obj.get("/Lang", "")) for e in article_elements(screen)]
    assert languages == ["en", "en", "ru"]


def test_bookmarks_are_titles_with_their_subheads(photo_screen):
    with pikepdf.open(photo_screen) as pdf, pdf.open_outline() as outline:
        titles = [(item.title, [child.title for child in item.children])
                  for item in outline.root]
    assert titles == [("Briefs in three columns", []),
                      ("Pictures of the steppe", ["Where the water went"]),
                      ("Говорить на равных", [])]


def test_contents_entries_link_to_their_articles(issue_screen):
    issue = load_issue(ISSUE)
    with pikepdf.open(issue_screen) as pdf:
        pages = {page.obj.objgen: k for k, page in enumerate(pdf.pages)}
        labels = {k: pdf.pages[k].label for k in range(len(pdf.pages))}
        contents = pdf.pages[1]
        targets = [(str(a.Contents), labels[pages[a.Dest[0].objgen]])
                   for a in contents.obj.get("/Annots", [])]
    listed = [a for a in issue.articles if a.kind not in ("cover", "contents")]
    assert len(targets) == len(listed)
    for (contents_text, label), article in zip(targets, listed, strict=True):
        title, _, page = contents_text.rpartition(", page ")
        assert title == article.title
        assert label == page  # the page the link goes to is the one the entry names
    heard = read_aloud(issue_screen, 2)  # each entry's parts apart, not run together
    first = listed[0]
    assert f"link: 3, {first.title}, {first.byline.name}" in heard


def test_addresses_are_links_over_their_characters(photo_screen):
    """Each web and e-mail address is a link whose area covers its characters; paths and
    file names are not."""
    with pdfplumber.open(photo_screen) as pdf:
        found = {}
        for page in pdf.pages:
            text = "".join(c["text"] for c in page.chars)
            for annotation in page.annots:
                uri = annotation.get("uri")
                if uri:
                    inside = "".join(
                        c["text"] for c in page.chars
                        if annotation["x0"] - 1 <= (c["x0"] + c["x1"]) / 2 <= annotation["x1"] + 1
                        and annotation["top"] - 1 <= (c["top"] + c["bottom"]) / 2
                        <= annotation["bottom"] + 1)
                    found.setdefault(uri, "")
                    found[uri] += inside
            assert "/var/" not in text
    assert set(found) == {"https://www.gov.kz/memleket/entities/qogam",
                          "mailto:help@qogam.gov.kz", "https://monitoring.civilalliance.kz/"}
    for uri, text in found.items():
        assert text.replace("\u00ad", "") == uri.removeprefix("mailto:")


def test_three_column_news_reads_column_after_column(photo_screen):
    """The news page's text in structure order is the briefs in order, each whole: the
    first column's foot runs on at the second column's head."""
    lines = read_aloud(photo_screen, 1)
    briefs = [line for line in lines if line.startswith("Brief")]
    assert [b.split(":")[0] for b in briefs] == [f"Brief {k}" for k in range(1, 6)]
    assert all(b.count("Civil society in the regions") == 3 for b in briefs)


def test_furniture_and_rules_are_artifacts_and_nothing_else_is_untagged(photo_screen):
    with pdfplumber.open(photo_screen) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for char in page.chars:
                if char["text"].strip():
                    assert char.get("tag") is not None, (number, char["text"])
            # pdfplumber's `bottom` runs down from the page's height; the trim starts 3 mm up
            foot = [c for c in page.chars
                    if page.height - c["bottom"] < 8.5 + 22 * 72 / 25.4 and c["text"].strip()]
            folio = "".join(c["text"] for c in foot)
            assert str(number) in folio and ("TESTMAG" in folio or "2024" in folio)
            assert all(c["tag"] == "Artifact" for c in foot)


def test_pull_quote_is_a_titled_block_quote_heard_as_typed(photo_screen):
    screen = Screen(photo_screen)
    quotes = [e for e in screen.elements if e.role == "/BlockQuote"]
    assert [str(q.obj.T) for q in quotes] == ["Pull quote"]
    (paragraph,) = quotes[0].parts
    assert paragraph.actual == "The steppe keeps what the sea gave up."


def test_figures_have_their_alt_and_caption(photo_screen):
    screen = Screen(photo_screen)
    figures = [e for e in screen.elements if e.role == "/Figure"]
    assert sorted(f.alt for f in figures) == sorted([
        "A herd of horses on a wide green steppe under a pale sky",
        "A grey-blue gradient: the sea bed at dawn",
        "Гульнара Тестова, portrait: a woman in a dark jacket smiling"])
    lines = read_aloud(photo_screen, 2)
    at = lines.index("graphic: A herd of horses on a wide green steppe under a pale sky")
    assert lines[at + 1:at + 4] == ["caption:", "Horses near the Aral, in May.",
                                    "Photo: A. Photographer"]


def test_screen_refuses_a_picture_without_alt_and_print_warns(tmp_path):
    root = write_photo_issue(tmp_path / "issue", alt=False)
    result = run_cli("build", "--edition", "screen", root, "-o", tmp_path / "s.pdf")
    assert result.exit_code == 2
    line = next(k for k, text in enumerate(
        (root / "articles" / "feature.md").read_text().splitlines(), 1)
        if text.startswith("::: figure images/steppe.jpg"))
    assert f"feature.md:{line}: picture 'images/steppe.jpg' has no alt text" in result.output
    assert "alt: what the picture shows" in result.output
    assert not (tmp_path / "s.pdf").exists()
    result = run_cli("build", root, "-o", tmp_path / "p.pdf")
    assert result.exit_code == 0
    assert f"feature.md:{line}: picture 'images/steppe.jpg' has no alt text" in result.output


def test_screen_build_leaves_the_print_pdf_as_it_was(photo_issue, photo_print, tmp_path):
    """Printing from a cache the screen edition also filled gives the same bytes as a
    print-only build, and the print PDF has no tag, link or structure of the screen's."""
    cache = tmp_path / "cache"
    build(photo_issue, tmp_path / "s.pdf", cache_dir=cache, edition="screen")
    after = build(photo_issue, tmp_path / "after.pdf", cache_dir=cache).read_bytes()
    assert after == photo_print.read_bytes()
    with pikepdf.open(photo_print) as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
        for k, page in enumerate(pdf.pages):
            assert "/Annots" not in page.obj
            assert set(mcid_roles(pdf, k)) <= {"/Artifact"}  # furniture, as it always was


def test_screen_file_is_smaller_than_print(photo_screen, photo_print):
    assert photo_screen.stat().st_size < photo_print.stat().st_size / 2


def test_photo_issue_passes_both_checkers_and_ours_on_the_command_line(photo_screen,
                                                                       photo_issue):
    result = run_cli("check-screen", photo_screen, photo_issue)
    assert result.exit_code == 0, result.output
    assert "== page (PDF/UA-1): pass" in result.output
    assert "== outloud: pass" in result.output
    assert re.search(r"passes the screen checks", result.output)


def test_both_checkers_fail_the_print_pdf(photo_print):
    """Untagged, as the print PDF is: both checkers say so."""
    page, outloud = run_page(photo_print), run_outloud(photo_print)
    assert not page.passed and not outloud.passed
    assert "DOC-001" in outloud.output  # not marked as tagged


def test_pictures_are_made_from_their_originals_not_from_the_press_cmyk(photo_screen,
                                                                       photo_issue):
    """An sRGB photo shows its own colours (not the press's gamut and ink limit round
    trip: that shifted this one's mean red by 9 levels), a grey portrait stays grey."""
    import numpy as np
    from PIL import Image

    originals = {name: Image.open(photo_issue / "images" / name)
                 for name in ("steppe.jpg", "portrait.png")}
    found = {}
    with pikepdf.open(photo_screen) as pdf:
        for page in pdf.pages:
            for image in page.get_images().values():
                picture = pikepdf.PdfImage(image).as_pil_image()
                for name, original in originals.items():
                    if abs(original.width / original.height
                           - picture.width / picture.height) < 0.01:
                        found[name] = (image.ColorSpace, picture)
    assert set(found) == set(originals)
    space, steppe = found["steppe.jpg"]
    assert space == pikepdf.Name.DeviceRGB
    want = np.asarray(originals["steppe.jpg"].convert("RGB").resize(
        steppe.size, Image.Resampling.LANCZOS), float)
    got = np.asarray(steppe, float)
    assert np.abs(want - got).mean() < 4.5  # JPEG's own noise on a noisy test photo
    assert np.abs(want.mean(axis=(0, 1)) - got.mean(axis=(0, 1))).max() < 1.0
    space, portrait = found["portrait.png"]
    assert space == pikepdf.Name.DeviceGray and portrait.mode == "L"
    want = np.asarray(originals["portrait.png"].resize(portrait.size,
                                                       Image.Resampling.LANCZOS), float)
    assert abs(want.mean() - np.asarray(portrait, float).mean()) < 1.0
