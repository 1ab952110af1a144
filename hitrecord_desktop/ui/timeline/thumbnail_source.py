"""Film-strip pictures of video clips for the timeline, decoded off the GUI thread, kept in memory.

A clip asks `picture(media, rate, base_dir, seconds, height)`: the answer is a QImage at once
when that keyframe is loaded, else None while a load runs on the `TaskRunner`;
`thumbnails_ready(key)` tells the timeline to redraw the clips of that media. A media's keyframe
times are loaded first (once), so any time at any zoom maps to a keyframe on the GUI thread and
zoom levels share their pictures. Requests made during one paint go to the worker as one batch.
"""

from __future__ import annotations

import bisect
import logging
from collections import OrderedDict
from pathlib import Path

import numpy as np

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from ...media.video_thumbnails import VideoThumbnails
from ...project.model import MediaRef
from ..tasks import TaskRunner
from .peaks_source import media_key

log = logging.getLogger(__name__)

DEFAULT_BUDGET = 32 * 1024 * 1024  # bytes of pictures kept (a 64x36 picture is ~9 KiB)


def to_qimage(image: np.ndarray) -> QImage:
    """An RGB (height, width, 3) uint8 array as a QImage that owns its pixels, in the format
    the timeline paints fastest (32-bit: no conversion on every paint)."""
    image = np.ascontiguousarray(image)
    height, width = image.shape[:2]
    wrapped = QImage(image.data, width, height, width * 3, QImage.Format.Format_RGB888)
    return wrapped.convertToFormat(QImage.Format.Format_RGB32)


class ThumbnailSource(QObject):
    """Pictures by media; `thumbnails` None means only what was `put` is known (benchmarks)."""

    thumbnails_ready = Signal(str)  # media key
    thumbnails_failed = Signal(str, str)  # media key, why

    def __init__(
        self,
        thumbnails: VideoThumbnails | None,
        tasks: TaskRunner | None,
        parent: QObject | None = None,
        budget_bytes: int = DEFAULT_BUDGET,
    ) -> None:
        super().__init__(parent)
        self._core = thumbnails
        self._tasks = tasks
        self._keyframes: dict[str, tuple[float, ...]] = {}
        self._images: OrderedDict[tuple[str, float, int], QImage] = OrderedDict()
        self._bytes = 0
        self._budget = budget_bytes
        self._failed: dict[str, str] = {}
        self._wanted: dict[tuple[str, int], tuple[Path, str, set[float]]] = {}
        self._busy: set[str] = set()  # media keys with a load running
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self._start_loads)

    # -- for painting ----------------------------------------------------------------------

    def picture(
        self, media: MediaRef, rate: int, base_dir: Path | None, seconds: float, height: int
    ) -> QImage | None:
        key = media_key(media, rate)
        if key in self._failed:
            return None
        keyframes = self._keyframes.get(key)
        if keyframes is None:
            self._want(key, media, base_dir, height, None)
            return None
        at = keyframes[max(0, bisect.bisect_right(keyframes, seconds + 1e-6) - 1)]
        image = self._images.get((key, at, height))
        if image is not None:
            self._images.move_to_end((key, at, height))
            return image
        self._want(key, media, base_dir, height, at)
        return None

    def failure(self, media: MediaRef, rate: int) -> str | None:
        return self._failed.get(media_key(media, rate))

    def is_pending(self) -> bool:
        return bool(self._wanted or self._busy)

    def put(self, key: str, keyframes: tuple[float, ...], images: dict[float, QImage]) -> None:
        """Pictures made elsewhere (benchmarks, previews), each keyed by its keyframe time."""
        self._keyframes[key] = keyframes
        for at, image in images.items():
            self._keep((key, at, image.height()), image)
        self.thumbnails_ready.emit(key)

    # -- loading ---------------------------------------------------------------------------

    def _want(
        self, key: str, media: MediaRef, base_dir: Path | None, height: int, at: float | None
    ) -> None:
        if self._core is None or self._tasks is None or not media.path:
            return
        path = Path(media.path)
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
        entry = self._wanted.setdefault((key, height), (path, media.sha256, set()))
        if at is not None:
            entry[2].add(at)
        if not self._flush.isActive():
            self._flush.start(0)  # after this paint: one batch per media and height

    def _start_loads(self) -> None:
        core, tasks = self._core, self._tasks
        if core is None or tasks is None:
            return
        for (key, height), (path, sha, times) in list(self._wanted.items()):
            if key in self._busy:
                continue  # one load per media at a time; the rest waits for its end
            del self._wanted[(key, height)]
            self._busy.add(key)
            wanted = sorted(times)

            def work(
                path: Path = path,
                sha: str = sha,
                wanted: list[float] = wanted,
                height: int = height,
            ) -> tuple[tuple[float, ...], dict[float, QImage]]:
                keyframes = core.keyframe_times(path, sha)
                pictures = core.thumbnails(path, wanted, height, sha) if wanted else []
                return keyframes, {p.time_s: to_qimage(p.image) for p in pictures}

            def done(result, key: str = key) -> None:  # type: ignore[no-untyped-def]
                self._busy.discard(key)
                self.put(key, *result)
                self._start_loads()

            def failed(error: Exception, key: str = key) -> None:
                self._busy.discard(key)
                self._failed[key] = str(error)
                log.info("no video thumbnails for %s: %s", key, error)
                for wanted_key in [k for k in self._wanted if k[0] == key]:
                    del self._wanted[wanted_key]
                self.thumbnails_failed.emit(key, str(error))
                self._start_loads()

            tasks.run(work, done, failed)

    def _keep(self, cache_key: tuple[str, float, int], image: QImage) -> None:
        if cache_key in self._images:
            self._bytes -= self._images[cache_key].sizeInBytes()
        self._images[cache_key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self._budget and len(self._images) > 1:
            _, old = self._images.popitem(last=False)
            self._bytes -= old.sizeInBytes()
