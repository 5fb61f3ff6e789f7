"""Captions and credits are never lost: every placement prints them, credits are known in
each language, a portrait has its own. Read back from the PDF with pdfplumber."""

from __future__ import annotations

import pdfplumber
import pytest

from layout.compose.figures import Placement
from layout.compose.issue import check_pictures_printed
from layout.compose.pages import ComposedArticle
from layout.content import load_issue
from layout.errors import IssueError
from tests.conftest import run_cli, write_minimal_issue
from tests.pictures import built, shadowed_photo


def feature(body: str, pages: int = 1, language: str = "en") -> str:
    return (f"---\nkind: feature\ntitle: \"Pictures\"\nlanguage: {language}\npages: {pages}\n"
            f"---\nText before the picture.\n\n{body}\n")


def issue_with(tmp_path, articles: dict[str, str], pictures: dict[str, tuple[int, int]],
               issue_extra: str = ""):
    root = write_minimal_issue(tmp_path / "issue", articles)
    if issue_extra:
        with open(root / "issue.yaml", "a", encoding="utf-8") as plan:
            plan.write(issue_extra)
    (root / "images").mkdir()
    for name, (width, height) in pictures.items():
        shadowed_photo(width, height).save(root / "images" / name, dpi=(300, 300))
    return root


def lines_in(output, page: int | None = None) -> list[tuple[str, str]]:
    """(text, font) of each line of text, the font of its first character."""
    out = []
    with pdfplumber.open(output) as pdf:
        pages = pdf.pages if page is None else [pdf.pages[page]]
        for one in pages:
            for line in one.extract_text_lines():
                out.append((" ".join(line["text"].split()), line["chars"][0]["fontname"]))
    return out


def test_a_full_bleed_picture_prints_its_caption_and_credit(tmp_path):
    body = "::: figure images/big.jpg bleed\nThe steppe at dawn.\nPhoto: NASA\n:::"
    root = issue_with(tmp_path, {"pics": feature(body, pages=2), "a": feature(""),
                                 "b": feature("")}, {"big.jpg": (2600, 3600)})
    output = built(tmp_path, root)
    with pdfplumber.open(output) as pdf:
        bleed = next(k for k, page in enumerate(pdf.pages) if page.images)
        image = pdf.pages[bleed].images[0]
        height = float(pdf.pages[bleed].height)
    texts = lines_in(output, bleed)
    assert ("The steppe at dawn.", texts[0][1]) in texts
    credit = next(font for text, font in texts if text == "Photo: NASA")
    assert "Italic" in credit  # set as a credit, not run into the caption
    with pdfplumber.open(output) as pdf:
        words = {w["text"]: w for w in pdf.pages[bleed].extract_words()}
    assert words["NASA"]["top"] > words["dawn."]["top"]  # the credit under the caption
    assert image["x0"] <= 0 and image["bottom"] >= height  # on the picture, which bleeds


@pytest.mark.parametrize("language,caption,credit", [
    ("ru", "Степь на рассвете.", "Фото: ТАСС"),
    ("kk", "Таңғы дала.", "Сурет: Ә. Әлиев"),
    ("en", "The steppe at dawn.", "© Reuters"),
])
def test_credits_are_known_in_each_language(tmp_path, language, caption, credit):
    body = f"::: figure images/a.jpg\n{caption}\n{credit}\n:::"
    root = issue_with(tmp_path, {"pics": feature(body, language=language),
                                 **{f"f{k}": feature("") for k in range(3)}},
                      {"a.jpg": (1200, 800)})
    texts = lines_in(built(tmp_path, root), 0)
    fonts = dict(texts)
    assert caption in fonts and credit in fonts, texts  # two lines: not run together
    assert "Italic" in fonts[credit] and "Italic" not in fonts[caption]


def test_issue_yaml_adds_credit_words(tmp_path):
    body = "::: figure images/a.jpg\nDie Steppe.\nFoto: dpa\n:::"
    root = issue_with(tmp_path, {"pics": feature(body), **{f"f{k}": feature("")
                                                           for k in range(3)}},
                      {"a.jpg": (1200, 800)}, 'credit_words: ["Foto:"]\n')
    fonts = dict(lines_in(built(tmp_path, root), 0))
    assert "Italic" in fonts["Foto: dpa"] and "Die Steppe." in fonts


def test_credit_words_must_be_words_with_a_colon(tmp_path):
    root = issue_with(tmp_path, {"pics": feature(""), **{f"f{k}": feature("")
                                                         for k in range(3)}},
                      {}, "credit_words: Foto\n")
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert "issue.yaml:" in result.stderr and "credit_words must be a list" in result.stderr


def interview(portrait: str) -> str:
    return ("---\nkind: interview\ntitle: \"Портрет\"\nlanguage: ru\nspeaker: Айгуль Соловьева\n"
            "byline: {name: Елена Иванова, role: обозреватель}\n"
            f"portrait: {portrait}\npages: 1\n---\nВступление к интервью.\n")


def test_a_portrait_is_captioned_with_whom_it_shows_not_the_byline_role(tmp_path):
    root = issue_with(tmp_path, {"i": interview("images/face.jpg"),
                                 **{f"f{k}": feature("") for k in range(3)}},
                      {"face.jpg": (1400, 1750)})
    text = " ".join(t for t, _ in lines_in(built(tmp_path, root), 0))
    assert "Айгуль Соловьева" in text
    assert "Айгуль Соловьева, обозреватель" not in text  # the interviewer's job, not hers


def test_a_portrait_takes_its_own_caption_and_credit(tmp_path):
    portrait = ('{file: images/face.jpg, caption: "Айгуль Соловьева в своей мастерской", '
                'credit: "Фото: Е. Иванова"}')
    root = issue_with(tmp_path, {"i": interview(portrait),
                                 **{f"f{k}": feature("") for k in range(3)}},
                      {"face.jpg": (1400, 1750)})
    output = built(tmp_path, root)
    fonts = dict(lines_in(output, 0))
    assert "Айгуль Соловьева в своей мастерской" in fonts
    assert "Italic" in fonts["Фото: Е. Иванова"]
    verify = run_cli("verify", output, root)
    assert verify.exit_code == 0, verify.output  # the portrait's texts are counted too


def test_a_portrait_with_an_unknown_key_is_an_error_at_its_line(tmp_path):
    root = issue_with(tmp_path, {"i": interview("{file: images/face.jpg, credits: x}"),
                                 **{f"f{k}": feature("") for k in range(3)}},
                      {"face.jpg": (1400, 1750)})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert "i.md:7: unknown portrait key 'credits'" in result.stderr
    assert "did you mean 'credit'" in result.stderr


def test_a_placement_that_drops_a_credit_is_refused_at_the_figure_line(tmp_path):
    """What compose checks of every placement, whatever draws it: a credit not drawn (or a
    picture never drawn) stops the build at the figure's line."""
    body = "::: figure images/a.jpg bleed\nThe steppe.\nPhoto: NASA\n:::"
    root = issue_with(tmp_path, {"pics": feature(body, pages=2)}, {})
    article = load_issue(root).articles[0]
    drawn = ComposedArticle("pics", 1, b"", 2, [Placement(9, "a.jpg", 300, caption=True)])
    with pytest.raises(IssueError) as error:
        check_pictures_printed(article, drawn)
    assert (error.value.path.name, error.value.line) == ("pics.md", 9)
    assert "the credit of picture 'images/a.jpg' (bleed) would not be printed" in str(
        error.value)
    refusals: list[str] = []
    check_pictures_printed(article, ComposedArticle("pics", 1, b"", 2, []), refusals)
    assert "pics.md:9: picture 'images/a.jpg' (bleed) is placed but not printed" in refusals[0]
    check_pictures_printed(article, ComposedArticle("pics", 1, b"", 2, [Placement(
        9, "a.jpg", 300, caption=True, credit=True)]))  # all there: no error


def test_a_picture_too_tall_for_its_placement_is_an_error_at_its_line(tmp_path):
    """Upright 2:3 across the type area would be 266 mm tall: refused, not set narrower than
    the placement asked (a portrait, which has no placement to choose, is set narrower)."""
    body = "::: figure images/up.jpg page\nUpright.\nPhoto: Test\n:::"
    root = issue_with(tmp_path, {"pics": feature(body, pages=2), "a": feature(""),
                                 "b": feature("")}, {"up.jpg": (1600, 2400)})
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert ("pics.md:9: picture 'up.jpg' is too tall for its placement 'page': 177 mm wide it "
            "would be 266 mm tall, more than the 202 mm a picture may take (figure.max_height) "
            "— crop it to a wider frame, or place it narrower ('column' for 'page')"
            ) in result.stderr
    assert not (tmp_path / "out.pdf").exists()
    column = body.replace(" page\n", "\n")
    (root / "articles" / "pics.md").write_text(feature(column, pages=2), encoding="utf-8")
    output = built(tmp_path, root)  # a column wide it is 129 mm tall: it fits
    with pdfplumber.open(output) as pdf:
        image = next(i for page in pdf.pages for i in page.images)
    assert abs(image["height"] / image["width"] - 1.5) < 0.01  # never stretched


@pytest.mark.parametrize("credit, caption_end", [
    ("Фото А. Бекова", "Утро в степи."), ("Photo by Reuters", "The steppe at dawn.")])
def test_a_credit_typed_without_its_colon_is_set_as_a_credit(tmp_path, credit, caption_end):
    body = f"::: figure images/one.jpg column\n{caption_end}\n{credit}\n:::"
    root = issue_with(tmp_path, {"pics": feature(body), "a": feature(""), "b": feature(""),
                                 "c": feature("")}, {"one.jpg": (1800, 1200)})
    texts = lines_in(built(tmp_path, root))
    fonts = {text: font for text, font in texts}
    assert credit in fonts and "Italic" in fonts[credit]  # its own line, the credit's face
    assert caption_end in fonts and "Italic" not in fonts[caption_end]


def test_a_caption_sentence_that_starts_with_the_word_stays_caption():
    from layout.content.credits import credit_words, is_credit

    assert not is_credit("Photo taken in 1998 by the author's father.", credit_words())
    assert not is_credit("Фото сделано в 1998 году на окраине посёлка у старой дороги",
                         credit_words())  # more words than a credit has


def test_verify_reads_the_same_credit_under_several_pictures_one_of_them_full_page(tmp_path):
    """A full-page picture's caption may stand anywhere in its article; its credit, typed
    the same under other pictures, is taken where the rest then reads in order."""
    from layout.checks.verify import verify

    words = " ".join(f"word{k}" for k in range(160))
    body = (f"::: figure images/a.jpg column\nThe first picture.\nPhoto: Docs User\n:::\n\n"
            f"{words}.\n\n::: figure images/big.jpg bleed\nNight falls early.\nPhoto: Docs User\n"
            f":::\n\nThe text after the full page. {words}.\n\n::: figure images/b.jpg column\n"
            "The last picture.\nPhoto: Docs User\n:::\n\nThe end of the article.")
    root = issue_with(tmp_path, {"pics": feature(body, pages=3), "a": feature("")},
                      {"a.jpg": (1800, 1200), "big.jpg": (2600, 3600), "b.jpg": (1800, 1200)})
    output = built(tmp_path, root)
    reports = verify(output, load_issue(root))
    assert [r.missing for r in reports if r.missing] == []
    assert sum(r.expected for r in reports) > 2 * len(words)
