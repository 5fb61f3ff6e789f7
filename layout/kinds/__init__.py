"""The registry of article kinds: what each kind's front matter may say, and who sets it.

Each module of this package declares `KIND = Kind(...)`: its name, the front-matter keys it
reads and their defaults, the starter article `layout new` writes for it, and its story (how
it is set on the page) by name, "layout.compose.kinds.feature:story", loaded only when an
article of the kind is composed: reading and checking an issue loads no ReportLab. The
registry finds those modules by itself, so a new kind is its declaration here and its story
in layout/compose/kinds/ and nothing else (docs/issue-format.md, "Adding a kind"); a kind
from elsewhere (a test, a plug-in) is added with `register`, its story a name or a function.

Content reads the keys and defaults to check an article; compose calls the story. Neither
keeps a list of kinds of its own.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

COMMON_KEYS = ("kind", "pages", "language")  # every kind takes these
STANDARD_KEYS = ("title", "section", "speaker", "standfirst", "byline", "salutation",
                 "columns", "dropcap", "cover_lines", "display", "portrait", "picture_space")


@dataclass(frozen=True)
class Kind:
    """One kind of article: how it is set and what its front matter may say."""

    name: str
    summary: str  # one line: what it is, for the docs and `layout new --help`
    # (kit, grid, first page) -> the flowables of the article; or "module:function" naming it
    story: Callable | str
    keys: tuple[str, ...] = ("title", "section")  # front-matter keys besides COMMON_KEYS
    required: tuple[str, ...] = ("title", "pages")
    defaults: dict = field(default_factory=dict)  # e.g. {"columns": 2, "dropcap": True}
    template: str = ""  # the starter article `layout new` writes ($title: its title)
    extra_keys: dict = field(default_factory=dict)  # a key of its own -> the style it is set in
    generated: bool = False  # made from the flatplan (cover, contents): laid out last
    needs_body: bool = True  # an article of this kind without text is an error
    body_group: str = "body"  # the theme group that sizes its body text ('letter': larger)
    one_per_issue: bool = False  # `layout new --article` does not add another

    def __post_init__(self):
        if isinstance(self.story, str):
            object.__setattr__(self, "story", _Story(self.story))

    def allowed(self) -> tuple[str, ...]:
        """Every front-matter key an article of this kind may have."""
        with_picture = ("portrait_alt",) if "portrait" in self.keys else ()  # its alt text
        return COMMON_KEYS + self.keys + with_picture + tuple(self.extra_keys)

    def default(self, key: str, fallback=None):
        return self.defaults.get(key, fallback)


class _Story:
    """A story named "module:function": the module is imported when it is first called."""

    def __init__(self, name: str):
        self.name = name
        self.function: Callable | None = None

    def __call__(self, kit, grid, page):
        if self.function is None:
            module, function = self.name.split(":")
            self.function = getattr(importlib.import_module(module), function)
        return self.function(kit, grid, page)

    def __repr__(self) -> str:
        return f"story {self.name}"


_KINDS: dict[str, Kind] = {}
_LOADED = False


def register(kind: Kind) -> Kind:
    """Add a kind (a new one, or one replacing a kind of the same name)."""
    unknown = [k for k in kind.keys if k not in STANDARD_KEYS]
    if unknown:
        raise ValueError(f"kind '{kind.name}': {unknown} are not standard front-matter keys; "
                         "declare a kind's own keys in extra_keys")
    _KINDS[kind.name] = kind
    return kind


def kinds() -> dict[str, Kind]:
    """Every registered kind by name; the modules of this package on first use."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        package = sys.modules[__name__]
        for module in pkgutil.iter_modules(package.__path__):
            loaded = importlib.import_module(f"{package.__name__}.{module.name}")
            if isinstance(getattr(loaded, "KIND", None), Kind):
                _KINDS.setdefault(loaded.KIND.name, loaded.KIND)
    return _KINDS


def kind(name: str) -> Kind:
    """The kind of this name (KeyError for an unknown one: content checks names first)."""
    return kinds()[name]


def generated() -> tuple[str, ...]:
    """The names of the kinds laid out from the flatplan after the others."""
    return tuple(name for name, k in kinds().items() if k.generated)
