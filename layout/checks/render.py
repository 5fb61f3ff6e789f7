"""Pages rendered to pictures (pypdfium2), cropped to the trim, for previews and diffs."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PIL import Image


def render_trimmed(pdf: Path, dpi: float) -> list[Image.Image]:
    """Every page as an RGB picture of its TrimBox (bleed and marks cut away)."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [render_page(document[k], dpi) for k in range(len(document))]
    finally:
        document.close()


def render_page(page, dpi: float) -> Image.Image:
    """One pypdfium2 page as an RGB picture of its TrimBox; the page is closed after."""
    media = page.get_mediabox()
    trim = page.get_trimbox()
    crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
    bitmap = page.render(scale=dpi / 72, crop=crop)
    image = bitmap.to_pil().convert("RGB")
    page.close()
    return image
