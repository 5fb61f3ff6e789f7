"""One output rule for every command: nothing the product did not write is replaced or
deleted, and nothing is written over a device, a FIFO, a socket, a symbolic link, the
input, the issue folder or a folder of someone else's files."""

from __future__ import annotations

import os
import shutil
import socket
import stat

import pytest

from layout.checks.previews import png_bytes
from layout.handoff import STAGING_MARK, remove_stale_staging
from tests.conftest import run_cli, write_minimal_issue

ARTICLE = "---\nkind: feature\ntitle: \"Out\"\npages: 1\n---\nA few words of text.\n"


@pytest.fixture
def issue(tmp_path):
    return write_minimal_issue(tmp_path / "issue", {k: ARTICLE for k in "abcd"})


def special(tmp_path, kind: str):
    """A FIFO, a socket or (as root, in this scratch folder only) a device node."""
    path = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
    return path


@pytest.mark.parametrize("kind, words", [("device", "is a device"),
                                         ("fifo", "is a named pipe (FIFO)"),
                                         ("socket", "is a socket")])
@pytest.mark.parametrize("command", ["build", "proof"])
def test_a_special_file_is_never_replaced(issue, tmp_path, kind, words, command):
    target = special(tmp_path, kind)
    before = os.lstat(target)
    result = run_cli(command, issue, "-o", target)
    assert result.exit_code == 2
    assert f"{target}: {words}, not a file to write" in result.stderr
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino,
                                                            before.st_rdev)


def test_a_symlink_is_refused_and_its_target_named(issue, tmp_path):
    real = tmp_path / "real.pdf"
    real.write_bytes(b"someone's PDF")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    result = run_cli("build", issue, "-o", link)
    assert result.exit_code == 2
    assert f"{link}: is a symbolic link to {real}" in result.stderr
    assert link.is_symlink() and real.read_bytes() == b"someone's PDF"


def test_a_file_we_did_not_write_the_input_and_the_issue_folder_are_refused(issue, tmp_path):
    theirs = tmp_path / "report.pdf"
    theirs.write_bytes(b"%PDF-1.7 another tool's report")
    result = run_cli("build", issue, "-o", theirs)
    assert result.exit_code == 2 and "ADALAZAMAT layout did not write" in result.stderr
    assert theirs.read_bytes() == b"%PDF-1.7 another tool's report"
    yaml = (issue / "issue.yaml").read_bytes()
    result = run_cli("build", issue, "-o", issue / "issue.yaml")
    assert result.exit_code == 2 and "is the input of this command" in result.stderr
    assert (issue / "issue.yaml").read_bytes() == yaml
    result = run_cli("build", issue, "-o", issue / "out.pdf")
    assert result.exit_code == 2 and "is inside the issue folder" in result.stderr
    assert not (issue / "out.pdf").exists()


def test_our_own_pdf_is_replaced_and_the_imposed_input_is_not(issue, tmp_path):
    pdf = tmp_path / "out" / "issue.pdf"
    assert run_cli("build", issue, "-o", pdf).exit_code == 0
    assert run_cli("build", issue, "-o", pdf).exit_code == 0  # ours: replaced
    printed = pdf.read_bytes()
    result = run_cli("impose", pdf, "-o", pdf)
    assert result.exit_code == 2 and "is the input of this command" in result.stderr
    assert pdf.read_bytes() == printed


def test_option_errors_for_a_folder_name_and_a_name_too_long(issue, tmp_path):
    result = run_cli("build", issue, "-o", f"{tmp_path / 'newdir'}/")
    assert result.exit_code == 2 and "names a folder (it ends with '/')" in result.output
    assert not (tmp_path / "newdir").exists()
    result = run_cli("build", issue, "-o", tmp_path / ("a" * 300 + ".pdf"))
    assert result.exit_code == 2 and "the name is too long" in result.output


def test_handoff_never_replaces_a_folder_of_other_files(issue, tmp_path, monkeypatch):
    drop = tmp_path / "printer-drop"
    (drop / "photos").mkdir(parents=True)
    (drop / "contract.txt").write_text("signed")
    for folder, words in ((drop, "is not a hand-off written by ADALAZAMAT layout"),
                          (issue, "is the issue folder"), (tmp_path, "is the issue folder"),
                          (tmp_path / "sub" / "..", "is the issue folder")):
        result = run_cli("handoff", issue, "-o", folder)
        assert result.exit_code == 2 and words in result.stderr, (folder, result.stderr)
    assert (drop / "contract.txt").read_text() == "signed" and (drop / "photos").is_dir()
    assert sorted(p.name for p in issue.iterdir()) == ["articles", "issue.yaml", "theme.yaml"]


def test_a_killed_handoffs_staging_is_removed_by_the_next(tmp_path):
    folder = tmp_path / "handoff"
    dead = tmp_path / ".handoff.staging-abc"
    dead.mkdir()
    (dead / STAGING_MARK).write_text("999999999\n")  # no such process
    (dead / "issue.pdf").write_bytes(b"half")
    alive = tmp_path / ".handoff.staging-def"
    alive.mkdir()
    (alive / STAGING_MARK).write_text(f"{os.getpid()}\n")  # a hand-off still running
    unmarked = tmp_path / ".handoff.staging-ghi"
    unmarked.mkdir()  # not ours: no mark
    remove_stale_staging(folder)
    assert not dead.exists() and alive.exists() and unmarked.exists()


def test_preview_and_diff_never_delete_the_users_pictures(issue, tmp_path):
    pdf = tmp_path / "out" / "issue.pdf"
    assert run_cli("build", issue, "-o", pdf).exit_code == 0
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "page-001.png").write_bytes(b"the user's own picture")
    (folder / "diff-1-2.png").write_bytes(b"the user's own picture")
    for args in (("preview", pdf, "-o", folder), ("diff", pdf, pdf, "-o", folder)):
        result = run_cli(*args)
        assert result.exit_code == 2 and "did not write" in result.stderr, result.output
    assert (folder / "page-001.png").read_bytes() == b"the user's own picture"
    assert (folder / "diff-1-2.png").read_bytes() == b"the user's own picture"
    ours = tmp_path / "ours"
    assert run_cli("preview", pdf, "-o", ours).exit_code == 0
    from PIL import Image

    (ours / "page-009.png").write_bytes(png_bytes(Image.new("RGB", (2, 2))))  # an earlier PDF's
    assert run_cli("preview", pdf, "-o", ours).exit_code == 0  # ours: replaced and removed
    assert not (ours / "page-009.png").exists() and (ours / "page-004.png").exists()
    shutil.rmtree(ours)


def test_the_input_by_another_spelling_and_a_symlinked_rounds_folder_are_refused(issue,
                                                                                  tmp_path):
    """The hostile run: `impose X -o sub/../X` (sub not there yet) replaced the print PDF
    with its sheets; a proof wrote its round through a symlinked proofs/ folder."""
    pdf = tmp_path / "issue.pdf"
    assert run_cli("build", issue, "-o", pdf).exit_code == 0
    printed = pdf.read_bytes()
    result = run_cli("impose", pdf, "-o", tmp_path / "sub" / ".." / "issue.pdf")
    assert result.exit_code == 2 and "is the input of this command" in result.stderr
    assert pdf.read_bytes() == printed
    out, victim = tmp_path / "proof", tmp_path / "victim"
    out.mkdir()
    victim.mkdir()
    (out / "proofs").symlink_to(victim)
    result = run_cli("proof", issue, "-o", out / "proof.pdf")
    assert result.exit_code == 2 and f"is a symbolic link to {victim}" in result.stderr
    assert list(victim.iterdir()) == []
    result = run_cli("preview", pdf, "-o", tmp_path / "issue.pdf")
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr


def test_a_forged_job_ticket_does_not_make_the_users_file_ours(issue, tmp_path):
    """A ticket listing a file by name and size only made it ours to delete: the checksum
    it lists must match too."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "contract.txt").write_text("signed")
    (drop / "job-ticket.txt").write_text("JOB TICKET  forged\n  " + "0" * 64
                                         + " 6 contract.txt\n")
    result = run_cli("handoff", issue, "-o", drop)
    assert result.exit_code == 2 and "'contract.txt'" in result.stderr, result.output
    assert (drop / "contract.txt").read_text() == "signed"


def test_make_exits_2_for_any_failed_step_and_the_readme_says_the_steps_own_code(tmp_path):
    """`make` gives 2 for a failed recipe whatever its code; README says where the layout
    command's own code (1 a check failed, 2 bad input) is to be read."""
    import subprocess

    from tests.conftest import ROOT, write_minimal_issue

    long_text = "---\nkind: feature\ntitle: \"Long\"\npages: 1\n---\n" + "Word " * 4000 + "\n"
    cases = {"bad": ("---\nkind: feature\ntitle: \"T\npages: 1\n---\nText.\n", "Error 2"),
             "overset": (long_text, "Error 1")}
    for name, (text, step) in cases.items():
        root = write_minimal_issue(tmp_path / name, {f"a{k}": text for k in range(4)})
        done = subprocess.run(["make", "-s", "-C", str(ROOT), "proof", f"ISSUE={root}"],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 2, (name, done.stdout, done.stderr)
        assert step in done.stderr, (name, done.stderr)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "A `make` target exits 2 whenever a step fails, whatever the step's own code" in readme
    assert "the step's code is the number after `Error`" in readme
