"""The theme: checked whole against its schema, documented from it, and the whole design."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from layout.style.schema import KEYS, SCHEMA
from layout.style.theme import Theme
from layout.style.theme_doc import document
from tests.conftest import ISSUE, ROOT, run_cli, write_minimal_issue


def themed_issue(tmp_path: Path, **changes: str) -> Path:
    """A four-page issue whose theme has `old=new` lines replaced (keys with spaces: '__')."""
    body = ("Civil society grows where people meet, argue and agree. " * 20 + "\n\n") * 2
    article = f"---\nkind: feature\ntitle: \"A test\"\npages: 1\n---\n{body}"
    root = write_minimal_issue(tmp_path / "issue", {f"a{k}": article for k in range(4)})
    theme = root / "theme.yaml"
    text = theme.read_text()
    for old, new in changes.items():
        old, new = old.replace("__", " "), new.replace("__", " ")
        assert old in text, old
        text = text.replace(old, new)
    theme.write_text(text)
    return root


def line_of(root: Path, text: str) -> int:
    lines = (root / "theme.yaml").read_text().split("\n")
    return next(k for k, line in enumerate(lines, 1) if text in line)


def test_every_problem_of_a_theme_is_reported_in_one_run(tmp_path):
    root = themed_issue(tmp_path, **{
        "  gutter: 5mm": "  guter: 5mm",
        "  font: serif\n  size: 9.5pt\n  leading: 13pt":
            "  font: serif\n  colour: [0, 0, 0, 100]\n  size: 30pt\n  leading: 13pt",
        "  size: 30pt\n  leading: 33pt": "  size: 0.5pt\n  leading: 13 pt",
        "gold: [0, 25, 100, 0]": "gold: [0, 25, 140, 0]",
        "  slashes:": "  slashes: \"//\"\n  slahes:",
    })
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2 and "internal error" not in result.stderr
    errors = [line for line in result.stderr.split("\n") if line.startswith("error: ")]
    theme = root / "theme.yaml"
    expected = {
        line_of(root, "guter:"): "unknown key 'guter' in 'grid' — did you mean 'gutter'?",
        line_of(root, "  colour: [0"): "unknown key 'colour' in 'body'",
        line_of(root, "size: 0.5pt"): "title.size: '0.5pt' is too small",
        line_of(root, "leading: 13 pt"): "'13 pt' has a space before its unit — write it "
                                         "without one: '13pt'",
        line_of(root, "  leading: 13pt"): "body.leading 13pt is less than body.size 30pt",
        line_of(root, "gold:"): "must be four percentages [C, M, Y, K], each 0 to 100",
        line_of(root, "slahes:"): "did you mean 'slashes'?",
        # 30pt body type cannot be set in the news pages' three columns, whatever the margins
        line_of(root, "  colour: [0") + 1: "body.size 30pt is too large for any column: 8 em "
                                           "of it (84.7mm) is wider than a third of the page",
    }
    for line, words in expected.items():
        assert any(e.startswith(f"error: {theme}:{line}: ") and words in e for e in errors), \
            (line, words, errors)
    assert len(errors) == len(expected)  # the body's followers are not blamed too
    assert not (tmp_path / "out.pdf").exists()


def test_impossible_geometry_is_an_input_error_at_its_line(tmp_path):
    root = themed_issue(tmp_path, **{"margin_inner: 18mm": "margin_inner: 120mm"})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr
    assert f"theme.yaml:{line_of(root, 'margin_inner')}: grid.margin_inner 120mm" \
           in result.stderr
    assert "leave 21.7mm for each of 3 columns" in result.stderr


def test_narrow_but_possible_columns_are_set(tmp_path):
    root = themed_issue(tmp_path, **{"margin_inner: 18mm": "margin_inner: 90mm",
                                     "gutter: 5mm": "gutter: 10mm"})
    result = run_cli("proof", root, "-o", tmp_path / "out.pdf", "--no-preview", "-q")
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output + result.stderr


def test_font_files_missing_and_not_truetype_are_reported_together(tmp_path):
    root = themed_issue(tmp_path, **{"bold: NotoSerif-Bold.ttf": "bold: Missing.ttf",
                                     "regular: NotoSans-Regular.ttf":
                                         f"regular: {tmp_path / 'issue' / 'Cff.otf'}"})
    (root / "Cff.otf").write_bytes(b"OTTO" + bytes(100))  # in the issue folder: allowed
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert f"theme.yaml:{line_of(root, 'Missing.ttf')}: font file" in result.stderr
    assert f"theme.yaml:{line_of(root, 'Cff.otf')}: Cff.otf is OpenType with PostScript" \
           in result.stderr


def test_docs_theme_md_is_written_from_the_schema_and_documents_every_key():
    text = (ROOT / "docs" / "theme.md").read_text(encoding="utf-8")
    assert text == document() + "\n", "docs/theme.md is stale: python -m layout.style.theme_doc"
    sections = dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", text, re.M | re.S))
    for key in SCHEMA:
        group, name = key.name.split(".", 1)
        assert f"| `{name}` |" in sections[group], key.name


def test_the_house_theme_file_and_the_schema_defaults_agree():
    """issue/theme.yaml is the house design; a key it leaves out gets the same value."""
    house, written = Theme(None), Theme(ISSUE / "theme.yaml")
    for key in SCHEMA:
        if key.em and key.em not in KEYS:
            assert house.ems(key.name) == written.ems(key.name), key.name
        elif key.type in ("length", "size"):
            assert house.pt(key.name) == written.pt(key.name), key.name
        elif key.type == "face":
            assert house.font(key.name) == written.font(key.name), key.name
        elif key.type in ("share", "percent"):
            assert house.share(key.name) == written.share(key.name), key.name
        elif key.type == "languages":
            assert house.per_language(key.name) == written.per_language(key.name), key.name
        else:
            assert house.value(key.name) == written.value(key.name), key.name
    assert (ROOT / "tests" / "issues" / "mixed" / "theme.yaml").read_text() == \
           (ISSUE / "theme.yaml").read_text()


def test_derived_values_follow_their_base_unless_set(tmp_path):
    root = themed_issue(tmp_path, **{"size: 9.5pt\n  leading: 13pt":
                                     "size: 11pt\n  leading: 15pt"})
    theme = Theme(root / "theme.yaml")
    assert theme.pt("subhead.size") == theme.pt("question.size") == 11
    assert theme.pt("caption.size") == 9.5 and theme.pt("caption.credit_size") == 8.5
    assert theme.pt("pullquote.space") == theme.pt("subhead.space_before") == 15
    assert theme.pt("question.space_before") == 7.5
    path = root / "theme.yaml"
    path.write_text(path.read_text().replace("subhead:", "subhead:\n  size: 12pt\n"
                                                         "  leading: 16pt"))
    assert Theme(path).pt("subhead.size") == 12 and Theme(path).pt("question.size") == 11


def chars_of(pdf: Path, page: int = 0):
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page].chars


@pytest.mark.parametrize("change, check", [
    ({"size: 9.5pt": "size: 11pt"},
     lambda old, new: {round(c["size"], 1) for c in new if "Serif-Regular" in c["fontname"]}
     == {11.0}),
    ({"accent: [80, 0, 15, 5]": "accent: [0, 100, 60, 0]"},
     lambda old, new: (0, 1, 0.6, 0) in {tuple(c["non_stroking_color"]) for c in new}
     and (0, 1, 0.6, 0) not in {tuple(c["non_stroking_color"]) for c in old}),
    ({"margin_outer: 15mm": "margin_outer: 25mm"},  # page 1 is a recto: outer is right
     lambda old, new: max(c["x1"] for c in new if "Serif-Regular" in c["fontname"])
     < max(c["x1"] for c in old if "Serif-Regular" in c["fontname"]) - 25),
])
def test_a_design_change_made_only_in_the_theme_shows_on_the_page(tmp_path, change, check):
    before = themed_issue(tmp_path / "before")
    after = themed_issue(tmp_path / "after", **change)
    for root in (before, after):
        result = run_cli("proof", root, "-o", root.parent / "out.pdf", "--no-preview", "-q")
        assert result.exit_code in (0, 1), result.output
    assert check(chars_of(before.parent / "out.pdf"), chars_of(after.parent / "out.pdf"))


def test_the_schema_names_each_key_once_with_a_default_or_a_base():
    assert len(KEYS) == len(SCHEMA)
    for key in SCHEMA:
        assert (key.default is None) != (not key.follows), key.name
        assert key.doc and key.type, key.name
        if key.follows:
            assert key.follows in KEYS, key.name


def test_a_theme_may_leave_everything_to_the_house_design(tmp_path):
    root = themed_issue(tmp_path)
    shutil.copy(ROOT / "issue" / "theme.yaml", tmp_path / "full.yaml")
    (root / "theme.yaml").write_text("# the house design\n")
    result = run_cli("proof", root, "-o", tmp_path / "out.pdf", "--no-preview", "-q")
    assert result.exit_code in (0, 1), result.output


def test_every_key_of_the_schema_is_read_by_some_template(tmp_path, monkeypatch):
    """A new issue (every kind and container) with a portrait, a bleed picture, a cover story,
    an ISSN and a picture to come, and the photo issue (every placement), composed in this
    process: every key is asked for."""
    from layout import build
    from layout.compose.issue import compose_issue

    root = tmp_path / "issue"
    assert run_cli("new", root).exit_code == 0
    articles = root / "articles"
    interview = articles / "interview.md"
    interview.write_text(interview.read_text().replace("pages: 1", "portrait: images/sample.jpg"
                                                       "\npicture_space: a photograph\npages: 1"))
    feature = articles / "feature.md"
    feature.write_text(feature.read_text() + "\n::: figure images/sample.jpg bleed\nA view.\n"
                       ":::\n\n::: figure images/sample.jpg\nA column picture.\n:::\n")
    cover = articles / "cover.md"
    cover.write_text(cover.read_text().replace("kind: cover", "kind: cover\ntitle: \"A story\""))
    plan = root / "issue.yaml"
    plan.write_text(plan.read_text().replace("theme: theme.yaml", "theme: theme.yaml\n"
                                             "issn: \"0378-5955\""))
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # compose here, where the reads are seen
    ready = build.prepare(root, placeholders=True)
    compose_issue(ready.issue, ready.theme, ready.faces, proof=True)
    handed_off = {key for key in KEYS if key.startswith("imposition.")}  # test_handoff.py
    photos = build.prepare(ROOT / "tests" / "issues" / "photos")  # every picture placement
    compose_issue(photos.issue, photos.theme, photos.faces)
    unread = sorted(set(KEYS) - ready.theme.read - photos.theme.read - handed_off)
    assert unread == []


@pytest.mark.parametrize("change, key, words", [
    (("  baseline_below_trim: 12mm", "  baseline_below_trim: 300mm"),
     "baseline_below_trim", "puts it into the type area: it must lie in the head margin"),
    (("  baseline_below_trim: 12mm", "  baseline_below_trim: 2mm"),
     "baseline_below_trim", "puts it into the trim"),
    (("  slashes: \"//////\"", "  slashes: \"" + "/" * 5000 + "\""), "slashes:",
     "kicker.slashes (5000 characters)"),
])
def test_furniture_outside_the_page_is_refused_from_the_pages_own_limits(tmp_path, change,
                                                                         key, words):
    """Values inside the documented ranges put the kicker into the trim or off the page."""
    root = themed_issue(tmp_path, **{change[0]: change[1]})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2 and words in result.stderr, result.stderr
    assert f"{root / 'theme.yaml'}:{line_of(root, key)}: " in result.stderr
    assert not (tmp_path / "out.pdf").exists()
