"""Pages rendered to pictures (pypdfium2), cropped to the trim, for previews and diffs.

One page at a time: a command holds the picture of the page it is working on, never the
whole document's.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PIL import Image


class Renderer:
    """An open PDF whose pages are rendered on demand (use as a context manager)."""

    def __init__(self, pdf: Path, dpi: float):
        self.document = pypdfium2.PdfDocument(str(pdf))
        self.dpi = dpi

    def __len__(self) -> int:
        return len(self.document)

    def page(self, index: int) -> Image.Image:
        """Page `index` (0-based) as an RGB picture of its TrimBox."""
        return render_page(self.document[index], self.dpi)

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc) -> None:
        self.document.close()


def render_page(page, dpi: float) -> Image.Image:
    """One pypdfium2 page as an RGB picture of its TrimBox; the page is closed after."""
    media = page.get_mediabox()
    trim = page.get_trimbox()
    crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
    bitmap = page.render(scale=dpi / 72, crop=crop)
    image = bitmap.to_pil().convert("RGB")
    page.close()
    return image
