"""Links in print: the linked text, and (as the theme's `link.address` says) its address.

The address itself is kept in the model (Run.link) for the digital edition; the print PDF
carries no link annotation (PDF/X-4 forbids them in the trim). The address printed after
its text links where the text does: in the screen edition, text and address are one link.
"""

from __future__ import annotations

from layout.content.model import Run


def with_addresses(runs: list[Run], mode: str) -> list[Run]:
    """A linked text followed by ' (address)' (mode 'after'); the text alone ('none'), or
    when the text is the address itself."""
    if mode != "after" or not any(r.link for r in runs):
        return runs
    out: list[Run] = []
    shown = ""  # the linked text so far
    for k, run in enumerate(runs):
        out.append(run)
        if not run.link:
            continue
        shown = (shown if k and runs[k - 1].link == run.link else "") + run.text
        if k + 1 < len(runs) and runs[k + 1].link == run.link:
            continue
        address = run.link.removeprefix("mailto:")
        if address.rstrip("/") != shown.strip().rstrip("/"):
            out.append(Run(f" ({address})", run.bold, run.italic, link=run.link))
    return out
