"""Proof rounds as editors use them, and one build folder per issue.

A round once sent is kept as it was sent; the next proof starts the next round. Two issues
proofed in one checkout keep their rounds, fit reports and previews apart, and a diff of two
different issues is refused.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli, write_minimal_issue


def article(text: str) -> str:
    return f'---\nkind: feature\ntitle: "Rounds"\npages: 1\n---\n{text}\n'


def small(root, number: int, text: str = "The first version."):
    root = write_minimal_issue(root, {slug: article(text) for slug in "abcd"})
    yaml = root / "issue.yaml"
    yaml.write_text(yaml.read_text().replace("№9", f"№{number}").replace("number: 9",
                                                                          f"number: {number}"))
    return root


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A checkout's folder to run in: outputs go to its build/."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_sent_round_is_never_written_again(checkout):
    issue = small(checkout / "issue", 9)
    proofs = checkout / "build" / "testmag-2024-09" / "proofs"
    first = run_cli("proof", issue, "--no-preview")
    assert first.exit_code == 0, first.output
    assert "round 1 (working): build/testmag-2024-09/proofs/round-1.pdf" in first.stdout
    again = run_cli("proof", issue, "--no-preview", "--send")  # round 1 again, then sent
    assert again.exit_code == 0, again.output
    assert "is kept as sent; the next proof starts the next round" in again.stdout
    sent = (proofs / "round-1.pdf").read_bytes()
    marker = json.loads((proofs / "round-1.sent").read_text())
    assert marker["round"] == 1 and len(marker["sha256"]) == 64

    article_file = issue / "articles" / "a.md"
    article_file.write_text(article("The second version, after the authors' corrections."))
    second = run_cli("proof", issue, "--no-preview")
    assert "round 2 (working)" in second.stdout
    assert (proofs / "round-1.pdf").read_bytes() == sent  # as the authors got it
    assert sorted(p.name for p in proofs.glob("round-*.pdf")) == ["round-1.pdf", "round-2.pdf"]

    refused = run_cli("proof", issue, "--no-preview", "--round", "1")
    assert refused.exit_code == 2
    assert "round 1 is kept as it was: round 2 has been started since" in refused.stderr
    assert (proofs / "round-1.pdf").read_bytes() == sent
    run_cli("proof", issue, "--no-preview", "--send")
    resend = run_cli("proof", issue, "--no-preview", "--round", "2")
    assert resend.exit_code == 2 and "round 2 was sent on " in resend.stderr
    assert "--round 3" in resend.stderr

    changed = run_cli("diff", "--issue", issue)  # the last two rounds: 1 and 2
    assert changed.exit_code == 0, changed.output
    assert "round-1.pdf (OLD) with" in changed.stdout and "p. 1 changed" in changed.stdout
    assert list((checkout / "build" / "testmag-2024-09" / "diff").glob("diff-*.png"))


def test_two_issues_in_one_checkout_keep_their_own_folders(checkout):
    first, second = small(checkout / "issue-9", 9), small(checkout / "issue-10", 10, "Other.")
    for issue in (first, second):
        result = run_cli("proof", issue)
        assert result.exit_code == 0, result.output
    own = {stem: checkout / "build" / stem for stem in ("testmag-2024-09", "testmag-2024-10")}
    for stem, folder in own.items():
        assert (folder / f"{stem}-proof.pdf").is_file()
        assert json.loads((folder / "fit.json").read_text())["issue"] == \
            ("№9 (01-02) 2024" if stem.endswith("09") else "№10 (01-02) 2024")
        assert (folder / "proofs" / "round-1.pdf").is_file()
        assert (folder / "preview" / "contact.png").is_file()
        assert (folder / "cache").is_dir()
    assert sorted(p.name for p in (checkout / "build").iterdir()) == sorted(own)

    nine, ten = (own[s] / "proofs" / "round-1.pdf" for s in own)
    refused = run_cli("diff", nine, ten)
    assert refused.exit_code == 2
    assert "two different issues" in refused.stderr and "--any-issues" in refused.stderr
    assert not (own["testmag-2024-10"] / "diff").exists()
    anyway = run_cli("diff", nine, ten, "--any-issues")
    assert anyway.exit_code == 0 and "changed" in anyway.stdout
    assert list((own["testmag-2024-10"] / "diff").glob("diff-*.png"))  # the newer's folder


def test_outputs_go_beside_the_issue_wherever_the_command_runs(tmp_path, monkeypatch):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    issue = small(project / "issue", 9)
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("proof", issue, "--no-preview")
    assert result.exit_code == 0, result.output
    folder = project / "build" / "testmag-2024-09"
    assert (folder / "proofs" / "round-1.pdf").is_file() and (folder / "fit.json").is_file()
    assert f"{folder}/proofs/round-1.pdf" in result.stdout  # outside the working folder: whole
    assert not list(elsewhere.iterdir())  # nothing where the command ran
    told = run_cli("output", issue)
    assert told.stdout.strip() == f"{folder}/testmag-2024-09.pdf"


def test_a_copy_of_an_issue_beside_it_never_gets_into_its_rounds(checkout):
    issue = small(checkout / "issue", 9)
    assert run_cli("proof", issue, "--no-preview").exit_code == 0
    proofs = checkout / "build" / "testmag-2024-09" / "proofs"
    kept = (proofs / "round-1.pdf").read_bytes()
    copy = small(checkout / "issue-copy", 9, "The copy's own text.")
    for command in (("proof", copy, "--no-preview"), ("build", copy), ("diff", "--issue", copy)):
        refused = run_cli(*command)
        assert refused.exit_code == 2, (command, refused.output)
        assert "is a copy of the issue in" in refused.stderr and str(issue) in refused.stderr
        assert "a folder of its own" in refused.stderr and "Traceback" not in refused.output
    assert (proofs / "round-1.pdf").read_bytes() == kept
    assert sorted(p.name for p in proofs.glob("round-*.pdf")) == ["round-1.pdf"]

    alone = small(checkout / "trial" / "issue", 9, "The copy's own text.")  # its own folder
    result = run_cli("proof", alone, "--no-preview")
    assert result.exit_code == 0, result.output
    assert (checkout / "trial" / "build" / "testmag-2024-09" / "proofs" / "round-1.pdf").is_file()
    elsewhere = run_cli("build", copy, "-o", checkout / "copy.pdf")  # -o: the copy's choice
    assert elsewhere.exit_code == 0, elsewhere.output

    issue.rename(checkout / "issue-old")  # the first issue folder gone: the copy takes over
    taken = run_cli("proof", copy, "--no-preview")
    assert taken.exit_code == 0, taken.output
    assert "round 1 (working)" in taken.stdout  # the working round was never sent
    assert (checkout / "build" / "testmag-2024-09" / ".issue-folder").read_text().strip() \
        == str(copy.resolve())
