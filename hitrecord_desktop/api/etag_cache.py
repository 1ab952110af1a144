"""A small bounded memory of the last ETag and parsed answer per URL.

Browsing re-requests the same list pages often (refresh, back, filter toggles); with
`If-None-Match` the server answers 304 with no body and the client reuses what it parsed last time.
Bounded so a long session of searches cannot grow it without end; least recently used goes first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class EtagCache:
    def __init__(self, max_entries: int = 64) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max = max_entries
        self._entries: OrderedDict[str, tuple[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, url: str) -> tuple[str, Any] | None:
        """The (etag, value) last stored for `url`, marking it recently used."""
        with self._lock:
            entry = self._entries.get(url)
            if entry is not None:
                self._entries.move_to_end(url)
            return entry

    def put(self, url: str, etag: str, value: Any) -> None:
        with self._lock:
            self._entries[url] = (etag, value)
            self._entries.move_to_end(url)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def discard(self, url: str) -> None:
        with self._lock:
            self._entries.pop(url, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
