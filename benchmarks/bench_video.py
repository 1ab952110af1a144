"""Video preview: drift against the audio clock, seek-to-frame latency, cost of the frame path.

Needs the PulseAudio test server (run under `.ci/with-test-services`, as `make bench` does);
without it the rows say they were skipped. Rows:
- drift of the frame on screen (read back from its pixels) against the frame the audio engine's
  clock asks for, over HITRECORD_BENCH_VIDEO_SECONDS (default 30; the issue's 3 minutes: 180),
  slaved by `VideoSync`; baseline: the same video started with the audio and left to libVLC's
  own clock, its drift counted from 6 s in (libVLC's start offset is not drift, nor is
  PulseAudio's stall as a stream starts). Values: the largest drift after a 2 s settle, the
  99th percentile, and the share of pictures within one frame.
- seek-to-frame latency, playing (the transport jumps; target 100 ms) and paused (the player
  seeks; target 20 ms); baseline: decoding the same frame with PyAV from its keyframe.
- A/V offset heard vs shown: a click track whose clicks name their frame, played by the engine
  on the null sink and recorded from its monitor (vmic), against when each frame was displayed
  (tests/video/heard_sync.py); median and worst over 3 runs of 10 s (~45 s); baseline: the
  engine clock's own account of when the clicks were heard, against the recording (median).
- CPU of the frame path at 1080p30: process CPU time over wall time while libVLC plays into the
  buffer; baseline: libVLC with --vout=dummy and no callbacks.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import av

from hitrecord_desktop.video.video_player import PAUSED, VideoPlayer
from tests.support.frame_code import read_code, write_coded_video
from tests.video.heard_sync import run_heard
from tests.video.sync_support import (
    FPS,
    RATE,
    open_rig,
    sample_drift,
    seek_latency,
    sync_project,
    wait_for,
)

SECONDS = float(os.environ.get("HITRECORD_BENCH_VIDEO_SECONDS", "30"))
SETTLE_S = 2.0
FREE_FROM_S = 6.0


def _drift(folder: Path, video: Path, seconds: float, slaved: bool) -> list[int]:
    project = sync_project(folder, video, seconds + 4, clip_at_s=1.0)
    rig = open_rig(project, slaved=slaved)
    try:
        rig.engine.play(0)
        started = time.monotonic()
        if not slaved:  # libVLC on its own clock, started when the clip starts
            wait_for(lambda: rig.clock.heard() >= rig.timing.position, 5)
            rig.player.play()
        rows = sample_drift(rig, seconds)
    finally:
        rig.close()
    drift = [code - wanted for at, code, wanted in rows if at - started > SETTLE_S]
    if not slaved:
        # libVLC's start offset is not drift, and neither is PulseAudio's stall of a second
        # or two as a new stream starts (the audio clock follows it): count from 6 s in.
        later = [code - wanted for at, code, wanted in rows if at - started > FREE_FROM_S]
        drift = [d - later[0] for d in later] if later else []
    return drift


def _seek_playing(folder: Path, video: Path) -> list[float]:
    project = sync_project(folder, video, 60, clip_at_s=1.0)
    rig = open_rig(project)
    latencies = []
    try:
        rig.engine.play(0)
        time.sleep(2)
        for k in range(12):
            target_s = 5.0 + (k * 17) % 50
            rig.engine.seek(int(target_s * RATE))
            latency = seek_latency(rig, int((target_s - 1.0) * FPS))
            latencies.append(latency if latency is not None else 2.0)
            time.sleep(0.6)
    finally:
        rig.close()
    return latencies


def _seek_paused(video: Path) -> list[float]:
    player = VideoPlayer()
    latencies = []
    try:
        player.open(video, start_ms=1000)
        wait_for(lambda: player.state == PAUSED, 10)
        time.sleep(0.4)
        for k in range(12):
            frame_no = 150 + (k * 271) % 1200
            started = time.monotonic()
            player.seek(frame_no * 1000 / FPS + 5)
            shown = wait_for(lambda n=frame_no: _shows(player, n), 2)
            latencies.append(time.monotonic() - started if shown else 2.0)
    finally:
        player.close()
    return latencies


def _shows(player: VideoPlayer, frame_no: int) -> bool:
    frame = player.frames.latest()
    return frame is not None and read_code(frame.pixels) == frame_no


def _pyav_decode(video: Path) -> list[float]:
    """Time to decode frame n with PyAV: seek to its keyframe, decode up to it."""
    times = []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        for k in range(12):
            frame_no = 150 + (k * 271) % 1200
            started = time.perf_counter()
            container.seek(int(frame_no / FPS / stream.time_base), stream=stream, backward=True)
            for frame in container.decode(stream):
                if round(frame.time * FPS) >= frame_no:
                    frame.to_ndarray(format="bgra")
                    break
            times.append(time.perf_counter() - started)
    return times


def _cpu(video: Path, seconds: float, callbacks: bool) -> float:
    import vlc

    from hitrecord_desktop.video.vlc_frames import FrameBuffer

    instance = vlc.Instance("--vout=dummy", "--quiet", "--no-audio", "--no-xlib")
    player = instance.media_player_new()
    frames = FrameBuffer()
    if callbacks:
        frames.attach(player)
    player.set_media(instance.media_new(str(video)))
    player.play()
    time.sleep(1.0)
    cpu0, wall0, n0 = time.process_time(), time.monotonic(), frames.number
    time.sleep(seconds)
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    shown = frames.number - n0
    player.stop()
    player.release()
    instance.release()
    if callbacks and shown < seconds * 25:
        raise RuntimeError(f"only {shown} pictures in {seconds} s at 1080p30")
    return 100.0 * cpu / wall


def run() -> list[dict]:
    if not os.environ.get("HITRECORD_TEST_PULSE"):
        return [{"name": "video sync: skipped (needs the PulseAudio test server)", "value": "-",
                 "unit": ""}]  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        video = write_coded_video(folder / "coded.mp4", seconds=max(SECONDS + 6, 62), gop=60)
        slaved = _drift(folder, video, SECONDS, slaved=True)
        free = _drift(folder, video, SECONDS, slaved=False)
        worst_free = max(abs(d) for d in free)
        rows.append({
            "name": f"video drift over {SECONDS:g} s slaved to the audio clock (max)",
            "value": max(abs(d) for d in slaved), "baseline": worst_free,
            "unit": "frames", "target": 1,
        })  # fmt: skip
        ordered = sorted(abs(d) for d in slaved)
        rows.append({
            "name": f"video drift over {SECONDS:g} s slaved (99th percentile of pictures)",
            "value": ordered[int(len(ordered) * 0.99)], "baseline": worst_free,
            "unit": "frames", "target": 1,
        })  # fmt: skip
        within = sum(d <= 1 for d in ordered) / max(len(ordered), 1)
        rows.append({"name": "pictures within one frame of the audio, slaved",
                     "value": 100.0 * within, "unit": "%", "target": 100})  # fmt: skip
        playing = _seek_playing(folder, video)
        paused = _seek_paused(video)
        decode = statistics.median(_pyav_decode(video)) * 1000
        rows.append({"name": "seek to the right frame while playing (median of 12)",
                     "value": statistics.median(playing) * 1000, "baseline": decode,
                     "unit": "ms", "target": 100})  # fmt: skip
        rows.append({"name": "seek to the right frame while playing (worst of 12)",
                     "value": max(playing) * 1000, "baseline": decode, "unit": "ms",
                     "target": 100})  # fmt: skip
        rows.append({"name": "seek to the right frame while paused (median of 12)",
                     "value": statistics.median(paused) * 1000, "baseline": decode,
                     "unit": "ms", "target": 20})  # fmt: skip
        rows.append({"name": "seek to the right frame while paused (worst of 12)",
                     "value": max(paused) * 1000, "baseline": decode,
                     "unit": "ms", "target": 20})  # fmt: skip
        offsets: list[float] = []
        clock: list[float] = []
        for _ in range(3):
            heard = run_heard(folder, video, 10.0)
            offsets += heard.offsets_ms().values()
            clock += heard.clock_error_ms().values()
        clock_median = statistics.median(clock)
        rows.append({"name": "A/V offset heard vs shown, 3 x 10 s (median; + = picture late)",
                     "value": statistics.median(offsets), "baseline": clock_median,
                     "unit": "ms", "target": 1000 / FPS})  # fmt: skip
        rows.append({"name": "A/V offset heard vs shown, 3 x 10 s (worst)",
                     "value": max(offsets, key=abs), "baseline": clock_median,
                     "unit": "ms", "target": 2000 / FPS})  # fmt: skip
        big = folder / "1080p30.mp4"
        write_coded_video(big, seconds=14, width=1920, height=1080, gop=30)
        with_buffer = _cpu(big, 10, callbacks=True)
        dummy = _cpu(big, 10, callbacks=False)
        rows.append({"name": "CPU of the frame path, 1080p30 into the buffer",
                     "value": with_buffer, "baseline": dummy, "unit": "%"})  # fmt: skip
    return rows
