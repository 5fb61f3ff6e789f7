"""Previews for editors: a PNG per page and a contact sheet of every spread.

Spreads on the contact sheet are paired by folio, as the magazine opens (even page left,
odd page right); a proof's OVERSET pages ('37+1', '37+2' …) follow the spread where their
article ends, on a red ground. Under each page: its folio, the article's slug and a bar in
the article's fit colour, explained by the legend at the top.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from layout.checks.render import Renderer
from layout.compose.fit import FIT_KEY
from layout.files import StagedFiles
from layout.outputs import claim_folder, own_previews, png_mark
from layout.pdf_input import check_pdf

FONT = Path(__file__).resolve().parents[2] / "fonts" / "NotoSans-Bold.ttf"
BADGES = {"overset": (220, 30, 40), "underset": (240, 160, 0), "fits": (70, 150, 90)}
LEGEND = (("overset", "OVERSET: text past the allotment (its extra pages follow the spread)"),
          ("underset", "underset: room left"), ("fits", "fits"))
PAPER, INK, GREY = (235, 235, 232), (40, 40, 40), (110, 110, 110)


def proof_report(pdf: Path) -> dict:
    """The fit report a proof carries in its document info (empty for other PDFs)."""
    info = PdfReader(pdf).metadata or {}
    raw = info.get(FIT_KEY)
    return json.loads(str(raw)) if raw else {}


def read_fits(pdf: Path) -> list[dict]:
    """The fits of a proof's report (empty for other PDFs)."""
    return proof_report(pdf).get("fits", [])


def page_labels(pdf: Path, count: int) -> list[str]:
    """The pages' labels (folios), or their numbers when the PDF has none."""
    labels = list(PdfReader(pdf).page_labels)
    return labels if len(labels) == count else [str(k + 1) for k in range(count)]


def page_owners(pdf: Path, count: int) -> list[str]:
    """The slug of the article on each page (from a proof's report), else the outline's
    titles, else nothing."""
    owners: list[str] = []
    for article in proof_report(pdf).get("pages", []):
        owners += [article["slug"]] * article["pages"]
    if len(owners) == count:
        return owners
    reader = PdfReader(pdf)
    starts = []
    for item in reader.outline:
        if isinstance(item, list):
            continue
        page = reader.get_destination_page_number(item)
        if page is not None:
            starts.append((page, str(item.title)))
    owners = [""] * count
    if not starts:  # no outline (imposed sheets, another tool's PDF): no owners to show
        return owners
    for (page, title), following in zip(starts, [*starts[1:], (count, "")], strict=True):
        for k in range(page, min(following[0], count)):
            owners[k] = title
    return owners


def folio_spreads(labels: list[str]) -> list[tuple[int | None, int | None]]:
    """Pages (1-based) paired as the magazine opens: by folio, even left, odd right.

    Overset pages ('37+1' …) come in pairs of their own after the spread of their folio.

    >>> folio_spreads(["1", "2", "3", "4", "5"])
    [(None, 1), (2, 3), (4, 5)]
    >>> folio_spreads(["36", "37", "37+1", "38", "39"])
    [(1, 2), (3, None), (4, 5)]
    >>> folio_spreads(["21", "22", "23"])
    [(None, 1), (2, 3)]
    """
    if not all(label.split("+")[0].isdigit() for label in labels):
        return _index_spreads(len(labels))
    spreads: dict[int, list[int | None]] = {}
    extras: dict[int, list[int]] = {}
    for number, label in enumerate(labels, start=1):
        folio = int(label.split("+")[0])
        if "+" in label:
            extras.setdefault(folio // 2, []).append(number)
        else:
            spreads.setdefault(folio // 2, [None, None])[folio % 2] = number
    out: list[tuple[int | None, int | None]] = []
    for key in sorted(spreads.keys() | extras.keys()):
        if key in spreads:
            out.append((spreads[key][0], spreads[key][1]))
        pages = extras.get(key, [])
        out += [(pages[k], pages[k + 1] if k + 1 < len(pages) else None)
                for k in range(0, len(pages), 2)]
    return out


def _index_spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Pages paired by their place in the file, for a PDF without folios."""
    pairs: list[tuple[int | None, int | None]] = [(None, 1)]
    for left in range(2, count + 1, 2):
        pairs.append((left, left + 1 if left + 1 <= count else None))
    return pairs


PREVIEWS = r"page-\d{3,}\.png|contact\.png"  # the names of our previews in their folder
CONTACT_PAGES = 256  # beyond this many pages the contact sheet's thumbnails get smaller
THUMB_HEIGHT = 220


def write_previews(pdf: Path, folder: Path, dpi: float = 60, checked: bool = True,
                   versions: list[str] | None = None) -> list[Path]:
    """PNG per page and contact.png in folder; returns the paths written.

    The PDF is checked first (layout/pdf_input.py) unless `checked` is off (a proof
    just built); the folder must be new or hold only previews of ours (each PNG carries our
    mark), and page images of an earlier, longer PDF are removed: the folder shows this PDF
    only. Pages are rendered one at a time; only their thumbnails are kept for the sheet.

    With `versions` (what each page shows, layout.build.page_versions), a page whose PNG
    already shows its version is not rendered again, and the pages that changed are
    rendered first. The new PNGs are put in place together at the end (files.StagedFiles):
    on a full disk or Ctrl-C the folder keeps its previous previews whole.
    """
    if checked:
        check_pdf(pdf)
    made = not folder.exists()
    folder = claim_folder(folder, own_previews(PREVIEWS), [pdf])
    written, thumbs = [], {}
    try:
        with StagedFiles() as staged, Renderer(pdf, dpi) as pages:
            count = len(pages)
            height = thumb_height(count)
            current = {n: f"{versions[n - 1]}@{dpi:g}" for n in range(1, count + 1)} \
                if versions and len(versions) == count else {}
            shown = _shown_versions(folder, count) if current else {}
            kept = {n for n in current if shown.get(n) == current[n]}
            for number in sorted(range(1, count + 1), key=lambda n: n in kept):
                path = folder / f"page-{number:03d}.png"
                image = _read_png(path) if number in kept else None
                if image is None:
                    image = pages.page(number - 1)
                    staged.write(path, png_bytes(image, current.get(number)))
                written.append(path)
                width = max(1, round(image.width * height / image.height))
                thumbs[number] = image.resize((width, height), Image.Resampling.LANCZOS)
                del image
            written.sort()
            thumbs = [thumbs[n] for n in sorted(thumbs)]
            labels = page_labels(pdf, len(thumbs))
            fits = {fit["slug"]: fit["status"] for fit in read_fits(pdf)}
            owners = page_owners(pdf, len(thumbs))
            sheet = contact_sheet(thumbs, labels, owners, fits, thumb_height=thumbs[0].height)
            staged.write(folder / "contact.png", png_bytes(sheet))
    except BaseException:
        if made:
            remove_if_empty(folder)
        raise
    for stale in set(folder.glob("page-*.png")) - set(written):
        if own_previews(PREVIEWS)(stale):
            stale.unlink(missing_ok=True)
    return [*written, folder / "contact.png"]


def thumb_height(pages: int) -> int:
    """The contact sheet's thumbnail height: smaller for a very long PDF, so that the sheet
    stays a picture of bounded size."""
    return max(40, round(THUMB_HEIGHT * min(1.0, (CONTACT_PAGES / max(pages, 1)) ** 0.5)))


VERSION = "ADALAZAMAT page"  # the text chunk naming what a page preview shows


def png_bytes(image: Image.Image, version: str | None = None) -> bytes:
    """A picture of ours as PNG, marked so (outputs.py recognises it as ours to replace); a
    page preview also names what it shows (`version`)."""
    mark = png_mark()
    if version:
        mark.add_text(VERSION, version)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1, pnginfo=mark)
    return out.getvalue()


def remove_if_empty(folder: Path) -> None:
    """Remove a folder this command made, when it failed before putting anything in it."""
    try:
        folder.rmdir()
    except OSError:
        pass


def _shown_versions(folder: Path, count: int) -> dict[int, str]:
    """What each page's preview in the folder shows (its version at its dpi), where it
    says so."""
    shown = {}
    for number in range(1, count + 1):
        try:
            with Image.open(folder / f"page-{number:03d}.png") as png:
                version = getattr(png, "text", {}).get(VERSION)
        except (OSError, ValueError, SyntaxError):
            continue
        if version:
            shown[number] = version
    return shown


def _read_png(path: Path) -> Image.Image | None:
    """A page preview written before, as a picture (None when it cannot be read)."""
    try:
        with Image.open(path) as png:
            return png.convert("RGB")
    except (OSError, ValueError, SyntaxError):
        return None


def contact_sheet(pages: list[Image.Image], labels: list[str], owners: list[str],
                  fits: dict[str, str], columns: int = 4, thumb_height: int = 220
                  ) -> Image.Image:
    """Every spread as a thumbnail; under each page its folio, slug and fit colour."""
    scale = thumb_height / pages[0].height
    width = round(pages[0].width * scale)
    gap, under, legend = 24, 46, 44
    pairs = folio_spreads(labels)
    rows = (len(pairs) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (2 * width + gap) + gap,
                              legend + rows * (thumb_height + under + gap) + gap), PAPER)
    draw = ImageDraw.Draw(sheet)
    font, small = ImageFont.truetype(str(FONT), 15), ImageFont.truetype(str(FONT), 12)
    _legend(draw, gap, 14, small, fits)
    for index, pair in enumerate(pairs):
        x = gap + (index % columns) * (2 * width + gap)
        y = legend + gap + (index // columns) * (thumb_height + under + gap)
        for side, number in enumerate(pair):
            if number is not None:
                _page(sheet, draw, pages[number - 1], (x + side * width, y), (width, thumb_height),
                      labels[number - 1], owners[number - 1], fits, (font, small))
    return sheet


def _legend(draw: ImageDraw.ImageDraw, x: int, y: int, font, fits: dict[str, str]) -> None:
    if not fits:
        draw.text((x, y), "contact sheet: spreads by folio (fit colours come with a proof)",
                  fill=GREY, font=font)
        return
    for status, words in LEGEND:
        draw.rectangle([x, y + 3, x + 22, y + 11], fill=BADGES[status])
        draw.text((x + 28, y), words, fill=INK, font=font)
        x += 28 + round(draw.textlength(words, font=font)) + 24


def _page(sheet, draw, page, at, size, label, owner, fits, fonts) -> None:
    """One page thumbnail with its folio, its article's slug and a bar in its fit colour."""
    (left, top), (width, height), (font, small) = at, size, fonts
    overset_page = "+" in label
    thumb = page.resize((width, height), Image.Resampling.LANCZOS)
    sheet.paste(thumb, (left, top))
    frame = BADGES["overset"] if overset_page else (160, 160, 160)
    draw.rectangle([left, top, left + width - 1, top + height - 1], outline=frame,
                   width=3 if overset_page else 1)
    status = fits.get(owner)
    if status:  # under the page, not on it: the headline stays readable
        draw.rectangle([left + 2, top + height + 3, left + width - 3, top + height + 8],
                       fill=BADGES[status])
    text = f"{label}  OVERSET" if overset_page else label
    draw.text((left + width / 2, top + height + 12), text,
              fill=BADGES["overset"] if overset_page else INK, font=font, anchor="mt")
    slug = owner
    while slug and draw.textlength(slug, font=small) > width - 6:
        slug = slug[:-2] + "…"
    draw.text((left + width / 2, top + height + 31), slug, fill=GREY, font=small, anchor="mt")
