"""Pictures that print: CMYK with its own profile, and never more ink than the theme allows.

Read back from the PDF (pypdf's image, Ghostscript's separations), not from our objects.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageCms
from pypdf import PdfReader

from layout.content.images import to_press_cmyk
from layout.content.ink_limit import jpeg_tac, limit_ink, tac
from layout.press.pdfx import PROFILE
from tests.conftest import write_minimal_issue
from tests.pictures import OTHER_CMYK, as_cmyk, built, shadowed_photo, srgb_bytes
from tests.readers import separations_tac
from tests.tools import needs


def feature(body: str) -> str:
    return f"---\nkind: feature\ntitle: \"Pictures\"\npages: 1\n---\nText.\n\n{body}\n"


def one_picture_issue(tmp_path, name: str, theme_extra: str = ""):
    body = f"::: figure images/{name}\nA dark room.\nPhoto: Test\n:::"
    root = write_minimal_issue(tmp_path / "issue", {"pics": feature(body),
                                                    **{f"f{k}": feature("") for k in range(3)}})
    if theme_extra:
        with open(root / "theme.yaml", "a", encoding="utf-8") as theme:
            theme.write(theme_extra)
    (root / "images").mkdir()
    return root


def placed(output) -> np.ndarray:
    """The first picture of the PDF, decoded as the PDF stores it (CMYK)."""
    image = next(iter(PdfReader(output).pages[0].images)).image
    return np.asarray(image.convert("CMYK"))


@pytest.mark.skipif(not OTHER_CMYK.exists(), reason=f"needs {OTHER_CMYK} (ghostscript)")
def test_cmyk_jpeg_with_another_profile_is_converted_from_it(tmp_path):
    photo = shadowed_photo(1100, 750)
    swop = as_cmyk(photo, OTHER_CMYK)
    root = one_picture_issue(tmp_path, "swop.jpg")
    swop.save(root / "images" / "swop.jpg", quality=95, dpi=(300, 300),
              icc_profile=OTHER_CMYK.read_bytes())
    pixels = placed(built(tmp_path, root))
    expected = np.asarray(ImageCms.profileToProfile(
        swop, str(OTHER_CMYK), str(PROFILE), outputMode="CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)).astype(int)
    raw = np.asarray(swop).astype(int)
    assert np.abs(pixels - expected).mean() < 3  # converted from its own profile …
    assert np.abs(pixels - raw).mean() > 3 * np.abs(pixels - expected).mean()  # … not kept


def test_cmyk_jpeg_in_the_press_profile_is_kept_as_it_is(tmp_path):
    cmyk = limit_ink(as_cmyk(shadowed_photo(1100, 750), PROFILE), 295)  # as retouched
    cmyk.paste((0, 0, 0, 230), (700, 100, 1000, 300))  # black type set in the picture: K only
    root = one_picture_issue(tmp_path, "press.jpg")
    cmyk.save(root / "images" / "press.jpg", quality=95, dpi=(300, 300),
              icc_profile=PROFILE.read_bytes())
    with Image.open(root / "images" / "press.jpg") as handed_in:
        handed = np.asarray(handed_in.convert("CMYK")).astype(int)
    pixels = placed(built(tmp_path, root))
    assert np.abs(pixels - handed).mean() < 2.5  # compression noise only …
    black = pixels[110:290, 710:990]
    assert black[..., :3].max() < 8 and abs(black[..., 3].mean() - 230) < 2  # … K stays K


@needs("gs")
def test_deep_shadows_print_within_the_ink_limit(tmp_path):
    photo = shadowed_photo(1200, 800)
    naive = io.BytesIO()  # what the pipeline wrote before: separated, then compressed
    to_press_cmyk(photo, PROFILE).save(naive, "JPEG", quality=92, subsampling=0)
    assert jpeg_tac(naive.getvalue()) > 303  # the test photo does go over when naive
    root = one_picture_issue(tmp_path, "dark.jpg")
    photo.save(root / "images" / "dark.jpg", quality=95, dpi=(300, 300),
               icc_profile=srgb_bytes())
    output = built(tmp_path, root)
    assert tac(placed(output)).max() <= 300  # every pixel the PDF stores …
    assert tac(placed(output)).max() > 290  # (the shadows are still deep)
    assert separations_tac(output, dpi=300)[0] <= 300.5  # … and every pixel of the plates


@needs("gs")
def test_the_theme_sets_the_ink_limit(tmp_path):
    root = one_picture_issue(tmp_path, "dark.png", "\npress:\n  ink_limit: 260%\n")
    shadowed_photo(1200, 800).save(root / "images" / "dark.png", dpi=(300, 300))
    output = built(tmp_path, root)
    assert 250 < tac(placed(output)).max() <= 260
    assert separations_tac(output, dpi=300)[0] <= 260.5


def test_limiting_ink_keeps_the_look():
    """Pixels over the limit give their grey to black, then CMY in proportion: the colour
    moves less than a retoucher would see (ΔE*ab under 2.5 at worst, 0.6 on average)."""
    cmyk = to_press_cmyk(shadowed_photo(600, 400), PROFILE)
    limited = limit_ink(cmyk, 280)
    before, after = np.asarray(cmyk), np.asarray(limited)
    changed = (before != after).any(axis=2)
    assert changed.mean() > 0.05 and tac(after).max() <= 280
    assert (before[~changed] == after[~changed]).all()
    to_lab = ImageCms.buildTransform(str(PROFILE), ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                     ImageCms.Intent.ABSOLUTE_COLORIMETRIC)

    def lab(image: Image.Image) -> np.ndarray:
        raw = np.asarray(ImageCms.applyTransform(image, to_lab))
        return np.stack([raw[..., 0] * 100 / 255, raw[..., 1].view(np.int8),
                         raw[..., 2].view(np.int8)], axis=-1).astype(float)

    delta = np.sqrt(((lab(cmyk) - lab(limited)) ** 2).sum(axis=2))[changed]
    assert delta.max() < 3.0 and delta.mean() < 1.0


def test_converted_pictures_are_kept_for_the_next_build_by_their_bytes(tmp_path):
    root = one_picture_issue(tmp_path, "dark.png")
    shadowed_photo(1200, 800).save(root / "images" / "dark.png", dpi=(300, 300))
    first = built(tmp_path, root).read_bytes()
    kept = list((tmp_path / "build").glob("*/cache/pictures/dark.*.entry"))
    assert len(kept) == 1
    assert built(tmp_path, root).read_bytes() == first  # from the kept conversion: the same
    shadowed_photo(1200, 800, seed=2).save(root / "images" / "dark.png", dpi=(300, 300))
    again = built(tmp_path, root)
    assert again.read_bytes() != first  # another picture under the same name: converted anew
    assert tac(placed(again)).max() <= 300
