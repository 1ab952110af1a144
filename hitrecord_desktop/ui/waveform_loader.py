"""Waveform thumbnails of contributions, made off the GUI thread: download into the media cache
(or find it there), decode through the PCM cache, reduce to pixel columns; kept in memory by
content hash so going back to a challenge draws at once."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..api.client import PlatformClient
from ..api.errors import ApiError
from ..api.models import Contribution
from ..sync.media_cache import MediaCache
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..media.waveform_thumbnail import WaveformThumbnail

log = logging.getLogger(__name__)
COLUMNS = 240  # enough for the widest thumbnail; the view stretches them
KEPT = 256  # thumbnails kept in memory (~2 KiB each)


class WaveformLoader(QObject):
    thumbnail_ready = Signal(int, object)  # contribution id, WaveformThumbnail
    thumbnail_failed = Signal(int, str)  # contribution id, what to show instead

    def __init__(
        self,
        tasks: TaskRunner,
        media_cache: MediaCache,
        pcm_root: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._media_cache = media_cache
        self._pcm_root = pcm_root  # PcmCache(pcm_root): the same folder the projects decode into
        self.client: PlatformClient | None = None
        self._kept: dict[str, WaveformThumbnail] = {}
        self._pending: dict[int, int] = {}  # contribution id → task id

    def request(self, contribution: Contribution) -> None:
        kept = self._kept.get(contribution.sha256)
        if kept is not None:
            self.thumbnail_ready.emit(contribution.id, kept)
            return
        if contribution.id in self._pending:
            return
        client, cache, pcm_root = self.client, self._media_cache, self._pcm_root

        def work() -> WaveformThumbnail:
            # Imported here, on a worker: decoding pulls in numpy, PyAV and libsndfile (~0.2 s),
            # which the app's start should not wait for.
            from ..media.pcm_cache import PcmCache
            from ..media.waveform_thumbnail import thumbnail_of_file

            path = cache.path_for(contribution)
            if path is None:
                if client is None:
                    raise LookupError("not downloaded")
                path = cache.fetch(client, contribution)
            return thumbnail_of_file(path, PcmCache(pcm_root), COLUMNS)

        self._pending[contribution.id] = self._tasks.run(
            work,
            lambda thumbnail: self._done(contribution, thumbnail),
            lambda error: self._failed(contribution, error),
        )

    def forget_all(self) -> None:
        """Results still coming are dropped (their files stay cached for next time)."""
        for task in self._pending.values():
            self._tasks.forget(task)
        self._pending.clear()

    def _done(self, contribution: Contribution, thumbnail: WaveformThumbnail) -> None:
        self._pending.pop(contribution.id, None)
        if len(self._kept) >= KEPT:
            self._kept.pop(next(iter(self._kept)))
        self._kept[contribution.sha256] = thumbnail
        self.thumbnail_ready.emit(contribution.id, thumbnail)

    def _failed(self, contribution: Contribution, error: Exception) -> None:
        self._pending.pop(contribution.id, None)
        self.thumbnail_failed.emit(contribution.id, self._words_for(contribution, error))

    def _words_for(self, contribution: Contribution, error: Exception) -> str:
        """A few words for the thumbnail's place; the whole reason goes to the log."""
        log.info("no waveform for contribution %d: %s", contribution.id, error)
        if (isinstance(error, ApiError) and error.is_unreachable) or isinstance(error, LookupError):
            return self.tr("not downloaded yet (offline)")
        if type(error).__name__ == "MediaError":  # the class lives with the decoders, loaded late
            if contribution.kind == "video":
                return self.tr("video without sound")
            return self.tr("the audio cannot be read")
        return self.tr("no waveform")
