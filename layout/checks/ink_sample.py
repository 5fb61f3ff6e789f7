"""Ink, not only text: a sample of the body's characters rendered, each looked at where it
is drawn. A glyph with an empty outline (or one built of itself) reads back as the right
character — its ToUnicode is intact — but prints nothing; only the rendering shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

DPI = 100
PAGES = 8  # pages sampled, spread evenly through the PDF
INKED = 170  # a character's box holds a pixel at least this dark (0-255) when it prints
MIN_SIZE = 6  # pt: smaller type is left to preflight's small-type check
SCRIPT_FACES = ("-sups", "-subs", "-sinf")  # a face of superior or inferior glyphs (style/
# script_faces.py): drawn small inside the box of the text's size, looked at in all of it
MAX_CONTENT = 1024 * 1024  # bytes of a page's drawing read back for its letters: a page
# of a magazine draws some tens of kB; one of megabytes of vector art is not sampled (the
# reader would take minutes on it) — another page is


@dataclass(frozen=True)
class Blank:
    """A character that prints no ink where the PDF draws it."""

    page: int  # 1-based
    character: str
    font: str

    def __str__(self) -> str:
        return (f"p. {self.page}: '{self.character}' (U+{ord(self.character):04X}) in "
                f"{self.font} prints no ink — its glyph has no outline; replace the font file")


def blank_characters(pdf: Path, pages: int = PAGES) -> list[Blank]:
    """Letters and figures in dark ink on sampled pages whose box is white when rendered,
    one per character and font (a blank glyph is blank wherever it is used)."""
    import pdfplumber
    import pypdfium2

    found: dict[tuple[str, str], Blank] = {}
    printed: set[tuple[str, str]] = set()
    with pdfplumber.open(pdf) as document:
        rendered = pypdfium2.PdfDocument(str(pdf))
        try:
            count = len(document.pages)
            for index in sample_pages(pdf, count, pages):
                page = document.pages[index]
                picture = rendered[index]
                grey = np.asarray(picture.render(scale=DPI / 72).to_pil().convert("L"))
                picture.close()
                x_origin, y_origin = page.bbox[0], page.bbox[1]
                for char in page.chars:
                    key = (char["text"], char.get("fontname", ""))
                    if key in printed or not _sampled(char):
                        continue
                    if _inked(grey, char, x_origin, y_origin):
                        printed.add(key)
                        found.pop(key, None)
                    elif key not in found:
                        found[key] = Blank(index + 1, char["text"], _font(key[1]))
        finally:
            rendered.close()
    return list(found.values())


def sample_pages(pdf: Path, count: int, pages: int) -> list[int]:
    """Up to `pages` page indexes spread evenly through the PDF, each page drawing at most
    MAX_CONTENT bytes (a heavier one is passed over for the next that is not)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    light = [k for k in range(count) if _content_size(reader.pages[k]) <= MAX_CONTENT]
    if not light:
        return []
    return sorted({light[round(k * (len(light) - 1) / max(pages - 1, 1))]
                   for k in range(min(pages, len(light)))})


def _content_size(page) -> int:
    try:
        contents = page.get_contents()
        return len(contents.get_data()) if contents is not None else 0
    except Exception:  # a damaged stream: the renderer copes or draws nothing
        return 0


def _sampled(char: dict) -> bool:
    """A letter or figure of text-size type in dark ink (light type on dark grounds and
    pictures are not looked at)."""
    if len(char["text"]) != 1 or not char["text"].isalnum() or char.get("size", 0) < MIN_SIZE:
        return False
    if char.get("tag") == "Artifact":
        return False
    colour = char.get("non_stroking_color")
    if not isinstance(colour, (tuple, list)) or not colour:
        return colour in (None, 0, 0.0)
    if len(colour) == 4:
        return colour[3] >= 0.7 or sum(colour) >= 2.5
    return max(colour) <= 0.3


def _inked(grey: np.ndarray, char: dict, x_origin: float, y_origin: float) -> bool:
    """Whether the middle of the character's box holds ink (its edges are left out: the
    neighbours' antialiased pixels reach into them)."""
    scale = DPI / 72
    x0, x1 = (char["x0"] - x_origin) * scale, (char["x1"] - x_origin) * scale
    top, bottom = (char["top"] - y_origin) * scale, (char["bottom"] - y_origin) * scale
    width, height = x1 - x0, bottom - top
    if not char.get("fontname", "").endswith(SCRIPT_FACES):
        x0, x1 = x0 + 0.25 * width, x1 - 0.25 * width
        top, bottom = top + 0.3 * height, bottom - 0.2 * height
    box = grey[max(round(top), 0): round(bottom) + 1, max(round(x0), 0): round(x1) + 1]
    return box.size == 0 or int(box.min()) < INKED


def _font(name: str) -> str:
    return name.split("+", 1)[-1] or "its font"
