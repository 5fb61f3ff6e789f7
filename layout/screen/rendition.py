"""The screen rendition of the composed pages: trimmed, in sRGB.

The pages are the print pages, drawn the same way; here they lose what only a press needs:
the bleed and the boxes around it (MediaBox = TrimBox), and CMYK. Every CMYK colour of the
content (`k`/`K`, and `sc`/`scn` in DeviceCMYK) becomes the sRGB colour the press profile
says that ink mix prints as (ImageCms, relative colorimetric with black-point compensation:
what the printed page looks like on a screen); CMYK pictures are converted the same way,
pixel by pixel (perceptual), at half the print resolution (150–175 ppi: twice what a
screen shows at 100 %, never under 1000 px on the longer side), and written as JPEG.
"""

from __future__ import annotations

import io
from functools import cache

import pikepdf
from PIL import Image, ImageCms

from layout.press.contentstream import NAME, NUMBER, operations
from layout.press.pdfx import PROFILE

CMYK_NAMES = {b"/DeviceCMYK", b"/CMYK"}
JPEG_QUALITY = 85
SCREEN_SHARE = 0.5  # of the print picture's pixels (about 150-175 ppi at its placed size)
MIN_SIDE = 1000  # px: a picture is not made smaller than this on its longer side


@cache
def _transform(perceptual: bool):
    intent = (ImageCms.Intent.PERCEPTUAL if perceptual
              else ImageCms.Intent.RELATIVE_COLORIMETRIC)
    return ImageCms.buildTransform(
        ImageCms.getOpenProfile(str(PROFILE)), ImageCms.createProfile("sRGB"), "CMYK", "RGB",
        renderingIntent=intent, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


@cache
def srgb(cyan: float, magenta: float, yellow: float, black: float) -> tuple[float, ...]:
    """The sRGB colour (0–1) of an ink mix (0–1) on the press profile's paper."""
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in
                                            (cyan, magenta, yellow, black)))
    rgb = ImageCms.applyTransform(pixel, _transform(False)).getpixel((0, 0))
    return tuple(round(v / 255, 4) for v in rgb)


def _number(value: float) -> bytes:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return (text or "0").encode()


def convert_content(data: bytes) -> bytes:
    """A content stream with each CMYK colour operator as its sRGB one."""
    out, last = [], 0
    fill_cmyk = stroke_cmyk = False
    for op in operations(data):
        operator, operands = op.operator, op.operands
        replace = None
        if operator in (b"cs", b"CS") and operands and operands[0][0] == NAME:
            cmyk = data[operands[0][1]:operands[0][2]] in CMYK_NAMES
            if operator == b"cs":
                fill_cmyk = cmyk
            else:
                stroke_cmyk = cmyk
            if cmyk:
                replace = b"/DeviceRGB " + operator
        elif (operator in (b"k", b"K")
              or (operator in (b"sc", b"scn") and fill_cmyk)
              or (operator in (b"SC", b"SCN") and stroke_cmyk)):
            if len(operands) == 4 and all(kind == NUMBER for kind, _, _ in operands):
                values = [float(data[a:b]) for _, a, b in operands]
                rgb = b" ".join(_number(v) for v in srgb(*values))
                # k/K name their space; sc/SC now work in the DeviceRGB set above
                replace = rgb + b" " + {b"k": b"rg", b"K": b"RG"}.get(operator, operator)
        if replace is not None:
            out += [data[last:op.start], replace]
            last = op.end
    out.append(data[last:])
    return b"".join(out)


def convert_image(image: pikepdf.Stream) -> None:
    """A CMYK picture as an sRGB JPEG, in place."""
    if image.get("/ColorSpace") not in (pikepdf.Name.DeviceCMYK,):
        return
    picture = pikepdf.PdfImage(image).as_pil_image()  # its filters and /Decode applied
    if picture.mode != "CMYK":
        return
    rgb = ImageCms.applyTransform(picture, _transform(True))
    longest = max(rgb.size)
    if longest * SCREEN_SHARE >= MIN_SIDE:  # print resolution is twice what a screen shows
        rgb = rgb.resize((round(rgb.width * SCREEN_SHARE), round(rgb.height * SCREEN_SHARE)),
                         Image.Resampling.LANCZOS)
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=JPEG_QUALITY)
    image.write(out.getvalue(), filter=pikepdf.Name.DCTDecode)
    image.ColorSpace = pikepdf.Name.DeviceRGB
    for key in ("/Decode", "/DecodeParms"):
        if key in image:
            del image[key]


def render(pdf: pikepdf.Pdf) -> None:
    """Every page trimmed and in sRGB; every CMYK picture converted once."""
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        trim = page.obj.get("/TrimBox", page.obj.MediaBox)
        page.obj.MediaBox = pikepdf.Array(list(trim))
        for box in ("/BleedBox", "/TrimBox", "/CropBox", "/ArtBox"):
            if box in page.obj:
                del page.obj[box]
        _convert_resources(page.obj.get("/Resources"), done)
        page.obj.Contents = pdf.make_stream(convert_content(page_content(page)))


def page_content(page: pikepdf.Page) -> bytes:
    """A page's content as one stream's bytes."""
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes() if contents is not None else b""


def _convert_resources(resources, done: set) -> None:
    if resources is None:
        return
    for xobject in resources.get("/XObject", {}).values():
        key = xobject.objgen
        if key in done:
            continue
        done.add(key)
        if xobject.get("/Subtype") == pikepdf.Name.Image:
            convert_image(xobject)
        elif xobject.get("/Subtype") == pikepdf.Name.Form:
            xobject.write(convert_content(xobject.read_bytes()))
            _convert_resources(xobject.get("/Resources"), done)
