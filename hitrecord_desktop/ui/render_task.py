"""Mixing the project down to a file in the background, with progress and cancel.

The offline render (mixing/offline_render.py) runs on a worker thread; its progress fractions
are written to a number the GUI thread's timer reads, so no Qt call happens off the GUI thread.
A project with clips on a video track renders a video instead (mixing/video_render.py): its
video tracks' pictures with the same mix, in an MP4.
"""

from __future__ import annotations

import copy
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ..media.pcm_cache import PcmCache
from ..mixing.offline_render import RenderCancelled, RenderReport, render_project
from ..mixing.video_render import VideoRenderReport, has_video, render_video
from ..project.model import Project, TrackKind
from .tasks import TaskRunner

RENDERS_DIR = "renders"


def render_path(folder: Path, project: Project, suffix: str = ".flac") -> Path:
    """A new file under the project's renders folder, named for the project and the time."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    safe = "".join(c if c.isalnum() or c in "-_ " else "_" for c in project.title).strip()
    return folder / RENDERS_DIR / f"{safe or 'mix'}-{stamp}{suffix}"


class RenderTask(QObject):
    """`start()` renders a snapshot of the project (later edits don't change the file)."""

    progressed = Signal(float)  # 0..1
    finished = Signal(object, object)  # Path, RenderReport or VideoRenderReport
    failed = Signal(str)

    def __init__(
        self,
        project: Project,
        folder: Path,
        pcm: PcmCache,
        tasks: TaskRunner,
        out_path: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = copy.deepcopy(project)  # the GUI thread may edit the original meanwhile
        self.folder = folder
        self.is_video = has_video(self.project)
        suffix = ".mp4" if self.is_video else ".flac"
        self.out_path = out_path or render_path(folder, project, suffix)
        self._pcm = pcm
        self._tasks = tasks
        self._cancel = threading.Event()
        self._fraction = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(lambda: self.progressed.emit(self._fraction))
        self.running = False

    def start(self) -> None:
        self.running = True
        self.out_path.parent.mkdir(parents=True, exist_ok=True)
        project, folder, pcm, rate = self.project, self.folder, self._pcm, self.project.sample_rate

        def progress(fraction: float) -> None:
            self._fraction = fraction

        def work() -> RenderReport | VideoRenderReport:
            if self.is_video:
                return render_video(
                    project,
                    lambda ref: pcm.pcm_for(ref, rate, folder),
                    self.out_path,
                    media_folder=folder,
                    progress=progress,
                    cancel=self._cancel,
                )
            return render_project(
                project,
                lambda ref: pcm.pcm_for(ref, rate, folder),
                self.out_path,
                progress=progress,
                cancel=self._cancel,
            )

        self._timer.start()
        self._tasks.run(work, self._done, self._error)

    @property
    def kinds(self) -> tuple[TrackKind, ...]:
        """The track kinds the rendered file holds (what its lineage credits)."""
        return (TrackKind.AUDIO, TrackKind.VIDEO) if self.is_video else (TrackKind.AUDIO,)

    def cancel(self) -> None:
        self._cancel.set()

    def _done(self, report: RenderReport | VideoRenderReport) -> None:
        self._timer.stop()
        self.running = False
        self.progressed.emit(1.0)
        self.finished.emit(self.out_path, report)

    def _error(self, error: Exception) -> None:
        self._timer.stop()
        self.running = False
        if isinstance(error, RenderCancelled):
            self.failed.emit(self.tr("The render was cancelled; no file was written."))
        else:
            self.failed.emit(self.tr("The render failed: {0}").format(error))
