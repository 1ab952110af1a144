"""The live engine on the JACK dummy server: sample-exact placement and real dropouts."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.engine import AudioEngine, RecordOptions
from hitrecord_desktop.project.model import SampleRange

from .live_support import (
    JACK_API,
    RATE,
    click_project,
    connect_jack_loopback,
    file_resolver,
    find_bursts,
    needs_jack,
    take_audio,
)

pytestmark = needs_jack

CLICKS = [24_000, 48_000, 72_000, 96_000]


def jack_engine(block: int = 256) -> AudioEngine:
    choice = DeviceChoice(JACK_API, "system", "system", (1, 2), RATE, block)
    engine = AudioEngine(choice, probe_at_s=0.3)
    engine.after_open = connect_jack_loopback
    return engine


def record_over(engine: AudioEngine, folder: Path, seconds: float, **options):
    project = click_project(folder, CLICKS, 2.5)
    engine.load(project, file_resolver)
    track_id = project.tracks[0].id
    (folder / "takes").mkdir(exist_ok=True)
    rt = engine.start_recording(
        RecordOptions(folder=folder / "takes", track_id=track_id, start=0, **options)
    )
    time.sleep(seconds)
    recorded = engine.stop_recording()
    return project, rt, recorded


def test_take_lands_within_one_sample_of_the_click(tmp_path: Path) -> None:
    engine = jack_engine()
    errors = []
    for _ in range(3):
        _project, rt, recorded = record_over(engine, tmp_path, 2.2)
        audio = take_audio(recorded.result.path)[:, 0]
        found = find_bursts(audio, len(CLICKS))
        placed = [recorded.take.clip.position + at for at in found]
        errors += [p - c for p, c in zip(placed, CLICKS, strict=True)]
        assert recorded.take.clip.latency_offset == rt.samples
        assert recorded.take.clip.media.path.startswith("takes/")
        print("round trip", rt, "placement", recorded.take.clip.position, "errors", errors[-4:])
    assert max(abs(e) for e in errors) <= 1, errors
    assert rt.source == "stream-probe"
    assert rt.candidates["reported"] == rt.samples


def test_stalled_callback_raises_an_input_overflow_located_on_the_take(tmp_path: Path) -> None:
    engine = jack_engine()
    engine.test_stall_at_take_frame = 30_000
    engine.test_stall_s = 0.08
    _project, _rt, recorded = record_over(engine, tmp_path, 1.8)
    stalled = engine.stalled_at_take_frame
    overflows = [d for d in recorded.take.dropouts if d.kind == "input-overflow"]
    print("stalled at", stalled, "dropouts", recorded.take.dropouts, engine.input_overflows)
    assert stalled >= 30_000
    assert engine.input_overflows >= 1
    assert overflows, recorded.take.dropouts
    # Reported in the callback after the stall: at the stalled block's end, or one block on.
    assert 0 <= overflows[0].position - stalled <= 2 * engine.block
    assert recorded.timeline_dropouts[0].position == (
        recorded.take.clip.position + overflows[0].position
    )


def test_punch_records_only_the_punch_range(tmp_path: Path) -> None:
    engine = jack_engine()
    punch = SampleRange(40_000, 80_000)
    _project, _rt, recorded = record_over(engine, tmp_path, 2.2, punch=punch)
    assert recorded.take.clip.position == punch.start
    assert recorded.result.frames == punch.length
    audio = take_audio(recorded.result.path)[:, 0]
    found = find_bursts(audio, 2)
    assert [recorded.take.clip.position + at for at in found] == [48_000, 72_000]


def test_mute_is_heard_at_once(tmp_path: Path) -> None:
    engine = jack_engine()
    project = click_project(tmp_path, list(range(4_800, 110_000, 4_800)), 2.5)
    engine.load(project, file_resolver)
    (tmp_path / "takes").mkdir()
    engine.start_recording(RecordOptions(folder=tmp_path / "takes", start=0))
    time.sleep(1.0)
    project.tracks[0].mute = True
    engine.sync_controls()
    muted_at = engine.position  # the output block after this one is silent
    time.sleep(0.8)
    recorded = engine.stop_recording()
    audio = take_audio(recorded.result.path)[:, 0]
    place = recorded.take.clip.position
    # Timeline samples: loud before muted_at - one block, silent from muted_at + one block on.
    before = audio[: muted_at - engine.block - place]
    after = audio[muted_at + engine.block - place :]
    assert np.abs(before).max() > 0.3
    assert len(after) > RATE // 2 and np.abs(after).max() == 0.0


def test_loop_wraps(tmp_path: Path) -> None:
    engine = jack_engine()
    project = click_project(tmp_path, [1_000], 1.0)
    engine.load(project, file_resolver)
    engine.set_loop(SampleRange(0, 10_000))
    engine.play(0)
    connect_jack_loopback()
    time.sleep(0.5)
    assert engine.playing and 0 <= engine.position < 10_000 + engine.block
    assert engine.stream_frames > 20_000
    engine.stop()


@pytest.mark.parametrize("rate", [12_345])
def test_unsupported_rate_is_a_clear_error(rate: int) -> None:
    from hitrecord_desktop.audio.devices import AudioDeviceError

    with pytest.raises(AudioDeviceError, match=f"cannot record at {rate} Hz; it offers 48000 Hz"):
        AudioEngine(DeviceChoice(JACK_API, "system", "system", (1, 2), rate, 256))


def test_record_only_with_click_and_a_calibrated_round_trip(tmp_path: Path) -> None:
    """No project playing, the metronome only; the round trip from the latency provider."""
    from hitrecord_desktop.audio.click import Click
    from hitrecord_desktop.project.model import Project

    asked = []

    def provider(*key):
        asked.append(key)
        return 768

    choice = DeviceChoice(JACK_API, "system", "system", (1, 2), RATE, 256)
    engine = AudioEngine(choice, latency_provider=provider)
    engine.after_open = connect_jack_loopback
    project = Project("metronome", sample_rate=RATE)
    engine.load(project)
    options = RecordOptions(
        folder=tmp_path, start=0, overdub=False, click=True, count_in_beats=4,
        measure_round_trip=False,
    )  # fmt: skip
    rt = engine.start_recording(options)
    time.sleep(3.5)
    recorded = engine.stop_recording()
    assert asked == [(JACK_API, "system", "system", RATE, 256)]
    assert (rt.source, rt.samples) == ("calibrated", 768)
    audio = take_audio(recorded.result.path)[:, 0]
    expected = np.zeros((len(audio), 1), np.float32)
    Click(project.tempo, RATE).add(recorded.take.clip.position, expected)
    n = 2 * len(audio)
    corr = np.fft.irfft(np.fft.rfft(audio, n) * np.conj(np.fft.rfft(expected[:, 0], n)), n)
    lag = int(np.argmax(corr))
    lag = lag - n if lag > n // 2 else lag
    assert lag == 0, lag
    assert np.abs(audio).max() > 0.3


def test_software_monitoring_plays_the_input(tmp_path: Path) -> None:
    engine = jack_engine()
    project = click_project(tmp_path, [2_400], 1.0)
    engine.load(project, file_resolver)
    engine.monitor = True
    engine.play(0)  # a duplex stream; after_open wires the output into the input
    time.sleep(0.6)
    assert engine.stream is not None and engine.meters.blocks > 0
    peaks, _rms, _clip = engine.meters.snapshot()
    assert peaks[0] > -20.0  # the click came in, was monitored, came in again
    engine.stop()
