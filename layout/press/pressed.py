"""An article pressed (press/rewrite.py) in the worker that composed it: its pressed pages
and what the press found on them travel with the composed article, and so are kept in the
article's cache entry — an editor's rebuild after a one-word change presses only the
article that changed, and a build from the cache writes the same bytes as one without.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from pypdf import PdfReader, PdfWriter

from layout.compose.pages import ComposedArticle
from layout.press.rewrite import PressFacts, press_document


@dataclass
class Pressed:
    """A pressed document: its pages (fonts still placeholders of their faces) and its
    facts."""

    reader: PdfReader
    facts: PressFacts


def press_article(article: ComposedArticle) -> ComposedArticle:
    """The article with its pages pressed: done where it was composed (in parallel), so that
    assembly only joins them."""
    done = pressed(article.pdf)
    out = io.BytesIO()
    PdfWriter(clone_from=done.reader).write(out)
    return replace(article, pressed=out.getvalue(), pressed_facts=done.facts)


def pressed_article(article: ComposedArticle) -> Pressed:
    """The article's pressed pages: as pressed where it was composed, or pressed now."""
    if not article.pressed:
        return pressed(article.pdf)
    return Pressed(PdfReader(io.BytesIO(article.pressed)), article.pressed_facts)


def pressed(pdf: bytes) -> Pressed:
    """A document pressed: black set to overprint, the faces its text draws noted."""
    reader = PdfReader(io.BytesIO(pdf))
    return Pressed(reader, press_document(reader))
