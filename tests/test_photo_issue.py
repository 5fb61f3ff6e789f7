"""The picture issue (tests/issues/photos) builds, verifies, and every picture is where its
placement puts it — read back from the PDF's content streams and text, not from our code."""

from __future__ import annotations

from collections import Counter

import pdfplumber
import pytest

from layout.checks import typo
from layout.checks.verify import verify
from layout.content import load_issue
from layout.style.theme import Theme
from layout.style.typesetting import hangs
from tests.conftest import ROOT, run_cli
from tests.readers import page_boxes, placed_images
from tests.tools import needs

PHOTOS = ROOT / "tests" / "issues" / "photos"
MM = 72 / 25.4
BLEED = 3 * MM
TRIM_W, TRIM_H = 595.2756, 841.8898
COLUMN_3 = (TRIM_W - 33 * MM - 2 * 5 * MM) / 3  # of the type area of a 3-column page
TYPE_AREA_H = 55 * 13  # whole lines of 13 pt between the head and foot margins

# page (1-based) -> the picture on it: file, focus as its figure writes it
PICTURES = {
    1: ("rocket.jpg", (0.15, 0.50)),  # cover
    3: ("astronaut.jpg", (0.35, 0.20)),  # photo opener
    4: ("chelsea.jpg", (0.55, 0.45)),  # 2 of 3 columns, a third of a page high
    5: ("coins.jpg", (0.80, 0.20)),  # a column wide, square
    6: ("hubble.jpg", (0.50, 0.50)),  # spread, left half
    7: ("hubble.jpg", (0.50, 0.50)),  # spread, right half
    10: ("camera.jpg", (0.42, 0.30)),  # facing the interview's opener
    15: ("coffee.jpg", (0.50, 0.40)),  # a page to the bleed, after its opener page
}
FULL_PAGE = (1, 3, 6, 7, 10, 15)


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    output = tmp_path_factory.mktemp("photos") / "photos.pdf"
    result = run_cli("build", PHOTOS, "-o", output)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(output) as pdf:
        words = [page.extract_words(return_chars=True) for page in pdf.pages]
    return result, output, placed_images(output), words


def on_page(images, page: int):
    return [image for image in images if image.page == page - 1]


def text_of(words) -> str:
    return " ".join(w["text"] for w in words)


def test_the_photo_issue_builds_quietly_and_loses_no_text(photos):
    result, output, _, _ = photos
    assert result.stderr == ""  # no picture under 300 ppi, no page left blank
    issue = load_issue(PHOTOS)
    assert not [r for r in verify(output, issue) if r.missing]
    assert len(page_boxes(output)) == 16
    assert sum(f.stat().st_size for f in (PHOTOS / "images").glob("*")) < 8_000_000


def test_no_picture_is_stretched_and_each_covers_its_box(photos):
    _, _, images, _ = photos
    assert images
    for image in images:
        x0, y0, x1, y1 = image.rect
        drawn = (y1 - y0) / (x1 - x0)
        pixels = image.pixels[1] / image.pixels[0]
        assert drawn == pytest.approx(pixels, rel=0.01), image  # scaled alike both ways
        c0, d0, c1, d1 = image.clip
        assert x0 <= c0 + 0.01 and y0 <= d0 + 0.01 and x1 >= c1 - 0.01 and y1 >= d1 - 0.01


@pytest.mark.parametrize("page", sorted(set(PICTURES) - {6, 7}))  # the spread's: below
def test_the_focus_is_kept_in_view(photos, page):
    _, _, images, _ = photos
    _, (fx, fy) = PICTURES[page]
    image = max(on_page(images, page), key=lambda i: i.pixels[0] * i.pixels[1])
    x0, y0, x1, y1 = image.rect
    x, y = x0 + fx * (x1 - x0), y1 - fy * (y1 - y0)
    s0, t0, s1, t1 = image.shown()
    assert s0 <= x <= s1 and t0 <= y <= t1


@pytest.mark.parametrize("page", FULL_PAGE)
def test_full_page_pictures_bleed_past_the_trim_on_every_side(photos, page):
    _, output, images, _ = photos
    media = page_boxes(output)[page - 1]["MediaBox"]
    image = max(on_page(images, page), key=lambda i: i.pixels[0] * i.pixels[1])
    assert image.shown() == pytest.approx(media, abs=0.01)
    trim = page_boxes(output)[page - 1]["TrimBox"]
    assert trim[0] - media[0] == pytest.approx(BLEED, abs=0.01)


def test_a_spread_is_one_picture_across_the_fold_with_its_focus_clear_of_it(photos):
    _, _, images, _ = photos
    left, right = on_page(images, 6)[0], on_page(images, 7)[0]
    assert left.digest == right.digest  # one picture, embedded once
    assert left.rect[0] - right.rect[0] == pytest.approx(TRIM_W, abs=0.01)  # continuous
    x0, y0, x1, y1 = left.rect
    focus = x0 + 0.5 * (x1 - x0)  # focus: 50% — the middle of the picture …
    fold = BLEED + TRIM_W
    assert abs(focus - fold) >= 20 * MM - 0.01  # … moved 20 mm (figure.fold_clear) off it
    assert 0 <= focus <= 2 * (TRIM_W + BLEED) and y0 <= (y0 + y1) / 2 <= y1  # in view


def test_sizes_in_the_grid(photos):
    _, _, images, words = photos
    two = on_page(images, 4)[0]
    s0, t0, s1, t1 = two.shown()
    assert s1 - s0 == pytest.approx(2 * COLUMN_3 + 5 * MM, abs=0.1)  # width: 2 columns
    assert t1 - t0 == pytest.approx(TYPE_AREA_H / 3, abs=0.1)  # height: third page
    square = on_page(images, 5)[0]
    s0, t0, s1, t1 = square.shown()
    assert s1 - s0 == pytest.approx(COLUMN_3, abs=0.1)
    assert t1 - t0 == pytest.approx(s1 - s0, abs=0.1)  # aspect: 1:1
    ratio = on_page(images, 9)
    assert ratio and all((i.shown()[3] - i.shown()[1]) / (i.shown()[2] - i.shown()[0])
                         == pytest.approx(r, abs=0.01) for i, r in zip(
                             sorted(ratio, key=lambda i: i.shown()[0]), (2 / 3, 3 / 4),
                             strict=True))


def _words_of(words, phrase: str, height: float):
    """The words of `phrase` on a page, with top-down coordinates turned to PDF's."""
    wanted = phrase.split()
    for k in range(len(words) - len(wanted) + 1):
        if [w["text"] for w in words[k:k + len(wanted)]] == wanted:
            found = words[k:k + len(wanted)]
            return (min(w["x0"] for w in found), height - max(w["bottom"] for w in found),
                    max(w["x1"] for w in found), height - min(w["top"] for w in found))
    raise AssertionError(f"'{phrase}' not on the page: {text_of(words)[:300]}")


def test_captions_and_credits_sit_by_their_pictures(photos):
    _, output, images, words = photos
    height = page_boxes(output)[0]["MediaBox"][3]
    # beside a picture narrower than the columns: in the column left, its foot level
    s0, t0, s1, _ = on_page(images, 4)[0].shown()
    x0, y0, _, _ = _words_of(words[3], "youngest delegate watched", height)
    credit = _words_of(words[3], "Stefan van der Walt", height)
    assert x0 >= s1 and credit[1] >= t0 - 3 and credit[1] < t0 + 13
    # under a picture in the column: the caption, then the credit, within its width
    s0, t0, s1, _ = on_page(images, 5)[0].shown()
    caption = _words_of(words[4], "Coins of the", height)
    credit = _words_of(words[4], "Photo: Brooklyn Museum", height)
    assert s0 - 0.5 <= caption[0] and caption[3] < t0 and t0 - caption[3] < 12
    assert credit[3] <= caption[1] + 1
    # a full page: caption and credit in the safe area at its foot
    for page, phrase in ((15, "Photo: Rachel"), (7, "Photo: NASA,"),
                         (1, "Photo: SpaceX"), (3, "Photo: NASA")):
        box = _words_of(words[page - 1], phrase, height)
        assert box[1] >= BLEED + 5 * MM - 0.5 and box[1] < BLEED + 40 * MM


def test_openers_with_photos(photos):
    _, _, images, words = photos
    opener = text_of(words[2])
    assert "Lift-off: twenty years of the Civil Forum" in opener  # title over the photo
    assert "Aliya Nurlanova" in opener and "driving force" in opener
    assert "Forum has turned into" not in opener  # the body starts on the next page
    with pdfplumber.open(photos[1]) as pdf:  # the credit's box lined up with the title's field
        field, credit = sorted(pdf.pages[2].rects, key=lambda r: -r["width"])[:2]
        body = [w for w in words[4] if w["top"] > 100]  # the next recto's type area
    assert abs(field["bottom"] - credit["bottom"]) < 0.5  # one foot line
    edge = Counter(round(w["x0"], 1) for w in body  # the left column's, where most lines
                   if w["x0"] < credit["x1"]).most_common(1)[0][0]  # start (punctuation hangs)
    assert abs(credit["x0"] - edge) < 0.5  # on the type area's edge
    assert text_of(words[3]).startswith("////// CIVIL FORUM Over the years")
    assert text_of(words[9]).count(" ") < 12  # facing: the photo and its caption only
    assert "Закон – это ещё и практика его применения" in text_of(words[10])
    # a page to the bleed first in the body: the opener page keeps its text
    assert len(words[13]) > 300 and not on_page(images, 14)
    assert "When the spring floods" in text_of(words[13])


def test_lines_beside_an_inset_are_justified_to_the_shorter_measure(photos):
    _, output, images, words = photos
    height = page_boxes(output)[0]["MediaBox"][3]
    inset = on_page(images, 16)[0]
    s0, t0, s1, t1 = inset.shown()
    column = (TRIM_W - 33 * MM - 5 * MM) / 2
    assert s1 - s0 == pytest.approx(0.45 * column, abs=0.1)  # figure.inset_width
    left = s1 - 0.45 * column - column  # the column's left edge (the inset is at its right)
    lines: dict[float, list] = {}
    for word in words[15]:
        if left - 1 <= word["x0"] < s0:
            lines.setdefault(round(word["bottom"], 1), []).append(word)
    beside = {y: ws for y, ws in lines.items() if t0 - 14 <= height - y <= t1}
    below = {y: ws for y, ws in lines.items() if height - y < t0 - 60}
    assert len(beside) >= 10
    # where each line ends as the eye sees it: a hung hyphen or comma less what hangs
    hung = hangs(Theme(PHOTOS / "theme.yaml"))
    ends = [max(w["x1"] for w in ws) - typo.hung(max(ws, key=lambda w: w["x1"])["chars"][-1],
                                                 hung, "right") for ws in beside.values()]
    assert max(ends) <= s0 - 4 * MM + 0.5  # the standoff kept
    full = sorted(ends)[len(ends) // 2]
    assert sum(abs(end - full) < 0.6 for end in ends) >= len(ends) - 3  # justified (but
    assert all(min(w["x0"] for w in ws) >= left - 1 for ws in beside.values())  # last lines)
    assert below and max(max(w["x1"] for w in ws) for ws in below.values()) > s0  # full again


def test_a_group_is_one_grid_with_a_caption_each_and_one_for_all(photos):
    _, output, images, words = photos
    height = page_boxes(output)[0]["MediaBox"][3]
    group = sorted(on_page(images, 8), key=lambda i: i.shown()[0])
    assert len(group) == 3
    shown = [i.shown() for i in group]
    assert len({round(s[1], 1) for s in shown}) == 1 and len({round(s[3], 1) for s in shown}) == 1
    widths = [s[2] - s[0] for s in shown]
    assert max(widths) - min(widths) < 0.1 and shown[0][3] - shown[0][1] == pytest.approx(
        widths[0], abs=0.1)  # aspect: 1:1, one row across the type area
    assert shown[0][0] == pytest.approx(BLEED + 15 * MM, abs=0.1)  # a verso's outer margin
    assert shown[2][2] == pytest.approx(BLEED + TRIM_W - 18 * MM, abs=0.1)
    for image, phrase in zip(group, ("Coins from the", "A clinic's new", "The wall of"),
                             strict=True):
        box = _words_of(words[7], phrase, height)
        s0, t0, s1, _ = image.shown()
        assert s0 - 0.5 <= box[0] and box[2] <= s1 + 0.5 and 0 < t0 - box[3] < 12
    own = _words_of(words[7], "Three of the twenty regional projects", height)
    assert own[0] == pytest.approx(shown[0][0], abs=0.5) and own[3] < shown[0][1] - 12


def test_news_pictures_stay_with_their_briefs(photos):
    _, output, images, words = photos
    height = page_boxes(output)[0]["MediaBox"][3]
    first, third = sorted(on_page(images, 9), key=lambda i: i.shown()[0])
    brief = _words_of(words[8], "Алматы", height)  # the brief the first picture ends
    assert first.shown()[0] == pytest.approx(brief[0], abs=1)  # in its column …
    assert first.shown()[3] < brief[1]  # … under it
    s0, _, s1, t1 = third.shown()  # after its brief's text, in the third column
    assert s0 == pytest.approx(BLEED + 18 * MM + 2 * (COLUMN_3 + 5 * MM), abs=0.1)
    above = [w for w in words[8] if s0 - 1 <= w["x0"] < s1 and 0 < (height - w["bottom"]) - t1
             < 20]
    assert above  # the brief's last line right above it: kept with it


def test_headshots_on_vox_pop_cards(photos):
    _, output, images, words = photos
    height = page_boxes(output)[0]["MediaBox"][3]
    shots = sorted(on_page(images, 13), key=lambda i: i.shown()[0])
    assert len(shots) == 2
    for shot, name in zip(shots, ("Nazar Abinov", "Yulia Polonskaya"), strict=True):
        s0, t0, s1, t1 = shot.shown()
        assert s1 - s0 == pytest.approx(22 * MM, abs=0.1) and t1 - t0 == pytest.approx(
            22 * MM, abs=0.1)  # respondent.headshot, square
        x0, x1, _ = shot.rect[0], shot.rect[2], None
        assert (x1 - x0) > 2.5 * (s1 - s0)  # zoom: about 300 %, cropped round the face
        box = _words_of(words[12], name, height)
        assert box[0] >= s1 and t0 <= box[1] <= t1  # the name beside it
    assert "Photo: Lav Varshney (CC0)" in text_of(words[12])


@needs("gs")
def test_the_photo_issue_passes_the_printers_preflight(photos):
    """What make handoff would refuse: nothing (the full-bleed pages bleed, their light
    edges included; no picture over the ink limit)."""
    from layout.checks.preflight import preflight

    report = preflight(photos[1])
    assert not report.failed, [f"{r.name}: {r.message}" for r in report.results
                               if r.status == "fail"]
    assert report.result("bleed").status == "pass"
