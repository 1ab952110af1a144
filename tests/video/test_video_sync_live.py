"""Video slaved to the real AudioEngine on PulseAudio's null sink: the frame on screen (read
back from its pixels) stays within one frame of what the audio clock asks for, and after a
seek the right frame shows quickly."""

from __future__ import annotations

import time
from pathlib import Path

from tests.audio.live_support import needs_pulse
from tests.support.frame_code import write_coded_video

from .sync_support import FPS, RATE, open_rig, sample_drift, seek_latency, sync_project

pytestmark = needs_pulse

SECONDS = 8.0
SETTLE_S = 2.0


def test_video_follows_the_audio_clock_within_one_frame(tmp_path: Path) -> None:
    video = write_coded_video(tmp_path / "coded.mp4", seconds=SECONDS + 14)
    project = sync_project(tmp_path, video, SECONDS + 14, clip_at_s=1.0)
    rig = open_rig(project)
    try:
        rig.engine.play(0)
        started = time.monotonic()
        rows = sample_drift(rig, SECONDS)
        settled = [code - wanted for at, code, wanted in rows if at - started > SETTLE_S]
        print("drift histogram", {d: settled.count(d) for d in sorted(set(settled))})
        assert len(settled) > (SECONDS - SETTLE_S) * FPS * 0.8  # pictures kept coming
        # Nearly every picture within one frame. The far-off pictures once seen here (12 to 25
        # frames) came from the audio clock running on while PulseAudio sent no callbacks; it
        # now holds at the last block written (RUN_ON_S) and the picture pauses there. What
        # is left on a loaded two-core machine is one picture a few frames off as the sound
        # comes back after an underrun. The 3-minute worst case is the benchmark's figure.
        within_one = sum(abs(d) <= 1 for d in settled) / len(settled)
        within_two = sum(abs(d) <= 2 for d in settled) / len(settled)
        assert within_one >= 0.95 and within_two >= 0.99, (within_one, within_two)
        latencies = []
        for target_s in (12.0, 4.0, 17.0):
            rig.engine.seek(int(target_s * RATE))
            latency = seek_latency(rig, int((target_s - 1.0) * FPS))
            print("seek to", target_s, "s: right frame after", latency)
            assert latency is not None
            latencies.append(latency)
        assert max(latencies) < 0.3  # the 100 ms target is the benchmark's
    finally:
        rig.close()


def test_stopped_transport_shows_the_playhead_frame(tmp_path: Path) -> None:
    """Scrubbing: with the transport stopped, the paused picture follows the playhead."""
    from tests.support.frame_code import read_code

    video = write_coded_video(tmp_path / "coded.mp4", seconds=10)
    project = sync_project(tmp_path, video, 10, clip_at_s=1.0)
    rig = open_rig(project)
    try:
        for seconds in (3.0, 7.5, 1.5):
            rig.engine.position = int(seconds * RATE)
            want = int((seconds - 1.0) * FPS)
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                frame = rig.player.frames.latest()
                if frame is not None and read_code(frame.pixels) == want:
                    break
                time.sleep(0.01)
            assert read_code(rig.player.frames.latest().pixels) == want
        rig.engine.position = int(0.5 * RATE)  # before the clip: nothing to show
        deadline = time.monotonic() + 1
        while rig.sync.visible and time.monotonic() < deadline:
            time.sleep(0.01)
        assert rig.sync.visible is False
    finally:
        rig.close()
