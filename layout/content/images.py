"""Pictures: found safely inside the issue folder, decoded, and converted to press CMYK.

Conversion follows the picture's own ICC profile (sRGB when it has none) to the press
profile with Pillow's ImageCms; grayscale becomes black only, as printers expect.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

from layout.errors import IssueError

FORMATS = ("JPEG", "PNG", "TIFF")
MAX_PIXELS = 80_000_000  # larger declared sizes are refused (decompression bombs)
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class Picture:
    """A picture ready for the press: CMYK JPEG bytes and its pixel size."""

    path: Path
    jpeg: bytes
    width_px: int
    height_px: int

    @property
    def aspect(self) -> float:
        return self.height_px / self.width_px


def resolve_picture(root: Path, relative: Path, article: Path, line: int) -> Path:
    """The picture's real path, refused when it is missing or leads outside the issue."""
    base = root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(base):
        raise IssueError(article, line, f"picture '{relative}' is outside the issue folder",
                         "copy it into issue/images/ and refer to it as images/NAME")
    if not target.is_file():
        raise IssueError(article, line, f"picture '{relative}' not found",
                         "put the file in issue/images/ or fix the path")
    return target


def load_picture(path: Path, article: Path, line: int, press_profile: Path) -> Picture:
    """Decode and convert a picture; errors name the article line that places it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                if opened.format not in FORMATS:
                    raise IssueError(article, line, f"picture '{path.name}' is {opened.format}",
                                     "use JPEG, PNG or TIFF")
                opened.load()
                cmyk = to_press_cmyk(opened, press_profile)
    except IssueError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise IssueError(article, line, f"picture '{path.name}' declares too many pixels",
                         f"use an image of at most {MAX_PIXELS // 1_000_000} megapixels"
                         ) from None
    except UnidentifiedImageError:
        raise IssueError(article, line, f"'{path.name}' is not a picture Pillow can read",
                         "use JPEG, PNG or TIFF (SVG and other formats are not supported)"
                         ) from None
    except (OSError, SyntaxError, ValueError) as err:
        raise IssueError(article, line, f"picture '{path.name}' is damaged: {err}",
                         "export it again from the original") from None
    out = io.BytesIO()
    cmyk.save(out, "JPEG", quality=92, subsampling=0)
    return Picture(path, out.getvalue(), cmyk.width, cmyk.height)


def to_press_cmyk(image: Image.Image, press_profile: Path) -> Image.Image:
    """Any picture as CMYK for the press profile."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    if image.mode in ("1", "L", "I", "I;16", "F"):
        gray = image.convert("L")
        black = gray.point(lambda v: 255 - v)
        zero = Image.new("L", gray.size, 0)
        return Image.merge("CMYK", (zero, zero, zero, black))
    source = _embedded_profile(image)
    if image.mode == "CMYK":
        if source is None:
            return image  # untagged CMYK is taken to be press CMYK already
        return ImageCms.profileToProfile(image, source, _profile(press_profile), "CMYK",
                                         renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    rgb = image.convert("RGB")
    transform = _transform(source or _srgb(), press_profile)
    return ImageCms.applyTransform(rgb, transform)


def _embedded_profile(image: Image.Image):
    data = image.info.get("icc_profile")
    if not data:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        return None


@cache
def _srgb():
    return ImageCms.createProfile("sRGB")


@cache
def _profile(path: Path):
    return ImageCms.ImageCmsProfile(str(path))


def _transform(source, press_profile: Path):
    return ImageCms.buildTransform(source, _profile(press_profile), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def attach_pictures(issue, press_profile: Path) -> None:
    """Load and convert every picture the issue places (figures and portraits)."""
    from layout.content.model import Figure

    for article in issue.articles:
        figures = [b for b in article.blocks if isinstance(b, Figure)]
        if article.portrait:
            figures.append(article.portrait)
        for figure in figures:
            path = resolve_picture(issue.root, figure.path, article.path, figure.line)
            figure.picture = load_picture(path, article.path, figure.line, press_profile)
