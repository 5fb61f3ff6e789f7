"""The article cache: a change recomposes only what it touches, and never changes the bytes."""

from __future__ import annotations

import shutil

from pypdf import PdfReader

from layout.build import build
from tests.conftest import ISSUE


def entries(folder):
    return {p.name for p in folder.glob("*.pickle")}


def test_one_changed_article_is_the_only_one_recomposed(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE, issue)
    output = tmp_path / "out" / "issue.pdf"
    build(issue, output)
    cache = output.parent / "cache"
    before = entries(cache)
    assert len(before) == 21  # every article, the generated cover and contents too

    path = issue / "articles" / "rey.md"
    path.write_text(path.read_text().replace("sincerely welcome you", "warmly welcome you"))
    cached = build(issue, output).read_bytes()
    after = entries(cache)
    assert {n.split("-")[0] for n in after - before} == {"rey"}
    assert len(after) == 21

    fresh = build(issue, tmp_path / "fresh" / "issue.pdf", use_cache=False)
    assert fresh.read_bytes() == cached
    assert not (tmp_path / "fresh" / "cache").exists()
    text = " ".join(PdfReader(fresh).pages[4].extract_text().split())
    assert "warmly welcome you" in text
