"""`layout handoff`: one folder for the printer with exactly what a print shop needs, written
only when every preflight check passes."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from layout.handoff import handoff
from tests.conftest import ISSUE, run_cli, write_minimal_issue
from tests.tools import needs

pytestmark = needs("gs")
FILES = {"adalazamat-2023-01.pdf", "adalazamat-2023-01-sra3.pdf", "preflight.txt",
         "preflight.json", "job-ticket.txt"}


@pytest.fixture(scope="module")
def delivered(issue_pdf):
    result = handoff(ISSUE, build_dir=issue_pdf.parent, creep_mm=0.2)  # its cache is warm
    assert not result.failed
    return result.folder


def test_the_folder_holds_exactly_the_printers_files(delivered):
    assert {path.name for path in delivered.iterdir()} == FILES
    assert delivered.stat().st_mode & 0o055  # readable by others, not only the builder


def test_the_ticket_describes_the_job_and_its_files(delivered):
    ticket = (delivered / "job-ticket.txt").read_text(encoding="utf-8")
    for expected in ("title:         ADALAZAMAT №1 (01-02) 2023", "trim:          210 x 297 mm",
                     "bleed:         3 mm on every side", "pages:         44",
                     "saddle stitch; imposed two-up on SRA3 (450 x 320 mm): 11 sheets",
                     "creep 0.20 mm", "output intent: FOGRA39", "PDF/X-4",
                     "process C, M, Y, K; no spot colours", "NotoSerif-Regular (CID TrueType"):
        assert expected in ticket, expected
    listed = {line.split()[2]: line.split()[0] for line in ticket.splitlines()
              if line.startswith("  ") and len(line.split()) == 3}
    assert set(listed) == FILES - {"job-ticket.txt"}
    if shutil.which("sha256sum"):
        for name, digest in listed.items():
            out = subprocess.run(["sha256sum", str(delivered / name)], capture_output=True,
                                 text=True, check=True).stdout
            assert out.split()[0] == digest, name


def test_the_preflight_report_covers_both_files_and_they_pass(delivered):
    data = json.loads((delivered / "preflight.json").read_text(encoding="utf-8"))
    assert set(data) == {"adalazamat-2023-01.pdf", "adalazamat-2023-01-sra3.pdf"}
    assert all(report["failed"] is False for report in data.values())
    assert all(check["status"] == "pass" for report in data.values()
               for check in report["checks"])
    text = (delivered / "preflight.txt").read_text(encoding="utf-8")
    assert "adalazamat-2023-01-sra3.pdf: passed" in text and "font-subsets" in text


def test_nothing_is_written_when_a_check_fails(tmp_path):
    """Body text in rich black: the preflight fails, the CLI says so and writes no folder."""
    root = write_minimal_issue(tmp_path / "issue", {
        f"a{k}": '---\nkind: feature\ntitle: "Rich"\npages: 1\n---\nRich black text.\n'
        for k in range(4)})
    theme = root / "theme.yaml"
    theme.write_text(theme.read_text().replace("text: [0, 0, 0, 100]", "text: [60, 40, 40, 100]"))
    folder = tmp_path / "out" / "handoff"
    result = run_cli("handoff", root, "-o", folder)
    assert result.exit_code == 1, result.output
    assert "rich-black" in result.output and f"nothing written to {folder}" in result.output
    assert not folder.exists()
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".handoff")]
