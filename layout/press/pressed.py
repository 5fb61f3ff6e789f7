"""An article pressed once (press/rewrite.py) and kept in the build's cache folder: an editor's
rebuild after a one-word change presses only the article that changed.

Pressing depends on nothing but the article's PDF, the faces it may merge into and the press
code; the kept entry holds the pressed document and its facts as data, checked before use
like every cache entry (compose/cache.py), so a build from the cache and a build without one
write the same bytes, and a damaged or forged entry is pressed again.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from layout.compose.cache import read_entry, write_entry
from layout.compose.pages import ComposedArticle
from layout.press.fonts import FaceUse
from layout.press.inks import SmallType
from layout.press.rewrite import PressFacts, press_document

PRESS_CODE = ("contentstream.py", "fonts.py", "inks.py", "pressed.py", "rewrite.py",
              "truetype.py")  # a change in any of them presses every article anew


@dataclass
class Pressed:
    """A pressed document: its pages (fonts as placeholders of their faces) and its facts."""

    reader: PdfReader
    facts: PressFacts
    data: bytes = b""  # the pressed document's bytes, where they were written


def press_article(article: ComposedArticle, faces: dict[str, Path],
                  cache: Path | None) -> ComposedArticle:
    """The article with its pages pressed: done where it was composed (in parallel), so that
    assembly only joins them."""
    done = pressed(article.pdf, article.slug, faces, cache, keep_bytes=True)
    return replace(article, pressed=done.data, pressed_facts=_json(done.facts))


def pressed_article(article: ComposedArticle, faces: dict[str, Path],
                    cache: Path | None) -> Pressed:
    """The article's pressed pages: as pressed where it was composed, or pressed now."""
    if article.pressed:
        return Pressed(PdfReader(io.BytesIO(article.pressed)), _facts(article.pressed_facts),
                       article.pressed)
    return pressed(article.pdf, article.slug, faces, cache)


@cache
def _code_fingerprint() -> bytes:
    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in PRESS_CODE:
        digest.update((folder / name).read_bytes())
    return digest.digest()


def pressed(pdf: bytes, name: str, faces: dict[str, Path], cache: Path | None,
            keep_bytes: bool = False) -> Pressed:
    """The document pressed: from `cache` when this very document was pressed before,
    else now (and then kept there, one entry per name). With `keep_bytes`, the pressed
    document's bytes come with it."""
    if cache is None:
        reader = PdfReader(io.BytesIO(pdf))
        facts = press_document(reader, faces)
        if not keep_bytes:
            return Pressed(reader, facts)
        out = io.BytesIO()
        PdfWriter(clone_from=reader).write(out)
        return Pressed(PdfReader(io.BytesIO(out.getvalue())), facts, out.getvalue())
    digest = hashlib.sha256(_code_fingerprint() + pdf)
    digest.update("|".join(f"{base}={path.name}" for base, path in sorted(faces.items())).encode())
    key = digest.hexdigest()[:40]
    entry = cache / f"pressed-{name}.{key}.entry"  # checked as every entry is (compose/cache.py)
    stored = read_entry(entry, key)
    if stored is not None:
        try:
            data, facts = stored
            return Pressed(PdfReader(io.BytesIO(data)), _facts(facts), data)
        except (ValueError, KeyError, TypeError, PdfReadError):
            pass
    reader = PdfReader(io.BytesIO(pdf))
    result = press_document(reader, faces)
    out = io.BytesIO()
    PdfWriter(clone_from=reader).write(out)
    data = out.getvalue()
    _forget(cache, name)
    write_entry(entry, key, (data, _json(result)))
    return Pressed(PdfReader(io.BytesIO(data)), result, data)


def _forget(cache: Path, name: str) -> None:
    """Remove the name's older entries (an article keeps one), and files of the older
    format (pressed PDF and facts side by side), which are never read."""
    entry = re.compile(rf"pressed-{re.escape(name)}(\.[0-9a-f]{{40}}\.entry"
                       rf"|-[0-9a-f]{{24}}\.(pdf|json))")
    for path in cache.glob(f"pressed-{name}*"):
        if entry.fullmatch(path.name):
            path.unlink(missing_ok=True)


def _json(facts: PressFacts) -> dict:
    return {"used": {base: use.to_json() for base, use in facts.used.items()},
            "small_type": [[use.page, list(use.cmyk), use.size] for use in facts.small_type]}


def _facts(data: dict) -> PressFacts:
    return PressFacts({base: FaceUse.from_json(use) for base, use in data["used"].items()},
                      [SmallType(page, tuple(cmyk), size)
                       for page, cmyk, size in data["small_type"]])
