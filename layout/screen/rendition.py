"""The screen rendition of the composed pages: trimmed, in sRGB.

The pages are the print pages, drawn the same way; here they lose what only a press needs:
the bleed and the boxes around it (MediaBox = TrimBox), and CMYK. Every CMYK colour of the
content (`k`/`K`, and `sc`/`scn` in DeviceCMYK) becomes the sRGB colour the press profile
says that ink mix prints as (ImageCms, relative colorimetric with black-point compensation:
what the printed page looks like on a screen). A picture whose original file is there
is made anew from it (its own colours to sRGB, a grey one grey: none of the press's ink
limit or gamut), else from the CMYK the press placed (perceptual); both at half the print
resolution (150–175 ppi: twice what a screen shows at 100 %, never under 1000 px on the
longer side), written as JPEG.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pikepdf
from PIL import Image, ImageCms, ImageOps

from layout.content.images import Unprintable, to_screen
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


def screen_size(width: int, height: int) -> tuple[int, int]:
    """The pixels a placed picture of width × height has on screen: half, unless that would
    make its longer side shorter than MIN_SIDE."""
    if max(width, height) * SCREEN_SHARE >= MIN_SIDE:  # print is twice what a screen shows
        return round(width * SCREEN_SHARE), round(height * SCREEN_SHARE)
    return width, height


def convert_image(image: pikepdf.Stream) -> None:
    """A CMYK picture as an sRGB JPEG, in place."""
    if image.get("/ColorSpace") not in (pikepdf.Name.DeviceCMYK,):
        return
    picture = pikepdf.PdfImage(image).as_pil_image()  # its filters and /Decode applied
    if picture.mode != "CMYK":
        return
    rgb = ImageCms.applyTransform(picture, _transform(True))
    _write(image, rgb.resize(screen_size(*rgb.size), Image.Resampling.LANCZOS)
           if screen_size(*rgb.size) != rgb.size else rgb)


def convert_original(image: pikepdf.Stream, original: Path) -> bool:
    """The placed picture made anew from its original file, in place: sRGB (or grey) at
    the screen's size of the placed one. False where the file cannot be used (gone,
    changed shape): the placed CMYK is converted instead."""
    try:
        with Image.open(original) as opened:
            opened.load()
            picture = to_screen(ImageOps.exif_transpose(opened), PROFILE)
    except (OSError, ValueError, SyntaxError, ImageCms.PyCMSError, Unprintable):
        return False  # the file gone or changed since it was placed: the placed CMYK serves
    width, height = int(image.Width), int(image.Height)
    if abs(picture.width * height - picture.height * width) > max(width, height):
        return False  # not the picture that was placed (another shape)
    size = screen_size(width, height)
    if picture.size != size:
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    _write(image, picture)
    return True


def _write(image: pikepdf.Stream, picture: Image.Image) -> None:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=JPEG_QUALITY)
    image.write(out.getvalue(), filter=pikepdf.Name.DCTDecode)
    image.ColorSpace = pikepdf.Name.DeviceGray if picture.mode == "L" \
        else pikepdf.Name.DeviceRGB
    image.Width, image.Height = picture.width, picture.height
    for key in ("/Decode", "/DecodeParms"):
        if key in image:
            del image[key]


def render(pdf: pikepdf.Pdf, originals: dict | None = None) -> None:
    """Every page trimmed and in sRGB; every CMYK picture converted once, from its original
    where `originals` (image objgen -> file) names one."""
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        trim = page.obj.get("/TrimBox", page.obj.MediaBox)
        page.obj.MediaBox = pikepdf.Array(list(trim))
        for box in ("/BleedBox", "/TrimBox", "/CropBox", "/ArtBox"):
            if box in page.obj:
                del page.obj[box]
        _convert_resources(page.obj.get("/Resources"), done, originals or {})
        page.obj.Contents = pdf.make_stream(convert_content(page_content(page)))


def originals_of(pdf: pikepdf.Pdf, wanted: dict[tuple[int, int], Path]) -> dict:
    """image objgen -> original file, for the pictures drawn inside the marked content
    `wanted` names ((page index, MCID) -> the file a Figure's picture was made from)."""
    out: dict = {}
    for index in sorted({page for page, _ in wanted}):
        page = pdf.pages[index]
        xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
        open_ids: list = []
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name == "BDC":
                props = operands[1] if len(operands) > 1 else None
                open_ids.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary)
                                and "/MCID" in props else None)
            elif name == "BMC":
                open_ids.append(None)
            elif name == "EMC" and open_ids:
                open_ids.pop()
            elif name == "Do" and operands:
                source = next((wanted[(index, m)] for m in reversed(open_ids)
                               if (index, m) in wanted), None)
                xobject = xobjects.get(str(operands[0]))
                if source is not None and xobject is not None \
                        and xobject.get("/Subtype") == pikepdf.Name.Image:
                    out[xobject.objgen] = source
    return out


def page_content(page: pikepdf.Page) -> bytes:
    """A page's content as one stream's bytes."""
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes() if contents is not None else b""


def _convert_resources(resources, done: set, originals: dict) -> None:
    if resources is None:
        return
    for xobject in resources.get("/XObject", {}).values():
        key = xobject.objgen
        if key in done:
            continue
        done.add(key)
        if xobject.get("/Subtype") == pikepdf.Name.Image:
            if key not in originals or not convert_original(xobject, originals[key]):
                convert_image(xobject)
        elif xobject.get("/Subtype") == pikepdf.Name.Form:
            xobject.write(convert_content(xobject.read_bytes()))
            _convert_resources(xobject.get("/Resources"), done, originals)
