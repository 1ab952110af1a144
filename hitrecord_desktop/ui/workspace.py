"""One open project: the transport on top, the timeline, the recorder panel at the side.

The workspace wires its parts to each other (playhead, seeking, dropped files, the track whose
takes are shown) and offers the project's own actions: save, upload the chosen take, render the
mix and upload it. Everything slow (decoding, rendering, hashing) runs off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QProgressDialog,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..api.models import Challenge
from ..audio.transport_display import TransportState
from ..media.pcm_cache import PcmCache
from ..mixing.offline_render import RenderReport
from ..paths import AppPaths
from ..project.model import TrackKind
from ..sync.project_uploads import Credit, find_take, render_upload, take_upload
from ..sync.upload_jobs import UploadJob, UploadRequest
from .audio_bridge import AudioBridge
from .project_document import ProjectDocument
from .project_prefetch import ProjectPrefetch
from .recorder_panel import RecorderPanel
from .render_task import RenderTask
from .tasks import TaskRunner
from .timeline import FileImporter, PeaksSource, ThumbnailSource, TimelineWidget
from .transport_bar import TransportBar
from .upload_dialog import UploadDialog
from .video.video_bridge import VideoBridge, has_video
from .video.video_view import VideoView

log = logging.getLogger(__name__)

QueueUpload = Callable[[UploadRequest, Callable[[int, int], None]], UploadJob]
_MOVING = (TransportState.PLAYING, TransportState.RECORDING)
RECORDER_MIN_HEIGHT = 380  # below this the recorder panel scrolls


@dataclass
class WorkspaceServices:
    """What every workspace shares, made once by the window."""

    paths: AppPaths
    tasks: TaskRunner
    pcm: PcmCache
    peaks: PeaksSource
    server_key: Callable[[], str | None]  # the connection's server, None before it opens
    queue_upload: Callable[[], QueueUpload | None]  # the upload engine's add, once it runs
    thumbnails: ThumbnailSource | None = None  # film strips of video clips


class Workspace(QWidget):
    """The project of one challenge. `close_project()` before dropping it."""

    status_message = Signal(str)
    upload_queued = Signal(object)  # UploadJob

    def __init__(
        self,
        document: ProjectDocument,
        challenge: Challenge | None,
        services: WorkspaceServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self.setAccessibleName(self.tr("Project: {0}").format(document.project.title))
        self.document = document
        self.challenge = challenge
        self._services = services
        self.audio = AudioBridge(document, services.tasks, services.paths, self)
        self.transport = TransportBar(self.audio, document, self)
        self.timeline = TimelineWidget(
            document, services.tasks, services.peaks, self, services.thumbnails
        )
        self.recorder = RecorderPanel(self.audio, document, self)
        self.importer = FileImporter(document, services.tasks, services.pcm, self)
        self.prefetch: ProjectPrefetch | None = None  # set by the window when connected
        self._render: RenderTask | None = None
        self._render_progress: QProgressDialog | None = None

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("workspace_splitter")
        splitter.addWidget(self._video_and_timeline())
        # The panel scrolls when the window is short (uploads dock open, a dropout warning
        # shown) instead of squeezing its controls over each other.
        self.recorder_area = QScrollArea(self)
        self.recorder_area.setObjectName("recorder_area")
        self.recorder_area.setAccessibleName(self.tr("Recorder panel"))
        self.recorder_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its controls
        self.recorder_area.setWidget(self.recorder)
        self.recorder_area.setWidgetResizable(True)
        self.recorder_area.setFrameShape(QFrame.Shape.NoFrame)
        self.recorder_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scrollbar = self.recorder_area.verticalScrollBar().sizeHint().width()
        self.recorder_area.setMinimumWidth(self.recorder.sizeHint().width() + scrollbar)
        self.recorder_area.setMinimumHeight(RECORDER_MIN_HEIGHT)  # the uploads dock gives way
        splitter.addWidget(self.recorder_area)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.transport)
        column.addWidget(splitter, 1)
        self._make_actions()
        self._wire()

    # -- building --------------------------------------------------------------------------

    def _video_and_timeline(self) -> QSplitter:
        """The video preview above the timeline, shown while the project has video."""
        column = QSplitter(Qt.Orientation.Vertical, self)
        column.setObjectName("video_splitter")
        self.video_view = VideoView(parent=column)
        self.video = VideoBridge(self.audio, self.document, self.video_view, self)
        column.addWidget(self.video_view)
        column.addWidget(self.timeline)
        column.setStretchFactor(0, 2)
        column.setStretchFactor(1, 3)
        self._video_column = column
        self._show_video()
        self.document.changed.connect(lambda _c: self._show_video())
        return column

    def _show_video(self) -> None:
        """Shows the preview while the project has video; when it appears it gets two fifths
        of the column (a splitter would give a newly shown pane only its minimum)."""
        wanted = has_video(self.document.project)
        if wanted == self.video_view.isVisibleTo(self):
            return
        self.video_view.setVisible(wanted)
        column = self._video_column
        total = sum(column.sizes()) or column.height()
        if wanted and total > 0:
            column.setSizes([total * 2 // 5, total - total * 2 // 5])

    def _make_actions(self) -> None:
        def action(text: str, keys: str, slot: Callable[[], object], name: str) -> QAction:
            made = QAction(text, self)
            made.setObjectName(name)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(lambda _checked=False: slot())
            self.addAction(made)
            return made

        self.save_action = action(self.tr("&Save Project"), "Ctrl+S", self.save, "save_project")
        self.upload_take_action = action(
            self.tr("&Upload Take…"), "Ctrl+U", self.upload_take, "upload_take"
        )
        self.upload_mix_action = action(
            self.tr("Render and Upload &Mix…"), "Ctrl+Shift+U", self.render_and_upload, "upload_mix"
        )

    def project_actions(self) -> list[QAction]:
        return [self.save_action, self.upload_take_action, self.upload_mix_action]

    def _wire(self) -> None:
        audio, timeline = self.audio, self.timeline
        audio.position_changed.connect(timeline.set_playhead)
        audio.recording_started.connect(timeline.show_recording)
        audio.meters_changed.connect(lambda inp, _out: timeline.show_input_level(inp))
        audio.state_changed.connect(
            lambda state: None if state == TransportState.RECORDING else timeline.hide_recording()
        )
        audio.state_changed.connect(lambda state: timeline.set_playing(state in _MOVING))
        audio.message.connect(self.status_message)
        audio.take_finished.connect(self._take_finished)
        timeline.seek_requested.connect(audio.seek)
        timeline.files_dropped.connect(self.importer.import_files)
        timeline.selection_changed.connect(self._clips_selected)
        self.importer.import_failed.connect(self.status_message)
        self.document.edit_refused.connect(self.status_message)
        self.document.save_failed.connect(
            lambda why: self.status_message.emit(self.tr("Saving failed: {0}").format(why))
        )

    # -- reactions ---------------------------------------------------------------------------

    def _clips_selected(self, clip_ids: list[str]) -> None:
        """The recorder panel shows the takes of the track whose clip is selected."""
        if not clip_ids:
            return
        for track in self.document.project.tracks:
            if any(c.id == clip_ids[0] for c in track.all_clips()):
                self.recorder.set_track(track.id)
                return

    def _take_finished(self, take, dropouts) -> None:  # type: ignore[no-untyped-def]
        seconds = take.clip.length / self.document.project.sample_rate
        text = self.tr("{0} recorded ({1:.1f} s).").format(take.name, seconds)
        if dropouts:
            text += " " + self.tr("It has {0} dropout(s): listen before you use it.").format(
                len(dropouts)
            )
        self.status_message.emit(text)

    # -- project actions ---------------------------------------------------------------------

    def save(self) -> None:
        try:
            self.document.save()
        except OSError as exc:
            self.status_message.emit(self.tr("Saving failed: {0}").format(exc.strerror or exc))
            return
        self.status_message.emit(self.tr("Project saved."))

    def _chosen_take_id(self) -> str | None:
        chosen = self.recorder.selected_take_id()
        if chosen is not None:
            return chosen
        track = self.recorder.track()
        return track.active_take_id if track is not None else None

    def _roles(self) -> list[str]:
        return list(self.challenge.roles) if self.challenge is not None else []

    def _ready_to_upload(self) -> tuple[str, QueueUpload] | None:
        server, queue = self._services.server_key(), self._services.queue_upload()
        if server is None or queue is None:
            self.status_message.emit(self.tr("Uploads start once the server is connected."))
            return None
        return server, queue

    def upload_take(self) -> UploadDialog | None:
        """Opens the upload dialog for the chosen take (the selected one, else the active one)."""
        ready = self._ready_to_upload()
        take_id = self._chosen_take_id()
        if ready is None:
            return None
        if take_id is None:
            self.status_message.emit(self.tr("Record a take first, then choose it to upload."))
            return None
        server, _queue = ready
        roles = self._roles()
        try:
            request, credits = take_upload(
                self.document.project, self.document.folder, take_id, server,
                role=roles[0] if roles else "",
            )  # fmt: skip
        except (KeyError, ValueError) as exc:
            self.status_message.emit(str(exc))
            return None
        _track_id, take = find_take(self.document.project, take_id)
        seconds = take.clip.length / self.document.project.sample_rate
        what = self.tr("{0}, {1:.1f} s").format(take.name, seconds)
        return self._open_upload_dialog(request, credits, what)

    def render_and_upload(self) -> RenderTask | None:
        """Renders the mix (progress dialog, cancellable), then opens the upload dialog."""
        if self._render is not None or self._ready_to_upload() is None:
            return None
        if self.document.project.end() <= 0:
            self.status_message.emit(self.tr("The project is empty: nothing to render."))
            return None
        render = RenderTask(
            self.document.project, self.document.folder, self._services.pcm,
            self._services.tasks, parent=self,
        )  # fmt: skip
        video = render.is_video
        label = self.tr("Rendering the video…") if video else self.tr("Rendering the mix…")
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 1000, self)
        dialog.setObjectName("render_progress")
        dialog.setAccessibleName(
            self.tr("Rendering the video") if video else self.tr("Rendering the mix")
        )
        dialog.setWindowTitle(self.tr("Render"))
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(render.cancel)
        render.progressed.connect(lambda f: dialog.setValue(int(f * 1000)))
        render.finished.connect(self._rendered)
        render.failed.connect(self._render_failed)
        self._render, self._render_progress = render, dialog
        render.start()
        return render

    def _end_render(self) -> None:
        if self._render_progress is not None:
            self._render_progress.reset()
            self._render_progress.deleteLater()
        self._render = self._render_progress = None

    def _rendered(self, path, report: RenderReport) -> None:  # type: ignore[no-untyped-def]
        video = self._render is not None and self._render.is_video
        kinds = self._render.kinds if self._render is not None else (TrackKind.AUDIO,)
        self._end_render()
        ready = self._ready_to_upload()
        if ready is None:
            return
        roles = self._roles()
        request, credits = render_upload(
            self.document.project, path, ready[0], role=roles[0] if roles else "", kinds=kinds
        )
        done = (
            self.tr("Video rendered: {0:.1f} s, {1:.1f} LUFS.")
            if video
            else self.tr("Mix rendered: {0:.1f} s, {1:.1f} LUFS.")
        )
        self.status_message.emit(done.format(report.seconds, report.integrated_lufs))
        what = (
            self.tr("Video of the project, {0:.1f} s")
            if video
            else self.tr("Mix of the project, {0:.1f} s")
        ).format(report.seconds)
        self._open_upload_dialog(request, credits, what)

    def _render_failed(self, message: str) -> None:
        self._end_render()
        self.status_message.emit(message)

    def _open_upload_dialog(
        self, request: UploadRequest, credits: list[Credit], what: str
    ) -> UploadDialog:
        queue = self._services.queue_upload()
        assert queue is not None
        dialog = UploadDialog(
            request, credits, self._roles(), queue, self._services.tasks, self, what=what
        )
        dialog.queued.connect(self.upload_queued)
        dialog.queued.connect(
            lambda job: self.status_message.emit(
                self.tr("Queued for upload: {0}").format(job.title)
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.upload_dialog = dialog
        return dialog

    # -- closing -----------------------------------------------------------------------------

    def close_project(self) -> None:
        """Stops the audio, cancels a render, saves what is unsaved."""
        if self._render is not None:
            self._render.cancel()
        if self.prefetch is not None:
            self.prefetch.close()
        self.recorder.webcam.close_camera()
        self.video.close()
        self.audio.close()
        try:
            self.document.close()
        except OSError as exc:
            log.error("could not save %s on close: %s", self.document.folder, exc)
