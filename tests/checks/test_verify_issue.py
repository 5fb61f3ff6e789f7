"""`layout verify` and the make targets take the issue folder, and refuse another's PDF."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT, run_cli, write_minimal_issue

ARTICLE = "---\nkind: feature\ntitle: \"A\"\npages: 1\n---\nThe text of {slug}.\n"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = write_minimal_issue(tmp_path_factory.mktemp("small") / "issue",
                               {k: ARTICLE.format(slug=k) for k in "abcd"})
    return root


def test_verify_refuses_a_pdf_of_another_issue(small, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # where issue/ is the default folder
    output = tmp_path / "small.pdf"
    assert run_cli("build", small, "-o", output).exit_code == 0
    wrong = run_cli("verify", output)  # issue/ by default: №1, not the small issue's №9
    assert wrong.exit_code == 2
    assert wrong.stderr == (f"error: {output}: this PDF is 'TESTMAG №9 (01-02) 2024', not "
                            f"'ADALAZAMAT №1 (01-02) 2023' of issue/ — give the issue folder it "
                            "was built from: layout verify PDF ISSUE_DIR\n")
    right = run_cli("verify", output, small)
    assert right.exit_code == 0
    assert right.stdout.startswith("all 60 characters of 4 articles found as typed")


def test_make_targets_take_the_issue_folder(small, tmp_path):
    """`make verify ISSUE=…` builds that issue's own PDF, beside the issue folder wherever make
    runs, and verifies it against it."""
    command = ["make", "-s", "-f", str(ROOT / "Makefile"), "verify", f"ISSUE={small}"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pdf = small.parent / "build" / "testmag-2024-09" / "testmag-2024-09.pdf"
    assert f"wrote {pdf}" in result.stdout
    assert f"all 60 characters of 4 articles found as typed, in order, in {pdf}" in result.stdout
    assert pdf.exists() and not (tmp_path / "build").exists()

