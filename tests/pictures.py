"""Photographs made for the tests: small, with what a press photo has that our pipeline
must print right (gradients, skin tones, deep shadows over the ink limit when converted
naively, noise that JPEG compression moves)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageCms

OTHER_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")  # Ghostscript's SWOP


def shadowed_photo(width: int = 1200, height: int = 800, seed: int = 1) -> Image.Image:
    """RGB: a gradient, a near-black and a deep violet shadow, a skin tone, and noise.
    Converted to ISO Coated v2 and saved as JPEG the plain way, it prints over 300 %."""
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([x * 255 / width, y * 255 / height, (x + y) * 127 / (width + height)], -1)
    rgb[: height // 3, : width // 3] = (8, 6, 10)
    rgb[height // 3: 2 * height // 3, : width // 3] = (40, 10, 60)
    rgb[height // 2:, width // 2:] = (214, 160, 130)
    rgb += np.random.default_rng(seed).normal(0, 10, rgb.shape)
    return Image.fromarray(np.clip(rgb, 0, 255).astype("uint8"), "RGB")


def built(tmp_path: Path, root: Path) -> Path:
    """The issue in `root` built (exit 0 asserted) into tmp_path/out.pdf."""
    from tests.conftest import run_cli

    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    return output


def srgb_bytes() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def as_cmyk(photo: Image.Image, profile: Path) -> Image.Image:
    """The photo separated for `profile`, as Photoshop's Convert to Profile does."""
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), str(profile), "RGB",
                                        "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC)
    return ImageCms.applyTransform(photo, transform)
