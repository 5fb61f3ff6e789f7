"""The desk's warm rebuilds (layout/warm.py): what one process keeps between saves must never
change what is printed. After each kind of save, the PDF a warm process builds is the very
PDF (byte for byte) a cold build of the same files writes in a fresh process without any
cache; and a save while a rebuild runs stops that rebuild."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from layout import warm
from layout.build import build, proof
from tests.conftest import ROOT, write_minimal_issue
from tests.pictures import shadowed_photo

EPOCH = "1700000000"


def article(body: str, title: str, pages: int = 1, more: str = "") -> str:
    return f"---\nkind: feature\ntitle: \"{title}\"\npages: {pages}\n{more}---\n{body}\n"


BODY = "\n\n".join(["Civil society met in every region to talk about the budget. " * 6] * 3)


@pytest.fixture
def desk_issue(tmp_path):
    """An issue with a picture, its own copy of the fonts, and the warm keeping on (off
    again after the test)."""
    root = write_minimal_issue(tmp_path / "issue", {
        "forum": article(BODY + "\n\n::: figure images/photo.jpg\nThe forum's hall.\n:::\n",
                         "The forum"),
        "letter": article("A short letter from a reader.", "A letter"),
        "news": article("A short brief.", "News"),
        "closing": article("A last word.", "The end")})
    (root / "images").mkdir()
    shadowed_photo(600, 400).save(root / "images" / "photo.jpg", quality=90)
    fonts = tmp_path / "fonts"
    shutil.copytree(ROOT / "fonts", fonts)
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    warm.enable()
    yield root, fonts, tmp_path
    warm.enable(False)
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


def cold(root: Path, fonts: Path, output: Path) -> bytes:
    """The issue built in a fresh process, without any cache."""
    script = textwrap.dedent(f"""
        from pathlib import Path
        from layout.build import build
        build(Path({str(root)!r}), Path({str(output)!r}), fonts_dir=Path({str(fonts)!r}),
              use_cache=False)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    return output.read_bytes()


def test_a_warm_rebuild_prints_what_a_cold_build_prints_after_every_kind_of_save(desk_issue):
    root, fonts, folder = desk_issue
    cache = folder / "cache"
    saves = [
        ("nothing", lambda: None),
        ("one word", lambda: _replace(root / "articles" / "letter.md", "reader", "friend")),
        ("the theme", lambda: _replace(root / "theme.yaml", "size: 9.5", "size: 9")),
        ("a face's file, under the same name", lambda: _wider(fonts / "NotoSerif-Regular.ttf")),
        ("a picture", lambda: shadowed_photo(600, 400, seed=7).transpose(
            Image.Transpose.FLIP_LEFT_RIGHT).save(root / "images" / "photo.jpg", quality=90)),
        ("issue.yaml", lambda: _replace(root / "issue.yaml", "TESTMAG", "OTHERMAG")),
    ]
    warm_pdf = folder / "warm" / "issue.pdf"
    build(root, warm_pdf, fonts_dir=fonts, cache_dir=cache)  # everything kept from here on
    before = warm_pdf.read_bytes()
    for what, save in saves:
        save()
        build(root, warm_pdf, fonts_dir=fonts, cache_dir=cache)
        assert warm_pdf.read_bytes() == cold(root, fonts, folder / "cold" / "issue.pdf"), what
        if what != "nothing":
            assert warm_pdf.read_bytes() != before, f"{what}: the save changed nothing"
        before = warm_pdf.read_bytes()


def test_the_theme_check_is_not_skipped_for_an_article_already_checked(desk_issue):
    """Coverage is kept per article and theme: a theme naming a face that lacks a glyph the
    article uses is refused though the article was checked before."""
    from layout.errors import IssueError

    root, fonts, folder = desk_issue
    letter = root / "articles" / "letter.md"
    letter.write_text(article("Алматы, a letter in two scripts.", "A letter"))
    build(root, folder / "a.pdf", fonts_dir=fonts, use_cache=False)
    _latin_only(fonts)
    with pytest.raises(IssueError, match="Алматы|U\\+04"):
        build(root, folder / "b.pdf", fonts_dir=fonts, use_cache=False)


def _wider(path: Path) -> None:
    """The face's file rewritten with a wider 'e' (another font under the same name)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    name = font.getBestCmap()[ord("e")]
    width, left = font["hmtx"][name]
    font["hmtx"][name] = (width + 150, left)
    font.save(path)


def _latin_only(fonts: Path) -> None:
    """NotoSerif-Regular replaced by a copy of itself without its Cyrillic."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(fonts / "NotoSerif-Regular.ttf")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x20, 0x250))
    subsetter.subset(font)
    font.save(fonts / "NotoSerif-Regular.ttf")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_save_while_a_rebuild_runs_stops_it_and_the_newest_is_built(desk_issue):
    """The watcher's look-out sees the save; the rebuild stops at its next step without
    writing anything, and the watcher builds the newest files next."""
    from layout.watch import Cancelled, Lookout, snapshot

    root, fonts, folder = desk_issue
    output = folder / "proof" / "p.pdf"
    folders = (root.resolve(), fonts.resolve(), output.parent.resolve())
    lookout = Lookout(folders, snapshot(*folders), 0.02)
    steps = []

    def step() -> None:  # the rebuild's checkpoint, slowed so that the save comes inside it
        steps.append(time.monotonic())
        if len(steps) == 1:
            saver = threading.Thread(target=_replace, args=(
                root / "articles" / "news.md", "brief", "note"))
            saver.start()
            saver.join()
            time.sleep(0.3)
        lookout.check()

    try:
        with pytest.raises(Cancelled):
            proof(root, output, warnings=[], checkpoint=step)
    finally:
        lookout.stop()
    assert not output.exists()  # nothing written by the stale rebuild
    assert not list(output.parent.glob(".*.tmp")) if output.parent.exists() else True
    result = proof(root, output, warnings=[])
    from pypdf import PdfReader

    assert "A short note." in PdfReader(result.pdf).pages[2].extract_text()


def test_the_watcher_stops_a_stale_rebuild_and_builds_the_newest_save(tmp_path):
    """In `watch` itself: the first rebuild sees a save come while it runs and stops at its
    next step; the watcher says so and builds again, once, from the newest files."""
    from layout.watch import watch

    issue, fonts, out = tmp_path / "issue", tmp_path / "fonts", tmp_path / "out"
    for folder in (issue, fonts, out):
        folder.mkdir()
    page = issue / "page.md"
    page.write_text("first")
    seen, said = [], []

    def make_proof(check):
        seen.append(page.read_text())
        if len(seen) == 1:
            page.write_text("second")  # saved while this rebuild runs
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                check()  # raises once the look-out has seen the save
                time.sleep(0.01)
            raise AssertionError("the save was never seen")
        return f"wrote {seen[-1]}"

    watch(issue, fonts, out, make_proof, interval=0.05, builds=1, echo=said.append)
    assert seen == ["first", "second"]
    assert "a newer save: that rebuild stopped" in said[0]
    assert len(said) == 2 and "wrote second" in said[1]


def test_previews_draw_only_the_pages_that_changed(tmp_path):
    """With page versions, a preview whose page did not change is kept as it is (not
    rendered again) and the changed one is written anew."""
    from layout.checks.previews import write_previews

    root = write_minimal_issue(tmp_path / "issue", {
        slug: article(f"The {slug} page.", slug.title()) for slug in ("a", "b", "c", "d")})
    result = proof(root, tmp_path / "out" / "p.pdf", warnings=[])
    folder = tmp_path / "out" / "preview"
    write_previews(result.pdf, folder, checked=False, versions=result.versions)
    before = {p.name: p.stat().st_ino for p in folder.glob("page-*.png")}
    versions = [*result.versions]
    versions[1] = "another"
    write_previews(result.pdf, folder, checked=False, versions=versions)
    after = {p.name: p.stat().st_ino for p in folder.glob("page-*.png")}
    assert [name for name in sorted(before) if before[name] != after[name]] == ["page-002.png"]
    assert (folder / "contact.png").is_file() and not list(folder.glob(".*.tmp"))
