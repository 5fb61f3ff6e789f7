"""The desk as the tests start it: `layout serve` on a small issue, in its own process."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, write_minimal_issue

LONG = "\n\n".join(["The forum gathered civil society from every region of the country. " * 7]
                   * 16)


def article(body: str, title: str = "A test article") -> str:
    return f"---\nkind: feature\ntitle: \"{title}\"\npages: 1\n---\n{body}\n"


@pytest.fixture
def desk(tmp_path):
    """`layout serve` on a small issue whose first article is overset; yields its URL."""
    root = write_minimal_issue(tmp_path / "issue", {
        "forum": article(LONG, "The civil forum"), "letter": article("A short letter."),
        "news": article("A short brief."), "closing": article("A last word.")})
    command = [sys.executable, "-m", "layout", "serve", str(root), "--port", "0"]
    with subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}) as process:
        try:
            first = process.stdout.readline()
            url = re.search(r"at (http://127\.0\.0\.1:\d+/) ", first)
            assert url, first + process.stderr.read()
            assert "wrote" in process.stdout.readline()  # the first proof
            yield url.group(1), root, tmp_path
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0
        assert "stopped serving" in process.stdout.read()


