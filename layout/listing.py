"""Page lists as people write them, shared by the press's warnings and the checks' reports."""

from __future__ import annotations

from collections.abc import Iterable


def page_ranges(pages: Iterable[int]) -> str:
    """Compact page list: [3, 4, 5, 9] -> '3–5, 9'."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs)
