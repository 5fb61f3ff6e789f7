"""Hyphenation patterns kept between builds as plain data, not as pickled objects.

Parsing pyphen's en_GB patterns takes about 40 ms; reading them back from the cache as JSON
and rebuilding the dictionary, about 5 ms. Only patterns without pyphen's non-standard
alternatives (none in en_GB or ru_RU) are kept; others are parsed each time.
"""

from __future__ import annotations

from pathlib import Path

import pyphen

from layout.compose.cache import remembered

FORMAT = "patterns 1"  # change when the stored form changes


def dictionary(name: str, folder: Path | None) -> pyphen.Pyphen:
    """pyphen's dictionary `name` (e.g. 'en_GB'), its patterns read from `folder` if there."""
    file = pyphen.LANGUAGES[pyphen.language_fallback(name)]  # pyphen's own key for it
    if file in pyphen.hdcache:  # parsed in this process already (or just now, on a miss)
        return pyphen.Pyphen(lang=name)
    data = remembered(folder, Path(file), f"pyphen {pyphen.VERSION} {FORMAT}",
                      lambda: _as_data(name))
    patterns = _patterns(data) if file not in pyphen.hdcache else None
    if patterns is not None:
        hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hyph.patterns, hyph.cache = patterns, {}
        hyph.maxlen = max(len(key) for key in patterns)
        pyphen.hdcache[file] = hyph  # Pyphen() takes the parsed patterns from here
    return pyphen.Pyphen(lang=name)


def _as_data(name: str) -> dict:
    """The parsed patterns as lists of text and numbers (empty when they cannot be)."""
    patterns = pyphen.Pyphen(lang=name).hd.patterns
    if any(getattr(v, "data", None) for _, values in patterns.values() for v in values):
        return {}
    return {"keys": list(patterns), "starts": [start for start, _ in patterns.values()],
            "values": ["".join(map(str, values)) for _, values in patterns.values()]}


def _patterns(data) -> dict | None:
    """The pattern table from its stored form; None when the form is not a valid one."""
    try:
        keys, starts, values = data["keys"], data["starts"], data["values"]
        if not (len(keys) == len(starts) == len(values) > 0):
            return None
        shared: dict[str, tuple[int, ...]] = {}  # most patterns share a few value tuples
        table = {}
        for key, start, digits in zip(keys, starts, values, strict=True):
            if not isinstance(key, str) or not isinstance(start, int):
                return None
            if digits not in shared:
                shared[digits] = tuple(int(d) for d in digits)
            table[key] = (start, shared[digits])
        return table
    except (KeyError, TypeError, ValueError):
        return None
