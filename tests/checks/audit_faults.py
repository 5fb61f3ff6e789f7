"""The prepress audit's faulty files, made again: 4-page copies of the real issue (cover,
contents, two vox-pop pages), each with one fault put in with pikepdf, as a print shop
receives them; and for each, what an independent tool (poppler, qpdf, Ghostscript, mutool,
pdfplumber, fontTools) sees, so a test knows the fault is really in the file.

`python -m tests.checks.audit_faults ISSUE.pdf FOLDER` writes the clean copy and the 18
faulty ones into FOLDER (to run another preflight on them).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

MM = 72 / 25.4
COPY_PAGES = (1, 2, 42, 43)  # cover (a field bleeding off the top), contents, vox pops


@dataclass
class Fault:
    """One faulty copy: how it is made, what an independent tool sees, what preflight must
    say (check, status, pages) and what other checks may say because of the same fault."""

    name: str
    check: str
    status: str
    pages: list[int]
    make: Callable[[pikepdf.Pdf], None]
    evidence: Callable[[Path], None]
    others: dict[str, str] = field(default_factory=dict)
    save: dict = field(default_factory=dict)  # pikepdf save options
    page_count: int = 4


def copy_of(issue_pdf: Path, pages: tuple[int, ...] = COPY_PAGES) -> pikepdf.Pdf:
    """The issue cut down to `pages` (1-based), everything else as built."""
    pdf = pikepdf.open(issue_pdf)
    for index in reversed(range(len(pdf.pages))):
        if index + 1 not in pages:
            del pdf.pages[index]
    return pdf


def write(fault: Fault, issue_pdf: Path, folder: Path) -> Path:
    pages = COPY_PAGES if fault.page_count == 4 else tuple(range(1, fault.page_count + 1))
    pdf = copy_of(issue_pdf, pages)
    fault.make(pdf)
    target = folder / f"{fault.name}.pdf"
    pdf.save(target, **fault.save)
    return target


# ---------------------------------------------------------------- drawing with pikepdf


def box(page: pikepdf.Page, key: str = "/TrimBox") -> list[float]:
    return [float(v) for v in page.obj.get(key, page.obj.MediaBox)]


def draw(pdf: pikepdf.Pdf, index: int, content: bytes, **resources: dict) -> None:
    """Append content to page `index` (after the page's own, in its own q/Q), adding the
    named resources (category -> name -> object)."""
    page = pdf.pages[index]
    page.contents_add(Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(Stream(pdf, b"\nQ\nq\n" + content + b"\nQ\n"))
    own = page.obj.Resources
    for category, named in resources.items():
        key = Name("/" + category)
        if key not in own:
            own[key] = Dictionary()
        for name, value in named.items():
            own[key][Name("/" + name)] = value


def font_with(page: pikepdf.Page, face: str) -> tuple[str, pikepdf.Object]:
    """A font resource of the page whose BaseFont is `face` (subset tag aside)."""
    for name, font in page.obj.Resources.Font.items():
        if str(font.BaseFont).endswith("+" + face):
            return name, font
    raise LookupError(face)


def gid_of(font: pikepdf.Object, code: int) -> int:
    """What the font's CIDToGIDMap says a 2-byte code draws."""
    data = font.DescendantFonts[0].CIDToGIDMap.read_bytes()
    return int.from_bytes(data[2 * code:2 * code + 2], "big") if 2 * code + 2 <= len(data) else 0


def codes(text: str) -> bytes:
    """The 2-byte codes of our merged fonts: the code is the character's code point."""
    return b"<" + "".join(f"{ord(c):04X}" for c in text).encode() + b">"


def text_op(pdf: pikepdf.Pdf, index: int, text: str, x: float, y: float, size: float,
            colour: bytes, face: str = "NotoSans-Bold", extra: bytes = b"") -> None:
    name, font = font_with(pdf.pages[index], face)
    assert all(gid_of(font, ord(c)) for c in text), f"{face} lacks a glyph of {text!r}"
    draw(pdf, index, extra + colour + b" BT " + name.encode() + f" {size} Tf {x:.2f} "
         f"{y:.2f} Td ".encode() + codes(text) + b" Tj ET")


def image(pdf: pikepdf.Pdf, mode: str, size: tuple[int, int], bits: int = 8,
          **keys) -> pikepdf.Stream:
    """An image XObject of a gradient (Flate, raw samples) in mode CMYK, RGB or L."""
    width, height = size
    channels = {"CMYK": 4, "RGB": 3, "L": 1}[mode]
    ramp = np.linspace(0.15, 0.85, width)[None, :, None] * np.ones((height, 1, channels))
    ramp[:, :, 1:] *= 0.5
    top = 2 ** bits - 1
    samples = np.round(ramp * top).astype(">u2" if bits == 16 else np.uint8).tobytes()
    space = {"CMYK": Name.DeviceCMYK, "RGB": Name.DeviceRGB, "L": Name.DeviceGray}[mode]
    stream = Stream(pdf, zlib.compress(samples))
    for key, value in dict(Type=Name.XObject, Subtype=Name.Image, Width=width, Height=height,
                           ColorSpace=space, BitsPerComponent=bits, Filter=Name.FlateDecode,
                           **keys).items():
        stream[Name("/" + key)] = value
    return stream


def place(pdf: pikepdf.Pdf, index: int, picture: pikepdf.Stream, x: float, y: float,
          width: float, height: float, name: str = "Audit") -> None:
    draw(pdf, index, f"{width:.3f} 0 0 {height:.3f} {x:.3f} {y:.3f} cm /{name} Do".encode(),
         XObject={name: pdf.make_indirect(picture)})


def near_foot(pdf: pikepdf.Pdf, index: int) -> tuple[float, float]:
    """A spot inside the safe area near the foot of the page, left."""
    trim = box(pdf.pages[index])
    return trim[0] + 30 * MM, trim[1] + 40 * MM


# ---------------------------------------------------------------- the faults


def white_overprint(pdf):
    """White text on the cover's colour field, set to overprint: it vanishes on press."""
    trim = box(pdf.pages[0])
    draw(pdf, 0, b"", ExtGState={"AuditOP": overprinting(pdf)})
    text_op(pdf, 0, "VANISHES", trim[0] + 20 * MM, trim[3] - 75 * MM, 24, b"0 0 0 0 k",
            extra=b"/AuditOP gs ")


def notdef_glyph(pdf):
    """A character drawn with a code the embedded subset maps to no glyph (.notdef)."""
    name, font = font_with(pdf.pages[1], "NotoSans-Bold")
    assert gid_of(font, 0x4E2D) == 0  # 中 is no glyph of the subset
    x, y = near_foot(pdf, 1)
    draw(pdf, 1, b"/AuditOP gs 0 0 0 1 k BT " + name.encode() + f" 10 Tf {x:.2f} {y:.2f} Td "
         .encode() + codes("A\u4e2dB") + b" Tj ET", ExtGState={"AuditOP": overprinting(pdf)})


def overprinting(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The graphics state black text is drawn in (op, OP, OPM 1), as the build draws it."""
    return pdf.make_indirect(Dictionary(Type=Name.ExtGState, op=True, OP=True, OPM=1))


def pantone(pdf):
    """A box in a Pantone spot colour (a fifth plate)."""
    tint = Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[0, 0.81, 0.76, 0],
                      N=1)
    space = Array([Name.Separation, Name("/PANTONE 185 C"), Name.DeviceCMYK,
                   pdf.make_indirect(tint)])
    x, y = near_foot(pdf, 1)
    draw(pdf, 1, f"/AuditSpot cs 1 sc {x:.2f} {y:.2f} 40 20 re f".encode(),
         ColorSpace={"AuditSpot": pdf.make_indirect(space)})


def embedded_file(pdf):
    pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"layout notes\n",
                                                            mime_type="text/plain")


def opi_proxy(pdf):
    """A picture that is only a proxy: the real one is on the agency's OPI server."""
    opi = Dictionary({"/2.0": Dictionary(Type=Name.OPI, Version=2.0,
                                         F=pikepdf.String("photo-hires.tif"),
                                         Inks=Name.full_color)})
    x, y = near_foot(pdf, 2)
    place(pdf, 2, image(pdf, "CMYK", (100, 100), OPI=opi), x, y, 8 * MM, 8 * MM)


def rotated(pdf):
    pdf.pages[2].obj.Rotate = 180


def pdf_13_header(pdf):
    """Nothing changed but the header (saved with force_version 1.3)."""


def deep_image(pdf):
    x, y = near_foot(pdf, 3)
    place(pdf, 3, image(pdf, "CMYK", (100, 100), bits=16), x, y, 8 * MM, 8 * MM)


def wrong_to_unicode(pdf):
    """The body face's ToUnicode maps the glyph of 'e' to 'x'."""
    _, font = font_with(pdf.pages[2], "NotoSerif-Regular")
    data = font.ToUnicode.read_bytes()
    ranges = re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4})> <([0-9A-F]{4})>", data)
    low, high = next((a, b) for a, b, c in ranges
                     if a == c and int(a, 16) <= 0x65 <= int(b, 16))
    first, last = int(low, 16), int(high, 16)
    pieces = [b"<%04X> <%04X> <%04X>" % (first, 0x64, first)] if first < 0x65 else []
    pieces.append(b"<0065> <0065> <0078>")
    if last > 0x65:
        pieces.append(b"<0066> <%04X> <0066>" % last)
    count = int(data.split(b" beginbfrange")[0].split()[-1])
    data = data.replace(f"{count} beginbfrange".encode(),
                        f"{count + len(pieces) - 1} beginbfrange".encode())
    data = data.replace(b"<%s> <%s> <%s>" % (low, high, low), b"\n".join(pieces))
    font.ToUnicode = pdf.make_stream(data)


def hairline(pdf):
    x, y = near_foot(pdf, 1)
    draw(pdf, 1, f"0 0 0 1 K 0.05 w {x:.2f} {y:.2f} m {x + 100:.2f} {y:.2f} l S".encode())


def no_boxes_photo_off_three_edges(pdf):
    """No TrimBox or BleedBox (the MediaBox is cut to the trim), and a photo on p. 2 that
    runs off its left, top and right edges."""
    for page in pdf.pages:
        trim = box(page)
        page.obj.MediaBox = trim
        for key in ("/TrimBox", "/BleedBox", "/CropBox", "/ArtBox"):
            if key in page.obj:
                del page.obj[key]
    media = box(pdf.pages[1], "/MediaBox")
    width = media[2] - media[0]
    place(pdf, 1, image(pdf, "CMYK", (2500, 840)), media[0], media[3] - 70 * MM, width,
          70 * MM)


def six_pages(pdf):
    """Six pages: not a multiple of 4 (a flyer or perfect-bound job is)."""


def rgb_image(pdf):
    x, y = near_foot(pdf, 1)
    place(pdf, 1, image(pdf, "RGB", (100, 100)), x, y, 8 * MM, 8 * MM)


def unembedded_font(pdf):
    helvetica = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    x, y = near_foot(pdf, 2)
    draw(pdf, 2, f"/AuditOP gs 0 0 0 1 k BT /AuditHelv 9 Tf {x:.2f} {y:.2f} Td (Helvetica) Tj "
         "ET".encode(), Font={"AuditHelv": pdf.make_indirect(helvetica)},
         ExtGState={"AuditOP": overprinting(pdf)})


def trim_past_media(pdf):
    page = pdf.pages[2].obj
    media = [float(v) for v in page.MediaBox]
    trim = [float(v) for v in page.TrimBox]
    page.TrimBox = [trim[0], trim[1], media[2] + 2 * MM, trim[3]]


def javascript(pdf):
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def heavy_ink(pdf):
    x, y = near_foot(pdf, 1)
    draw(pdf, 1, f"1 1 1 0.4 k {x:.2f} {y:.2f} 40 20 re f".encode())


def low_resolution(pdf):
    x, y = near_foot(pdf, 3)
    place(pdf, 3, image(pdf, "CMYK", (100, 100)), x, y, 30 * MM, 30 * MM)


# ---------------------------------------------------------------- what the tools see


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          check=True).stdout


def render(pdf: Path, page: int, *options: str, dpi: int = 36) -> np.ndarray:
    """Ghostscript's CMYK rendering of one page (pamcmyk32), ink 0-255."""
    out = subprocess.run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pamcmyk32",
                          f"-r{dpi}", f"-dFirstPage={page}", f"-dLastPage={page}", *options,
                          "-sOutputFile=-", str(pdf)], capture_output=True, check=True).stdout
    header, _, data = out.partition(b"ENDHDR\n")
    fields = dict(line.split(b" ", 1) for line in header.splitlines()[1:])
    width, height = int(fields[b"WIDTH"]), int(fields[b"HEIGHT"])
    return np.frombuffer(data[:width * height * 4], np.uint8).reshape(height, width, 4)


def sees_white_text_only_without_overprint(pdf):
    """Ghostscript simulating overprint (as a press prints) draws no white text; with
    overprint off it does: the two plates of the cover differ only there."""
    pressed = render(pdf, 1, "-dOverprint=/simulate")
    screen = render(pdf, 1, "-dOverprint=/disable")
    differ = np.argwhere((pressed != screen).any(axis=2))
    assert len(differ) > 20  # the letters
    rows = differ[:, 0]
    assert (screen[rows, differ[:, 1], 0] == 0).all()  # white on screen, cyan on press


def sees_code_without_glyph(pdf):
    plumbed = pdfplumber.open(pdf)
    chars = "".join(c["text"] for c in plumbed.pages[1].chars)
    plumbed.close()
    assert "A" in chars and "B" in chars  # pdfminer reads the string …
    with pikepdf.open(pdf) as opened:
        _, font = font_with(opened.pages[1], "NotoSans-Bold")
        assert gid_of(font, 0x4E2D) == 0  # … whose middle code draws glyph 0 (.notdef)


def sees_a_fifth_plate(pdf):
    folder = pdf.parent / f"{pdf.stem}-sep"
    folder.mkdir(exist_ok=True)
    subprocess.run(["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep", "-r18",
                    "-dFirstPage=2", "-dLastPage=2", f"-sOutputFile={folder}/p.tif", str(pdf)],
                   check=True)
    plates = sorted(p.name for p in folder.glob("p(*).tif"))
    assert "p(PANTONE 185 C).tif" in plates and len(plates) == 5, plates


def sees_an_attachment(pdf):
    assert "1 embedded files" in run("pdfdetach", "-list", pdf)


def sees_an_opi_dictionary(pdf):
    assert "/OPI" in run("mutool", "show", pdf, "pages/3/Resources/XObject/Audit")


def sees_page_3_turned(pdf):
    rotations = [line.split()[-1] for line in run("pdfinfo", "-f", 1, "-l", 4, pdf).splitlines()
                 if line.startswith("Page") and " rot:" in line]
    assert rotations == ["0", "0", "180", "0"]


def sees_header_13_and_pdfx4(pdf):
    info = run("pdfinfo", pdf)
    assert pdf.read_bytes()[:8] == b"%PDF-1.3"
    assert re.search(r"PDF version: +1\.3\n", info) and re.search(r"PDF subtype: +PDF/X-4\n", info)


def sees_16_bits(pdf):
    rows = [line.split() for line in run("pdfimages", "-list", pdf).splitlines()[2:]]
    assert [(r[0], r[5], r[7]) for r in rows] == [("4", "cmyk", "16")]


def sees_x_for_e(pdf):
    """pdftotext reads 'x' where the body has 'e' (the letters still print as 'e')."""
    text = run("pdftotext", "-f", 3, "-l", 3, pdf, "-")
    assert "stxadily dxvxloping socixty" in text and "steadily" not in text


def sees_005_line(pdf):
    with pdfplumber.open(pdf) as plumbed:
        widths = [round(line["linewidth"], 3) for line in plumbed.pages[1].lines]
    assert 0.05 in widths


def sees_no_boxes_and_photo_at_three_edges(pdf):
    for page in (1, 2):
        boxes = run("pdfinfo", "-box", "-f", page, "-l", page, pdf)
        lines = {line.split()[2]: line.split()[3:7] for line in boxes.splitlines()
                 if "Box:" in line}
        assert lines["MediaBox:"] == lines["TrimBox:"] == lines["BleedBox:"]  # defaults
    with pikepdf.open(pdf) as opened:
        assert all("/TrimBox" not in page.obj and "/BleedBox" not in page.obj
                   for page in opened.pages)
    plates = render(pdf, 2).max(axis=2) > 13
    assert plates[:, 0].sum() > 20 and plates[:, -1].sum() > 20 and plates[0].all()


def sees_six_pages(pdf):
    assert "Pages:           6" in run("pdfinfo", pdf)


def sees_rgb(pdf):
    rows = [line.split() for line in run("pdfimages", "-list", pdf).splitlines()[2:]]
    assert [(r[0], r[5]) for r in rows] == [("2", "rgb")]


def sees_helvetica_unembedded(pdf):
    rows = [line.split() for line in run("pdffonts", pdf).splitlines()[2:]]
    assert [r[-5] for r in rows if r[0] == "Helvetica"] == ["no"]


def sees_trim_past_media(pdf):
    """mutool shows the boxes as written (poppler clips the TrimBox to the MediaBox)."""
    trim = run("mutool", "show", pdf, "pages/3/TrimBox").split()
    media = run("mutool", "show", pdf, "pages/3/MediaBox").split()
    assert float(trim[3]) > float(media[3]) + 1  # [x0 y0 x1 y1]: x1 is past the media


def sees_javascript(pdf):
    assert "JavaScript:      yes" in run("pdfinfo", pdf) or "/JavaScript" in run(
        "mutool", "show", pdf, "trailer/Root/OpenAction")


def sees_340_percent(pdf):
    plates = render(pdf, 2, dpi=36).astype(int)
    assert plates.sum(axis=2).max() / 2.55 > 330


def sees_85_ppi(pdf):
    rows = [line.split() for line in run("pdfimages", "-list", pdf).splitlines()[2:]]
    assert [r[0] for r in rows] == ["4"] and int(rows[0][12]) < 100


# ---------------------------------------------------------------- the list

FAULTS = [
    Fault("white-overprint", "white-overprint", "fail", [1], white_overprint,
          sees_white_text_only_without_overprint),
    Fault("notdef-glyph", "glyphs", "fail", [2], notdef_glyph, sees_code_without_glyph),
    Fault("pantone", "spot-colours", "fail", [2], pantone, sees_a_fifth_plate),
    Fault("embedded-file", "embedded-files", "fail", [], embedded_file, sees_an_attachment),
    Fault("opi-proxy", "pdfx-content", "fail", [3], opi_proxy, sees_an_opi_dictionary),
    Fault("rotated-180", "rotation", "fail", [3], rotated, sees_page_3_turned),
    Fault("pdf-1.3-header", "pdf-version", "fail", [], pdf_13_header, sees_header_13_and_pdfx4,
          save={"force_version": "1.3"}),
    Fault("16-bit-image", "image-depth", "warn", [4], deep_image, sees_16_bits),
    Fault("wrong-tounicode", "to-unicode", "warn", [3, 4], wrong_to_unicode, sees_x_for_e),
    Fault("hairline-0.05pt", "hairlines", "fail", [2], hairline, sees_005_line),
    Fault("no-boxes", "bleed", "fail", [1, 2], no_boxes_photo_off_three_edges,
          sees_no_boxes_and_photo_at_three_edges, others={"boxes": "fail"}),
    Fault("six-pages", "page-count", "fail", [], six_pages, sees_six_pages, page_count=6),
    Fault("rgb-image", "colour", "fail", [2], rgb_image, sees_rgb),
    Fault("unembedded-font", "fonts", "fail", [3], unembedded_font, sees_helvetica_unembedded),
    Fault("trim-past-media", "boxes", "fail", [3], trim_past_media, sees_trim_past_media),
    Fault("javascript", "actions", "fail", [], javascript, sees_javascript),
    Fault("340-percent", "tac", "fail", [2], heavy_ink, sees_340_percent),
    Fault("85-ppi", "resolution", "fail", [4], low_resolution, sees_85_ppi),
]


def main(issue_pdf: str, folder: str) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    copy_of(Path(issue_pdf)).save(target / "clean.pdf")
    for fault in FAULTS:
        print(write(fault, Path(issue_pdf), target))


if __name__ == "__main__":
    main(*sys.argv[1:])
