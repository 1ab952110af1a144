"""A/V sync against what is heard, not against the engine's clock: shared by the live test and
the benchmark.

The project holds a frame-coded video (frame n's pixels say n) and, on an audio track at the
same timeline position, a click track whose clicks say which frame they belong to: at video
frame k * EVERY a 10 ms noise burst made from seed k. Each click is found in the recording by
cross-correlating with its own burst, so a click can be neither missed for another nor counted
twice, whatever the latency.

The real AudioEngine plays the project on PulseAudio's null sink `vsink`, the video is slaved
to it as in the app (`VideoSync`), and a separate recorder stream takes `vmic`, the null sink's
monitor: the sound the sink actually consumed. Meanwhile every picture libVLC displays is
noted with its monotonic display time and the number read from its pixels.

Mapping recorded samples to monotonic time (the method and its uncertainty): each recorder
callback knows when it ran and how many samples it has had so far. A sample cannot reach the
recorder before the sink has consumed it, so for every callback
    origin + delivered / rate <= callback time,
where `origin` is the monotonic time at which recorded sample 0 was consumed; the smallest
right-hand side, taken over the whole recording, is the tightest such bound and is used as the
origin. PulseAudio's null sink runs on the monotonic clock (no drift against it). What remains is
how late the *best* callback of the whole run came after its data: PulseAudio passes monitor
data on as the sink renders it, and the recorder asks for small blocks (256 samples, 5.3 ms), so
that is a few milliseconds. The null sink also renders a block at a time, so a sample can reach
the monitor up to one render block before its nominal time. No separate calibration click is
needed, but the method is checked in the same run: for each click the engine's own account of
when it is heard (the time its block was made, polled from `clock_stamp`, plus the stream's
reported output latency, which is what `AudioClock` assumes) is compared with the recording's
(`HeardRun.clock_error_ms`); they agree within 5-10 ms here, the engine's account earlier, as
expected of an upper bound.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sounddevice as sd
import soundfile as sf

from hitrecord_desktop.project.model import (
    Clip,
    MediaOrigin,
    MediaRef,
    Project,
    Track,
    TrackKind,
)
from tests.support.frame_code import read_code

from .sync_support import FPS, RATE, Rig, open_rig, wait_for

EVERY = 15  # a click every 15 frames (0.5 s at 30 fps)
BURST = 480  # 10 ms of noise per click
CLIP_AT_S = 1.0


def click_burst(k: int) -> np.ndarray:
    """The click of frame k * EVERY: noise made from seed k, so each click says which it is."""
    return np.random.default_rng(1000 + k).uniform(-0.7, 0.7, BURST).astype(np.float32)


def click_sample(k: int) -> int:
    """The timeline sample where click k starts: the start of video frame k * EVERY."""
    return int(CLIP_AT_S * RATE) + round(k * EVERY * RATE / FPS)


def heard_project(folder: Path, video: Path, seconds: float, clicks: int) -> Project:
    frames = int(seconds * RATE)
    pcm = np.zeros((frames, 2), np.float32)
    for k in range(clicks):
        at = click_sample(k)
        pcm[at : at + BURST] += click_burst(k)[:, None]
    path = folder / "frame_clicks.wav"
    sf.write(path, pcm, RATE, subtype="FLOAT")
    audio = Track("clicks", clips=[Clip(MediaRef(MediaOrigin.FILE, str(path), frames=frames),
                                        0, 0, frames)])  # fmt: skip
    length = frames - int(CLIP_AT_S * RATE)
    ref = MediaRef(MediaOrigin.FILE, str(video), frames=length, has_video=True)
    clip = Clip(ref, int(CLIP_AT_S * RATE), 0, length)
    return Project("heard sync", sample_rate=RATE, tracks=[audio, Track("video", TrackKind.VIDEO,
                                                                        clips=[clip])])  # fmt: skip


class Recorder:
    """Takes the default input (vmic) with, per callback, (monotonic time, samples so far)."""

    def __init__(self) -> None:
        self.blocks: list[np.ndarray] = []
        self.stamps: list[tuple[float, int]] = []
        self.flags = 0
        self._count = 0
        self._stream = sd.InputStream(
            device="pulse", channels=1, samplerate=RATE, blocksize=256, dtype="float32",
            latency="low", callback=self._callback,
        )  # fmt: skip

    def _callback(self, indata, frames, _time, status) -> None:  # type: ignore[no-untyped-def]
        now = time.monotonic()
        if status:
            self.flags += 1
        self.blocks.append(indata[:, 0].copy())
        self._count += frames
        self.stamps.append((now, self._count))

    def start(self) -> Recorder:
        self._stream.start()
        return self

    def stop(self) -> None:
        self._stream.stop()
        self._stream.close()

    @property
    def samples(self) -> int:
        return self._count

    def recording(self) -> np.ndarray:
        return np.concatenate(self.blocks) if self.blocks else np.zeros(0, np.float32)

    def origin(self) -> float:
        """The monotonic time at which recorded sample 0 reached the sink's monitor (bound)."""
        return min(t - n / RATE for t, n in self.stamps)


def find_click(recorded: np.ndarray, k: int) -> tuple[int, float]:
    """Where click k starts in the recording, and how clearly (peak over the next best peak
    more than a burst away)."""
    from scipy.signal import fftconvolve

    shape = click_burst(k)
    corr = np.abs(fftconvolve(recorded, shape[::-1], mode="valid"))
    at = int(np.argmax(corr))
    rest = corr.copy()
    rest[max(0, at - BURST) : at + BURST] = 0
    return at, float(corr[at] / max(rest.max(), 1e-12))


@dataclass
class HeardRun:
    shown: list[tuple[float, int]] = field(default_factory=list)  # (display time, frame code)
    heard: dict[int, float] = field(default_factory=dict)  # click k: monotonic time heard
    clarity: dict[int, float] = field(default_factory=dict)
    by_clock: dict[int, float] = field(default_factory=dict)  # the engine clock's account
    recorder_flags: int = 0

    def shown_time(self, frame: int) -> float | None:
        """When the video reached `frame`: the first picture showing it or a later one (less
        the frames it skipped, when a correction jumped over it); None: it never did."""
        for at, code in self.shown:
            if code >= frame:
                return at - (code - frame) / FPS
        return None

    def offsets_ms(self) -> dict[int, float]:
        """Per click: when its frame was first shown minus when the click was heard (ms;
        positive: the picture came late)."""
        out = {}
        for k, heard in self.heard.items():
            shown = self.shown_time(k * EVERY)
            if shown is not None:
                out[k] = (shown - heard) * 1000.0
        return out

    def clock_error_ms(self) -> dict[int, float]:
        """Per click: the engine clock's heard time minus the recorded heard time (ms)."""
        return {k: (self.by_clock[k] - t) * 1000.0 for k, t in self.heard.items()
                if k in self.by_clock}  # fmt: skip


def run_heard(folder: Path, video: Path, seconds: float, *, settle_s: float = 2.0) -> HeardRun:
    """Plays `seconds` of the clip and measures; clicks in the first `settle_s` of the clip
    (PulseAudio's start-of-stream stall, the first seek) are not measured."""
    clicks = int(seconds * FPS / EVERY)
    project = heard_project(folder, video, CLIP_AT_S + seconds + 2, clicks)
    run = HeardRun()
    recorder = Recorder().start()
    rig: Rig | None = None
    stamps: list[tuple[int, float]] = []  # the engine's (sample, made at), polled
    try:
        wait_for(lambda: recorder.samples > RATE // 2, 5)  # past the new stream's stall
        rig = open_rig(project)
        rig.engine.play(0)
        stop = threading.Event()

        def poll() -> None:
            last = None
            while not stop.is_set():
                stamp = rig.engine.clock_stamp
                if stamp is not last and stamp[2]:
                    stamps.append((stamp[0], stamp[1]))
                    last = stamp
                time.sleep(0.001)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        last = rig.player.frames.number
        end = time.monotonic() + CLIP_AT_S + seconds + 1.0
        clock_at: dict[int, float] = {}
        while time.monotonic() < end:
            frame = rig.player.frames.latest(last)
            if frame is None:
                time.sleep(0.002)
                continue
            last = frame.number
            run.shown.append((frame.shown_at, read_code(frame.pixels)))
        stop.set()
        poller.join(1)
        latency = rig.clock.latency_s()
    finally:
        if rig is not None:
            rig.close()
        time.sleep(0.3)
        recorder.stop()
    run.recorder_flags = recorder.flags
    recorded = recorder.recording()
    origin = recorder.origin()
    first = int(settle_s * FPS / EVERY)
    for k in range(first, clicks):
        at, clarity = find_click(recorded, k)
        run.heard[k] = origin + at / RATE
        run.clarity[k] = clarity
        sample = click_sample(k)
        # the engine's own account: the block holding `sample` was made at `made`; it is heard
        # the stream's output latency later (what AudioClock assumes)
        before = [(s, m) for s, m in stamps if s <= sample]
        if before:
            s, m = before[-1]
            clock_at[k] = m + (sample - s) / RATE + latency
    run.by_clock = clock_at
    return run


def summary(values: list[float]) -> tuple[float, float, float]:
    """(median, worst by magnitude, spread: max - min)."""
    worst = max(values, key=abs)
    return statistics.median(values), worst, max(values) - min(values)
