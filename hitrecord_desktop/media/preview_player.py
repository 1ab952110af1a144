"""Previews of contributions through libVLC: one at a time, play and stop, no Qt.

Every libVLC call runs on the player's own thread, fed by a queue: creating the instance loads
plugins (a few hundred ms) and `stop()` waits for libVLC's input thread, neither of which may
happen on a GUI thread. What happens is reported through `on_event(PreviewEvent)`, called on
libVLC's or the player's thread: the caller hands it to its own loop (the Qt side re-emits a
signal). Headless machines need `--vout=dummy` (shared/HEADLESS.md), given always: previews are
heard, not watched.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

OPENING, PLAYING, STOPPED, ENDED, FAILED = "opening", "playing", "stopped", "ended", "error"
_STOP = object()


@dataclass(frozen=True)
class PreviewEvent:
    key: int  # what the caller is previewing (a contribution id)
    state: str  # OPENING, PLAYING, STOPPED, ENDED or FAILED; PLAYING repeats as time advances
    time_ms: int = 0
    message: str = ""


class PreviewPlayer:
    """play(key, mrl) replaces whatever was playing; stop() ends it; close() at shutdown."""

    def __init__(
        self, on_event: Callable[[PreviewEvent], None], audio_output: str | None = None
    ) -> None:
        self._on_event = on_event
        self._audio_output = audio_output
        self._commands: queue.Queue[Any] = queue.Queue()
        self._key: int | None = None  # what is loaded now; read by libVLC's event thread
        self._thread = threading.Thread(target=self._run, name="preview-player", daemon=True)
        self._thread.start()

    def play(self, key: int, mrl: str) -> None:
        self._commands.put(("play", key, mrl))

    def stop(self) -> None:
        self._commands.put(("stop", None, None))

    def close(self, timeout: float = 5.0) -> None:
        self._commands.put(_STOP)
        self._thread.join(timeout)

    # -- the player's thread -----------------------------------------------------------------

    def _run(self) -> None:
        try:
            import vlc
        except (ImportError, OSError) as exc:  # python-vlc or libvlc5 missing
            self._fail_all(f"libVLC is not available: {exc}")
            return
        options = ["--vout=dummy", "--no-video-title-show", "--quiet", "--no-xlib"]
        if self._audio_output:
            options.append(f"--aout={self._audio_output}")
        instance = vlc.Instance(*options)
        if instance is None:
            self._fail_all("libVLC did not start (are vlc-plugin-base and libvlc5 installed?)")
            return
        player = instance.media_player_new()
        manager = player.event_manager()
        types = vlc.EventType
        handlers = {
            types.MediaPlayerPlaying: lambda _e: self._report(PLAYING, player),
            types.MediaPlayerTimeChanged: lambda _e: self._report(PLAYING, player),
            types.MediaPlayerEndReached: lambda _e: self._ended(),
            types.MediaPlayerEncounteredError: lambda _e: self._report(FAILED, player),
        }
        for kind, handler in handlers.items():
            manager.event_attach(kind, handler)
        try:
            while True:
                command = self._commands.get()
                if command is _STOP:
                    break
                self._apply(command, instance, player)
        finally:
            for kind in handlers:
                manager.event_detach(kind)
            player.stop()
            player.release()
            instance.release()

    def _apply(self, command: tuple[str, Any, Any], instance: Any, player: Any) -> None:
        action, key, mrl = command
        previous = self._key
        if action == "ended" and key != previous:
            return  # a later play already replaced the one that ended
        if previous is not None:
            self._key = None
            player.stop()  # blocks until libVLC's input thread is done: fine here
            if action != "ended":
                self._on_event(PreviewEvent(previous, STOPPED))
        if action != "play":
            return
        self._key = key
        self._on_event(PreviewEvent(key, OPENING))
        media = instance.media_new(mrl)
        player.set_media(media)
        media.release()
        if player.play() != 0:
            self._key = None
            self._on_event(PreviewEvent(key, FAILED, message="libVLC could not open the media"))

    def _report(self, state: str, player: Any) -> None:
        key = self._key
        if key is not None:
            message = "libVLC could not play the media" if state == FAILED else ""
            self._on_event(PreviewEvent(key, state, max(0, int(player.get_time())), message))

    def _ended(self) -> None:
        key = self._key
        if key is not None:
            self._on_event(PreviewEvent(key, ENDED))
            self._commands.put(("ended", key, None))  # libVLC may not be called from its thread

    def _fail_all(self, message: str) -> None:
        log.warning("%s", message)
        while (command := self._commands.get()) is not _STOP:
            if command[0] == "play":
                self._on_event(PreviewEvent(command[1], FAILED, message=message))
