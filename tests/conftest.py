"""Shared fixtures: the real issue is built once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from layout.build import build
from layout.cli import main
from layout.content import load_issue

ROOT = Path(__file__).resolve().parent.parent
ISSUE = ROOT / "issue"
# the cache key of the tests' own (compose/cache.py), not the user's: made on first use
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="adalazamat-tests-")


@pytest.fixture(scope="session")
def issue():
    return load_issue(ISSUE)


@pytest.fixture(scope="session")
def issue_pdf(tmp_path_factory) -> Path:
    """The real issue, built once."""
    return build(ISSUE, tmp_path_factory.mktemp("build") / "issue.pdf")


@pytest.fixture(scope="session")
def plumbed(issue_pdf):
    with pdfplumber.open(issue_pdf) as pdf:
        yield pdf


@pytest.fixture
def issue_copy(tmp_path) -> Path:
    """A writable copy of the real issue, to break or change."""
    target = tmp_path / "issue"
    shutil.copytree(ISSUE, target)
    return target


def run_cli(*args: str):
    """Run the `layout` command in-process; exceptions propagate (a traceback fails the test)."""
    runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def write_minimal_issue(root: Path, articles: dict[str, str], flatplan: list[str] | None = None,
                        pages: int | None = None) -> Path:
    """A small issue folder: issue.yaml, the real theme, and the given article files."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    shutil.copy(ISSUE / "theme.yaml", root / "theme.yaml")
    plan = flatplan if flatplan is not None else list(articles)
    lines = ["magazine: TESTMAG", 'issue: "№9 (01-02) 2024"', "year: 2024", "number: 9",
             "language: en", "bleed: 3mm", "flatplan:"] + [f"  - {slug}" for slug in plan]
    (root / "issue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for slug, text in articles.items():
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root
