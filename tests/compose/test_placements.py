"""Placements: the crop's geometry, and each placement the page cannot give refused at its
line with what to do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose.photos import clear_of_fold, fill_box
from tests.compose.test_pictures import build, photo
from tests.conftest import write_minimal_issue

MM = 72 / 25.4


@settings(max_examples=200, deadline=None)
@given(st.integers(20, 9000), st.integers(20, 9000), st.floats(10, 1300), st.floats(10, 900),
       st.floats(0, 1), st.floats(0, 1))
def test_a_crop_covers_its_box_never_stretches_and_keeps_the_focus(w_px, h_px, box_w, box_h,
                                                                   fx, fy):
    shown = fill_box(w_px, h_px, box_w, box_h, (fx, fy))
    assert shown.height / shown.width == pytest.approx(h_px / w_px, rel=1e-9)
    assert shown.x <= 1e-6 and shown.y <= 1e-6  # no gap at the left or foot …
    assert shown.x + shown.width >= box_w - 1e-6 and shown.y + shown.height >= box_h - 1e-6
    x, y = shown.point((fx, fy))  # … and the focus inside the box
    assert -1e-6 <= x <= box_w + 1e-6 and -1e-6 <= y <= box_h + 1e-6


@settings(max_examples=200, deadline=None)
@given(st.floats(1.0, 3.0), st.floats(0.3, 0.7), st.floats(5, 60))
def test_the_fold_moves_the_crop_while_the_picture_still_covers(aspect, fx, clear_mm):
    box_w, box_h = 2 * 216 * MM, 303 * MM
    shown = fill_box(round(1000 * aspect), 1000, box_w, box_h, (fx, 0.5))
    moved, clear = clear_of_fold(shown, (fx, 0.5), box_w, box_w / 2, clear_mm * MM)
    assert moved.x <= 1e-6 and moved.x + moved.width >= box_w - 1e-6
    x, _ = moved.point((fx, 0.5))
    if clear:
        assert abs(x - box_w / 2) >= clear_mm * MM - 1e-6
    else:  # said so only when the picture has not the width to move it
        assert moved == shown and shown.width - box_w < 2 * clear_mm * MM + 1e-6


def article(body: str, kind: str = "feature", columns: int = 2, pages: int = 1) -> str:
    return (f"---\nkind: {kind}\ntitle: \"Pictures\"\npages: {pages}\ncolumns: {columns}\n"
            f"---\n\nText before the picture.\n\n{body}\n\nText after the picture.\n")


def issue(tmp_path, articles: dict[str, str], flatplan=None, pad: bool = True):
    """An issue of these articles (one page each, or filled up to four pages)."""
    if pad:
        articles = {**articles, **{f"f{k}": article("") for k in range(4 - len(articles))}}
    root = write_minimal_issue(tmp_path / "issue", articles, flatplan)
    (root / "images").mkdir()
    photo(1800, 1200).save(root / "images" / "a.jpg", dpi=(300, 300))
    return root


BAD = [
    ("focus outside the picture", {"pics": article(
        "::: figure images/a.jpg\nfocus: 130% 40%\nA caption.\n:::")},
     "pics.md:11: focus 130% across is outside the picture (0–100 %)"),
    ("focus not two numbers", {"pics": article(
        "::: figure images/a.jpg\nfocus: middle\nA caption.\n:::")},
     "pics.md:11: focus 'middle' is not two percentages"),
    ("a width of no grid", {"pics": article(
        "::: figure images/a.jpg\nwidth: 120mm\nA caption.\n:::")},
     "pics.md:11: width '120mm' is not a width of the grid"),
    ("wider than the article's columns", {"pics": article(
        "::: figure images/a.jpg\nwidth: 3 columns\nA caption.\n:::")},
     "pics.md:11: the picture is 3 columns wide in an article of 2"),
    ("taller than the type area", {"pics": article(
        "::: figure images/a.jpg page\nheight: 280mm\nA caption.\n:::")},
     "pics.md:11: a picture 280 mm high and its caption do not fit the type area"),
    ("too large for its placement", {"pics": article(
        "::: figure images/a.jpg\naspect: 1:5\nA caption.\n:::", columns=3)},
     "pics.md:10: the picture with its caption is taller than a column"),
    ("a group too large for its column", {"pics": article(
        "::: figure group\naspect: 1:4\nimages/a.jpg\nimages/a.jpg\nimages/a.jpg\n"
        "images/a.jpg\n:::", columns=2)},
     "pics.md:10: the group of photos is taller than a column"),
    ("a size on a full page", {"pics": article(
        "::: figure images/a.jpg bleed\nheight: 100mm\nA caption.\n:::")},
     "pics.md:11: a 'bleed' picture has no 'height:'"),
    ("height and aspect", {"pics": article(
        "::: figure images/a.jpg\nheight: 50mm\naspect: 3:2\nA caption.\n:::")},
     "pics.md:12: 'height:' and 'aspect:' both set the picture's height"),
    ("a spread on the cover", {"cover": "---\nkind: cover\n---\n\n"
                                        "::: figure images/a.jpg spread\nPhoto: X\n:::\n",
                               "pics": article("")},
     "cover.md:5: a 'spread' picture on the cover — the cover is a single page with no "
     "facing page"),
    ("a cover photo elsewhere", {"pics": article("::: figure images/a.jpg cover\n:::")},
     "pics.md:10: a 'cover' picture outside the cover"),
    ("a wrap in a column too narrow", {"pics": article(
        "::: figure images/a.jpg inset-left\nA caption.\n:::\n\nThe text beside it.",
        columns=3)}, "pics.md:10: the column is too narrow to wrap text round the picture: "
     "26.6 mm would be left beside it, under the 26.8 mm (figure.inset_min_beside)"),
    ("an inset with no text after it", {"pics": "---\nkind: feature\ntitle: \"P\"\npages: 1\n"
                                        "---\n\nText.\n\n::: figure images/a.jpg inset-right\n"
                                        "A caption.\n:::\n"},
     "pics.md:9: an inset picture without text after it to wrap round it"),
    ("a group of one", {"pics": article("::: figure group\nimages/a.jpg\nOne.\n:::")},
     "pics.md:10: a group of 1 photo — a group holds 2 to 6 photos"),
    ("a group of seven", {"pics": article("::: figure group page\n"
                                          + "images/a.jpg\n" * 7 + "Seven.\n:::")},
     "pics.md:10: a group of 7 photos"),
    ("a zoom on a full page", {"pics": article(
        "::: figure images/a.jpg bleed\nzoom: 200%\nA caption.\n:::")},
     "pics.md:11: a 'bleed' picture has no 'zoom:'"),
    ("an opener photo after the text", {"pics": article(
        "::: figure images/a.jpg opener\nPhoto: X\n:::")},
     "pics.md:10: an 'opener' picture opens the article: it must come first in the text"),
]


@pytest.mark.parametrize("name, articles, message", BAD, ids=[b[0] for b in BAD])
def test_a_placement_the_page_cannot_give_is_an_error_at_its_line(tmp_path, name, articles,
                                                                   message):
    root = issue(tmp_path, articles)
    result, output = build(tmp_path, root)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.stderr and not output.exists()


def test_a_spread_on_the_last_page_has_no_facing_page(tmp_path):
    # four pages: the spread is named on p. 3, and its left-hand page would be p. 4, the last
    body = "Text. " * 30 + "\n\n::: figure images/a.jpg spread\nPhoto: X\n:::"
    root = issue(tmp_path, {"one": article(""), "two": article("", pages=1),
                            "pics": article(body, pages=2)}, pad=False)
    result, output = build(tmp_path, root)
    assert result.exit_code == 2, result.output
    assert "pics.md:" in result.stderr
    assert "a spread on p. 4, the issue's last page, has no facing page" in result.stderr
    assert not output.exists()


def test_facing_the_opener_needs_a_left_hand_first_page(tmp_path):
    root = issue(tmp_path, {"pics": "---\nkind: feature\ntitle: \"P\"\npages: 1\n---\n\n"
                                    "::: figure images/a.jpg facing\nPhoto: X\n:::\n\nText.\n",
                            "b": article(""), "c": article(""), "d": article("")})
    result, _ = build(tmp_path, root)
    assert result.exit_code == 2, result.output
    assert "pics.md:7: the article starts on p. 1, a right-hand page" in result.stderr


def test_each_photo_of_a_group_and_a_headshot_says_what_it_shows(tmp_path):
    """A group's photos and a vox-pop headshot are pictures like any other: each takes its
    own `alt:` line (the screen edition reads it out), and a credit in any language."""
    from layout.content import load_issue
    from layout.content.images import placed_figures

    group = ("::: figure group\nimages/a.jpg | A first view\nalt: A field at dawn\n"
             "images/a.jpg\nalt: The same field at noon\nTwo views.\nФото: А. Ахметов\n:::")
    card = ("::: respondent images/a.jpg\nalt: A woman smiling, head and shoulders\n"
            "focus: 50% 30%\nDinara Sadykova\n34 years old\nСурет: Ә. Әлиев\n:::\n\nAn answer.")
    root = issue(tmp_path, {"pics": article(group + "\n\n" + card, kind="voxpop")})
    pics = next(a for a in load_issue(root).articles if a.slug == "pics")
    figures = placed_figures(pics)
    assert [f.alt for f in figures] == ["A field at dawn", "The same field at noon",
                                        "A woman smiling, head and shoulders"]
    assert [f.credit for f in figures] == ["", "", "Сурет: Ә. Әлиев"]
    whole = next(b for b in pics.blocks if getattr(b, "members", None))
    assert (whole.caption, whole.credit) == ("Two views.", "Фото: А. Ахметов")
