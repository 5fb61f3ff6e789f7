"""The article cache: a change recomposes only what it touches, and never changes the bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyphen
import pytest
from pypdf import PdfReader

from layout.build import build
from layout.compose.cache import remembered
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


def test_parsed_data_is_read_back_until_its_file_or_library_changes(tmp_path):
    source, folder, calls = tmp_path / "words.dic", tmp_path / "cache", []
    source.write_text("patterns")

    def parse():
        calls.append(source.read_text())
        return {"parsed": source.read_text()}

    assert remembered(folder, source, "lib 1", parse) == {"parsed": "patterns"}
    assert remembered(folder, source, "lib 1", parse) == {"parsed": "patterns"}
    assert len(calls) == 1
    remembered(folder, source, "lib 2", parse)  # another version of the parsing library
    source.write_text("other patterns")
    assert remembered(folder, source, "lib 2", parse) == {"parsed": "other patterns"}
    assert len(calls) == 3
    for entry in folder.iterdir():
        entry.write_bytes(b"damaged")  # a damaged entry is parsed again, never an error
    assert remembered(folder, source, "lib 2", parse) == {"parsed": "other patterns"}
    assert len(calls) == 4
    assert remembered(None, source, "lib 2", parse) and len(calls) == 5  # no folder: no cache


def test_cached_hyphenation_patterns_break_words_as_the_dictionary_does(tmp_path):
    source = Path(pyphen.LANGUAGES["en_GB"])
    fresh = remembered(tmp_path, source, "test", lambda: pyphen.Pyphen(lang="en_GB"))
    cached = remembered(tmp_path, source, "test", lambda: pytest.fail("parsed twice"))
    words = ["society", "democracy", "independent", "organisations", "responsibility",
             "parliamentary", "Kazakhstan", "volunteering"]
    assert [cached.positions(w) for w in words] == [fresh.positions(w) for w in words]
    assert sum(len(cached.positions(w)) for w in words) > 10
