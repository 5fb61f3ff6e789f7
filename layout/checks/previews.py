"""Previews for editors: a PNG per page and a contact sheet of every spread.

On the contact sheet each spread is labelled with its page numbers; a red badge marks the
pages of an overset article, an amber one an underset article (from the proof's fit report).
"""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from layout.checks.render import render_trimmed
from layout.compose.fit import FIT_KEY

FONT = Path(__file__).resolve().parents[2] / "fonts" / "NotoSans-Bold.ttf"
BADGES = {"overset": (220, 30, 40), "underset": (240, 160, 0)}



def read_fits(pdf: Path) -> list[dict]:
    """The fit report a proof carries in its document info (empty for other PDFs)."""
    info = PdfReader(pdf).metadata or {}
    raw = info.get(FIT_KEY)
    return json.loads(str(raw))["fits"] if raw else []


def page_status(fits: list[dict]) -> dict[str, str]:
    """Page label -> 'overset' or 'underset' for every page of such an article.

    Labels are folios, and '37+1', '37+2' … for a proof's overset pages.
    """
    status = {}
    for fit in fits:
        if fit["status"] not in BADGES:
            continue
        for page in range(fit["first_page"], fit["last_page"] + 1):
            status[str(page)] = fit["status"]
        for extra in range(1, fit["pages"] - (fit["allotment"] or fit["pages"]) + 1):
            status[f"{fit['last_page']}+{extra}"] = fit["status"]
    return status


def page_labels(pdf: Path, count: int) -> list[str]:
    """The pages' labels (folios), or their numbers when the PDF has none."""
    labels = list(PdfReader(pdf).page_labels)
    return labels if len(labels) == count else [str(k + 1) for k in range(count)]


def write_previews(pdf: Path, folder: Path, dpi: float = 60) -> list[Path]:
    """PNG per page and contact.png in folder; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = render_trimmed(pdf, dpi)
    written = []
    for number, image in enumerate(pages, start=1):
        path = folder / f"page-{number:03d}.png"
        image.save(path, compress_level=1)
        written.append(path)
    sheet = contact_sheet(pages, page_labels(pdf, len(pages)), page_status(read_fits(pdf)))
    sheet.save(folder / "contact.png", compress_level=1)
    return [*written, folder / "contact.png"]


def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Reader spreads: (None, 1), (2, 3), … as a magazine opens."""
    pairs: list[tuple[int | None, int | None]] = [(None, 1)]
    for left in range(2, count + 1, 2):
        pairs.append((left, left + 1 if left + 1 <= count else None))
    return pairs


def contact_sheet(pages: list[Image.Image], labels: list[str], status: dict[str, str],
                  columns: int = 4, thumb_height: int = 220) -> Image.Image:
    """Every spread as a thumbnail, its page numbers under it, a badge where text does not fit."""
    scale = thumb_height / pages[0].height
    width = round(pages[0].width * scale)
    gap, label = 24, 26
    pairs = spreads(len(pages))
    rows = (len(pairs) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (2 * width + gap) + gap,
                              rows * (thumb_height + label + gap) + gap), (235, 235, 232))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(FONT), 15)
    for index, pair in enumerate(pairs):
        x = gap + (index % columns) * (2 * width + gap)
        y = gap + (index // columns) * (thumb_height + label + gap)
        for side, number in enumerate(pair):
            if number is None:
                continue
            thumb = pages[number - 1].resize((width, thumb_height), Image.Resampling.LANCZOS)
            left = x + side * width
            sheet.paste(thumb, (left, y))
            draw.rectangle([left, y, left + width - 1, y + thumb_height - 1],
                           outline=(160, 160, 160))
            if labels[number - 1] in status:
                colour = BADGES[status[labels[number - 1]]]
                draw.ellipse([left + width - 26, y + 6, left + width - 8, y + 24], fill=colour)
        numbers = "–".join(labels[n - 1] for n in pair if n is not None)
        draw.text((x + width, y + thumb_height + 4), numbers, fill=(40, 40, 40), font=font,
                  anchor="mt")
    return sheet
