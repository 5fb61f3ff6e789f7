"""Pictures: found safely inside the issue folder, decoded, and converted to press CMYK.

Conversion follows the picture's own ICC profile (sRGB when it has none) to the press
profile with Pillow's ImageCms (CMYK in the press profile, or untagged, is kept as it is);
grayscale becomes black only, as printers expect. No pixel written carries more ink than the
theme's limit (content/ink_limit.py), after JPEG compression too. A camera's
EXIF orientation is applied first; 16-bit greys are scaled, not clipped; CIELAB is converted
through a Lab profile; what cannot be converted faithfully is refused with its line.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from layout.content.boundary import PICTURE_LIMIT, Boundary
from layout.content.ink_limit import within_limit_jpeg
from layout.errors import IssueError, did_you_mean
from layout.files import Unreadable, read_regular

FORMATS = ("JPEG", "PNG", "TIFF")
MAX_PIXELS = 80_000_000  # larger declared sizes are refused (decompression bombs)
DEFAULT_INK_LIMIT = 300.0  # %: the press profile's own (ISO Coated v2 300 %)
MAX_ASPECT = 20  # a picture longer than this on one side than the other prints as a line
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
GREYS = ("1", "L", "I", "I;16", "I;16L", "I;16B", "I;16N")  # printed on black only
SPACES = {"RGB": "RGB ", "CMYK": "CMYK", "LAB": "Lab "}  # ICC colour space of each mode


@dataclass(frozen=True)
class Picture:
    """A picture ready for the press: CMYK JPEG bytes (no pixel over `ink_limit` %) and its
    pixel size."""

    path: Path
    jpeg: bytes
    width_px: int
    height_px: int
    ink_limit: float = DEFAULT_INK_LIMIT

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
    """The picture's real path, refused when it leads outside the issue or is no regular
    file under the size limit, or (unless `missing_ok`, then None) when it is not there."""
    boundary = Boundary(root)
    real = boundary.resolve(root / relative, str(relative), article, line, "picture")
    if not real.exists():
        if missing_ok:
            return None
        close = _closest_file(root / relative)
        raise IssueError(article, line, f"picture '{relative}' not found",
                         (f"did you mean '{relative.parent / close}'? Else " if close else "")
                         + f"put the file in {root / 'images'}/ or fix the path (a proof "
                         "shows a PICTURE TO COME frame until it is there)")
    return boundary.check(root / relative, str(relative), article, line, "picture",
                          PICTURE_LIMIT)


def _closest_file(path: Path) -> str:
    """The name of the file in `path`'s folder closest to its name ('opener.jpg' for
    'openr.jpg'), or ''."""
    try:
        names = {p.stem: p.name for p in path.parent.iterdir() if p.is_file()}
    except OSError:
        return ""
    hint = did_you_mean(path.stem, names) if names else ""  # the stems: all end '.jpg'
    return names[hint.split("'")[1]] if hint.startswith("did you mean") else ""


class Unprintable(Exception):
    """A picture whose pixels cannot be converted faithfully; the message says why."""


def load_picture(path: Path, article: Path, line: int, press_profile: Path,
                 ink_limit: float = DEFAULT_INK_LIMIT) -> Picture:
    """Decode and convert a picture, within the ink limit; errors name the article line
    that places it."""
    try:
        data = read_regular(path, PICTURE_LIMIT)
    except Unreadable as err:
        raise IssueError(article, line, f"picture '{path.name}' {err.reason}", err.hint) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.format not in FORMATS:
                    raise IssueError(article, line, f"picture '{path.name}' is {opened.format}",
                                     "use JPEG, PNG or TIFF")
                opened.load()
                _check_shape(opened, path.name, article, line)
                cmyk = to_press_cmyk(ImageOps.exif_transpose(opened), press_profile)
    except IssueError:
        raise
    except Unprintable as err:
        raise IssueError(article, line, f"picture '{path.name}' {err}",
                         "export it again as 8- or 16-bit RGB, greyscale or CMYK") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise IssueError(article, line, f"picture '{path.name}' declares too many pixels",
                         f"use an image of at most {MAX_PIXELS // 1_000_000} megapixels"
                         ) from None
    except UnidentifiedImageError:
        raise IssueError(article, line, f"'{path.name}' is not a picture Pillow can read",
                         "use JPEG, PNG or TIFF (SVG and other formats are not supported)"
                         ) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError,
            ZeroDivisionError, ImageCms.PyCMSError) as err:  # what Pillow's decoders raise
        raise IssueError(article, line, f"picture '{path.name}' is damaged or of a kind that "
                         f"cannot be read ({type(err).__name__})",
                         "export it again from the original as JPEG, PNG or TIFF") from None
    jpeg = within_limit_jpeg(cmyk, ink_limit)
    return Picture(path, jpeg, cmyk.width, cmyk.height, ink_limit)


def _check_shape(image: Image.Image, name: str, article: Path, line: int) -> None:
    """Refuse a picture so long and thin that, placed at any width, it prints as a line."""
    width, height = image.size
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise IssueError(article, line, f"picture '{name}' is {width} × {height} pixels: one "
                         f"side is more than {MAX_ASPECT} times the other",
                         "crop it to the part that should print")


def to_press_cmyk(image: Image.Image, press_profile: Path) -> Image.Image:
    """Any picture as CMYK for the press profile."""
    image = _on_white(image)
    if image.mode in GREYS:
        gray = _eight_bit_grey(image)
        black = gray.point(lambda v: 255 - v)
        zero = Image.new("L", gray.size, 0)
        return Image.merge("CMYK", (zero, zero, zero, black))
    if image.mode == "F":
        raise Unprintable("has 32-bit floating-point pixels, which have no defined range")
    source = _embedded_profile(image)
    if image.mode == "CMYK":
        if source is None or same_profile(image.info["icc_profile"], press_profile):
            return image  # untagged CMYK is taken to be press CMYK already
        return ImageCms.profileToProfile(image, source, _profile(press_profile),
                                         renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                         outputMode="CMYK",
                                         flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    if image.mode == "LAB":  # Pillow's LAB is CIELAB with a and b offset by 128
        return ImageCms.applyTransform(image, _lab_transform(press_profile))
    rgb = image.convert("RGB")
    transform = _transform(source or _srgb(), press_profile)
    return ImageCms.applyTransform(rgb, transform)


def to_screen(image: Image.Image, press_profile: Path) -> Image.Image:
    """Any picture as the screen edition shows it: sRGB from its own colours (its embedded
    profile; RGB without one is sRGB, CMYK without one the press's), or 8-bit grey."""
    image = _on_white(image)
    if image.mode in GREYS:
        return _eight_bit_grey(image)
    if image.mode == "F":
        raise Unprintable("has 32-bit floating-point pixels, which have no defined range")
    source = _embedded_profile(image)
    if image.mode == "CMYK":
        return ImageCms.profileToProfile(image, source or _profile(press_profile), _srgb(),
                                         renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                         outputMode="RGB",
                                         flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    if image.mode == "LAB":
        return ImageCms.profileToProfile(image, ImageCms.createProfile("LAB"), _srgb(),
                                         outputMode="RGB")
    rgb = image.convert("RGB")
    if source is None:
        return rgb
    return ImageCms.profileToProfile(rgb, source, _srgb(), outputMode="RGB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                     flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def _on_white(image: Image.Image) -> Image.Image:
    """A picture with transparency flattened on white paper."""
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
            image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image


def _eight_bit_grey(image: Image.Image) -> Image.Image:
    """Greys as 8 bits: 16-bit and 32-bit integer greys are scaled, not clipped at 255."""
    if image.mode in ("1", "L"):
        return image.convert("L")
    wide = image if image.mode == "I" else image.convert("I")  # 16-bit modes convert exactly
    low, high = wide.getextrema()
    if low < 0 or high > 65535:
        raise Unprintable("has grey values beyond 16 bits")
    return wide.point(lambda v: v * (255 / 65535) + 0.5).convert("L")


def _embedded_profile(image: Image.Image):
    """The picture's own ICC profile; one made for other colours than its own is refused."""
    data = image.info.get("icc_profile")
    if not data:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        return None
    space = profile.profile.xcolor_space
    wanted = SPACES.get(image.mode if image.mode in SPACES else "RGB")
    if space != wanted:
        raise Unprintable(f"carries a colour profile for {space.strip()} in a "
                          f"{wanted.strip()} picture")
    return profile


def same_profile(data: bytes, press_profile: Path) -> bool:
    """An embedded profile is the press profile: the same bytes once the header fields a
    copy may change (flags, rendering intent, the ID itself) are left out, which is how ICC
    computes a profile's ID. (The bytes as embedded: lcms writes a profile out anew.)"""
    return _profile_digest(data) == _file_digest(press_profile)


@cache
def _file_digest(path: Path) -> bytes:
    return _profile_digest(path.read_bytes())


def _profile_digest(data: bytes) -> bytes:
    header = bytearray(data[:128])
    for start, end in ((44, 48), (64, 68), (84, 100)):
        header[start:end] = bytes(end - start)
    return hashlib.md5(bytes(header) + data[128:], usedforsecurity=False).digest()


@cache
def _srgb():
    return ImageCms.createProfile("sRGB")


@cache
def _profile(path: Path):
    return ImageCms.ImageCmsProfile(str(path))


@cache
def _lab_transform(press_profile: Path):
    return ImageCms.buildTransform(ImageCms.createProfile("LAB"), _profile(press_profile), "LAB",
                                   "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def _transform(source, press_profile: Path):
    return ImageCms.buildTransform(source, _profile(press_profile), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def attach_pictures(issue, press_profile: Path, placeholders: bool = False,
                    ink_limit: float = DEFAULT_INK_LIMIT, remember=None) -> None:
    """Load and convert every picture the issue places (figures and portraits), none over
    `ink_limit` % of ink; a file placed by several figures is decoded once and its Picture
    shared. `remember(path, load)` may keep what `load()` makes between builds
    (compose/cache.py: remembered_pictures).

    With `placeholders` (proofs), a picture whose file is not there yet becomes a
    MissingPicture; a build refuses it.
    """
    loaded: dict[Path, Picture] = {}  # each file decoded once, however many figures place it
    for article in issue.articles:
        for figure in placed_figures(article):
            path = resolve_picture(issue.root, figure.path, article.path, figure.line,
                                   missing_ok=placeholders)
            if path is None:
                figure.picture = MissingPicture(figure.path)
            else:
                real = path.resolve()
                if real not in loaded:
                    load = partial(load_picture, path, article.path, figure.line,
                                   press_profile, ink_limit)
                    loaded[real] = remember(path, load) if remember else load()
                figure.picture = loaded[real]


def placed_figures(article) -> list:
    """The article's figures (a group's photos one by one), its portrait included."""
    from layout.content.model import Figure

    figures = [f for b in article.blocks if isinstance(b, Figure) for f in b.members or [b]]
    figures += [b.headshot for b in article.blocks if getattr(b, "headshot", None)]
    return figures + [article.portrait] if article.portrait else figures


def pictures_to_come(article) -> list:
    """The article's figures whose file is not there yet (after attach_pictures)."""
    return [f for f in placed_figures(article) if isinstance(f.picture, MissingPicture)]
