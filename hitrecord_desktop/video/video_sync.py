"""Video clips slaved to the audio engine's clock (no Qt).

The audio engine is the master: its samples are the clock the takes are placed on. The video
follows: `AudioClock` says which timeline sample is being heard now, `ClipTiming` turns that into
the media time the clip should show, and `DriftCorrector` decides what the player must do
about the difference: a hard seek when far off or after a jump, a small rate nudge when
slightly off, nothing within half a frame. `VideoSync` applies the decisions to a player on
every `tick()` (a GUI timer, or `SyncLoop`'s thread where there is no GUI).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ..project.model import Clip

# libVLC 3.0 (video only) does not change its pace smoothly on a rate change: it keeps showing
# pictures at the old pace for 0.3-0.5 s, then jumps by most of a frame. Measured over 60 s on
# PulseAudio, nudges of 3 % kept 83 % of pictures within one frame (their jumps fooled the
# player's clock by a frame), 1 % nudges with seeks beyond two frames kept 100 %. So nudges are
# small and held long, and anything beyond two frames is a seek (it lands in ~30-60 ms).
SEEK_BEYOND_FRAMES = 2.0  # further off than this many frames: seek
NUDGE = 0.01  # rates from 1 - NUDGE to 1 + NUDGE
NUDGE_GAIN = 1.0  # rate change per second of error (10 ms off: 1 % faster or slower)
HOLD_S = 1.0  # keep a rate at least this long: libVLC applies it 0.3-0.5 s late
SEEK_LEAD_MS = 15.0  # a seek while playing shows its picture ~15 ms later (measured): aim ahead
JUMP_MS = 250.0  # the audio moved this much more than wall time says: a seek or a loop
# Nothing can be heard past the last block written: when callbacks stop (a stream starting,
# a stalled sound server) the clock holds there instead of running on. Seen on a loaded
# machine: no callback for 1.35 s after the start, while the line ran on into a clip, so the
# picture played 12 frames ahead until the sound came. The margin covers a block and the
# bursts in which PulseAudio asks for blocks.
RUN_ON_S = 0.1


class AudioClock:
    """Which timeline sample is heard now: the engine's position interpolated with the
    monotonic clock between callbacks, minus the output latency.

    Reads `engine.clock_stamp` (sample at a block's start, when it was made, moving or not) and
    the stream's reported output latency. PulseAudio delivers callbacks in bursts, so the
    sample-time line is smoothed: small errors pull it gently, a jump (seek, loop, start)
    resets it. It never runs more than `RUN_ON_S` past the last block written.
    """

    def __init__(
        self,
        engine: Any,
        *,
        latency_s: float | None = None,
        playhead: Callable[[], int] | None = None,
    ) -> None:
        """`playhead()` says where the stopped transport is (the engine's position when not
        given); `latency_s` overrides the stream's reported output latency."""
        self.engine = engine
        self._playhead = playhead
        self._latency_s = latency_s
        self._stamp: tuple[int, float, bool] | None = None
        self._offset = 0.0  # timeline sample = offset + rate * monotonic time, when moving
        self.jumps = 0  # how many times the line was reset (tests and the benchmark read it)
        self.held = False  # the last `heard()` stopped at the last block written (a stall)

    @property
    def rate(self) -> int:
        return int(self.engine.rate)

    def latency_s(self) -> float:
        if self._latency_s is not None:
            return self._latency_s
        stream = self.engine.stream
        if stream is None:
            return 0.0
        latency = stream.latency
        return float(latency[1] if isinstance(latency, tuple) else latency)

    def moving(self) -> bool:
        """Playing, and heard moving on: not while `heard()` last found the sound stalled."""
        stamp = self.engine.clock_stamp
        return bool(stamp[2]) and self.engine.stream is not None and not self.held

    def heard(self, now: float | None = None) -> float:
        """The timeline sample being heard at `now` (time.monotonic())."""
        now = time.monotonic() if now is None else now
        engine = self.engine
        stamp = engine.clock_stamp
        rate = self.rate
        if not stamp[2] or engine.stream is None:
            self._stamp = None
            self.held = False
            playhead = self._playhead
            return float(playhead() if playhead is not None else engine.position)
        if stamp is not self._stamp:
            self._stamp = stamp
            seen = stamp[0] - rate * stamp[1]
            predicted = self._offset
            if self.jumps == 0 or abs(seen - predicted) > JUMP_MS / 1000 * rate:
                self._offset = seen
                self.jumps += 1
            else:
                self._offset = predicted + 0.1 * (seen - predicted)
        line = self._offset + rate * now - self.latency_s() * rate
        ceiling = stamp[0] + RUN_ON_S * rate
        self.held = line > ceiling
        return min(line, ceiling)


@dataclass(frozen=True)
class ClipTiming:
    """Where a video clip sits: timeline samples `[position, end)` show media from `trim_in`."""

    position: int
    trim_in: int
    length: int
    rate: int  # the project's sample rate

    @classmethod
    def of(cls, clip: Clip, rate: int) -> ClipTiming:
        return cls(clip.position, clip.trim_in, clip.length, rate)

    @property
    def end(self) -> int:
        return self.position + self.length

    def covers(self, sample: float) -> bool:
        return self.position <= sample < self.end

    def media_ms(self, sample: float) -> float:
        """The media time the clip shows at timeline `sample`."""
        return (sample - self.position + self.trim_in) * 1000.0 / self.rate


HIDE, PAUSE_AT, SEEK, RATE, KEEP = "hide", "pause-at", "seek", "rate", "keep"


@dataclass(frozen=True)
class Decision:
    action: str  # HIDE, PAUSE_AT (show the frame at `ms`, paused), SEEK (playing), RATE, KEEP
    ms: float = 0.0
    rate: float = 1.0
    error_ms: float = 0.0  # video minus target, when both are known


class DriftCorrector:
    """Decides, tick by tick, what the player must do to show the right frame. Pure logic:
    it remembers only what it asked for last, so that it does not ask twice."""

    def __init__(self, frame_ms: float = 1000 / 30) -> None:
        self.frame_ms = frame_ms
        self.rate = 1.0
        self._paused_at: float | None = None
        self._playing = False
        self._last_target: tuple[float, float] | None = None  # (media ms, wall s)
        self._rate_since = 0.0
        self.seeks = 0
        self.nudges = 0

    def reset(self) -> None:
        """Forget everything (a new clip, or the player reopened)."""
        self.rate = 1.0
        self._paused_at = None
        self._playing = False
        self._last_target = None

    def decide(
        self,
        target_ms: float | None,
        video_ms: float | None,
        *,
        playing: bool,
        settled: bool = True,
        now: float,
    ) -> Decision:
        """`target_ms`: what the clip should show now (None: the playhead is outside it);
        `video_ms`: what is on screen (None: unknown yet); `settled`: the player's last seek
        has shown its picture."""
        if target_ms is None:
            self.reset()
            return Decision(HIDE)
        if not playing:
            self._playing = False
            self._last_target = None
            frame = self._frame_of(target_ms)
            if self._paused_at == frame:
                return Decision(KEEP)
            self._paused_at = frame
            self.rate = 1.0
            return Decision(PAUSE_AT, ms=target_ms)
        self._paused_at = None
        jumped = self._jumped(target_ms, now)
        if not self._playing or jumped or video_ms is None:
            return self._seek(target_ms, now)
        if not settled:
            return Decision(KEEP)
        error = video_ms - target_ms
        if abs(error) > SEEK_BEYOND_FRAMES * self.frame_ms:
            return self._seek(target_ms, now)
        if now - self._rate_since < HOLD_S:
            return Decision(KEEP, error_ms=error)
        if abs(error) <= self.frame_ms / 2:
            wanted = 1.0
        else:
            wanted = 1.0 - error / 1000.0 * NUDGE_GAIN
            wanted = min(1.0 + NUDGE, max(1.0 - NUDGE, wanted))
            wanted = round(wanted, 2)
        if wanted == self.rate:
            return Decision(KEEP, error_ms=error)
        self.rate = wanted
        self._rate_since = now
        if wanted != 1.0:
            self.nudges += 1
        return Decision(RATE, rate=wanted, error_ms=error)

    def _seek(self, target_ms: float, now: float) -> Decision:
        self._playing = True
        self.rate = 1.0
        self._rate_since = now
        self.seeks += 1
        return Decision(SEEK, ms=target_ms + SEEK_LEAD_MS)

    def _jumped(self, target_ms: float, now: float) -> bool:
        last, self._last_target = self._last_target, (target_ms, now)
        if last is None:
            return False
        expected = last[0] + (now - last[1]) * 1000.0
        return abs(target_ms - expected) > JUMP_MS

    def _frame_of(self, ms: float) -> int:
        return int(ms // self.frame_ms) if self.frame_ms > 0 else int(ms)


class Player(Protocol):
    """What `VideoSync` needs of a player (`VideoPlayer` has it)."""

    state: str
    frame_ms: float

    @property
    def settled(self) -> bool: ...
    def media_time_ms(self, now: float | None = None) -> float: ...
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def seek(self, ms: float) -> None: ...
    def set_rate(self, rate: float) -> None: ...


class VideoSync:
    """Keeps one player on one clip, following an audio clock; call `tick()` often (~50 Hz).

    `on_visible(bool)` is called when the playhead enters or leaves the clip, so a view can
    say that nothing is at the playhead instead of showing a stale frame.
    """

    def __init__(
        self,
        player: Player,
        clock: AudioClock,
        timing: ClipTiming,
        on_visible: Callable[[bool], None] | None = None,
    ) -> None:
        self.player = player
        self.clock = clock
        self.timing = timing
        self.corrector = DriftCorrector(player.frame_ms or 1000 / 30)
        self._on_visible = on_visible or (lambda _v: None)
        self.visible: bool | None = None
        self._player_playing = False
        self.last: Decision | None = None

    def retime(self, timing: ClipTiming) -> None:
        """The clip moved or was trimmed: seek afresh."""
        if timing != self.timing:
            self.timing = timing
            self.corrector.reset()

    def tick(self, now: float | None = None) -> Decision:
        now = time.monotonic() if now is None else now
        player = self.player
        if player.frame_ms:
            self.corrector.frame_ms = player.frame_ms
        heard = self.clock.heard(now)
        moving = self.clock.moving()
        timing = self.timing
        target = timing.media_ms(heard) if timing.covers(heard) else None
        usable = player.state in ("ready", "playing", "paused", "ended")
        video = player.media_time_ms(now) if usable and self._player_playing else None
        decision = self.corrector.decide(
            target, video, playing=moving, settled=player.settled, now=now
        )
        self._apply(decision)
        self.last = decision
        return decision

    def _apply(self, decision: Decision) -> None:
        player = self.player
        action = decision.action
        visible = action != HIDE
        if visible != self.visible:
            self.visible = visible
            self._on_visible(visible)
        if action in (HIDE, PAUSE_AT):
            if self._player_playing:
                player.pause()
                player.set_rate(1.0)
                self._player_playing = False
            if action == PAUSE_AT:
                player.seek(decision.ms)
        elif action == SEEK:
            if player.state == "playing" or self._player_playing:
                player.set_rate(1.0)
            player.seek(decision.ms)
            if not self._player_playing:
                player.play()
                self._player_playing = True
        elif action == RATE:
            player.set_rate(decision.rate)


class SyncLoop:
    """Ticks a `VideoSync` on a thread of its own, for where there is no GUI timer (the
    benchmark, the CLI). `samples` collects (now, heard sample, decision) when asked to."""

    def __init__(self, sync: VideoSync, interval_s: float = 0.02) -> None:
        self.sync = sync
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="video-sync", daemon=True)

    def start(self) -> SyncLoop:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2.0)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sync.tick()
