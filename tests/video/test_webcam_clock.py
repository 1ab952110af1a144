"""The timeline clock: maps capture times to timeline samples through the engine's counter,
with a sound card running off its nominal rate, callbacks in bursts and late looks. And the
webcam take's refusals, before anything is started."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.engine import AudioEngine
from hitrecord_desktop.project.model import Project, Track, TrackKind
from hitrecord_desktop.video.frame_source import SyntheticFrameSource
from hitrecord_desktop.video.timeline_clock import TimelineClock
from hitrecord_desktop.video.webcam_take import WebcamOptions, WebcamTakeError, WebcamTakeRecorder

RATE, BLOCK = 48_000, 256


def _callbacks(
    seconds: float, rate_error: float, rng: np.random.Generator
) -> list[tuple[float, int]]:
    """(moment, counter after the callback) of a stream whose card runs `rate_error` fast: a
    burst of 12 callbacks at its start, then one per block with 1 ms of jitter."""
    real_rate = RATE * (1 + rate_error)
    out, position = [], 0
    for k in range(12):
        position += BLOCK
        out.append((10.0 + k * 1e-4, position))
    while position < seconds * RATE:
        position += BLOCK
        due = 10.0 + (position - 12 * BLOCK) / real_rate
        out.append((due + rng.uniform(0, 0.001), position))
    return out


@pytest.mark.parametrize("rate_error", [0.0, 0.0015, -0.004])
def test_the_clock_follows_the_cards_rate_through_bursts_and_jitter(rate_error: float) -> None:
    rng = np.random.default_rng(5)
    clock = TimelineClock(lambda: 0, RATE, BLOCK, output_latency=1000)
    real_rate = RATE * (1 + rate_error)
    worst = 0.0
    for k, (moment, position) in enumerate(_callbacks(4.0, rate_error, rng)):
        look = moment + (0.03 if k % 97 == 0 else rng.uniform(0, 0.001))  # now and then late
        clock.note(look, position)
        if k > 200 and k % 10 == 0:
            # Truth: block `p - BLOCK` was rendered at `moment` and is heard 1000 samples later.
            probe = moment + 0.0123
            truth = (position - BLOCK) + (probe - moment) * real_rate - 1000
            worst = max(worst, abs(clock.sample_at(probe) - truth))
    assert worst < 0.0025 * RATE  # 2.5 ms: a nominal-rate clock is off by more; a frame is 33 ms


def test_a_seek_starts_the_clock_afresh() -> None:
    clock = TimelineClock(lambda: 0, RATE, BLOCK)
    for k in range(50):
        clock.note(k * BLOCK / RATE, (k + 1) * BLOCK)
    assert clock.sample_at(1.0) == pytest.approx(RATE, abs=BLOCK)
    clock.note(50 * BLOCK / RATE, 10 * RATE)  # jumped 10 s ahead at once
    assert clock.sample_at(1.0) is None and clock.jumps == 1


def _engine(project: Project) -> AudioEngine:
    engine = AudioEngine(DeviceChoice("ALSA", None, None, (1,), RATE, BLOCK), check_devices=False)
    engine.load(project)
    return engine


def test_a_webcam_take_needs_a_video_track(tmp_path: Path) -> None:
    audio = Track("voice")
    engine = _engine(Project("p", tracks=[audio]))
    recorder = WebcamTakeRecorder(engine, SyntheticFrameSource())
    with pytest.raises(WebcamTakeError, match="video track"):
        recorder.start(WebcamOptions(tmp_path, audio.id))
    assert not recorder.recording and not list(tmp_path.iterdir())


def test_a_webcam_take_refuses_an_unlikely_camera_delay(tmp_path: Path) -> None:
    camera = Track("camera", kind=TrackKind.VIDEO)
    engine = _engine(Project("p", tracks=[camera]))
    recorder = WebcamTakeRecorder(engine, SyntheticFrameSource())
    with pytest.raises(WebcamTakeError, match="camera delay"):
        recorder.start(WebcamOptions(tmp_path, camera.id, camera_delay_s=5.0))
    with pytest.raises(WebcamTakeError, match="sound source"):
        recorder.start(WebcamOptions(tmp_path, camera.id, sound="telepathy"))
