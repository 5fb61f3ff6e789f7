"""Model text -> ReportLab paragraph markup. All text is escaped; tags come only from here."""

from __future__ import annotations

from xml.sax.saxutils import escape

from layout.content.model import Run


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
