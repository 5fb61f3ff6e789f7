"""The screen edition's fixtures: the real issue's and a photo issue's screen PDFs, built
once per session, and the photo issue written by its own hand (no file of it is kept)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms

from layout.build import build
from tests.conftest import ISSUE, write_minimal_issue

NEWS = """---
kind: news
section: NEWS
title: "Briefs in three columns"
pages: 1
columns: 3
---

{briefs}
"""

FEATURE = """---
kind: feature
section: FEATURE
title: "Pictures of the steppe"
standfirst: "A feature with pictures of every kind, a pull quote, a sidebar and figures."
byline: {{name: "Aigerim Test", role: "reporter"}}
pages: 2
columns: 2
---

The register is online at https://www.gov.kz/memleket/entities/qogam and questions go to
help@qogam.gov.kz, the ministry says. {body}

## Where the water went

{body}

::: figure images/steppe.jpg
alt: A herd of horses on a wide green steppe under a pale sky
Horses near the Aral, in May.
Photo: A. Photographer
:::

::: pullquote
The steppe keeps what the sea gave up.
:::

{body}

::: sidebar How we counted
{body}
:::

::: figure images/cmyk.jpg page
alt: A grey-blue gradient: the sea bed at dawn
The former sea bed at dawn.
:::

::: stats
2 000 000 | volunteers
1 000 000 | services a year
:::

{body}
"""

INTERVIEW = """---
kind: interview
section: INTERVIEW
title: "Говорить на равных"
speaker: Гульнара Тестова
portrait: images/portrait.png
portrait_alt: "Гульнара Тестова, portrait: a woman in a dark jacket smiling"
language: ru
pages: 1
columns: 2
---

::: question
Что изменилось за год?
:::

{body_ru}
"""

BODY = ("Civil society in the regions has grown steadily over the year, with new groups "
        "registering every month and older ones taking on work the state left undone. ")
BODY_RU = ("Гражданское общество в регионах росло весь год: новые группы регистрируются "
           "каждый месяц, а старые берут на себя работу, которую государство оставило. ")


def photo(width: int, height: int, mode: str = "RGB") -> Image.Image:
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([x * 255 / width, y * 255 / height, (x + y) * 127 / (width + height)], -1)
    rgb += np.random.default_rng(1).normal(0, 12, rgb.shape)
    image = Image.fromarray(np.clip(rgb, 0, 255).astype("uint8"), "RGB")
    return image.convert(mode) if mode != "RGB" else image


def write_photo_issue(root: Path, alt: bool = True) -> Path:
    briefs = "\n\n* * *\n\n".join(
        f"Brief {k}: " + BODY * 3 + ("Details at https://monitoring.civilalliance.kz/ "
                                     "for every district. " if k == 2 else "")
        for k in range(1, 6))
    feature = FEATURE.format(body=BODY * 5)
    if not alt:
        feature = feature.replace("alt: A herd of horses on a wide green steppe under a pale "
                                  "sky\n", "")
    root = write_minimal_issue(root, {
        "news": NEWS.format(briefs=briefs), "feature": feature,
        "interview": INTERVIEW.format(body_ru=BODY_RU * 12)})
    (root / "images").mkdir()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo(1800, 1200).save(root / "images" / "steppe.jpg", dpi=(300, 300), icc_profile=srgb)
    photo(2400, 1000, "CMYK").save(root / "images" / "cmyk.jpg", dpi=(300, 300))
    photo(900, 1200, "L").save(root / "images" / "portrait.png", dpi=(300, 300))
    return root


@pytest.fixture(scope="session")
def photo_issue(tmp_path_factory) -> Path:
    return write_photo_issue(tmp_path_factory.mktemp("photos") / "issue")


@pytest.fixture(scope="session")
def photo_screen(photo_issue, tmp_path_factory) -> Path:
    return build(photo_issue, tmp_path_factory.mktemp("photo-screen") / "photos-screen.pdf",
                 edition="screen", use_cache=False)


@pytest.fixture(scope="session")
def photo_print(photo_issue, tmp_path_factory) -> Path:
    """The photo issue's print PDF, composed anew (no cache)."""
    return build(photo_issue, tmp_path_factory.mktemp("photo-print") / "photos.pdf",
                 use_cache=False)


@pytest.fixture(scope="session")
def issue_screen(tmp_path_factory) -> Path:
    """The real issue's screen edition, built once."""
    return build(ISSUE, tmp_path_factory.mktemp("screen") / "issue-screen.pdf",
                 edition="screen")
