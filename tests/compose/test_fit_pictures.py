"""The fit knows pictures: a picture that does not fit is named with what to do, not a word
count; `picture_space:` says what size of picture the space holds; a build warns of it."""

from __future__ import annotations

import re

import pdfplumber

from tests.conftest import run_cli, write_minimal_issue
from tests.pictures import shadowed_photo

MM = 72 / 25.4
PARA = "The steppe wind carries the sound of the river across the fields every spring. " * 6


def feature(paras: int, figure: str = "", pages: int = 1, extra: str = "") -> str:
    body = "\n\n".join([PARA] * paras)
    if figure:
        body += f"\n\n{figure}\n\nOne line after it."
    return f"---\nkind: feature\ntitle: \"Pictures\"\npages: {pages}\n{extra}---\n{body}\n"


def issue(tmp_path, pics: str, space: str = "") -> object:
    short = "---\nkind: feature\ntitle: \"Short\"\npages: 1\n---\nA short text.\n"
    root = write_minimal_issue(tmp_path / "issue", {"pics": pics, "space": space or short,
                                                    "a": short, "b": short})
    (root / "images").mkdir()
    shadowed_photo(2400, 1800).save(root / "images" / "tall.jpg", dpi=(300, 300))
    return root


def proof(tmp_path, root, refused: bool = True):
    result = run_cli("proof", root, "-o", tmp_path / "proof.pdf", "--no-preview")
    assert result.exit_code == (1 if refused else 0), result.output
    return result.stdout, tmp_path / "proof.pdf"


def test_a_picture_that_does_not_fit_is_named_with_what_to_do(tmp_path):
    figure = "::: figure images/tall.jpg page\nA tall picture.\nPhoto: Test\n:::"
    root = issue(tmp_path, feature(3, figure))
    report, pdf = proof(tmp_path, root)
    line = report.splitlines()[0]
    found = re.search(r"OVERSET: picture 'tall.jpg' \(line 12\) needs (\d+) mm with its caption "
                      r"and the (\d+) mm left on p. 1 do not hold it \(make it at most \2 mm "
                      r"deep with its caption\): it falls past the allotment, on p. 2", line)
    assert found, line
    assert "place it smaller" in line and "crop it" in line and "another page" in line
    assert "cut about" not in line  # no word count: cutting words would not bring it back
    with pdfplumber.open(pdf) as plumbed:
        page = plumbed.pages[1]
        image = page.images[0]
        credit = next(w for w in page.extract_words() if w["text"] == "Test")
        first = plumbed.pages[0]
        text_end = max(c["bottom"] for c in first.chars if c["text"].strip()
                       and c["top"] > 100 and c["bottom"] < first.height - 40 * MM)
    drawn = (credit["bottom"] - image["top"]) / MM  # picture, caption and credit as printed
    assert abs(int(found.group(1)) - drawn) < 4
    assert int(found.group(2)) < int(found.group(1))
    free_p1 = (first.height - text_end) / MM  # from the text's end to the paper's foot …
    assert int(found.group(2)) < free_p1 < int(found.group(2)) + 50  # … the foot margin too


def test_text_that_does_not_fit_still_gets_a_word_count(tmp_path):
    figure = "::: figure images/tall.jpg\nA small picture.\nPhoto: Test\n:::"
    root = issue(tmp_path, feature(1, figure).replace("One line after it.",
                                                       "\n\n".join([PARA] * 12)))
    report, _ = proof(tmp_path, root)
    assert re.search(r"pics \(p. 1, 'Pictures'\): OVERSET by \d+ lines \(\d+ mm of column\) — "
                     r"cut about \d+ words", report), report


def test_picture_space_says_the_size_of_picture_it_holds_and_a_build_warns(tmp_path):
    space = feature(2, pages=1, extra="picture_space: a photo of the river\n")
    root = issue(tmp_path, feature(1), space)
    report, pdf = proof(tmp_path, root, refused=False)
    found = re.search(r"space \(p. 2\): underset, .* kept for a picture to come \(a photo of "
                      r"the river\): room for a picture 2 columns \((\d+) mm\) × (\d+) mm", report)
    assert found, report
    with pdfplumber.open(pdf) as plumbed:
        frame = max(plumbed.pages[1].rects, key=lambda r: r["height"])  # the dashed frame
    assert abs(frame["width"] / MM - int(found.group(1))) < 2
    assert abs((frame["height"] + 6) / MM - int(found.group(2))) < 2  # (drawn 6 pt inside)
    build = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert build.exit_code == 0, build.output
    assert (f"space.md:5: picture_space 'a photo of the river' is still empty and prints white "
            f"(room for a picture 2 columns ({found.group(1)} mm) × {found.group(2)} mm)"
            ) in build.stderr
