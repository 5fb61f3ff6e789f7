"""A command loads only what it uses: start-up is part of every build and every rebuild.

Each case runs in a fresh interpreter (this one has loaded everything the other tests use)
and lists the modules loaded once the work is done.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, write_minimal_issue

# what only the checks, the desk, previews and the tests read PDFs with
# (numpy is the build's own: pictures are held within the ink limit with it)
NOT_FOR_BUILDING = ("pdfplumber", "pdfminer", "pikepdf", "pypdfium2", "layout.checks",
                    "layout.serve", "layout.watch")


def _loaded(code: str) -> list[str]:
    """The modules loaded after running `code` in a fresh interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def _under(modules: list[str], packages) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)]


def test_layout_build_loads_no_checker_desk_or_pdf_reader(tmp_path):
    article = '---\nkind: feature\ntitle: "Start-up"\npages: 1\n---\nA short text.\n'
    root = write_minimal_issue(tmp_path / "issue", {slug: article for slug in "abcd"})
    output = tmp_path / "out.pdf"
    code = ("import sys\nfrom layout.cli import main\n"
            f"sys.argv = ['layout', 'build', {str(root)!r}, '-o', {str(output)!r}]\n"
            "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code")
    modules = _loaded(code)
    assert output.stat().st_size > 0
    assert _under(modules, NOT_FOR_BUILDING) == []


def test_the_command_line_loads_no_engine_before_a_command_runs():
    modules = _loaded("import layout.cli")
    assert _under(modules, ("reportlab", "pypdf", "PIL", "yaml", "markdown_it",
                            *NOT_FOR_BUILDING)) == []


def test_reading_an_issue_loads_no_reportlab_and_no_composer():
    """Content checks an article against its kind's keys; the kind's story, and ReportLab
    with it, is loaded only when the article is composed."""
    modules = _loaded("import layout.content\nlayout.content.load_issue('issue')")
    assert _under(modules, ("reportlab", "pypdf", "layout.compose", "layout.press",
                            *NOT_FOR_BUILDING)) == []
    assert "layout.kinds.feature" in modules  # the kinds were read: their keys checked
