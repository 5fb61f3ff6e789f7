"""The article cache: data, not code; checked before use; keyed by everything that matters.

A change recomposes only what it touches and never changes the bytes; a damaged, tampered or
foreign entry is a miss, never an error, never code run, never a wrong page.
"""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import zlib
from pathlib import Path

import pyphen
import pytest
from pypdf import PdfReader

from layout.build import build, cache_folder
from layout.compose import cache as cache_module
from layout.compose.cache import MAGIC, _digest, read_entry, remembered, write_entry
from layout.compose.pages import ComposedArticle
from layout.compose.patterns import dictionary
from layout.press.pdfx import PROFILE
from tests.conftest import ISSUE, write_minimal_issue

BODY = ("Extraordinarily international organisations coordinate responsibilities. " * 12
        + "\n\n") * 3


def entries(folder: Path) -> dict[str, str]:
    """slug -> key of each article entry."""
    return {p.name.split(".")[0]: p.name.split(".")[1] for p in folder.glob("*.entry")
            if not p.name.startswith("hyph_")}


def small(tmp_path: Path, language_line: str = "") -> Path:
    article = ("---\nkind: feature\ntitle: \"Cache\"\npages: 1\n" + language_line + "---\n"
               + BODY)
    return write_minimal_issue(tmp_path / "issue", {k: article for k in "abcd"})


def test_one_changed_article_is_the_only_one_recomposed(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE, issue)
    output = tmp_path / "out" / "issue.pdf"
    build(issue, output)
    cache = tmp_path / "build" / "adalazamat-2023-01" / "cache"  # the project's, not beside the PDF
    assert cache_folder(issue) == cache and not (output.parent / "cache").exists()
    before = entries(cache)
    assert len(before) == 21  # every article, the generated cover and contents too
    assert all(p.read_bytes().startswith(MAGIC) for p in cache.glob("*.entry"))

    path = issue / "articles" / "rey.md"
    path.write_text(path.read_text().replace("sincerely welcome you", "warmly welcome you"))
    cached = build(issue, output).read_bytes()
    after = entries(cache)
    assert {slug for slug in after if after[slug] != before[slug]} == {"rey"}
    assert len(list(cache.glob("rey.*"))) == 1  # the old entry is gone

    fresh = build(issue, tmp_path / "fresh" / "issue.pdf", use_cache=False)
    assert fresh.read_bytes() == cached
    text = " ".join(PdfReader(fresh).pages[4].extract_text().split())
    assert "warmly welcome you" in text


def test_a_planted_pickle_is_never_run_and_the_pdf_stays_right(tmp_path):
    root = small(tmp_path)
    fresh = build(root, tmp_path / "fresh.pdf", use_cache=False).read_bytes()
    build(root, tmp_path / "first.pdf")
    cache = cache_folder(root)
    witness = tmp_path / "code-ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {witness}",))

    planted = list(cache.glob("*.entry"))
    assert len(entries(cache)) == 4  # (and the hyphenation patterns, if parsed here)
    for entry in planted:
        entry.write_bytes(pickle.dumps(Payload()))
    (cache / "a-0123456789abcdef.pickle").write_bytes(pickle.dumps(Payload()))  # old format
    assert build(root, tmp_path / "again.pdf").read_bytes() == fresh
    assert not witness.exists()
    assert all(p.read_bytes().startswith(MAGIC) for p in cache.glob("*.entry"))  # as data
    assert (cache / "a-0123456789abcdef.pickle").exists()  # not ours: never removed


def test_an_entry_that_fails_its_digest_is_rebuilt(tmp_path):
    root = small(tmp_path)
    fresh = build(root, tmp_path / "fresh.pdf", use_cache=False).read_bytes()
    build(root, tmp_path / "first.pdf")
    entry = next(cache_folder(root).glob("b.*.entry"))
    data = bytearray(entry.read_bytes())
    at = data.index(b"(Cache)")  # the article's title in its PDF, far into the entry
    data[at + 1: at + 6] = b"WRONG"  # same length: only the digest can tell
    entry.write_bytes(bytes(data))
    assert build(root, tmp_path / "second.pdf").read_bytes() == fresh
    assert b"(WRONG)" not in entry.read_bytes()  # rewritten
    entry.write_bytes(entry.read_bytes()[:500])  # truncated, as a full disk would leave it
    assert build(root, tmp_path / "third.pdf").read_bytes() == fresh


def test_entries_are_bound_to_their_key_and_to_the_codes_fields(tmp_path):
    value = (ComposedArticle("a", 3, b"%PDF-1.4 bytes", 2, notes=["note"], lowest_y=12.5),
             {"pages": [1, 2]})
    path = tmp_path / "a.key.entry"
    write_entry(path, "key", value)
    assert read_entry(path, "key") == value
    assert read_entry(path, "another key") is None  # copied under another name: a miss
    for damage in (b"\x80\x04not json", b"{}", b'{"@dataclass":"os:system","fields":{}}'):
        length = str(len(damage)).encode()
        digest = _digest("key", length, damage).encode()
        path.write_bytes(MAGIC + digest + b"\n" + length + b"\n" + damage)
        assert read_entry(path, "key") is None
    header = (b'{"@dataclass":"layout.compose.pages:ComposedArticle","fields":'
              b'{"slug":"a","first_page":3,"pdf":null,"pages":2}}')  # fields of an old version
    length = str(len(header)).encode()
    digest = _digest("key", length, header).encode()
    path.write_bytes(MAGIC + digest + b"\n" + length + b"\n" + header)
    assert read_entry(path, "key") is None


def test_an_entry_written_without_the_users_key_is_a_miss(tmp_path, monkeypatch):
    """Someone who can write the cache but not read the user's key cannot make an entry the
    build trusts, even one whose digest they computed as the format says."""
    value = (ComposedArticle("a", 3, b"%PDF-1.4 forged", 2), {"pages": [1]})
    path = tmp_path / "a.key.entry"
    monkeypatch.setattr(cache_module, "_secret", lambda: b"\0" * 32)  # the forger's key
    write_entry(path, "key", value)
    assert read_entry(path, "key") == value
    monkeypatch.undo()
    assert read_entry(path, "key") is None
    key = Path(os.environ["XDG_CACHE_HOME"]) / "adalazamat" / "cache-key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32


def test_the_issue_language_and_the_theme_are_in_the_key(tmp_path):
    root = small(tmp_path)
    build(root, tmp_path / "en.pdf")
    cache = cache_folder(root)
    english = entries(cache)
    (root / "issue.yaml").write_text((root / "issue.yaml").read_text()
                                     .replace("language: en", "language: ru"))
    russian = build(root, tmp_path / "ru.pdf").read_bytes()
    assert all(entries(cache)[slug] != english[slug] for slug in english)
    assert russian == build(root, tmp_path / "ru-fresh.pdf", use_cache=False).read_bytes()

    (root / "articles" / "a.md").write_text((root / "articles" / "a.md").read_text()
                                           .replace("pages: 1", "pages: 1\nlanguage: en"))
    keys = entries(cache)
    build(root, tmp_path / "mixed.pdf")
    assert [slug for slug in keys if entries(cache)[slug] != keys[slug]] == ["a"]

    theme = root / "theme.yaml"
    keys = entries(cache)
    theme.write_text(theme.read_text().replace("gutter: 5mm", "gutter: 6mm"))
    build(root, tmp_path / "theme.pdf")
    assert all(entries(cache)[slug] != keys[slug] for slug in keys)


def test_a_picture_is_in_its_articles_key(tmp_path):
    from PIL import Image

    figure = "::: figure images/p.png\nA caption.\n:::\n"
    root = small(tmp_path)
    article = root / "articles" / "a.md"
    article.write_text(article.read_text() + "\n" + figure)
    (root / "images").mkdir()
    Image.new("RGB", (800, 600), "red").save(root / "images" / "p.png")
    build(root, tmp_path / "red.pdf")
    keys = entries(cache_folder(root))
    Image.new("RGB", (800, 600), "blue").save(root / "images" / "p.png")
    warnings: list[str] = []
    blue = build(root, tmp_path / "blue.pdf", warnings=warnings).read_bytes()
    assert [slug for slug in keys if entries(cache_folder(root))[slug] != keys[slug]] == ["a"]
    again: list[str] = []  # from the cache: the picture's placement (its ppi) comes back too
    assert build(root, tmp_path / "again.pdf", warnings=again).read_bytes() == blue
    assert again == warnings and any("prints at 236 ppi" in w for w in warnings)


def output_profile(pdf: Path) -> bytes:
    intent = PdfReader(pdf).trailer["/Root"]["/OutputIntents"][0].get_object()
    return intent["/DestOutputProfile"].get_object().get_data()


def test_a_damaged_press_profile_cache_is_made_again(tmp_path):
    root = small(tmp_path)
    build(root, tmp_path / "first.pdf")
    (cached,) = cache_folder(root).glob("profile-*.zlib")
    cached.write_bytes(cached.read_bytes()[:1000])  # what a full disk used to leave
    pdf = build(root, tmp_path / "second.pdf")
    assert output_profile(pdf) == PROFILE.read_bytes()
    assert zlib.decompress(cached.read_bytes()) == PROFILE.read_bytes()


def test_a_full_disk_leaves_no_partial_cache_entry(tmp_path, monkeypatch):
    import layout.files

    class FullDisk:
        """The os module, but every file written fills the disk after 4 kB."""

        def __getattr__(self, name):
            return getattr(os, name)

        def fdopen(self, fd, mode):
            return _FullFile(fd)

    root = small(tmp_path)
    pdf = tmp_path / "out" / "issue.pdf"
    monkeypatch.setattr(layout.files, "os", FullDisk())
    with pytest.raises(Exception, match="No space left on device — free some disk space"):
        build(root, pdf)  # the PDF cannot be written either, and the error says why
    monkeypatch.undo()
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and p.stat().st_size > 4096
                 and p.parent.name in ("cache", "out")]
    assert leftovers == [] and not list(tmp_path.rglob("*.tmp"))
    assert output_profile(build(root, pdf)) == PROFILE.read_bytes()


class _FullFile:
    def __init__(self, fd):
        self.fd = fd

    def write(self, data):
        if len(data) > 4096:
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(self.fd, data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)


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
    objects = remembered(folder, source, "lib 3", lambda: {"parser": pyphen})
    assert objects == {"parser": pyphen} and not list(folder.glob("*lib 3*"))  # not data: kept
    assert len(list(folder.iterdir())) == 3  # … in no entry


def test_cached_hyphenation_patterns_break_words_as_the_dictionary_does(tmp_path):
    words = ["society", "democracy", "independent", "organisations", "responsibility",
             "parliamentary", "Kazakhstan", "volunteering", "учреждение", "гражданского"]
    fresh = {name: pyphen.Pyphen(lang=name) for name in ("en_GB", "ru_RU")}
    for name in fresh:
        dictionary(name, tmp_path)  # parsed, and kept as data
    pyphen.hdcache.clear()
    cached = {name: dictionary(name, tmp_path) for name in fresh}
    assert {p.name.split(".")[0] for p in tmp_path.iterdir()} == {"hyph_en_GB", "hyph_ru_RU"}
    for name in fresh:
        assert [cached[name].positions(w) for w in words] == \
            [fresh[name].positions(w) for w in words]
    assert sum(len(cached["en_GB"].positions(w)) for w in words) > 10
    pyphen.hdcache.clear()


@pytest.mark.parametrize("mode", [0o644, 0o660, 0o606])
def test_a_key_others_can_read_or_write_is_not_used(tmp_path, monkeypatch, mode):
    """A key left world-readable let another user forge an entry (the build printed another
    article's page, exit 0): such a key is refused, the build warns and does without."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    key = home / "adalazamat" / "cache-key"
    key.parent.mkdir(parents=True, mode=0o700)
    key.write_bytes(b"k" * 32)
    key.chmod(mode)
    cache_module._secret.cache_clear()
    root = small(tmp_path)
    warnings: list[str] = []
    fresh = build(root, tmp_path / "a.pdf", warnings=warnings)
    assert any(f"{key}: the cache key can be read or written by others (mode {mode:04o})" in w
               and f"chmod 600 {key}" in w for w in warnings), warnings
    assert not list(cache_folder(root).glob("*.entry"))  # nothing kept under such a key
    assert fresh.read_bytes() == build(root, tmp_path / "b.pdf", use_cache=False).read_bytes()
    cache_module._secret.cache_clear()


def test_a_key_that_is_a_link_or_no_file_is_not_used(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    key = home / "adalazamat" / "cache-key"
    key.parent.mkdir(parents=True, mode=0o700)
    (tmp_path / "elsewhere").write_bytes(b"k" * 32)
    key.symlink_to(tmp_path / "elsewhere")
    problem = cache_module.key_problem()
    assert problem and problem[0] == f"is a symbolic link to {tmp_path / 'elsewhere'}"
    key.unlink()
    key.mkdir()
    assert cache_module.key_problem()[0] == "is a folder, not a key file"


def test_only_entries_of_our_format_are_removed(tmp_path):
    root = small(tmp_path)
    build(root, tmp_path / "first.pdf")
    cache = cache_folder(root)
    theirs = cache / "a.0000.entry"  # named like ours, written by someone else
    theirs.write_bytes(b"another tool's data")
    (cache / "notes.parsed").write_bytes(b"another tool's data")
    (root / "articles" / "a.md").write_text((root / "articles" / "a.md").read_text() + "\nMore.\n")
    build(root, tmp_path / "second.pdf")
    assert theirs.read_bytes() == b"another tool's data"
    assert (cache / "notes.parsed").read_bytes() == b"another tool's data"
    assert len([p for p in cache.glob("a.*.entry") if p.read_bytes().startswith(MAGIC)]) == 1
