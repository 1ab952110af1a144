"""Watching a video contribution in the challenge browser before adding it: the same play/stop
and `state_changed(key, state, time_ms, message)` as the sound-only PreviewBridge, with the
pictures painted in a VideoView and the sound played by libVLC itself (nothing else plays here,
so no audio clock to follow). Streams the platform's media URL with Range when not cached."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ...media.preview_player import ENDED, FAILED, OPENING, PLAYING, STOPPED
from ...video.video_player import READY, VideoEvent, VideoPlayer, mrl_for
from .video_view import VideoView

TIME_MS = 250  # how often the playing time is reported (the row's clock)


class VideoPreview(QObject):
    """play(key, mrl) shows and plays a video in `view`; stop() hides it; close() at the end."""

    state_changed = Signal(int, str, int, str)
    _arrived = Signal(object)  # emitted on the player's thread: delivery is queued to ours

    def __init__(
        self, view: VideoView, audio_output: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.playing_key: int | None = None
        self._mrl = ""  # what is playing: events of media opened before are old news
        self._audio_output = audio_output
        self._player: VideoPlayer | None = None
        self._arrived.connect(self._deliver)
        self._clock = QTimer(self, interval=TIME_MS)
        self._clock.timeout.connect(self._tick)
        view.hide()

    def _ensure_player(self) -> VideoPlayer:
        if self._player is None:  # libVLC starts on the first video watched, not with the app
            extra = (f"--aout={self._audio_output}",) if self._audio_output else ()
            self._player = VideoPlayer(self._arrived.emit, audio=True, extra_options=extra)
            self.view.set_frames(self._player.frames)
        return self._player

    def play(self, key: int, mrl: str) -> None:
        if self.playing_key is not None and self.playing_key != key:
            self._finish(STOPPED)
        self.playing_key, self._mrl = key, mrl_for(mrl)
        self.view.set_message(self.tr("Opening the video…"))
        self.view.show()
        self._ensure_player().open(mrl, play=True)
        self.state_changed.emit(key, OPENING, 0, "")

    def stop(self) -> None:
        if self._player is not None and self.playing_key is not None:
            self._player.unload()
            self._finish(STOPPED)

    def close(self) -> None:
        """Ends the player's thread (libVLC is stopped there)."""
        self._clock.stop()
        if self._player is not None:
            self._player.close()
            self._player = None
        self.view.set_frames(None)

    def _finish(self, state: str, message: str = "") -> None:
        key, self.playing_key = self.playing_key, None
        self._clock.stop()
        self.view.hide()  # the row says what happened, a failure's reason included
        if key is not None:
            self.state_changed.emit(key, state, 0, message)

    def _tick(self) -> None:
        if self._player is not None and self.playing_key is not None:
            ms = int(self._player.media_time_ms())
            self.state_changed.emit(self.playing_key, PLAYING, ms, "")

    def _deliver(self, event: VideoEvent) -> None:
        if self.playing_key is None:
            return  # a late event of a preview already stopped
        if event.mrl != self._mrl and not (event.state == FAILED and not event.mrl):
            return  # about media played before (an unload's CLOSED, an old open)
        if event.state == FAILED:
            self._finish(FAILED, event.message)
        elif event.state == ENDED:
            self._finish(ENDED)
        elif event.state in (READY, PLAYING):
            self.view.set_message("")
            if not self._clock.isActive():
                self._clock.start()
                self._tick()
