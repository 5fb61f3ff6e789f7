"""Model text -> ReportLab paragraph markup. All text is escaped; tags come only from here."""

from __future__ import annotations

import html
import re

from layout.content.model import Run

_LONG_PATH = re.compile(r"\S{20,}")


def escape(text: str) -> str:
    """Markup-safe text; long paths and URLs may break after each '/'.

    ReportLab never splits a long word that contains '/' (it takes it for a URI it must keep
    whole) and lets it run out of the column; a zero-width space after each slash gives it
    places to break.
    """
    text = _LONG_PATH.sub(lambda m: m.group(0).replace("/", "/\u200b"), text)
    return html.escape(text, quote=False)  # not xml.sax's: it imports urllib and email


def markup(runs: list[Run], upper: bool = False) -> str:
    """Escaped markup for runs of text with bold and italic; line breaks become spaces."""
    out = []
    for run in runs:
        text = run.text.replace("\n", " ")
        text = escape(text.upper() if upper else text)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def plain(text: str, upper: bool = False) -> str:
    """Escaped markup for a plain string."""
    return escape(text.upper() if upper else text)
