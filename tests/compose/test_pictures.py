"""Pictures: every kind of input becomes a CMYK image at a known resolution, or a clear error."""

from __future__ import annotations

import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageCms
from pypdf import PdfReader

from tests.conftest import run_cli, write_minimal_issue


def photo(width: int, height: int) -> Image.Image:
    """A photo-like RGB picture: smooth gradients with noise."""
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([x * 255 / width, y * 255 / height, (x + y) * 127 / (width + height)], -1)
    rgb += np.random.default_rng(1).normal(0, 12, rgb.shape)
    return Image.fromarray(np.clip(rgb, 0, 255).astype("uint8"), "RGB")


def feature(figures: str, pages: int = 1) -> str:
    return (f"---\nkind: feature\ntitle: \"Pictures\"\npages: {pages}\n---\n"
            f"Text before the picture.\n\n{figures}\n\nText after the picture.\n")


def issue_with(tmp_path, body: str, images: dict[str, Image.Image], pages: int = 1,
               fill: int = 3):
    articles = {"pics": feature(body, pages)}
    articles.update({f"f{k}": feature("") for k in range(fill)})
    root = write_minimal_issue(tmp_path / "issue", articles)
    (root / "images").mkdir()
    for name, image in images.items():
        kwargs = {"dpi": (300, 300)}
        if name.endswith(".jpg") and image.mode == "RGB":
            kwargs["icc_profile"] = ImageCms.ImageCmsProfile(
                ImageCms.createProfile("sRGB")).tobytes()
        image.save(root / "images" / name, **kwargs)
    return root


def build(tmp_path, root):
    output = tmp_path / "out.pdf"
    return run_cli("build", root, "-o", output), output


def placed_images(pdf_path):
    """Every image placed on every page, as pdfminer reads it: (colour space, ppi across)."""
    with pdfplumber.open(pdf_path) as pdf:
        return [(getattr(image["colorspace"][0], "name", image["colorspace"][0]),
                 image["srcsize"][0] / ((image["x1"] - image["x0"]) / 72))
                for page in pdf.pages for image in page.images]


def test_every_kind_of_picture_is_placed_as_cmyk(tmp_path):
    images = {
        "photo.jpg": photo(1200, 800),
        "gray.png": photo(1000, 700).convert("L"),
        "alpha.png": photo(1000, 700).convert("RGBA"),
        "cmyk.tif": photo(1000, 700).convert("CMYK"),
        "palette.png": photo(1000, 700).convert("P"),
    }
    body = "\n\n".join(f"::: figure images/{name}\nCaption {name}.\nPhoto: Test\n:::"
                       for name in images)
    root = issue_with(tmp_path, body, images, pages=2, fill=2)
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    placed = placed_images(output)
    assert len(placed) == len(images)
    assert {space for space, _ in placed} == {"DeviceCMYK"}
    with pdfplumber.open(output) as pdf:
        text = " ".join(p.extract_text() for p in pdf.pages)
    assert all(f"Caption {name}." in text for name in images)


def test_grayscale_prints_on_black_only(tmp_path):
    root = issue_with(tmp_path, "::: figure images/gray.png\nGray.\n:::",
                      {"gray.png": photo(1000, 700).convert("L")})
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    image = next(iter(PdfReader(output).pages[0].images)).image
    c, m, y, k = (np.asarray(band) for band in image.split())
    assert c.max() == m.max() == y.max() == 0 and k.max() > 100


def test_low_resolution_warns_and_very_low_fails(tmp_path):
    # a column is about 86 mm wide: 800 px -> about 236 ppi (warn), 400 px -> 118 ppi (fail)
    root = issue_with(tmp_path, "::: figure images/soft.jpg\nSoft.\n:::",
                      {"soft.jpg": photo(800, 600)})
    result, _ = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    assert "pics.md:8: picture 'soft.jpg' prints at" in result.stderr
    assert "under 300" in result.stderr
    root2 = issue_with(tmp_path / "b", "::: figure images/tiny.jpg\nTiny.\n:::",
                       {"tiny.jpg": photo(400, 300)})
    result, output = build(tmp_path / "b", root2)
    assert result.exit_code == 2
    assert "pics.md:8: picture 'tiny.jpg' prints at" in result.stderr
    assert "under 150" in result.stderr
    assert not output.exists()


def test_full_bleed_picture_fills_its_page_without_folio(tmp_path):
    root = issue_with(tmp_path, "::: figure images/big.jpg bleed\nThe steppe.\n:::",
                      {"big.jpg": photo(2700, 3700)}, pages=3, fill=1)
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    reader = PdfReader(output)
    bleed_page = next(p for p in reader.pages if p.images)
    assert "The steppe." in bleed_page.extract_text()
    assert "TESTMAG" not in bleed_page.extract_text()  # no folio on a full-bleed page
    import pypdfium2

    number = [i for i, p in enumerate(reader.pages) if p.images][0]
    image = pypdfium2.PdfDocument(output)[number].render(scale=0.5).to_pil().convert("L")
    corners = [image.getpixel((1, 1)), image.getpixel((image.width - 2, image.height // 3))]
    assert all(value < 250 for value in corners)  # the picture reaches the bleed edge


BAD = [
    ("missing", "::: figure images/none.jpg\nx\n:::", {}, "not found"),
    ("outside", "::: figure ../../etc/passwd\nx\n:::", {}, "outside the issue folder"),
    ("svg", "::: figure images/logo.svg\nx\n:::", {"logo.svg": b"<svg xmlns='x'/>"},
     "not a picture Pillow can read"),
    ("corrupt", "::: figure images/broken.jpg\nx\n:::", {"broken.jpg": "truncated"}, "damaged"),
    ("placement", "::: figure images/a.jpg sideways\nx\n:::", {}, "unknown figure placement"),
]


@pytest.mark.parametrize("name,body,files,words", BAD, ids=[b[0] for b in BAD])
def test_bad_pictures_are_clear_errors(tmp_path, name, body, files, words):
    root = issue_with(tmp_path, body, {})
    for filename, content in files.items():
        if content == "truncated":
            photo(600, 400).save(root / "images" / filename)
            data = (root / "images" / filename).read_bytes()
            (root / "images" / filename).write_bytes(data[: len(data) // 3])
        else:
            (root / "images" / filename).write_bytes(content)
    result, output = build(tmp_path, root)
    assert result.exit_code == 2, result.output
    assert "pics.md:8:" in result.stderr and words in result.stderr
    assert not output.exists()


def test_symlink_leading_outside_is_refused(tmp_path):
    root = issue_with(tmp_path, "::: figure images/link.jpg\nx\n:::", {})
    outside = tmp_path / "secret.jpg"
    photo(600, 400).save(outside)
    (root / "images" / "link.jpg").symlink_to(outside)
    result, _ = build(tmp_path, root)
    assert result.exit_code == 2 and "outside the issue folder" in result.stderr


def test_decompression_bomb_is_refused(tmp_path):
    root = issue_with(tmp_path, "::: figure images/bomb.png\nx\n:::", {})
    Image.new("1", (12000, 12000)).save(root / "images" / "bomb.png")
    result, _ = build(tmp_path, root)
    assert result.exit_code == 2 and "too many pixels" in result.stderr


def test_interview_portrait_with_its_name_plate(tmp_path):
    interview = ("---\nkind: interview\ntitle: \"Portrait\"\nspeaker: Aigul Solovyova\n"
                 "byline: {name: Aigul Solovyova, role: Chairman of the Board}\n"
                 "portrait: images/face.jpg\npages: 1\n---\nIntro text of the interview.\n")
    fillers = {f"f{k}": feature("") for k in range(3)}
    root = write_minimal_issue(tmp_path / "issue", {"i": interview, **fillers})
    (root / "images").mkdir()
    photo(1400, 1750).save(root / "images" / "face.jpg")
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(output) as pdf:
        page = pdf.pages[0]
        image = page.images[0]
        text = " ".join(page.extract_text().split())
    assert 230 < image["width"] < 250  # a column wide
    assert "Aigul Solovyova, Chairman of the Board" in text


def test_very_fine_pictures_are_placed_at_print_size(tmp_path):
    root = issue_with(tmp_path, "::: figure images/huge.jpg\nHuge.\n:::",
                      {"huge.jpg": photo(3000, 2000)})  # about 880 ppi in a column
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    [(space, x_ppi)] = placed_images(output)
    assert 330 <= x_ppi <= 370 and space == "DeviceCMYK"


def test_a_picture_the_build_refuses_is_said_so_by_the_proof(tmp_path):
    root = issue_with(tmp_path, "::: figure images/tiny.jpg\nTiny.\n:::",
                      {"tiny.jpg": photo(330, 220)})  # about 97 ppi in a column
    for only in ([], ["--only", "pics"]):
        result = run_cli("proof", root, "-o", tmp_path / "proof.pdf", "--no-preview", *only)
        assert result.exit_code == 1, result.output
        assert (f"pics.md:8: picture 'tiny.jpg' prints at 97 ppi, under 150 — make pdf "
                f"ISSUE={root} will refuse it; use a larger original") in result.stdout
        assert result.stdout.splitlines()[0].endswith("use a larger original, or place it "
                                                      "smaller")  # first, with the overset
        assert ", 1 picture under 150 ppi — make pdf" in result.stdout


def test_a_picture_to_come_is_a_placeholder_in_proofs_and_refused_by_the_build(tmp_path):
    import re

    root = issue_with(tmp_path, "::: figure images/steppe.jpg\nThe steppe at dawn.\n"
                                "Photo: A. Photographer\n:::", {})
    result = run_cli("proof", root, "-o", tmp_path / "proof.pdf", "--no-preview")
    assert result.exit_code == 1, result.output
    assert (f"pics.md:8: picture 'images/steppe.jpg' is not there yet (the proof shows a "
            f"PICTURE TO COME frame) — make pdf ISSUE={root} will refuse it until the file is "
            f"in {root}/images/") in result.stdout
    assert ", 1 picture to come — make pdf" in result.stdout
    with pdfplumber.open(tmp_path / "proof.pdf") as pdf:
        page = pdf.pages[0]
        text = " ".join(page.extract_text().split())
        label = next(w for w in page.extract_words() if w["text"] == "PICTURE")
        frame = next(r for r in page.rects if r["width"] > 200)
        drawn = "".join("".join(c["text"] for c in page.chars).split())
    size = re.search(r"PICTURE TO COME: steppe\.jpg, (\d+) × (\d+) mm", text)
    assert size and 80 < int(size.group(1)) < 95  # a column wide, 3:2
    assert abs(int(size.group(2)) - int(size.group(1)) * 2 / 3) <= 1
    assert frame["x0"] < label["x0"] < frame["x1"] and frame["top"] < label["top"] < frame["bottom"]
    # in the order the page is drawn (the text's), wherever the balanced columns put them
    assert drawn.index("extbeforethepicture.") < drawn.index("PICTURETOCOME") \
        < drawn.index("Thesteppeatdawn.") < drawn.index("Textafterthepicture.")
    build = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert build.exit_code == 2
    assert f"pics.md:8: picture 'images/steppe.jpg' not found — put the file in {root}/images/" \
        in build.stderr
    assert not (tmp_path / "out.pdf").exists()


def placed_image(output) -> Image.Image:
    """The first picture of the PDF as it is stored there (CMYK)."""
    page = next(p for p in PdfReader(output).pages if p.images)
    return next(iter(page.images)).image


def test_sixteen_bit_greys_print_grey_not_white(tmp_path):
    grey = Image.fromarray(np.full((700, 1000), 32768, dtype=np.uint16))  # 50 % grey
    assert grey.mode == "I;16"
    for name in ("grey16.png", "grey16.tif"):
        root = issue_with(tmp_path / name, f"::: figure images/{name}\nGrey.\n:::",
                          {name: grey})
        result, output = build(tmp_path / name, root)
        assert result.exit_code == 0, result.output
        c, m, y, k = (np.asarray(band) for band in placed_image(output).split())
        assert c.max() == m.max() == y.max() == 0
        assert 110 < k.mean() < 150, name  # half the black plate, as the grey was


def test_exif_orientation_is_applied(tmp_path):
    photo_ = Image.new("RGB", (1600, 800), (0, 0, 255))
    photo_.paste((255, 0, 0), (0, 0, 800, 800))  # stored: red left half, blue right half
    exif = photo_.getexif()
    exif[0x0112] = 6  # the camera says: turn it 90° clockwise to show it
    root = issue_with(tmp_path, "::: figure images/turned.jpg\nTurned.\n:::", {})
    photo_.save(root / "images" / "turned.jpg", exif=exif, dpi=(300, 300))
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    image = placed_image(output)
    assert image.height > image.width  # upright: a portrait, as the camera showed it
    top = np.asarray(image.crop((0, 0, image.width, image.height // 3)))
    bottom = np.asarray(image.crop((0, 2 * image.height // 3, image.width, image.height)))
    assert top[..., 2].mean() > 150 > top[..., 0].mean()  # red (yellow, no cyan) on top …
    assert bottom[..., 0].mean() > 150 > bottom[..., 2].mean()  # … blue (cyan) below


def test_cielab_pictures_are_converted_by_colour(tmp_path):
    red = Image.new("LAB", (1200, 800), (128, 128 + 60, 128 + 40))  # L* 50, a* 60, b* 40
    root = issue_with(tmp_path, "::: figure images/lab.tif\nLab.\n:::", {})
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    red.save(root / "images" / "lab.tif", icc_profile=lab, dpi=(300, 300))  # as Photoshop does
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    c, m, y, k = (np.asarray(band).mean() for band in placed_image(output).split())
    assert m > 150 and y > 150 and c < 60  # a red, not the green of its raw numbers


def test_a_picture_path_may_hold_spaces(tmp_path):
    root = issue_with(tmp_path, "::: figure images/my photo.jpg page\nSpaced.\n:::",
                      {"my photo.jpg": photo(1800, 1200)})
    result, output = build(tmp_path, root)
    assert result.exit_code == 0, result.output
    assert "Spaced." in PdfReader(output).pages[0].extract_text()
