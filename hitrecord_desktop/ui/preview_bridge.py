"""The Qt side of the preview player: libVLC's events arrive here on its threads and leave as
signals on the GUI thread; the view never touches the player's threads."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..media.preview_player import ENDED, FAILED, STOPPED, PreviewEvent, PreviewPlayer


class PreviewBridge(QObject):
    """play(key, mrl) / stop(); `state_changed(key, state, time_ms, message)` on the GUI thread."""

    state_changed = Signal(int, str, int, str)
    _arrived = Signal(object)  # emitted on libVLC's threads: delivery is queued to ours

    def __init__(self, audio_output: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.playing_key: int | None = None
        self.state = STOPPED
        self.time_ms = 0
        self._arrived.connect(self._deliver)
        self._player: PreviewPlayer | None = None
        self._audio_output = audio_output

    def _ensure_player(self) -> PreviewPlayer:
        if self._player is None:  # the libVLC thread starts on first use, not at app start
            self._player = PreviewPlayer(self._arrived.emit, self._audio_output)
        return self._player

    def play(self, key: int, mrl: str) -> None:
        self.playing_key = key
        self.time_ms = 0
        self._ensure_player().play(key, mrl)

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def close(self) -> None:
        """Ends the player's thread (it stops libVLC there first)."""
        if self._player is not None:
            self._player.close()
            self._player = None

    def _deliver(self, event: PreviewEvent) -> None:
        if event.state in (STOPPED, ENDED, FAILED):
            if self.playing_key == event.key:
                self.playing_key = None
        elif event.key != self.playing_key:
            return  # a late event of a preview already replaced
        self.state = event.state
        self.time_ms = event.time_ms
        self.state_changed.emit(event.key, event.state, event.time_ms, event.message)
