"""The editors' loop: fit report, proofs with OVERSET pages, single-article proofs."""

from __future__ import annotations

import json

import pdfplumber
import pytest
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


def test_build_fails_on_overset_and_names_the_cut(overset_issue, tmp_path):
    output = tmp_path / "out.pdf"
    result = run_cli("build", overset_issue, "-o", output)
    assert result.exit_code == 1
    assert "kaltayeva.md" in result.stderr and "OVERSET by" in result.stderr
    words = int(result.stderr.split("cut about ")[1].split()[0])
    assert 900 < words < 1300  # about 1,850 words added, some 860 of them filled the free space
    assert not output.exists()


def test_proof_shows_overset_pages_and_writes_the_report(overset_issue, tmp_path):
    output = tmp_path / "proof.pdf"
    result = run_cli("proof", overset_issue, "-o", output, "--round", "2")
    assert result.exit_code == 0, result.output
    assert "kaltayeva" in result.stdout and "OVERSET" in result.stdout
    with pdfplumber.open(output) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    report = json.loads((tmp_path / "fit.json").read_text())
    fits = {f["slug"]: f for f in report["fits"]}
    extra = fits["kaltayeva"]["pages"] - fits["kaltayeva"]["allotment"]
    marked = [n for n, text in enumerate(texts, start=1) if "OVERSET +" in text]
    assert extra >= 1 and marked == list(range(38, 38 + extra))  # kaltayeva: pp. 35-37
    assert all("PROOF round 2" in text for text in texts)
    assert "added paragraph" in texts[37]
    assert fits["kaltayeva"]["status"] == "overset" and fits["kaltayeva"]["overset_words"] > 900
    assert fits["turmagambetova"]["status"] == "fits"
    assert fits["kaliyev"]["status"] == "underset" and fits["kaliyev"]["underset_lines"] > 20


def test_proof_of_one_article_keeps_its_page_numbers(tmp_path):
    output = tmp_path / "zhovtis.pdf"
    result = run_cli("proof", ISSUE, "--only", "zhovtis", "-o", output)
    assert result.exit_code == 0, result.output
    reader = PdfReader(output)
    assert len(reader.pages) == 3
    feet = [page.extract_text() for page in reader.pages]
    assert "21" in feet[0].split() and "ADALAZAMAT" in feet[0]  # p. 21 is a recto
    assert "22" in feet[1].split() and "№1" in feet[1]  # p. 22 is a verso


def test_proof_of_unknown_article_suggests_one():
    result = run_cli("proof", ISSUE, "--only", "zhovtsi")
    assert result.exit_code == 2 and "did you mean 'zhovtis'" in result.stderr


def test_contact_sheet_and_diff_of_two_proof_rounds(overset_issue, tmp_path):
    from pypdf import PdfReader as Reader

    from layout.checks.diff import diff
    from layout.checks.previews import write_previews

    first, second = tmp_path / "round1.pdf", tmp_path / "round2.pdf"
    assert run_cli("proof", ISSUE, "-o", first).exit_code == 0
    assert run_cli("proof", overset_issue, "-o", second, "--round", "2").exit_code == 0
    labels = list(Reader(second).page_labels)
    extra = [label for label in labels if label.startswith("37+")]
    assert extra and labels[36:38 + len(extra)] == ["37", *extra, "38"]

    written = write_previews(second, tmp_path / "preview")
    assert len(written) == len(labels) + 1 and written[-1].name == "contact.png"
    from PIL import Image

    sheet = Image.open(written[-1]).convert("RGB")
    reds = sum(1 for x in range(0, sheet.width, 3) for y in range(0, sheet.height, 3)
               if sheet.getpixel((x, y)) == (220, 30, 40))
    assert reds > 20  # the overset article's pages carry red badges

    result = diff(first, second, tmp_path / "diff")
    assert result.changed_pages == ["37"]
    assert result.added_pages == extra
    assert "'Embracing inclusion through maintaining equal dialogue' now" in result.summary()
    assert "lines overset" in result.summary()
    assert result.images[0].name == "diff-36-37.png"
    assert any("37+1" in p.name for p in result.images)


def test_diff_of_identical_builds_finds_nothing(issue_pdf, tmp_path):
    from layout.checks.diff import diff

    result = diff(issue_pdf, issue_pdf, tmp_path / "diff")
    assert result.summary() == "no page changed" and not result.images
