"""Bringing a community contribution into an open project ("Add to project"). Downloading and
decoding run on worker threads; the clip is added on the GUI thread as one undo step ("Add
'Backing track'") on a new track named for it. (Files dropped on the timeline go through the
timeline's FileImporter.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ..api.client import PlatformClient
from ..api.models import Contribution
from ..media.pcm_cache import PcmCache
from ..media.probe import MediaError
from ..project.commands import AddClip, AddTrack, CompositeCommand
from ..project.media_clips import clip_for_contribution
from ..project.model import Clip, Track, TrackKind
from ..sync.media_cache import MediaCache
from .project_document import ProjectDocument
from .tasks import TaskRunner


class MediaImport(QObject):
    """One importer per window; jobs run in parallel, each reporting its own progress."""

    progressed = Signal(str, float)  # what (e.g. the title), 0..1
    added = Signal(object, str)  # ProjectDocument, clip id
    failed = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        pcm: PcmCache,
        media: MediaCache | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._pcm = pcm
        self.media = media
        self._fractions: dict[str, float] = {}
        self._cancel = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._report)

    @property
    def busy(self) -> bool:
        return bool(self._fractions)

    def add_contribution(
        self,
        document: ProjectDocument,
        contribution: Contribution,
        client: PlatformClient,
        *,
        position: int = 0,
    ) -> None:
        """Downloads (into the media cache), decodes, and adds the contribution on a new track."""
        if self.media is None:
            self.failed.emit(self.tr("The media cache is not open; cannot download."))
            return
        label, media, pcm, rate = contribution.title, self.media, self._pcm, document.sample_rate

        def work() -> Clip:
            return clip_for_contribution(
                contribution, client, media, pcm, rate, position,
                progress=self._progress_for(label), cancel=self._cancel,
            )  # fmt: skip

        self._start(label, work, document, None, TrackKind.AUDIO)

    def cancel_all(self) -> None:
        self._cancel.set()

    def _progress_for(self, label: str) -> Callable[[float], None]:
        def progress(fraction: float) -> None:
            self._fractions[label] = fraction  # a dict write: safe from the worker thread

        return progress

    def _start(
        self,
        label: str,
        work: Callable[[], Clip],
        document: ProjectDocument,
        track_id: str | None,
        kind: TrackKind,
    ) -> None:
        self._cancel.clear()
        self._fractions[label] = 0.0
        self._timer.start()

        def done(clip: Clip) -> None:
            self._fractions.pop(label, None)
            self._place(document, clip, track_id, kind, label)

        def error(exc: Exception) -> None:
            self._fractions.pop(label, None)
            problem = exc.problem if isinstance(exc, MediaError) else str(exc)
            self.failed.emit(self.tr("Cannot add {0}: {1}").format(label, problem))

        self._tasks.run(work, done, error)

    def _place(
        self, document: ProjectDocument, clip: Clip, track_id: str | None, kind: TrackKind,
        label: str,
    ) -> None:  # fmt: skip
        if track_id is not None and any(t.id == track_id for t in document.project.tracks):
            command = AddClip(track_id, clip)
        else:
            track = Track(name=label[:60] or self.tr("Audio"), kind=kind)
            command = CompositeCommand(
                self.tr("Add '{0}'").format(label), [AddTrack(track), AddClip(track.id, clip)]
            )
        if document.execute(command):
            self.added.emit(document, clip.id)

    def _report(self) -> None:
        if not self._fractions:
            self._timer.stop()
            return
        for label, fraction in list(self._fractions.items()):
            self.progressed.emit(label, fraction)
