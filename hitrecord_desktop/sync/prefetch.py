"""Downloading the contributions a project plays before they are needed, in the background.

Qt-free: a thread pool runs at most `parallel` downloads at once and every change is reported to
`on_event`, called on the worker threads (a Qt bridge re-emits it as a signal). One item's failure
is reported and the others go on; `cancel()` stops them all, keeping their parts for next time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from ..api.client import PlatformClient
from ..api.errors import ApiError
from ..project.model import MediaOrigin, Project
from .media_cache import MediaCache, Pin

log = logging.getLogger(__name__)


class ProjectMedia(NamedTuple):
    contribution_id: int
    sha256: str  # "" while the project does not know it


class ItemState(StrEnum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class PrefetchEvent:
    contribution_id: int
    state: ItemState
    done_bytes: int = 0
    total_bytes: int = 0
    path: Path | None = None  # DONE: the cached file
    was_cached: bool = False  # DONE: nothing had to be downloaded
    error: str | None = None  # FAILED: what to tell the person


OnEvent = Callable[[PrefetchEvent], None]


def project_contributions(project: Project) -> list[ProjectMedia]:
    """Every platform contribution the project's clips use (silent takes too), once each."""
    found: dict[int, str] = {}
    for track in project.tracks:
        for clip in track.all_clips():
            media = clip.media
            if media.origin == MediaOrigin.CONTRIBUTION and media.contribution_id is not None:
                known = found.get(media.contribution_id)
                found[media.contribution_id] = known or media.sha256.lower()
    return [ProjectMedia(cid, sha) for cid, sha in found.items()]


class Prefetch:
    """Fetches `items` into `cache`. Pins each file as soon as its hash is known, so keep the
    object while the project is open and `close()` it after: that releases the pins."""

    def __init__(
        self,
        cache: MediaCache,
        client: PlatformClient,
        items: Iterable[ProjectMedia],
        *,
        parallel: int = 2,
        on_event: OnEvent | None = None,
    ) -> None:
        if parallel < 1:
            raise ValueError("parallel must be at least 1")
        self._cache = cache
        self._client = client
        self.items = list(dict.fromkeys(items))
        self._on_event = on_event
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._pins: list[Pin] = []
        self.results: dict[int, PrefetchEvent] = {}
        self._pool = ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="prefetch")
        for item in self.items:
            self._emit(PrefetchEvent(item.contribution_id, ItemState.QUEUED))
        self._futures = [self._pool.submit(self._fetch, item) for item in self.items]
        self._pool.shutdown(wait=False)

    def cancel(self) -> None:
        """Stops every download soon (within one 64 KiB block); parts are kept."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """True when every item has finished (done, failed or cancelled)."""
        _done, pending = wait(self._futures, timeout)
        return not pending

    def close(self) -> None:
        """Cancels what is left and releases the pins."""
        self.cancel()
        self.wait()
        with self._lock:
            pins, self._pins = self._pins, []
        for pin in pins:
            pin.release()

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _fetch(self, item: ProjectMedia) -> None:
        cid = item.contribution_id
        try:
            if self._cancel.is_set():
                raise ApiError.cancelled("The download")
            if item.sha256:
                self._pin(item.sha256)
                cached = self._cache.path_for_sha(item.sha256)
                if cached is not None:  # no need to ask the server (which may be unreachable)
                    self._emit(PrefetchEvent(cid, ItemState.DONE, path=cached, was_cached=True))
                    return
            contribution = self._client.get_contribution(cid)
            self._pin(contribution.sha256)
            cached = self._cache.path_for(contribution)
            if cached is not None:
                size = contribution.size
                self._emit(PrefetchEvent(cid, ItemState.DONE, size, size, cached, True))
                return

            def progress(done: int, total: int) -> None:
                self._emit(PrefetchEvent(cid, ItemState.DOWNLOADING, done, total))

            path = self._cache.fetch(
                self._client, contribution, progress=progress, cancel=self._cancel
            )
            size = contribution.size
            self._emit(PrefetchEvent(cid, ItemState.DONE, size, size, path))
        except ApiError as error:
            state = ItemState.CANCELLED if error.is_cancelled else ItemState.FAILED
            self._emit(PrefetchEvent(cid, state, error=None if error.is_cancelled else str(error)))
        except Exception as error:  # MediaTooLarge, MediaCacheError, a full disk: per item
            log.warning("prefetch of contribution %d failed: %r", cid, error)
            self._emit(PrefetchEvent(cid, ItemState.FAILED, error=str(error)))

    def _pin(self, sha: str) -> None:
        pin = self._cache.pin([sha])
        with self._lock:
            self._pins.append(pin)

    def _emit(self, event: PrefetchEvent) -> None:
        if event.state not in (ItemState.QUEUED, ItemState.DOWNLOADING):
            with self._lock:
                self.results[event.contribution_id] = event
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:  # a listener's bug must not stop the downloads
            log.exception("prefetch listener failed on %s", event)


def prefetch_project(
    cache: MediaCache,
    client: PlatformClient,
    project: Project,
    *,
    parallel: int = 2,
    on_event: OnEvent | None = None,
) -> Prefetch:
    """Starts fetching the contributions `project` uses that are not cached yet."""
    return Prefetch(
        cache, client, project_contributions(project), parallel=parallel, on_event=on_event
    )
