"""Composed articles kept between builds as data, never as code, and checked before use.

An entry is one file, `SLUG.KEY.entry` (hyphenation patterns: `NAME.KEY.entry`):

    ADALAZAMAT cache 2            the format, then a newline
    <64 hex digits>               HMAC-SHA-256 of the entry's key and of everything below
    <n>                           the length of the header in bytes
    <header: n bytes of JSON>     the value: dataclasses, lists, numbers and text
    <blobs>                       byte strings the header points into (an article's PDF)

Reading an entry never runs code: the header is JSON, and the only objects it can make are
the dataclasses of this package that are already imported, with exactly the fields the code
declares. An entry whose digest does not match (damaged, truncated, edited, or filed under
another key), whose header does not decode, or whose dataclasses' fields differ from the
code's is a miss: the article is composed again and the entry rewritten.

The digest is keyed with a secret of the user's (`~/.cache/adalazamat/cache-key`, made on
first use, readable by the user only): an entry forged by someone who can write the cache
folder but not read that key (a shared output folder, a synced folder, a CI cache) is a miss
too, and so is an entry written on another machine.

The key hashes everything an article's pages depend on: the article as read (text, front
matter, its allotment and the issue's language as applied to it), its pictures, the
masthead, the theme, the fonts, the code and the libraries that set and write it, and its
first page. Writes are atomic (a temporary file renamed into place).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import importlib
import json
import os
import secrets
import stat
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TypeVar

from layout import warm
from layout.content.model import Article, Issue
from layout.errors import IssueError
from layout.files import MB, Unreadable, kind_of, read_regular, write_atomically

PACKAGE = Path(__file__).resolve().parents[1]
MAGIC = b"ADALAZAMAT cache 2\n"
FAMILY = b"ADALAZAMAT cache "  # every version's entries begin so
MAX_ENTRY = 1024 * MB  # an entry is our own output; anything larger is not one of ours
LIBRARIES = ("reportlab", "pypdf", "pyphen", "PIL", "markdown_it", "mdit_py_plugins",
             "yaml")  # their versions change what is set and written
T = TypeVar("T")


@cache
def code_fingerprint() -> bytes:
    """Our code and the versions of the libraries and Python that run it."""
    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        module = importlib.import_module(name)
        version = getattr(module, "__version__", None) or getattr(module, "Version", "")
        digest.update(f"{name} {version}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


class ArticleCache:
    """A folder of composed articles, one entry per article; without a folder, none."""

    def __init__(self, folder: Path | None, shared: bytes = b"", root: Path | None = None):
        self.folder, self.shared, self.root = folder, shared, root
        self.memory = True  # off: not even the desk's process keeps entries (--no-cache)

    @classmethod
    def for_issue(cls, folder: Path | None, issue: Issue, theme_digest: str,
                  font_digests: list[str]) -> ArticleCache:
        """The cache of an issue: the masthead, theme, fonts and code go into every key."""
        shared = hashlib.sha256(code_fingerprint())
        shared.update(theme_digest.encode())
        for digest in sorted(font_digests):
            shared.update(digest.encode())
        masthead = {f.name: getattr(issue, f.name) for f in dataclasses.fields(issue)
                    if f.name not in ("root", "articles")}
        shared.update(_canonical(masthead, issue.root).encode())
        return cls(folder, shared.digest(), issue.root)

    def in_memory(self) -> bool:
        """Whether the desk keeps entries in its process: only under a key that hashes the
        masthead, theme, fonts and code (`for_issue`)."""
        return self.memory and warm.enabled() and bool(self.shared)

    def key(self, article: Article, first_page: int, extra: bytes = b"") -> str:
        digest = hashlib.sha256(self.shared + extra)
        digest.update(f"{first_page}|".encode())
        digest.update(_canonical(article, self.root).encode())
        return digest.hexdigest()[:40]

    def _path(self, article: Article, key: str) -> Path:
        return self.folder / f"{article.slug}.{key}.entry"  # a slug has no '.' in it

    def get(self, article: Article, first_page: int, extra: bytes = b""):
        """The cached value for the article at this page, or None.

        The desk finds it first in its own process (layout/warm.py), kept there even
        without a cache folder: the same key, never read from disk.
        """
        if not self.folder and not self.in_memory():
            return None
        key = self.key(article, first_page, extra)
        memory = self.in_memory()
        value = warm.kept("composed", article.slug, key) if memory else None
        if value is None and self.folder:
            value = read_entry(self._path(article, key), key)
            if value is not None and memory:
                warm.keep("composed", article.slug, key, value)
        return value

    def put(self, article: Article, first_page: int, value, extra: bytes = b"") -> None:
        """Keep value as the article's one entry (older entries of it are removed)."""
        if not self.folder and not self.in_memory():
            return
        key = self.key(article, first_page, extra)
        if self.in_memory():
            warm.keep("composed", article.slug, key, value)
        if not self.folder:
            return
        for old in self.folder.glob(f"{article.slug}.*.entry"):
            if is_entry(old):  # one entry per article: the cache stays small
                with suppress(OSError):
                    old.unlink()
        write_entry(self._path(article, key), key, value)


def generated_key(issue: Issue, starts: dict[str, int]) -> bytes:
    """What the cover and contents show of the other articles: their heads and first pages."""
    heads = [(a.slug, a.kind, a.section, a.title, a.speaker, a.byline.name if a.byline else "",
              starts[a.slug]) for a in issue.articles]
    return repr(heads).encode("utf-8")


def remembered(folder: Path | None, source: Path, version: str, make: Callable[[], T]) -> T:
    """What `make` derives from `source` (plain data: lists, mappings, text, numbers),
    kept in `folder` and read from there next time.

    The entry is keyed by the file's bytes and `version` (of the library that parses it);
    without a folder, `make` is simply called.
    """
    if folder is None:
        return make()
    key = hashlib.sha256(hashlib.sha256(source.read_bytes()).digest()
                         + version.encode()).hexdigest()[:40]
    path = folder / f"{source.stem}.{key}.entry"
    value = read_entry(path, key)
    if value is None:
        value = make()
        write_entry(path, key, value)
    return value


def is_entry(path: Path) -> bool:
    """Whether path is a cache entry of ours (a regular file in our format, of this version
    or an earlier one): the only files the cache ever removes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(FAMILY)) == FAMILY
    except OSError:
        return False
    finally:
        os.close(fd)


def read_entry(path: Path, key: str):
    """The value stored at path under key; None when it is missing or fails any check."""
    try:
        data = read_regular(path, MAX_ENTRY)
    except Unreadable:
        return None
    if not data.startswith(MAGIC):
        return None
    try:
        digest, length, body = data[len(MAGIC):].split(b"\n", 2)
        size = int(length)
    except ValueError:
        return None
    if digest.decode("ascii", "replace") != _digest(key, length, body) or not 0 < size <= len(
            body):
        return None
    try:
        header = json.loads(body[:size].decode("utf-8"))
        return _decode(header, memoryview(body)[size:])
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, AttributeError):
        return None


def write_entry(path: Path, key: str, value) -> None:
    """Store value at path under key; a cache that cannot be written only costs time."""
    blobs: list[bytes] = []
    try:
        header = json.dumps(_encode(value, blobs, [0]), ensure_ascii=False,
                            separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):
        return  # a value of a kind the format does not hold is simply not kept
    length = str(len(header)).encode()
    body = header + b"".join(blobs)
    try:
        write_atomically(path, MAGIC + _digest(key, length, body).encode() + b"\n" + length
                         + b"\n" + body)
    except IssueError:
        pass


def _digest(key: str, length: bytes, body: bytes) -> str:
    digest = hmac.new(_secret(), key.encode() + b"\n" + length + b"\n", hashlib.sha256)
    digest.update(body)
    return digest.hexdigest()


SECRET_SIZE = 32


def key_path() -> Path:
    """Where the user's cache key is kept."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "adalazamat" / "cache-key"


def key_problem() -> tuple[str, str] | None:
    """Why the user's cache key may not be trusted (what is wrong, what to do), or None.

    A key others can read lets them forge entries; one others can write, or in a folder
    others can write, lets them choose it; one that is not a regular file of the user's
    (a link, a device) is not a key kept by this product.
    """
    path = key_path()
    try:
        info = os.lstat(path)
        folder = os.stat(path.parent)
    except FileNotFoundError:
        return None  # made on first use, readable by the user only
    except OSError as err:
        return f"cannot be read: {err.strerror}", f"check {path.parent}"
    if stat.S_ISLNK(info.st_mode):
        return (f"is a symbolic link to {os.readlink(path)}",
                f"remove it (rm {path}): the next build makes a key of its own")
    if not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a key file", f"remove it (rm {path})"
    if info.st_uid != os.geteuid():
        return (f"belongs to another user (uid {info.st_uid})",
                f"remove it (rm {path}): the next build makes a key of its own")
    if info.st_mode & 0o077:
        return (f"can be read or written by others (mode {stat.S_IMODE(info.st_mode):04o})",
                f"chmod 600 {path}, and remove the cache (rm -r build/*/cache) if others may "
                "have read it")
    if folder.st_mode & 0o022 and not folder.st_mode & stat.S_ISVTX:
        return (f"is in a folder others can write (mode {stat.S_IMODE(folder.st_mode):04o})",
                f"chmod 700 {path.parent}")
    return None


def key_warning() -> str | None:
    """The warning a build gives when it does without the cache for its key's sake."""
    problem = key_problem()
    if problem is None:
        return None
    what, fix = problem
    return f"{key_path()}: the cache key {what}: building without the cache — {fix}"


@cache
def _secret() -> bytes:
    """The user's cache key: read from the user's cache folder, made there on first use.

    Where it can be neither read nor made, or may not be trusted (key_problem), a key of
    this process alone: the cache then only costs a little time, it is never trusted across
    builds.
    """
    path = key_path()
    for _ in range(2):
        if key_problem() is not None:
            break
        with suppress(OSError, Unreadable):
            key = read_regular(path, SECRET_SIZE)
            if len(key) == SECRET_SIZE:
                return key
        with suppress(OSError):
            _make_secret(path)
    return secrets.token_bytes(SECRET_SIZE)


def _make_secret(path: Path) -> None:
    """Write a new key readable by the user only; never replace one (another build may
    have made it a moment ago: the link fails and that one is read)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(SECRET_SIZE))
        with suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _encode(value, blobs: list[bytes], offset: list[int]):
    """A JSON-able form of value; bytes go to blobs (their offset and length stay here)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(v, blobs, offset) for v in value]
    if isinstance(value, tuple):
        return {"@tuple": [_encode(v, blobs, offset) for v in value]}
    if isinstance(value, dict):
        return {"@dict": [[_encode(k, blobs, offset), _encode(v, blobs, offset)]
                          for k, v in value.items()]}
    if isinstance(value, bytes):
        blobs.append(value)
        offset[0] += len(value)
        return {"@bytes": [offset[0] - len(value), len(value)]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return {"@dataclass": f"{cls.__module__}:{cls.__qualname__}",
                "fields": {f.name: _encode(getattr(value, f.name), blobs, offset)
                           for f in dataclasses.fields(value)}}
    raise TypeError(f"{type(value).__name__} is not kept in the cache")


def _decode(value, blobs: memoryview):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_decode(v, blobs) for v in value]
    (tag,) = [k for k in value if k.startswith("@")]
    if tag == "@tuple":
        return tuple(_decode(v, blobs) for v in value[tag])
    if tag == "@dict":
        return {_decode(k, blobs): _decode(v, blobs) for k, v in value[tag]}
    if tag == "@bytes":
        start, length = value[tag]
        if start < 0 or length < 0 or start + length > len(blobs):
            raise ValueError("bytes out of range")
        return bytes(blobs[start:start + length])
    if tag == "@dataclass":
        return _dataclass(value[tag], value["fields"], blobs)
    raise ValueError(f"unknown tag {tag}")


def _dataclass(name: str, stored: dict, blobs: memoryview):
    """An instance of one of our dataclasses, already imported, with exactly its fields.

    No module is imported and no constructor or __post_init__ runs: the fields are set.
    """
    module, _, qualname = name.partition(":")
    if not module.startswith("layout.") or module not in sys.modules:
        raise ValueError(f"{name} is not one of ours")
    cls = sys.modules[module]
    for part in qualname.split("."):
        cls = getattr(cls, part)
    if not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
        raise ValueError(f"{name} is not a dataclass")
    names = [f.name for f in dataclasses.fields(cls)]
    if not isinstance(stored, dict) or set(stored) != set(names):
        raise ValueError(f"{name}: fields differ from the code's")
    instance = cls.__new__(cls)
    for field in names:
        object.__setattr__(instance, field, _decode(stored[field], blobs))
    return instance


def _canonical(value, root: Path | None) -> str:
    """A stable text of value for hashing: dataclasses by field, paths relative to the issue,
    byte strings by their digest."""
    return json.dumps(_plain(value, root, root.resolve() if root else None),
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _plain(value, root: Path | None, real_root: Path | None):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v, root, real_root) for v in value]
    if isinstance(value, dict):
        return [[_plain(k, root, real_root), _plain(v, root, real_root)]
                for k, v in value.items()]
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, Path):
        for base in (root, real_root):
            if base is not None and value.is_relative_to(base):
                return value.relative_to(base).as_posix()
        return value.as_posix()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: _plain(getattr(value, f.name), root, real_root)
                                       for f in dataclasses.fields(value)}]
    raise TypeError(f"{type(value).__name__} cannot be part of a cache key")


def remembered_pictures(folder: Path | None, press_profile: Path, ink_limit: float):
    """A `remember(path, load)` for content.images.attach_pictures: each picture as
    converted, kept in `folder` by its file's bytes, the press profile, the ink limit and
    our code (converting and limiting a large photo takes seconds). None without a folder."""
    if folder is None:
        return None
    from layout.content.images import Picture

    version = hashlib.sha256(code_fingerprint() + press_profile.read_bytes()
                             + f"{ink_limit!r}".encode()).hexdigest()

    def remember(path: Path, load: Callable[[], Picture]) -> Picture:
        def plain():
            picture = load()
            return [picture.jpeg, picture.width_px, picture.height_px]
        jpeg, width, height = remembered(folder, path, version, plain)
        return Picture(path, jpeg, width, height, ink_limit)
    return remember
