"""A small bounded memory of the last ETag and parsed answer per resource, and the interface of
a store that keeps those answers across runs.

Browsing re-requests the same list pages often (refresh, back, filter toggles); with
`If-None-Match` the server answers 304 with no body and the client reuses what it parsed last time.
Bounded so a long session of searches cannot grow it without end; least recently used goes first.

Keys are the resource's path and query under the API root, never the whole URL: the local
community listens on a new port each start, and its answers must still be found.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, Protocol


@dataclass(frozen=True)
class KeptAnswer:
    """An answer the client holds: its ETag, what it parsed to, and when the server last gave
    or confirmed it (UTC)."""

    etag: str
    value: Any
    fetched_at: datetime


class StoredAnswer(NamedTuple):
    """An answer as a persistent store keeps it: the raw JSON body, parsed again when read."""

    etag: str
    body: bytes
    fetched_at: datetime


class AnswerStore(Protocol):
    """Keeps answers across runs, so a restarted app still sends If-None-Match and can show
    the last answer when the server cannot be reached. Implementations must be thread-safe and
    must not raise on a damaged store (answer None, forget, and log instead)."""

    def load(self, key: str) -> StoredAnswer | None: ...

    def save(self, key: str, etag: str, body: bytes, fetched_at: datetime) -> None: ...

    def confirm(self, key: str, fetched_at: datetime) -> None:
        """The server answered 304: the kept answer was still current at `fetched_at`."""

    def discard(self, key: str) -> None: ...


class EtagCache:
    def __init__(self, max_entries: int = 64) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max = max_entries
        self._entries: OrderedDict[str, KeptAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> KeptAnswer | None:
        """The answer last stored for `key`, marking it recently used."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, answer: KeptAnswer) -> None:
        with self._lock:
            self._entries[key] = answer
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def discard(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
