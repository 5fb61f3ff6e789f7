"""What `layout watch` and `layout serve` keep in their process between rebuilds.

A command run once reads, checks and composes everything afresh (or from the checked cache
on disk). The desk runs for hours and rebuilds on every save: it keeps here what it read,
checked and composed, each under a key of everything the value depends on (the file's
bytes, the theme's and the faces' digests; the code is the running process's own), so that
a rebuild does again only what the save changed. One value is kept per name (an article's
slug, a file's path): memory stays bounded by the issue, not by the number of saves.

Values are kept as pickles made in this process, and never leave it (nothing here is read
from disk): each use gets its own copy, so what one rebuild does to an article it was
given cannot reach the next rebuild. Outside the desk (`enable` never called) nothing is
kept and every `recall` simply makes its value.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_KEPT: dict[tuple[str, str], tuple[object, bytes]] = {}  # (what, name) -> (key, pickle)
_ON = [False]


def enable(on: bool = True) -> None:
    """Keep values from now on (the desk calls this once, before its first build)."""
    _ON[0] = on
    if not on:
        _KEPT.clear()


def enabled() -> bool:
    return _ON[0]


def forget() -> None:
    """Drop everything kept (after a rebuild failed in our own code: start clean)."""
    _KEPT.clear()


def kept(what: str, name: str, key: object):
    """A copy of the value kept for `name` under `key`, or None."""
    hit = _KEPT.get((what, name))
    if hit is None or hit[0] != key:
        return None
    return pickle.loads(hit[1])


def keep(what: str, name: str, key: object, value) -> None:
    """Keep a copy of `value` for `name` under `key` (replacing the one kept before)."""
    if _ON[0]:
        _KEPT[(what, name)] = (key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def recall(what: str, name: str, key: object, make: Callable[[], T]) -> T:
    """The value kept for `name` under `key`; else `make()` it, and keep it (a value whose
    making raised is not kept: the next rebuild tries again)."""
    if not _ON[0]:
        return make()
    hit = _KEPT.get((what, name))
    if hit is not None and hit[0] == key:
        return pickle.loads(hit[1])
    value = make()
    keep(what, name, key, value)
    return value
