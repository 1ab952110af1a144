"""The SQLite files behind the caches: WAL, a busy timeout, and a damaged file set aside and made
again, because a cache must never stop the app.

Each operation opens its own short connection: nothing is shared between threads, nothing needs
closing at exit, and WAL lets readers and one writer (of any thread or process) work at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

_BUSY_TIMEOUT_S = 10.0


class CacheDb:
    """One SQLite file with a fixed schema; `rebuilt` tells whether it had to be made anew."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        self._schema = schema
        path.parent.mkdir(parents=True, exist_ok=True)
        self.rebuilt = False
        try:
            self._prepare()
        except sqlite3.OperationalError:
            raise  # locked, read-only, no space: the file is not damaged, so it is not replaced
        except sqlite3.DatabaseError as exc:
            self.start_over(exc)

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction: committed when the block ends, else rolled back."""
        conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S)
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    def start_over(self, reason: Exception) -> None:
        """Sets the damaged file aside (as `<name>.broken`) and makes an empty one."""
        kept = self.path.with_name(self.path.name + ".broken")
        log.warning("cache database %s is damaged (%s); kept it as %s and started a new one",
                    self.path, reason, kept)  # fmt: skip
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.path, kept)
        self._prepare()
        self.rebuilt = True

    def _prepare(self) -> None:
        with contextlib.closing(sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")  # stays set in the file
        with self.connect() as conn:
            # quick_check reads every page: a truncated or scribbled-on file shows here, at open,
            # rather than as an error in the middle of a download.
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {verdict}")
            conn.executescript(self._schema)
