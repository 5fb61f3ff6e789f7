"""A full disk, for real: each command writing onto a small tmpfs filled to the last block
(ENOSPC from the kernel, not a mock) fails with exit 2 and a message saying so, leaves the
previous output byte for byte and no temporary file. Needs root (to mount); skipped, saying
why, where the mount is not possible."""

from __future__ import annotations

import errno
import os
import subprocess

import pytest

from layout.errors import IssueError
from layout.handoff import handoff
from tests.conftest import run_cli, write_minimal_issue
from tests.tools import needs

TEXT = "---\nkind: feature\ntitle: \"Full\"\npages: 1\n---\nThe disk is full tonight.\n"
FULL = "No space left on device — free some disk space, or choose another output with -o"


@pytest.fixture
def disk(tmp_path):
    """A 12 MB tmpfs of its own in the test's folder, unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system to fill needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m,mode=0755", "tmpfs",
                           str(mount)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk, leave: int = 0) -> None:
    """Fill the disk to its last block, then free `leave` bytes."""
    filler = disk / ".filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, bytes(1 << 20))
    except OSError as err:
        assert err.errno == errno.ENOSPC
    try:
        while True:  # the last partial megabyte, a block at a time
            os.write(fd, bytes(4096))
    except OSError:
        pass
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, os.path.getsize(filler) - leave)


def snapshot(folder) -> dict:
    """Every file under folder (the filler aside): name -> bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".filler"}


@pytest.fixture
def issue(tmp_path):
    return write_minimal_issue(tmp_path / "issue", {k: TEXT for k in "abcd"})


def test_build_proof_impose_preview_diff_onto_a_full_disk(disk, issue, tmp_path):
    pdf = tmp_path / "issue.pdf"
    assert run_cli("build", issue, "-o", pdf).exit_code == 0
    commands = {  # each writes its previous output while the disk has room
        "build": ["build", issue, "-o", disk / "issue.pdf"],
        "proof": ["proof", issue, "-o", disk / "proof" / "proof.pdf"],
        "impose": ["impose", pdf, "-o", disk / "sheets.pdf"],
        "preview": ["preview", pdf, "-o", disk / "preview"],
    }
    for args in commands.values():
        result = run_cli(*args)
        assert result.exit_code in (0, 1), result.output  # (1: a proof's overset report)
    (disk / "old.pdf").write_bytes(pdf.read_bytes())
    assert run_cli("build", issue, "-o", disk / "new.pdf", "--marks").exit_code == 0
    commands["diff"] = ["diff", disk / "old.pdf", disk / "new.pdf", "-o", disk / "diff"]
    assert run_cli(*commands["diff"]).exit_code == 0
    before = snapshot(disk)
    fill(disk)
    for name, args in commands.items():
        result = run_cli(*args)
        assert result.exit_code == 2, (name, result.output)
        assert FULL in result.stderr and "Traceback" not in result.output, (name, result.stderr)
        assert snapshot(disk) == before, name  # the previous output whole, no temporary file


@pytest.mark.parametrize("room", [0, 64 * 1024])
@needs("gs")
def test_handoff_onto_a_full_disk_keeps_the_last_handoff(disk, issue, tmp_path, room):
    """No room at all (not even the staging folder's mark fits), or room for the mark but
    not the PDF: the hand-off there before is left whole, no staging folder stays."""
    build_dir = tmp_path / "build"  # the PDF is built elsewhere: the hand-off is what fails
    assert not handoff(issue, disk / "drop", build_dir=build_dir).failed
    before = snapshot(disk)
    fill(disk, leave=room)
    with pytest.raises(IssueError) as raised:
        handoff(issue, disk / "drop", build_dir=build_dir)
    assert raised.value.exit_code == 2
    assert "No space left on device" in raised.value.message, raised.value
    assert "free some disk space" in raised.value.hint
    assert snapshot(disk) == before
    assert sorted(p.name for p in disk.iterdir()) == [".filler", "drop"]
