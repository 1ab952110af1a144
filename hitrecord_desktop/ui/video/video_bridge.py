"""Connects the transport (AudioBridge) and the project's video clips to a VideoPlayer.

On a GUI timer it finds the clip to show (the top unmuted video track's clip under the
playhead), opens its media when that changes, and ticks a `VideoSync` that keeps the player on
the audio engine's clock. The player's events arrive on its own thread and are re-emitted as a
signal, so the view is only ever touched on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...audio.transport_display import TransportState
from ...project.model import Clip, Project, TrackKind
from ...video.video_player import FAILED, VideoEvent, VideoPlayer
from ...video.video_sync import AudioClock, ClipTiming, VideoSync
from ..audio_bridge import AudioBridge
from ..project_document import ProjectDocument
from .video_view import VideoView

TICK_MS = 20


def has_video(project: Project) -> bool:
    return any(t.kind is TrackKind.VIDEO or any(c.media.has_video for c in t.clips)
               for t in project.tracks)  # fmt: skip


def clip_at(project: Project, sample: float) -> Clip | None:
    """The clip of the top unmuted video track that covers `sample`."""
    for track in project.tracks:
        if track.kind is not TrackKind.VIDEO or track.mute:
            continue
        for clip in track.playing_clips():
            if clip.position <= sample < clip.end:
                return clip
    return None


class VideoBridge(QObject):
    """Owns the video player of one workspace; `close()` with the workspace."""

    event_arrived = Signal(object)  # VideoEvent, from the player's thread
    clip_changed = Signal(object)  # the Clip now shown, or None

    def __init__(
        self, audio: AudioBridge, document: ProjectDocument, view: VideoView,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.audio, self.document, self.view = audio, document, view
        self.player = VideoPlayer(self.event_arrived.emit)
        view.set_frames(self.player.frames)
        self.event_arrived.connect(self._on_event)
        self._clip: Clip | None = None
        self._sync: VideoSync | None = None
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def _path(self, clip: Clip) -> Path:
        path = Path(clip.media.path)
        return path if path.is_absolute() else self.document.folder / path

    def _heard(self, clock: AudioClock | None) -> float:
        if clock is not None and self.audio.state is TransportState.PLAYING:
            return clock.heard()
        return float(self.audio.position)

    def tick(self) -> None:
        engine = self.audio.engine
        clock = self._sync.clock if self._sync is not None else None
        if clock is not None and engine is not None:
            clock.engine = engine
        heard = self._heard(clock)
        clip = clip_at(self.document.project, heard)
        if clip is None and self._clip is None:
            return
        if clip is not None and (self._clip is None or clip.id != self._clip.id):
            self._show(clip, heard)
        if self._sync is not None and engine is not None:
            self._sync.retime(ClipTiming.of(self._clip, self.document.project.sample_rate))
            self._sync.tick()

    def _show(self, clip: Clip, heard: float) -> None:
        engine = self.audio.engine
        rate = self.document.project.sample_rate
        timing = ClipTiming.of(clip, rate)
        self._clip = clip
        self.player.open(self._path(clip), start_ms=timing.media_ms(heard))
        self.view.set_message(self.tr("Opening the video…"))
        if engine is not None:
            clock = AudioClock(engine, playhead=lambda: self.audio.position)
            self._sync = VideoSync(self.player, clock, timing, self._visible)
        self.clip_changed.emit(clip)

    def _visible(self, visible: bool) -> None:
        if not visible:
            self.view.set_message(self.tr("No video at the playhead"))
        elif self.player.state != FAILED:
            self.view.set_message("")

    def _on_event(self, event: VideoEvent) -> None:
        if event.state == FAILED:
            self.view.set_message(self.tr("Cannot show the video: {0}").format(event.message))
        elif (
            event.state in ("ready", "paused", "playing")
            and self.view.message
            and (self._sync is None or self._sync.visible is not False)
        ):
            self.view.set_message("")

    def close(self) -> None:
        self._timer.stop()
        self.view.stop()
        self.player.close()
