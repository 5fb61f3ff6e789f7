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


@dataclass(frozen=True)
class MissingPicture:
    """A picture whose file is not there yet: proofs draw a placeholder frame in its place."""

    path: Path  # as the article names it
    width_px: int = 0
    height_px: int = 0
    jpeg: bytes = b""
    aspect: float = 2 / 3  # a landscape 3:2 frame, the common shape of a press photo
    missing: bool = True


def resolve_picture(root: Path, relative: Path, article: Path, line: int,
                    missing_ok: bool = False) -> Path | None:
    """The picture's real path, refused when it leads outside the issue or (unless
    `missing_ok`, then None) when it is not there."""
    base = root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(base):
        raise IssueError(article, line, f"picture '{relative}' is outside the issue folder",
                         f"copy it into {root / 'images'}/ and refer to it as images/NAME")
    if not target.is_file():
        if missing_ok:
            return None
        raise IssueError(article, line, f"picture '{relative}' not found",
                         f"put the file in {root / 'images'}/ or fix the path (a proof "
                         "shows a PICTURE TO COME frame until it is there)")
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


def attach_pictures(issue, press_profile: Path, placeholders: bool = False) -> None:
    """Load and convert every picture the issue places (figures and portraits).

    With `placeholders` (proofs), a picture whose file is not there yet becomes a
    MissingPicture; a build refuses it.
    """
    for article in issue.articles:
        for figure in placed_figures(article):
            path = resolve_picture(issue.root, figure.path, article.path, figure.line,
                                   missing_ok=placeholders)
            if path is None:
                figure.picture = MissingPicture(figure.path)
            else:
                figure.picture = load_picture(path, article.path, figure.line, press_profile)


def placed_figures(article) -> list:
    """The article's figures, its portrait included."""
    from layout.content.model import Figure

    figures = [b for b in article.blocks if isinstance(b, Figure)]
    return figures + [article.portrait] if article.portrait else figures


def pictures_to_come(article) -> list:
    """The article's figures whose file is not there yet (after attach_pictures)."""
    return [f for f in placed_figures(article) if isinstance(f.picture, MissingPicture)]
