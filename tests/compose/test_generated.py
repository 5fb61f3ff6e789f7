"""The generated cover and contents are laid out like any article: when they overflow they are
overset (named in the fit report), never a silent extra page or dropped lines."""

from __future__ import annotations

import json

import pdfplumber
from pypdf import PdfReader

from layout.checks.verify import verify
from layout.content import load_issue
from tests.conftest import run_cli, write_minimal_issue

GOOD = '---\nkind: feature\ntitle: "{title}"\npages: 1\n---\nSome text of the article.\n'
CONTENTS = '---\nkind: contents\ntitle: "In this issue"\npages: 1\n---\n'


def cover(lines: int) -> str:
    items = "".join(f'  - {{article: a1, text: "Cover line number {k} of the issue"}}\n'
                    for k in range(lines))
    return f"---\nkind: cover\npages: 1\ncover_lines:\n{items}---\n"


def issue(tmp_path, articles: int, cover_lines: int = 2):
    files = {"cover": cover(cover_lines), "contents": CONTENTS}
    for k in range(articles):
        files[f"a{k}"] = GOOD.format(title=f"A rather long title for article number {k} of "
                                     "this issue, set in the contents")
    return write_minimal_issue(tmp_path / "issue", files)


def test_an_overfull_contents_page_is_overset_not_an_extra_page(tmp_path):
    root = issue(tmp_path, 62)  # 64 pages: the flatplan is a multiple of 4
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 1, result.output
    assert "contents.md: contents (p. 2, 'In this issue'): OVERSET by" in result.stderr
    assert not (tmp_path / "out.pdf").exists()

    proof = tmp_path / "proof.pdf"
    assert run_cli("proof", root, "-o", proof).exit_code == 1  # the build would refuse it
    fits = {f["slug"]: f for f in json.loads((tmp_path / "fit.json").read_text())["fits"]}
    assert fits["contents"]["status"] == "overset" and fits["contents"]["pages"] == 2
    assert fits["cover"]["status"] == "fits"
    reader = PdfReader(proof)
    assert len(reader.pages) == 65  # the overset page is the proof's only extra page
    assert "OVERSET +1" in " ".join(reader.pages[2].extract_text().split())
    assert list(reader.page_labels[:4]) == ["1", "2", "2+1", "3"]  # no article moved
    entries = " ".join(" ".join(reader.pages[k].extract_text().split()) for k in (1, 2))
    assert all(f"number {k} of" in entries for k in range(62))  # no entry lost


def test_too_many_cover_lines_are_overset_not_dropped(tmp_path):
    root = issue(tmp_path, 2, cover_lines=30)
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 1, result.output
    assert "cover.md: cover (p. 1, ''): OVERSET by" in result.stderr

    proof = tmp_path / "proof.pdf"
    assert run_cli("proof", root, "-o", proof).exit_code == 1  # the build would refuse it
    with pdfplumber.open(proof) as pdf:
        first = pdf.pages[0]
        texts = [" ".join(page.extract_text().split()) for page in pdf.pages]
        lowest = max(c["bottom"] for c in first.chars if c["size"] > 10)
        trim_foot = first.height - 8.5  # 3 mm bleed
    assert all(f"Cover line number {k} of" in " ".join(texts) for k in range(30))
    assert lowest < trim_foot - 50  # the lines stop above the foot of the page
    assert "OVERSET +1" in texts[1] and "OVERSET" not in texts[0]
    assert list(PdfReader(proof).page_labels[:3]) == ["1", "1+1", "1+2"]
    assert not [r for r in verify(proof, load_issue(root)) if r.missing]


def test_a_cover_that_fits_is_one_page_without_folio(tmp_path):
    root = issue(tmp_path, 2, cover_lines=4)
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    text = PdfReader(output).pages[0].extract_text()
    assert "Cover line number 3 of the issue" in text and "TESTMAG" in text
    assert "№9" in text.split("TESTMAG")[1]  # the issue line under the masthead …
    assert len(PdfReader(output).pages) == 4  # … and no folio, no extra page
