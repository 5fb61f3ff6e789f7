"""How the pictures of this folder were made from scikit-image's sample photographs.

    pip download scikit-image --no-deps -d /tmp/skimage && cd /tmp/skimage
    unzip -q scikit_image-*.whl 'skimage/data/*'
    python tests/issues/photos/images/prepare.py /tmp/skimage/skimage/data

The samples are 300–1400 pixels wide: each is cropped (never to hide what the layout is
meant to crop: the spread and cover photos keep their whole width of subject), enlarged
with Lanczos to about 300 ppi at the size the issue prints it, lightly sharpened, and saved
as sRGB JPEG (the grey camera photo stays greyscale). LICENCES.md says whose each is.
"""

import sys
from pathlib import Path

from PIL import Image, ImageCms, ImageFilter

HERE = Path(__file__).parent
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

# name: (sample, crop box in its pixels or None, size in pixels, JPEG quality)
PICTURES = {
    "rocket.jpg": ("rocket.jpg", None, (5400, 3600), 74),  # cover
    "astronaut.jpg": ("astronaut.png", None, (3640, 3640), 78),  # photo opener, headshot
    "coffee.jpg": ("coffee.png", (150, 0, 450, 400), (2700, 3600), 78),  # bleed
    "hubble.jpg": ("hubble_deep_field.jpg", (0, 186, 1000, 686), (7200, 3600), 70),  # spread
    "camera.jpg": ("camera.png", None, (3640, 3640), 78),  # facing page, headshot
    "chelsea.jpg": ("chelsea.png", None, (2700, 1796), 80),  # 2 columns, inset
    "coins.jpg": ("coins.png", None, (1600, 1262), 80),  # group, news
    "retina.jpg": ("retina.jpg", None, (1411, 1411), 80),  # group, news
    "brick.jpg": ("brick.png", None, (1400, 1400), 78),  # group
}


def main(samples: Path) -> None:
    for name, (sample, box, size, quality) in PICTURES.items():
        with Image.open(samples / sample) as opened:
            image = opened.convert("L" if opened.mode == "L" else "RGB")
        if box:
            image = image.crop(box)
        image = image.resize(size, Image.Resampling.LANCZOS)
        image = image.filter(ImageFilter.UnsharpMask(radius=2, percent=50, threshold=2))
        extra = {"icc_profile": SRGB} if image.mode == "RGB" else {}
        image.save(HERE / name, "JPEG", quality=quality, dpi=(300, 300), optimize=True,
                   **extra)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
