"""Keeps the contributions an open project uses downloaded, and says when new audio arrived.

A `Prefetch` (sync/prefetch.py) runs while the project is open: it downloads what is missing
and pins what is cached so the cache's eviction leaves it alone. Its events come from worker
threads every 64 KiB; here they are kept in a dict and shown at most ten times a second, and a
finished download asks the audio to be compiled again (`media_arrived`). A contribution added
to the project later starts a new prefetch that covers it (the old one's pins are released
only after the new one holds its own).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from ..api.client import PlatformClient
from ..project.events import Action, Subject
from ..sync.media_cache import MediaCache
from ..sync.prefetch import ItemState, Prefetch, PrefetchEvent, prefetch_project
from ..sync.transfer_rate import format_bytes
from .project_document import ProjectDocument

log = logging.getLogger(__name__)
SHOW_EVERY_MS = 100


class ProjectPrefetch(QObject):
    progress_text = Signal(str)  # "Downloading 2 contributions: 3.1 MB of 8.0 MB"
    media_arrived = Signal()  # a contribution was downloaded: compile the audio again
    failed = Signal(str)
    _finished = Signal(object)  # PrefetchEvent, from a worker thread (queued to this thread)

    def __init__(
        self,
        document: ProjectDocument,
        cache: MediaCache,
        client: PlatformClient,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document, self._cache, self._client = document, cache, client
        self._prefetch: Prefetch | None = None
        self._latest: dict[int, PrefetchEvent] = {}  # written by workers, read by the timer
        self._timer = QTimer(self)
        self._timer.setInterval(SHOW_EVERY_MS)
        self._timer.timeout.connect(self._show)
        self._finished.connect(self._item_finished)
        document.changed.connect(self._document_changed)

    def start(self) -> None:
        old = self._prefetch
        self._prefetch = prefetch_project(
            self._cache, self._client, self._document.project, on_event=self._on_event
        )
        if old is not None:
            _close_later(old)  # after the new one pinned: nothing is unpinned in between
        self._timer.start()

    def _on_event(self, event: PrefetchEvent) -> None:
        # On a prefetch worker thread: no Qt calls but the queued signal.
        if event.state is ItemState.DOWNLOADING:
            self._latest[event.contribution_id] = event
        elif event.state is not ItemState.QUEUED:
            self._latest.pop(event.contribution_id, None)
            self._finished.emit(event)

    def _item_finished(self, event: PrefetchEvent) -> None:
        if event.state is ItemState.DONE and not event.was_cached:
            self.media_arrived.emit()
        elif event.state is ItemState.FAILED:
            self.failed.emit(
                self.tr("Contribution {0} could not be downloaded: {1}").format(
                    event.contribution_id, event.error
                )
            )

    def _show(self) -> None:
        downloading = list(self._latest.values())
        if not downloading:
            if self._prefetch is not None and self._prefetch.wait(0):
                self._timer.stop()
            return
        done = sum(e.done_bytes for e in downloading)
        total = sum(e.total_bytes for e in downloading)
        self.progress_text.emit(
            self.tr("Downloading {0} contribution(s): {1} of {2}").format(
                len(downloading), format_bytes(done), format_bytes(total)
            )
        )

    def _document_changed(self, changes: tuple) -> None:
        added_clip = any(c.subject is Subject.CLIP and c.action is Action.ADDED for c in changes)
        if added_clip:
            self.start()  # cheap when everything is cached: it pins the new media

    def close(self) -> None:
        self._timer.stop()
        if self._prefetch is not None:
            _close_later(self._prefetch)
            self._prefetch = None


def _close_later(prefetch: Prefetch) -> None:
    """Closing waits for the downloads to stop (a request may be in flight): not on the GUI
    thread."""
    threading.Thread(target=prefetch.close, name="prefetch-close", daemon=True).start()
