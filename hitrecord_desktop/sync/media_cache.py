"""Downloaded contributions on disk: content-addressed, size-bounded, least recently used out.

Files are named by their sha256 (plus the contribution's extension, for players that look at it)
in one folder, so media reached from two servers or two contributions is kept once. The LRU order
lives in a SQLite index, counted as a sequence of uses rather than clock times (file access times
are unreliable under noatime/relatime, and a clock change must not reorder the cache). Downloads
go through `download_verified`: a `.part` beside the file that a later run resumes with Range +
If-Range, the sha256 checked, then renamed into place.

The limit counts complete files, and partial downloads at their full size (what they will take).
Eviction never touches a file being written by this process or a pinned one (media the open
project plays); when those alone exceed the limit, the cache stays over it until they are
released. A file larger than the whole limit is refused (`MediaTooLarge`): stream it instead.

Written here rather than on diskcache: its files live in its own layout and are evicted under
its own rules, while these must keep a stable sha256 name a player and a project can open, a
`.part` the downloader resumes, and pins and in-flight reservations that eviction respects.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from ..api.client import PlatformClient
from ..api.media_download import Progress, part_path
from ..api.models import Contribution
from ..paths import AppPaths
from .cache_db import CacheDb

log = logging.getLogger(__name__)

T = TypeVar("T")

FOLDER_NAME = "media"  # in the user cache folder
INDEX_NAME = "index.sqlite3"
_NAME = re.compile(r"(?P<sha>[0-9a-f]{64})(?P<ext>\.[a-z0-9]{1,8})?(?P<part>\.part)?")
_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS media (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    used INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS media_lru ON media (used);
"""


class MediaTooLarge(Exception):
    """The file would not fit in the cache even if everything else were evicted."""


class MediaCacheError(Exception):
    """The cache's index cannot be used (locked by another program, disk full, read-only)."""


@dataclass(frozen=True)
class CacheUsage:
    total_bytes: int  # complete files, and partial ones at their full size
    files: int
    partial: int  # downloads begun and not finished
    limit: int


@dataclass(frozen=True)
class _Row:
    sha256: str
    name: str
    size: int
    complete: bool


class Pin:
    """Keeps some media from eviction until released (a context manager, or call `release`)."""

    def __init__(self, cache: MediaCache, shas: tuple[str, ...]) -> None:
        self._cache = cache
        self.shas = shas
        self._released = False

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._cache._unpin(self.shas)

    def __enter__(self) -> Pin:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


class MediaCache:
    """One folder of media with its index. Thread-safe within a process."""

    def __init__(self, folder: Path, limit: int) -> None:
        if limit < 1:
            raise ValueError("the media cache limit must be positive")
        self.folder = folder
        self._limit = limit
        self._lock = threading.RLock()  # index read-modify-write, eviction, busy and pins
        self._file_locks: dict[str, threading.Lock] = {}  # one writer per file
        self._busy: Counter[str] = Counter()
        self._pins: Counter[str] = Counter()
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self._db = CacheDb(folder / INDEX_NAME, _SCHEMA)
        except sqlite3.Error as exc:
            raise MediaCacheError(
                f"The media cache index in {folder} cannot be used: {exc}."
            ) from exc
        with self._lock:
            self._reconcile()
            self._evict()

    # -- asking -------------------------------------------------------------------------------

    @property
    def limit(self) -> int:
        return self._limit

    def path_for(self, contribution: Contribution) -> Path | None:
        """The cached file, marked as just used; None when it is not (wholly) here.

        A file whose size is not the contribution's is deleted rather than served: it was cut
        short or changed behind the cache's back.
        """
        return self._lookup(contribution.sha256, contribution.size)

    def path_for_sha(self, sha256: str) -> Path | None:
        """Like `path_for` when only the hash is known (a project's media, offline): the size is
        checked against the one recorded when the download was verified."""
        return self._lookup(sha256.lower(), None)

    def _lookup(self, sha: str, size: int | None) -> Path | None:
        try:
            with self._lock:
                row = self._index(lambda conn: _row(conn, sha))
                if row is None or not row.complete:
                    return None
                expected = row.size if size is None else size
                path = self.folder / row.name
                try:
                    found = path.stat().st_size
                except FileNotFoundError:
                    log.info("cached %s is gone from the disk; forgetting it", row.name)
                    self._index(lambda conn: _delete(conn, sha))
                    return None
                if found != expected:
                    log.warning("cached %s is %d bytes, not %d; deleted", row.name, found, expected)
                    self._drop(row)
                    return None
                self._index(lambda conn: _touch(conn, sha))
                return path
        except MediaCacheError as exc:
            log.warning("%s", exc)
            return None

    def usage(self) -> CacheUsage:
        with self._lock:
            rows = self._index(_all_rows)
        return CacheUsage(
            sum(r.size for r in rows),
            sum(1 for r in rows if r.complete),
            sum(1 for r in rows if not r.complete),
            self._limit,
        )

    # -- changing -----------------------------------------------------------------------------

    def fetch(
        self,
        client: PlatformClient,
        contribution: Contribution,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:
        """The cached file, downloading it first when needed (resuming an earlier part).

        Raises `MediaTooLarge`, `MediaCacheError`, or the download's `ApiError` (its part kept
        for the next try unless it was damaged).
        """
        if contribution.size > self._limit:
            raise MediaTooLarge(
                f"{_describe(contribution)} is {_mib(contribution.size)}, more than the whole "
                f"media cache ({_mib(self._limit)}). Raise the cache limit in the settings to "
                "keep it, or play it streaming."
            )
        with self._file_lock(contribution.sha256):
            found = self.path_for(contribution)
            if found is not None:
                return found
            dest = self._reserve(contribution)
            done = False
            try:
                client.download_media(contribution, dest, progress=progress, cancel=cancel)
                done = True
            finally:
                self._finish(contribution.sha256, dest, done)
            return dest

    def set_limit(self, limit: int) -> None:
        """Takes effect at once: files are evicted now if the cache is over the new limit."""
        if limit < 1:
            raise ValueError("the media cache limit must be positive")
        with self._lock:
            self._limit = limit
            self._evict()

    def pin(self, shas: Iterable[str]) -> Pin:
        """Protects these files (cached or still to come) from eviction until released."""
        wanted = tuple(dict.fromkeys(s.lower() for s in shas if s))
        with self._lock:
            self._pins.update(wanted)
        return Pin(self, wanted)

    def clear(self) -> int:
        """Deletes every file not pinned or being written; answers how many went."""
        with self._lock:
            rows = self._index(_all_rows)
            gone = [r for r in rows if not self._held(r.sha256)]
            for row in gone:
                self._drop(row)
            return len(gone)

    # -- inside -------------------------------------------------------------------------------

    def _held(self, sha: str) -> bool:
        return self._busy[sha] > 0 or self._pins[sha] > 0

    def _unpin(self, shas: tuple[str, ...]) -> None:
        with self._lock:
            self._pins.subtract(shas)
            self._pins = +self._pins  # drop the zeros
            self._evict()

    @contextlib.contextmanager
    def _file_lock(self, sha: str) -> Iterator[None]:
        with self._lock:
            lock = self._file_locks.setdefault(sha, threading.Lock())
        with lock:
            yield

    def _reserve(self, contribution: Contribution) -> Path:
        """Records the download as begun at its full size and makes room for it."""
        sha = contribution.sha256
        with self._lock:
            row = self._index(lambda conn: _row(conn, sha))
            name = row.name if row is not None else sha + _extension(contribution)
            self._index(lambda conn: _put(conn, sha, name, contribution.size, complete=False))
            self._busy[sha] += 1
            self._evict()
        return self.folder / name

    def _finish(self, sha: str, dest: Path, done: bool) -> None:
        with self._lock:
            try:
                if done:
                    size = dest.stat().st_size
                    self._index(lambda conn: _put(conn, sha, dest.name, size, complete=True))
                elif not part_path(dest).exists():
                    self._index(lambda conn: _delete(conn, sha))
                # Still counted as busy here: the file just fetched is about to be used, so
                # room is made from the others (the next eviction may take it, like any file).
                self._evict()
            except MediaCacheError as exc:
                log.warning("%s", exc)
            finally:
                self._busy[sha] -= 1
                self._busy = +self._busy

    def _evict(self) -> None:
        """Deletes least recently used files until the total is within the limit."""
        rows = self._index(_all_rows)  # oldest use first
        total = sum(r.size for r in rows)
        for row in rows:
            if total <= self._limit:
                return
            if self._held(row.sha256):
                continue
            if self._drop(row):
                total -= row.size
                log.info("evicted %s (%s) from the media cache", row.name, _mib(row.size))
        if total > self._limit:
            log.info(
                "media cache holds %s over its limit: files in use or being written",
                _mib(total - self._limit),
            )

    def _drop(self, row: _Row) -> bool:
        """Deletes a file and its part; False when the system would not (open on Windows)."""
        path = self.folder / row.name
        for victim in (path, part_path(path)):
            try:
                victim.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("cannot delete %s from the media cache: %s", victim, exc)
                return False
        self._index(lambda conn: _delete(conn, row.sha256))
        return True

    def _reconcile(self) -> None:
        """Makes the index agree with the folder: rows of missing files go, files the index does
        not know (after it was rebuilt, or a crash) come in as least recently used, by age."""
        found: dict[str, tuple[str, bool, int, float]] = {}
        for entry in self.folder.iterdir():
            match = _NAME.fullmatch(entry.name)
            if match is None or not entry.is_file():
                continue
            sha, is_part = match["sha"], match["part"] is not None
            stat = entry.stat()
            name = entry.name.removesuffix(".part")
            if sha in found and not found[sha][1]:
                if is_part:  # the whole file is here: its part is left over
                    entry.unlink(missing_ok=True)
                continue
            found[sha] = (name, is_part, stat.st_size, stat.st_mtime)
        rows = {r.sha256: r for r in self._index(_all_rows)}
        unknown = sorted((sha for sha in found if sha not in rows), key=lambda s: found[s][3])

        def apply(conn: sqlite3.Connection) -> None:
            for sha, row in rows.items():
                if sha not in found:
                    _delete(conn, sha)
                    continue
                name, is_part, size, _ = found[sha]
                stale = row.complete == is_part or row.name != name
                if stale or (row.complete and size != row.size):
                    # A part's full size is unknown here; what it will take is at least this.
                    _put(conn, sha, name, max(size, row.size) if is_part else size, not is_part)
            oldest = conn.execute("SELECT coalesce(min(used), 0) FROM media").fetchone()[0]
            for age, sha in enumerate(unknown):
                name, is_part, size, _ = found[sha]
                conn.execute(
                    "INSERT OR REPLACE INTO media VALUES (?, ?, ?, ?, ?)",
                    (sha, name, size, int(not is_part), oldest - len(unknown) + age),
                )

        self._index(apply)
        if self._db.rebuilt:
            log.warning(
                "rebuilt the media cache index of %s from its %d files", self.folder, len(found)
            )

    def _index(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs `work` in one transaction; a damaged index is rebuilt from the files, once."""
        for attempt in (1, 2):
            try:
                with self._db.connect() as conn:
                    return work(conn)
            except sqlite3.OperationalError as exc:
                raise MediaCacheError(
                    f"The media cache index {self._db.path} cannot be used: {exc}."
                ) from exc
            except sqlite3.DatabaseError as exc:
                if attempt == 2:
                    raise MediaCacheError(
                        f"The media cache index {self._db.path} is damaged: {exc}."
                    ) from exc
                self._db.start_over(exc)
                self._reconcile()
        raise AssertionError("unreachable")


def open_media_cache(paths: AppPaths, limit: int) -> MediaCache:
    """The app's media cache; `limit` is `UserSettings.media_cache_limit`."""
    return MediaCache(paths.cache_dir / FOLDER_NAME, limit)


def _row(conn: sqlite3.Connection, sha: str) -> _Row | None:
    found = conn.execute(
        "SELECT sha256, name, size, complete FROM media WHERE sha256 = ?", (sha,)
    ).fetchone()
    return _Row(found[0], found[1], found[2], bool(found[3])) if found else None


def _all_rows(conn: sqlite3.Connection) -> list[_Row]:
    rows = conn.execute("SELECT sha256, name, size, complete FROM media ORDER BY used, sha256")
    return [_Row(sha, name, size, bool(complete)) for sha, name, size, complete in rows]


def _next_use(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(used), 0) + 1 FROM media").fetchone()[0])


def _put(conn: sqlite3.Connection, sha: str, name: str, size: int, complete: bool) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO media VALUES (?, ?, ?, ?, ?)",
        (sha, name, size, int(complete), _next_use(conn)),
    )


def _touch(conn: sqlite3.Connection, sha: str) -> None:
    conn.execute("UPDATE media SET used = ? WHERE sha256 = ?", (_next_use(conn), sha))


def _delete(conn: sqlite3.Connection, sha: str) -> None:
    conn.execute("DELETE FROM media WHERE sha256 = ?", (sha,))


def _extension(contribution: Contribution) -> str:
    suffix = Path(contribution.filename or "").suffix.lower()
    if _EXTENSION.fullmatch(suffix):
        return suffix
    guessed = mimetypes.guess_extension(contribution.media_type.split(";")[0].strip()) or ""
    return guessed if _EXTENSION.fullmatch(guessed) else ""


def _describe(contribution: Contribution) -> str:
    return f"“{contribution.title}”"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"
