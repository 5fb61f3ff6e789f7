"""`layout handoff`: one folder for the printer with exactly what a print shop needs, written
only when every preflight check passes."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from layout.handoff import handoff
from tests.conftest import ISSUE, run_cli, write_minimal_issue
from tests.tools import needs

pytestmark = needs("gs")
FILES = {"adalazamat-2023-01.pdf", "adalazamat-2023-01-sra3.pdf", "preflight.txt",
         "preflight.json", "job-ticket.txt"}


HANDED_OFF = datetime(2023, 1, 16, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def delivered(issue_pdf):
    warnings: list[str] = []
    result = handoff(ISSUE, build_dir=issue_pdf.parent, warnings=warnings,  # its cache is warm
                     now=HANDED_OFF)
    assert not result.failed
    # the print: block says all a shop needs; the real issue still keeps pages for pictures
    # to come, each said at its line
    spaces = [w for w in warnings if "picture_space" in w and "is still empty" in w]
    assert len(spaces) == sum("picture_space:" in path.read_text()
                              for path in (ISSUE / "articles").glob("*.md"))
    assert [w for w in warnings if w not in spaces] == [
        "adalazamat-2023-01-sra3.pdf: no register target at the foot: the 12 mm gripper "
        "margin leaves no room"]
    return result.folder


def test_the_folder_holds_exactly_the_printers_files(delivered):
    assert {path.name for path in delivered.iterdir()} == FILES
    assert delivered.stat().st_mode & 0o055  # readable by others, not only the builder


def test_the_ticket_describes_the_job_and_its_files(delivered):
    ticket = (delivered / "job-ticket.txt").read_text(encoding="utf-8")
    for expected in ("title:         ADALAZAMAT №1 (01-02) 2023", "trim:          210 x 297 mm",
                     "bleed:         3 mm on every side", "pages:         44",
                     "saddle stitch; imposed two-up on SRA3 (450 x 320 mm): 11 sheets",
                     "output intent: FOGRA39", "PDF/X-4",
                     "process C, M, Y, K; no spot colours", "NotoSerif-Regular (CID TrueType"):
        assert expected in ticket, expected


def test_the_ticket_says_what_the_shop_runs_the_job_from(delivered):
    """issue.yaml's print: block, the hand-off's own date, creep from the paper's thickness
    (0.09 mm x 10 sheets wrapped round the innermost), the theme's gripper margin."""
    ticket = (delivered / "job-ticket.txt").read_text(encoding="utf-8")
    for expected in ("handed off:    2023-01-16 09:30 UTC", "print run:     1500 copies",
                     "cover:         self-cover: the outer sheet of the text, on the text paper",
                     "text paper:    silk-coated offset, 115 g/m², coated, 0.09 mm thick",
                     "finishing:     2 staples", "proof:         contract proof wanted",
                     "delivery:      2023-01-20, to Editorial office, Astana",
                     "contact:       Production editor, print@example.org",
                     "creep 0.90 mm on the innermost sheet, gripper margin 12 mm on the foot",
                     "sheets:        no register target at the foot"):
        assert expected in ticket, expected


@needs("pdffonts")
def test_the_ticket_lists_every_font_of_both_files(delivered):
    """pdffonts of each file names exactly the fonts the ticket gives for it (the sheets'
    NotoSans-Regular subset carries the labels' text too, under a tag of its own)."""
    ticket = (delivered / "job-ticket.txt").read_text(encoding="utf-8")
    for name in ("adalazamat-2023-01.pdf", "adalazamat-2023-01-sra3.pdf"):
        line = next(line for line in ticket.splitlines() if f"{name}: " in line
                    and "(CID" in line)
        listed = {part.split(" (")[0].strip() for part in line.split(f"{name}: ")[1].split("), ")}
        rows = subprocess.run(["pdffonts", str(delivered / name)], capture_output=True,
                              text=True, check=True).stdout.splitlines()[2:]
        assert listed == {row.split()[0] for row in rows}, name
    assert "the sheet labels' text in NotoSans-Regular" in ticket
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
    for missing in ("print.run: the print run", "print.text_paper: the text paper",
                    "print.finishing", "print.proof", "print.delivery", "print.contact"):
        assert f"issue.yaml: print: says nothing of {missing}" in result.output, missing
    assert not folder.exists()
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".handoff")]


def test_nothing_is_handed_off_when_verify_finds_the_text_not_as_typed(tmp_path, monkeypatch):
    """A PDF whose text reads back with a character lost (the reading tampered with, as a
    faulty font map would) is never handed off: verify runs before the sheets are made."""
    from layout.checks import verify as verify_module

    root = write_minimal_issue(tmp_path / "issue", {
        f"a{k}": f'---\nkind: feature\ntitle: "Text {k}"\npages: 1\n---\nEvery word counts.\n'
        for k in range(4)})
    real = verify_module.pdf_text

    def one_lost(pdf, first=0, last=None):
        drawn = real(pdf, first, last)
        at = drawn.text.find("counts")
        return verify_module.PageText(drawn.text[:at] + drawn.text[at + 1:],
                                      drawn.pages[:at] + drawn.pages[at + 1:])

    monkeypatch.setattr(verify_module, "pdf_text", one_lost)
    folder = tmp_path / "out" / "handoff"
    result = run_cli("handoff", root, "-o", folder)
    assert result.exit_code == 1, result.output
    assert "verify failed — the text is not as typed" in result.output
    assert "source 'Every word counts.'" in result.output
    assert f"nothing written to {folder}" in result.output
    assert not folder.exists()
