"""The challenge browser's answers kept on disk, per server, so browsing works offline.

An `AnswerStore` (api/etag_cache.py) for `PlatformClient.use_answer_store`: the raw JSON of each
challenge list page, challenge and contribution list page, with the server's ETag and when it was
last confirmed. Raw JSON rather than parsed objects, so what is read back goes through the same
checks as a fresh answer. Keyed by a stable server key (connection.py) and the resource's path and
query, never the URL: the local community gets a new port each start.

Not requests-cache: it would sit under every request of the session (media streams, uploads)
and key by URL, while the client already revalidates with ETags and only lacks a place to keep
answers across runs; that place is one table.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from ..api.etag_cache import StoredAnswer
from .cache_db import CacheDb

log = logging.getLogger(__name__)

FILE_NAME = "browsing.sqlite3"
MAX_ANSWERS_PER_SERVER = 300  # every search is an answer; the least recently confirmed go

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    server TEXT NOT NULL,
    resource TEXT NOT NULL,
    etag TEXT NOT NULL,
    body BLOB NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (server, resource)
);
CREATE INDEX IF NOT EXISTS answers_age ON answers (server, fetched_at);
"""


class ChallengeCache:
    """Answers of one server. Thread-safe; never raises for a damaged file (logs, forgets)."""

    def __init__(self, db: CacheDb, server_key: str) -> None:
        self._db = db
        self.server_key = server_key
        self._repair_lock = threading.Lock()

    @classmethod
    def open(cls, cache_dir: Path, server_key: str) -> ChallengeCache | None:
        """The store in `cache_dir`; None (logged) when the folder cannot hold one, in which
        case browsing still works, only not offline."""
        try:
            return cls(CacheDb(cache_dir / FILE_NAME, _SCHEMA), server_key)
        except (OSError, sqlite3.Error) as exc:
            log.warning("cannot keep challenges for offline browsing in %s: %s", cache_dir, exc)
            return None

    def load(self, key: str) -> StoredAnswer | None:
        row = self._run(
            "SELECT etag, body, fetched_at FROM answers WHERE server = ? AND resource = ?",
            (self.server_key, key),
            fetch=True,
        )
        if not row:
            return None
        etag, body, fetched_at = row[0]
        try:
            when = datetime.fromisoformat(fetched_at)
        except (TypeError, ValueError):
            log.warning("kept answer for %s has a bad time %r; dropped", key, fetched_at)
            self.discard(key)
            return None
        return StoredAnswer(etag, bytes(body), when)

    def save(self, key: str, etag: str, body: bytes, fetched_at: datetime) -> None:
        self._run(
            "INSERT OR REPLACE INTO answers (server, resource, etag, body, fetched_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (self.server_key, key, etag, body, _iso(fetched_at)),
        )
        self._run(
            "DELETE FROM answers WHERE server = ? AND resource IN (SELECT resource FROM answers "
            "WHERE server = ? ORDER BY fetched_at DESC LIMIT -1 OFFSET ?)",
            (self.server_key, self.server_key, MAX_ANSWERS_PER_SERVER),
        )

    def confirm(self, key: str, fetched_at: datetime) -> None:
        self._run(
            "UPDATE answers SET fetched_at = ? WHERE server = ? AND resource = ?",
            (_iso(fetched_at), self.server_key, key),
        )

    def discard(self, key: str) -> None:
        self._run("DELETE FROM answers WHERE server = ? AND resource = ?", (self.server_key, key))

    def clear(self) -> None:
        """Forgets every answer of this server."""
        self._run("DELETE FROM answers WHERE server = ?", (self.server_key,))

    def __len__(self) -> int:
        rows = self._run(
            "SELECT count(*) FROM answers WHERE server = ?", (self.server_key,), fetch=True
        )
        return int(rows[0][0]) if rows else 0

    def _run(self, sql: str, params: tuple, *, fetch: bool = False) -> list[tuple] | None:
        """One statement; a damaged file is set aside and made again, a busy one skipped."""
        for attempt in (1, 2):
            try:
                with self._db.connect() as conn:
                    cursor = conn.execute(sql, params)
                    return cursor.fetchall() if fetch else None
            except sqlite3.OperationalError as exc:  # locked, disk full, read-only: not damage
                log.warning("challenge cache %s: %s", self._db.path, exc)
                return None
            except sqlite3.DatabaseError as exc:
                if attempt == 2:
                    log.warning("challenge cache %s still failing: %s", self._db.path, exc)
                    return None
                with self._repair_lock:
                    self._db.start_over(exc)
        return None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
