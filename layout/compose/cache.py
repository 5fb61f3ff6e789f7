"""Composed articles kept between builds, keyed by everything their pages depend on.

The key hashes the article's file, its pictures, the theme, the fonts, the code, the
masthead and the article's page range; change any of them and the article is composed anew.
Data parsed from one installed file (hyphenation patterns) is kept in the same folder.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TypeVar

from layout.content.model import Article, Figure, Issue
from layout.errors import IssueError
from layout.files import write_atomically

PACKAGE = Path(__file__).resolve().parents[1]
T = TypeVar("T")


@cache
def _code_fingerprint() -> bytes:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.digest()


@cache
def _file_fingerprint(path: Path, size: int, mtime_ns: int) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def fingerprint(path: Path) -> bytes:
    stat = path.stat()
    return _file_fingerprint(path, stat.st_size, stat.st_mtime_ns)


class ArticleCache:
    """A folder of pickled (ComposedArticle, Fit) pairs; `enabled=False` reads and writes none."""

    def __init__(self, folder: Path | None, issue: Issue, theme_path: Path, font_files: list[Path]):
        self.folder = folder
        shared = hashlib.sha256(_code_fingerprint())
        shared.update(fingerprint(theme_path))
        for font in sorted(font_files):
            shared.update(fingerprint(font))
        shared.update(f"{issue.magazine}|{issue.issue_line}|{issue.bleed_mm}".encode())
        self.shared = shared.digest()

    def key(self, article: Article, first_page: int, extra: bytes = b"") -> str:
        digest = hashlib.sha256(self.shared + extra)
        digest.update(fingerprint(article.path))
        digest.update(f"{article.slug}|{first_page}|{article.pages}".encode())
        for block in [*article.blocks, article.portrait]:
            if isinstance(block, Figure) and block.picture is not None:
                digest.update(hashlib.sha256(block.picture.jpeg).digest())
        return digest.hexdigest()[:32]

    def get(self, article: Article, first_page: int, extra: bytes = b""):
        if not self.folder:
            return None
        path = self.folder / f"{article.slug}-{self.key(article, first_page, extra)}.pickle"
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            return None

    def put(self, article: Article, first_page: int, value, extra: bytes = b"") -> None:
        if not self.folder:
            return
        for old in self.folder.glob(f"{article.slug}-*.pickle"):
            with suppress(OSError):  # one entry per article: the cache stays small
                old.unlink()
        path = self.folder / f"{article.slug}-{self.key(article, first_page, extra)}.pickle"
        _keep(path, value)


def generated_key(issue: Issue, starts: dict[str, int]) -> bytes:
    """What the cover and contents show of the other articles: their heads and first pages."""
    heads = [(a.slug, a.kind, a.section, a.title, a.speaker, a.byline.name if a.byline else "",
              starts[a.slug]) for a in issue.articles]
    return repr(heads).encode("utf-8")


def remembered(folder: Path | None, source: Path, version: str, make: Callable[[], T]) -> T:
    """What `make` parses from `source`, pickled in `folder` and read from there next time.

    The entry is named by a hash of the file's bytes and of `version` (the parsing library's:
    its objects are what is pickled); without a folder, `make` is simply called.
    """
    if folder is None:
        return make()
    digest = hashlib.sha256(fingerprint(source) + version.encode()).hexdigest()[:32]
    path = folder / f"{source.stem}-{digest}.parsed"  # a pickle, but not an article's
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError):
        pass
    value = make()
    _keep(path, value)
    return value


def _keep(path: Path, value) -> None:
    """Pickle value to path; a cache that cannot be written only costs time next build."""
    try:
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except IssueError:
        pass
