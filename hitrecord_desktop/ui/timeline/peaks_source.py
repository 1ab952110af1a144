"""Waveform peaks of clip media, decoded and loaded off the GUI thread, kept for the session.

A clip asks `peaks(media, rate, base_dir)`: the answer is there at once when loaded, else None
and a load starts on the `TaskRunner`; `peaks_ready(key)` tells the timeline to redraw the clips
of that media. The decoded PCM (a read-only memmap) is kept too, for zoom levels finer than the
peaks' base bucket.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from PySide6.QtCore import QObject, Signal

from ...media.pcm_cache import PcmCache
from ...media.waveform_peaks import WaveformPeaks
from ...project.model import MediaRef
from ..tasks import TaskRunner

log = logging.getLogger(__name__)

MAX_LOADS = 2  # decodes at once: the rest wait, so the GUI thread keeps a core to itself


@dataclass(frozen=True)
class LoadedPeaks:
    peaks: WaveformPeaks
    pcm: np.ndarray | None = None


def media_key(media: MediaRef, sample_rate: int) -> str:
    return f"{media.sha256 or media.path}@{sample_rate}"


class PeaksSource(QObject):
    """Peaks by media; `cache` None means only what was `put` is known (benchmarks, previews)."""

    peaks_ready = Signal(str)  # media key
    peaks_failed = Signal(str, str)  # media key, why

    def __init__(
        self,
        cache: PcmCache | None,
        tasks: TaskRunner | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cache = cache
        self._tasks = tasks
        self._loaded: dict[str, LoadedPeaks] = {}
        self._pending: set[str] = set()
        self._failed: dict[str, str] = {}
        self._waiting: deque[tuple[str, Callable[[], LoadedPeaks]]] = deque()
        self._running = 0

    def put(self, key: str, peaks: WaveformPeaks, pcm: np.ndarray | None = None) -> None:
        self._loaded[key] = LoadedPeaks(peaks, pcm)
        self.peaks_ready.emit(key)

    def is_pending(self) -> bool:
        return bool(self._pending)

    def peaks(self, media: MediaRef, sample_rate: int, base_dir: Path | None) -> LoadedPeaks | None:
        key = media_key(media, sample_rate)
        loaded = self._loaded.get(key)
        if loaded is not None or key in self._pending or key in self._failed:
            return loaded
        if self._cache is None or self._tasks is None or not media.path:
            return None
        path = Path(media.path)
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
        cache = self._cache
        self._pending.add(key)

        def work() -> LoadedPeaks:
            cached = cache.get_or_decode(path, sample_rate)
            return LoadedPeaks(cached.peaks(), cached.frames)

        self._waiting.append((key, work))
        self._start_next()
        return None

    def _start_next(self) -> None:
        while self._running < MAX_LOADS and self._waiting and self._tasks is not None:
            key, work = self._waiting.popleft()
            self._running += 1

            def done(result: LoadedPeaks, key: str = key) -> None:
                self._finished(key)
                self.put(key, result.peaks, result.pcm)

            def failed(error: Exception, key: str = key) -> None:
                self._finished(key)
                self._failed[key] = str(error)
                log.info("no waveform for %s: %s", key, error)
                self.peaks_failed.emit(key, str(error))

            self._tasks.run(work, done, failed)

    def _finished(self, key: str) -> None:
        self._running -= 1
        self._pending.discard(key)
        self._start_next()

    def failure(self, media: MediaRef, sample_rate: int) -> str | None:
        return self._failed.get(media_key(media, sample_rate))
