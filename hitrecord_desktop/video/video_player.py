"""A video player over libVLC whose pictures land in a `FrameBuffer` (no Qt).

Every libVLC call runs on the player's own thread, fed by a command queue, as in
`media.preview_player`: creating an instance loads plugins and `stop()` waits for libVLC's input
thread, neither of which may block a GUI. Commands never wait; what happens comes back through
`on_event(VideoEvent)`, called on the player's thread (the Qt side re-emits it as a signal).

libVLC tells no presentation time per picture (`get_time()` moves in 250-500 ms steps and
returns a seek's target at once), so the player keeps its own media clock: after a seek (or a
resume) it is anchored on the first picture displayed, whose time is the seek's target on the
frame grid, and it then runs with the wall clock times the playback rate, as libVLC's own clock
does when it has no audio to follow. The audio of a timeline video is the engine's, so libVLC
plays none (`audio=False`).
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .vlc_frames import FrameBuffer

log = logging.getLogger(__name__)

OPENING, READY, PLAYING, PAUSED, ENDED, FAILED, CLOSED = (
    "opening", "ready", "playing", "paused", "ended", "error", "closed",
)  # fmt: skip
NO_PICTURE_S = 10.0  # an open that shows no picture within this long has failed
RESEEK_S = 0.15
STALE_GAP = 0.6  # a picture this soon (in frames) after the one before was the last old one
_STOP = object()


@dataclass(frozen=True)
class VideoEvent:
    state: str  # OPENING, READY (first picture shown), PLAYING, PAUSED, ENDED, FAILED, CLOSED
    mrl: str = ""
    message: str = ""
    width: int = 0
    height: int = 0
    fps: float = 0.0
    duration_ms: int = 0


def mrl_for(location: str | Path) -> str:
    """What libVLC opens: a URL as it is (http(s) streams with Range), a path as a file URI."""
    text = str(location)
    if "://" in text:
        return text
    return Path(text).resolve().as_uri()


class _Clock:
    """The media time of what is on screen; written by the player's and libVLC's threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.media_ms = 0.0  # at `wall`
        self.wall = 0.0
        self.rate = 1.0
        self.running = False
        self.settling = False  # waiting for the first new picture after a seek or resume
        self.settle_number = 0  # pictures numbered above this are new
        self.last_shown = 0.0

    def now_ms(self, now: float) -> float:
        with self.lock:
            if not self.running or self.settling:
                return self.media_ms
            return self.media_ms + (now - self.wall) * self.rate * 1000.0


class VideoPlayer:
    """open(), then play/pause/seek/set_rate at will; close() at the end."""

    def __init__(
        self,
        on_event: Callable[[VideoEvent], None] | None = None,
        *,
        audio: bool = False,
        extra_options: tuple[str, ...] = (),
    ) -> None:
        self._on_event = on_event or (lambda _e: None)
        self._audio = audio
        self._extra = extra_options
        self._clock = _Clock()
        self.frames = FrameBuffer(self._picture_shown)
        self._commands: queue.Queue[Any] = queue.Queue()
        self.state = CLOSED  # written by the player's thread
        self.mrl = ""
        self.fps = 0.0
        self.duration_ms = 0
        self.size = (0, 0)
        self.rate = 1.0
        self.error = ""
        self._libvlc_error = False
        self._ended = False
        self._reseek_at = 0.0
        self._thread = threading.Thread(target=self._run, name="video-player", daemon=True)
        self._thread.start()

    # -- commands (any thread; they return at once) ----------------------------------------

    def open(self, location: str | Path, *, start_ms: float = 0.0, play: bool = False) -> None:
        """Opens a file or URL and shows the picture at `start_ms`, paused unless `play`."""
        self._commands.put(("open", mrl_for(location), start_ms, play))

    def play(self) -> None:
        self._commands.put(("play",))

    def pause(self) -> None:
        self._commands.put(("pause",))

    def seek(self, ms: float) -> None:
        """Shows the picture at `ms` (media time), playing or paused as it was."""
        self._commands.put(("seek", float(ms)))

    def set_rate(self, rate: float) -> None:
        self._commands.put(("rate", float(rate)))

    def unload(self) -> None:
        """Stops and forgets the media (nothing at the playhead)."""
        self._commands.put(("unload",))

    def close(self, timeout: float = 5.0) -> None:
        self._commands.put(_STOP)
        self._thread.join(timeout)

    # -- what is on screen (any thread) ----------------------------------------------------

    def media_time_ms(self, now: float | None = None) -> float:
        """The media time of the picture on screen now, by the player's clock."""
        return self._clock.now_ms(time.monotonic() if now is None else now)

    @property
    def settled(self) -> bool:
        """False from a seek (or resume) until its first picture is on screen."""
        return not self._clock.settling

    @property
    def frame_ms(self) -> float:
        return 1000.0 / self.fps if self.fps > 0 else 0.0

    def frame_time(self, ms: float) -> float:
        """`ms` snapped down to the frame it falls in (unchanged when the rate is unknown)."""
        step = self.frame_ms
        return math.floor(ms / step + 1e-6) * step if step else ms

    # -- libVLC's video output thread ------------------------------------------------------

    def _picture_shown(self, number: int) -> None:
        clock = self._clock
        now = time.monotonic()
        step = self.frame_ms
        with clock.lock:
            gap = now - clock.last_shown
            clock.last_shown = now
            if clock.settling and number > clock.settle_number:
                clock.settling = False
                clock.wall = now
            elif clock.running and not clock.settling and step:
                if now - clock.wall < 0.25 and gap < STALE_GAP * step / 1000.0:
                    # The picture before this one was an old one still queued when the seek
                    # came: the clock starts at this one, shown right after it.
                    clock.wall = now
                    return
                if gap * 1000.0 < 0.1 * step:
                    return  # the same picture shown again (libVLC does that on rate changes)
                # Pictures are shown when libVLC's clock reaches their time: snap the clock to
                # the frame this one is, which keeps it in step through dropped pictures and
                # the small jumps libVLC makes when its rate changes.
                media = clock.media_ms + (now - clock.wall) * clock.rate * 1000.0
                clock.media_ms = round(media / step) * step
                clock.wall = now

    # -- the player's thread ---------------------------------------------------------------

    def _run(self) -> None:
        try:
            import vlc
        except (ImportError, OSError) as exc:  # python-vlc or libvlc5 missing
            self._fail_all(f"libVLC is not available: {exc}")
            return
        # Little read-ahead for files: with libVLC's default 300 ms, a paused seek into the
        # last second or so of a file reads to its end and later paused seeks show nothing;
        # with none at all, some paused seeks mid-file show nothing (libVLC 3.0.24, measured).
        options = ["--vout=dummy", "--no-video-title-show", "--quiet", "--no-xlib"]
        options += ["--file-caching=50"]
        # Streams: with libVLC's default 1000 ms of network caching, the paused seek an open
        # makes lands on a wrong frame about one time in eight, and seeking to the same time
        # again shows the same wrong frame; with 300 ms, 0 in 80 (local http, measured).
        options += ["--network-caching=300"]
        options += [] if self._audio else ["--no-audio"]
        options += list(self._extra)
        instance = vlc.Instance(*options)
        if instance is None:
            self._fail_all("libVLC did not start (are vlc-plugin-base and libvlc5 installed?)")
            return
        self._instance = instance
        player = instance.media_player_new()
        self.frames.attach(player)
        manager = player.event_manager()
        types = vlc.EventType
        handlers = {
            types.MediaPlayerEncounteredError: lambda _e: setattr(self, "_libvlc_error", True),
            types.MediaPlayerEndReached: lambda _e: setattr(self, "_ended", True),
        }
        for kind, handler in handlers.items():
            manager.event_attach(kind, handler)
        self._pending: dict[str, Any] | None = None
        try:
            while True:
                try:
                    command = self._commands.get(timeout=0.01 if self._watching() else None)
                except queue.Empty:
                    self._watch(player)
                    continue
                if command is _STOP:
                    break
                self._apply(command, instance, player)
                self._watch(player)
        finally:
            for kind in handlers:
                manager.event_detach(kind)
            player.stop()
            player.release()
            instance.release()
            self._set_state(CLOSED)

    def _watching(self) -> bool:
        return self._pending is not None or self.state == PLAYING or bool(self._reseek_at)

    def _apply(self, command: tuple, instance: Any, player: Any) -> None:
        action = command[0]
        if action == "open":
            self._open(instance, player, *command[1:])
            return
        if action == "unload":
            player.stop()
            self._pending = None
            self.frames.reset()
            self._clock.running = False
            self.mrl = ""
            self._set_state(CLOSED)
            return
        if self.state not in (READY, PLAYING, PAUSED, ENDED):
            if self._pending is not None:  # still opening: remember the latest wish
                self._remember(command)
            return
        self._reseek_at = 0.0
        if action == "play":
            self._resume(player)
        elif action == "pause":
            self._pause(player)
        elif action == "seek":
            self._seek(player, command[1])
        elif action == "rate":
            self._set_rate(player, command[1])

    def _remember(self, command: tuple) -> None:
        pending = self._pending
        assert pending is not None
        if command[0] == "seek":
            pending["start_ms"] = command[1]
        elif command[0] in ("play", "pause"):
            pending["play"] = command[0] == "play"
        elif command[0] == "rate":
            pending["rate"] = command[1]

    def _open(self, instance: Any, player: Any, mrl: str, start_ms: float, play: bool) -> None:
        player.stop()
        self.frames.reset()
        self._libvlc_error = self._ended = False
        self.mrl, self.error, self.fps, self.duration_ms, self.size = mrl, "", 0.0, 0, (0, 0)
        with self._clock.lock:
            self._clock.running = False
            self._clock.settling = True
            self._clock.settle_number = self.frames.number
            self._clock.media_ms = 0.0
        self._set_state(OPENING)
        media = instance.media_new(mrl)
        if media is None:
            self._failed(f"libVLC cannot open {mrl}")
            return
        player.set_media(media)
        media.release()
        player.set_rate(1.0)
        self.rate = 1.0
        self._pending = {
            "start_ms": start_ms, "play": play, "rate": 1.0,
            "since": time.monotonic(), "number": self.frames.number,
        }  # fmt: skip
        if player.play() != 0:
            self._failed("libVLC could not start playing the media")

    def _watch(self, player: Any) -> None:
        """Finishes an open once its first picture is on screen; notices errors and the end."""
        pending = self._pending
        if pending is not None:
            if self.frames.number > pending["number"] and player.is_seekable():
                self._opened(player, pending)
            elif self._libvlc_error:
                self._failed("the file is damaged or is not a video libVLC can play")
            elif self._ended or time.monotonic() - pending["since"] > NO_PICTURE_S:
                self._failed(self._why_no_picture(player))
            return
        if self._reseek_at and time.monotonic() >= self._reseek_at:
            self._reseek_at = 0.0
            if self.state == PAUSED:
                self._seek(player, self._clock.media_ms)
        if self.state == PLAYING:
            if self._libvlc_error:
                self._libvlc_error = False
                self._failed("libVLC stopped: the rest of the file cannot be read")
            elif self._ended:
                self._ended = False
                self._clock.running = False
                self._set_state(ENDED)

    def _why_no_picture(self, player: Any) -> str:
        if player.video_get_track_count() > 0:
            return "no picture could be decoded (the file may be damaged)"
        if player.audio_get_track_count() > 0:
            return "the media has no video stream"
        if not self._ended:
            return f"no picture arrived in {NO_PICTURE_S:g} s"
        return "the file is damaged or is not a video libVLC can play"

    def _opened(self, player: Any, pending: dict[str, Any]) -> None:
        self._pending = None
        self.fps = float(player.get_fps() or 0.0)
        self.duration_ms = max(0, int(player.get_length()))
        width, height = player.video_get_size(0) or (0, 0)
        self.frames.set_visible_size(int(width), int(height))
        self.size = self.frames.picture_size  # turned upright, as libVLC shows it
        self._set_state(READY)
        rate = pending["rate"]
        if rate != 1.0:
            self._set_rate(player, rate)
        self._pause(player)
        self._seek(player, pending["start_ms"])
        if pending["play"]:
            self._resume(player)
        else:
            # libVLC now and then drops a seek made right after its first picture (seen:
            # the picture stayed 5 frames in); the same seek again a moment later holds.
            self._reseek_at = time.monotonic() + RESEEK_S

    def _resume(self, player: Any) -> None:
        if self.state == PLAYING:
            return
        if self.state == ENDED:  # libVLC plays an ended media again only from the start
            self._reopen(player, 0.0, play=True)
            return
        clock = self._clock
        with clock.lock:
            clock.media_ms = self.frame_time(clock.media_ms)
            clock.running = True
            clock.settling = True
            clock.settle_number = self.frames.number
        player.set_pause(0)
        self._set_state(PLAYING)

    def _reopen(self, player: Any, start_ms: float, *, play: bool) -> None:
        self._open(self._instance, player, self.mrl, start_ms, play)

    def _pause(self, player: Any) -> None:
        clock = self._clock
        now = time.monotonic()
        with clock.lock:
            if clock.running and not clock.settling:
                clock.media_ms += (now - clock.wall) * clock.rate * 1000.0
            clock.running = False
            clock.settling = False
            clock.wall = now
        player.set_pause(1)
        if self.state in (READY, PLAYING):
            self._set_state(PAUSED)

    def _seek(self, player: Any, ms: float) -> None:
        """Seeks into the middle of the frame `ms` falls in: libVLC shows the frame just
        before an exact frame boundary now and then."""
        ms = max(0.0, ms)
        if self.state == ENDED:
            self._reopen(player, ms, play=False)
            return
        if self.duration_ms:
            ms = min(ms, max(0.0, self.duration_ms - self.frame_ms))
        start = self.frame_time(ms)
        clock = self._clock
        with clock.lock:
            clock.media_ms = start
            clock.wall = time.monotonic()
            clock.settling = clock.running
            clock.settle_number = self.frames.number
        self._ended = False
        player.set_time(round(start + self.frame_ms / 2))

    def _set_rate(self, player: Any, rate: float) -> None:
        clock = self._clock
        now = time.monotonic()
        with clock.lock:
            if clock.running and not clock.settling:
                clock.media_ms += (now - clock.wall) * clock.rate * 1000.0
                clock.wall = now
            clock.rate = rate
        player.set_rate(rate)
        self.rate = rate

    def _failed(self, message: str) -> None:
        self._pending = None
        self._clock.running = False
        self.error = message
        log.info("video %s: %s", self.mrl, message)
        self._set_state(FAILED, message)

    def _set_state(self, state: str, message: str = "") -> None:
        self.state = state
        width, height = self.size
        self._on_event(
            VideoEvent(state, self.mrl, message, width, height, self.fps, self.duration_ms)
        )

    def _fail_all(self, message: str) -> None:
        log.warning("%s", message)
        self.error = message
        while (command := self._commands.get()) is not _STOP:
            if command[0] == "open":
                self._set_state(FAILED, message)
