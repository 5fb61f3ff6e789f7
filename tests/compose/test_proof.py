"""The editors' loop: fit report, proofs with OVERSET pages, rounds, contact sheet, diff."""

from __future__ import annotations

import json
import re

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import ISSUE, run_cli

ADDED = ("An added paragraph of words to push the text past its allotment. " * 12 + "\n\n") * 14


@pytest.fixture(scope="module")
def overset_issue(tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("overset") / "issue"
    shutil.copytree(ISSUE, root)
    path = root / "articles" / "kaltayeva.md"
    path.write_text(path.read_text().rstrip() + "\n\n" + ADDED)
    return root


@pytest.fixture(scope="module")
def rounds(tmp_path_factory, overset_issue):
    """Round 1: the real issue; round 2: kaltayeva overset — both proofed into one folder."""
    folder = tmp_path_factory.mktemp("proofs")
    output = folder / "proof.pdf"
    first = run_cli("proof", ISSUE, "-o", output, "--round", "1")
    second = run_cli("proof", overset_issue, "-o", output, "--round", "2")
    return folder, first, second


def test_build_fails_on_overset_and_names_the_cut(overset_issue, tmp_path):
    output = tmp_path / "out.pdf"
    result = run_cli("build", overset_issue, "-o", output)
    assert result.exit_code == 1
    assert "kaltayeva.md" in result.stderr and "OVERSET by" in result.stderr
    words = int(result.stderr.split("cut about ")[1].split()[0].replace(",", ""))
    assert 900 < words < 1300  # about 1,850 words added, some 860 of them filled the free space
    assert f"'make proof ISSUE={overset_issue}' shows the overset text" in result.stderr
    assert not output.exists()


def test_fit_report_leads_with_overset_and_ends_with_the_verdict(rounds, overset_issue):
    _, clean, overset = rounds
    assert clean.exit_code == 0, clean.output
    assert overset.exit_code == 1, overset.output  # overset: the build would refuse it
    lines = overset.stdout.splitlines()
    assert lines[0].startswith("kaltayeva (pp. 35–37, 'Embracing inclusion")
    # what it says of its make-up (a long pull quote set as typed …) follows, after a ';'
    assert re.search(r": OVERSET by \d+ lines \(\d+ mm of column\) — cut about [\d,]+ words"
                     r"(; [^;]+)*$", lines[0])
    underset = [line for line in lines if "): underset," in line]
    assert len(underset) == 11 and all(line.startswith("  ") for line in underset)
    law = next(line for line in underset if line.startswith("  separate-law"))
    assert re.fullmatch(r"  separate-law \(p\. 14\): underset, [¼½¾] page free \(\d+ lines\) "
                        r"— room for a [¼½¾]-page picture or about \d+ words", law)
    # fitting articles in one line, those with a note (a pull quote over a limit …) each on
    # its own
    listed = next(line for line in lines if line.startswith("  fit: "))[len("  fit: "):]
    noted = [line.split()[0] for line in lines if "): fits" in line]
    assert sorted(listed.split(", ") + noted) == sorted([
        "balayeva", "driving-force", "zhovtis", "turmagambetova", "baigaliyev", "yelchibayeva",
        "makhanbetova"])
    assert lines[-1].startswith("round 2 (working): ") and lines[-1].endswith(
        "(the next proof updates it; 'layout proof --send' marks it sent)")
    verdict = next(line for line in lines if "will refuse" in line)
    assert verdict == f"1 article overset, 11 underset, 7 fit — make pdf ISSUE={overset_issue} " \
                      "will refuse"
    assert "nothing overset, 12 underset, 7 fit" in clean.stdout
    assert "will build it" in clean.stdout and "will refuse" not in clean.stdout


def test_quiet_report_and_colours_on_a_terminal(overset_issue, tmp_path):
    from click.testing import CliRunner

    from layout.cli import main

    args = ["proof", str(overset_issue), "-o", str(tmp_path / "p.pdf"), "--no-preview"]
    quiet = CliRunner().invoke(main, [*args, "--quiet"])
    assert quiet.exit_code == 1
    assert "): underset," not in quiet.stdout and "fit:" not in quiet.stdout
    assert quiet.stdout.splitlines()[0].startswith("kaltayeva (pp. 35–37")
    assert "1 article overset, 11 underset, 7 fit" in quiet.stdout
    assert "\x1b[" not in quiet.stdout  # no terminal, no colour codes
    coloured = CliRunner().invoke(main, args, color=True)
    red, dim = "\x1b[31m\x1b[1m", "\x1b[2m"
    lines = coloured.stdout.splitlines()
    assert lines[0].startswith(red + "kaltayeva") and "OVERSET" in lines[0]
    assert lines[1].startswith(dim + "  ") and "underset," in lines[1]
    assert next(line for line in lines if "will refuse" in line).startswith(red)


def test_proof_shows_overset_pages_and_keeps_each_round(rounds):
    folder, _, overset = rounds
    output = folder / "proof.pdf"
    with pdfplumber.open(output) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    report = json.loads((folder / "fit.json").read_text())
    fits = {f["slug"]: f for f in report["fits"]}
    extra = fits["kaltayeva"]["pages"] - fits["kaltayeva"]["allotment"]
    marked = [n for n, text in enumerate(texts, start=1) if "OVERSET +" in text]
    assert extra >= 1 and marked == list(range(38, 38 + extra))  # kaltayeva: pp. 35-37
    assert all("PROOF round 2" in text for text in texts)
    assert "added paragraph" in texts[37]
    assert fits["kaltayeva"]["status"] == "overset" and fits["kaltayeva"]["overset_words"] > 900
    assert fits["turmagambetova"]["status"] == "fits"
    assert fits["kaliyev"]["status"] == "underset" and fits["kaliyev"]["underset_lines"] > 20
    # each round kept: round 1 is the clean issue, untouched by round 2
    one, two = folder / "proofs" / "round-1.pdf", folder / "proofs" / "round-2.pdf"
    assert len(PdfReader(one).pages) == 44 and len(PdfReader(two).pages) == 44 + extra
    assert "PROOF round 1" in PdfReader(one).pages[5].extract_text()
    assert f"wrote {output}, {two}, {folder / 'fit.json'}" in overset.stdout


def test_without_a_round_the_proof_continues_the_latest(rounds, tmp_path):
    folder, _, _ = rounds
    result = run_cli("proof", ISSUE, "--only", "zhovtis", "-o", folder / "z.pdf")
    assert result.exit_code == 0, result.output
    assert "PROOF round 2" in PdfReader(folder / "z.pdf").pages[0].extract_text()
    assert sorted(p.name for p in (folder / "proofs").iterdir()) == ["round-1.pdf",
                                                                    "round-2.pdf"]


def test_proof_of_one_article_keeps_its_page_numbers(tmp_path):
    output = tmp_path / "zhovtis.pdf"
    result = run_cli("proof", ISSUE, "--only", "zhovtis", "-o", output)
    assert result.exit_code == 0, result.output
    reader = PdfReader(output)
    assert len(reader.pages) == 3
    feet = [page.extract_text() for page in reader.pages]
    assert "21" in feet[0].split() and "ADALAZAMAT" in feet[0]  # p. 21 is a recto
    assert "22" in feet[1].split() and "№1" in feet[1]  # p. 22 is a verso
    assert not (tmp_path / "proofs").exists()  # one article is not a round


def test_proof_of_unknown_article_suggests_one():
    result = run_cli("proof", ISSUE, "--only", "zhovtsi")
    assert result.exit_code == 2 and "did you mean 'zhovtis'" in result.stderr


def test_contact_sheet_pairs_spreads_by_folio_after_overset_pages(rounds):
    from layout.checks.previews import contact_sheet, folio_spreads

    folder, _, _ = rounds
    labels = list(PdfReader(folder / "proofs" / "round-2.pdf").page_labels)
    extra = [label for label in labels if label.startswith("37+")]
    assert extra and labels[36:38 + len(extra)] == ["37", *extra, "38"]
    pairs = [tuple(labels[n - 1] if n else None for n in pair) for pair in folio_spreads(labels)]
    assert pairs[0] == (None, "1") and ("36", "37") in pairs and ("42", "43") in pairs
    assert pairs[pairs.index(("36", "37")) + 1] == (extra[0], extra[1] if len(extra) > 1
                                                    else None)
    assert all(int(left) % 2 == 0 for left, _ in pairs if left and "+" not in left)

    # draw the sheet with each page a flat colour of its own, and find the pages back
    colours = [(k * 5 % 256, 255 - k * 5 % 256, 90) for k in range(len(labels))]
    pages = [Image.new("RGB", (100, 141), colour) for colour in colours]
    owners = ["kaltayeva" if label.startswith(("35", "36", "37")) else "x" for label in labels]
    sheet = contact_sheet(pages, labels, owners, {"kaltayeva": "overset", "x": "fits"})
    width, row = round(100 * 220 / 141), 220 + 46 + 24
    found = []
    for index in range(len(pairs)):
        x = 24 + (index % 4) * (2 * width + 24)
        y = 44 + 24 + (index // 4) * row
        found.append(tuple(_page_at(sheet, colours, labels, (x + side * width + width // 2,
                                                             y + 110)) for side in (0, 1)))
    assert found == pairs
    legend = [sheet.getpixel((24 + dx, 14 + 7)) for dx in (5, 15)]
    assert legend == [(220, 30, 40)] * 2  # the legend opens with the overset colour


def _page_at(sheet, colours, labels, point):
    pixel = sheet.getpixel(point)
    return next((labels[k] for k, colour in enumerate(colours)
                 if max(abs(a - b) for a, b in zip(colour, pixel, strict=True)) < 4), None)


def test_the_proof_writes_previews_and_removes_stale_ones(rounds):
    folder, _, _ = rounds
    previews = folder / "preview"
    pages = sorted(previews.glob("page-*.png"))
    labels = list(PdfReader(folder / "proofs" / "round-2.pdf").page_labels)
    assert len(pages) == len(labels)  # round 2 has more pages than round 1
    sheet = Image.open(previews / "contact.png").convert("RGB")
    reds = sum(1 for x in range(0, sheet.width, 3) for y in range(0, sheet.height, 3)
               if sheet.getpixel((x, y)) == (220, 30, 40))
    assert reds > 20  # the overset article's pages carry red bars and frames
    from layout.checks.previews import write_previews

    write_previews(folder / "proofs" / "round-1.pdf", previews)
    assert len(list(previews.glob("page-*.png"))) == 44


def test_diff_defaults_to_the_last_two_rounds(rounds, tmp_path):
    folder, _, _ = rounds
    (tmp_path / "diff").mkdir()
    stale = tmp_path / "diff" / "diff-2-3.png"
    from layout.checks.previews import png_bytes

    stale.write_bytes(png_bytes(Image.new("RGB", (4, 4))))  # an earlier diff of ours
    result = run_cli("diff", "--proofs", folder / "proofs", "-o", tmp_path / "diff")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"comparing {folder / 'proofs' / 'round-1.pdf'} (OLD) with "
                                    f"{folder / 'proofs' / 'round-2.pdf'} (NEW)")
    assert "37 changed" in result.stdout and "37+1" in result.stdout  # p. 37, or pp. 36–37
    assert "'Embracing inclusion through maintaining equal dialogue' now" in result.stdout
    images = sorted(p.name for p in (tmp_path / "diff").iterdir())
    assert "diff-36-37.png" in images and any("37+1" in name for name in images)
    assert not stale.exists()  # spreads that no longer differ leave no image behind
    image = Image.open(tmp_path / "diff" / "diff-36-37.png").convert("RGB")
    old_band, new_band = image.getpixel((300, 3)), image.getpixel((300, image.height // 2 + 10))
    assert old_band == (90, 90, 90) and new_band == (20, 110, 60)  # the OLD and NEW labels
    assert _has_white_text(image, 0) and _has_white_text(image, image.height // 2 + 6)


def _has_white_text(image, top):
    return any(image.getpixel((x, y)) == (255, 255, 255)
               for x in range(8, 120) for y in range(top + 4, top + 20))


def test_diff_needs_two_rounds(tmp_path):
    (tmp_path / "proofs").mkdir()
    (tmp_path / "proofs" / "round-1.pdf").write_bytes(b"%PDF-")
    result = run_cli("diff", "--proofs", tmp_path / "proofs")
    assert result.exit_code == 2
    assert "only round 1 is kept here; a diff needs two" in result.stderr
    assert "send this round ('layout proof --send') and proof the next" in result.stderr
    result = run_cli("diff", tmp_path / "proofs" / "round-1.pdf")
    assert result.exit_code == 2 and "give both OLD and NEW, or neither" in result.output


def test_diff_of_identical_builds_finds_nothing(issue_pdf, tmp_path):
    from layout.checks.diff import diff

    result = diff(issue_pdf, issue_pdf, tmp_path / "diff")
    assert result.summary() == "no page changed" and not result.images
