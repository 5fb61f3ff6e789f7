"""No page of the real issue is more than a third empty, but those kept for pictures."""

from __future__ import annotations

from layout.checks.fill import THIRD, page_fills
from tests.conftest import ISSUE, run_cli, write_minimal_issue


def test_the_real_issue_has_no_holes(issue_pdf):
    fills = page_fills(issue_pdf, ISSUE)
    holes = [(f.label, f.slug, round(f.empty, 2)) for f in fills
             if f.empty > THIRD and not f.kept_for_picture]
    assert holes == []
    kept = {f.slug for f in fills if f.kept_for_picture}
    assert kept and all(f.empty > 0 for f in fills if f.kept_for_picture)


def test_a_half_empty_page_is_found(tmp_path):
    text = "A sentence of the article that goes on. " * 110
    articles = {"a": f"---\nkind: feature\ntitle: \"A\"\npages: 2\n---\n{text}\n",
                "b": "---\nkind: feature\ntitle: \"B\"\npages: 2\n---\n" + text * 2 + "\n"}
    root = write_minimal_issue(tmp_path / "issue", articles)
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    fills = {f.label: f for f in page_fills(tmp_path / "out.pdf", root)}
    assert fills["2"].empty > 0.9  # the first article's second page: nothing but the folio
    assert fills["3"].empty < 0.1



def test_the_check_commands_say_what_is_wrong_with_their_pdf_argument(tmp_path, capsys):
    """A missing, empty, unreadable, non-PDF or truncated file: one line and exit 2."""
    import os

    from layout.checks import fill, typo

    cases = {"missing.pdf": None, "empty.pdf": b"", "notes.pdf": b"minutes of the meeting\n",
             "cut.pdf": b"%PDF-1.7\n1 0 obj\n<<"}
    for name, data in cases.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
    if os.geteuid() != 0:  # root reads a file of mode 000
        (tmp_path / "locked.pdf").write_bytes(b"%PDF-1.7\n")
        (tmp_path / "locked.pdf").chmod(0)
        cases["locked.pdf"] = b""
    for main in (fill.main, typo.main):
        for name in cases:
            assert main([str(tmp_path / name)]) == 2, (main, name)
            said = capsys.readouterr().err
            assert said.startswith(f"error: {tmp_path / name}") and said.count("\n") == 1, said
