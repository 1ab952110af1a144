"""The engine's callback body driven directly, without a device: what it allocates, the
transport, meters and recording arithmetic."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.engine import AudioEngine, _Recording
from hitrecord_desktop.audio.meters import Meters
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, SampleRange, Track

RATE = 48_000
TIME = SimpleNamespace(inputBufferAdcTime=1.0, outputBufferDacTime=1.02, currentTime=1.01)


def memmap_project(folder: Path, tracks: int, seconds: float) -> tuple[Project, dict]:
    frames = int(seconds * RATE)
    arrays = {}
    project = Project("bench", sample_rate=RATE)
    rng = np.random.default_rng(1)
    for i in range(tracks):
        path = folder / f"t{i}.f32"
        data = np.memmap(path, np.float32, "w+", shape=(frames, 2))
        data[:] = rng.uniform(-0.1, 0.1, (frames, 2))
        data.flush()
        ref = MediaRef(MediaOrigin.FILE, str(path), frames=frames)
        arrays[ref] = np.memmap(path, np.float32, "r", shape=(frames, 2))
        project.tracks.append(
            Track(f"t{i}", pan=0.3 * (i % 3 - 1), clips=[Clip(ref, 0, 0, frames)])
        )
    return project, arrays


class _NullWriter:
    def __init__(self) -> None:
        self.frames = 0

    def write(self, block: np.ndarray) -> bool:
        self.frames += len(block)
        return True

    def mark_dropout(self, kind: int) -> None:
        pass


def engine_for(project: Project, arrays: dict, block: int) -> AudioEngine:
    choice = DeviceChoice(None, None, None, (1, 2), RATE, block)
    engine = AudioEngine(choice, check_devices=False)
    engine.load(project, arrays.__getitem__)
    return engine


def test_callback_allocates_nothing_kept_and_nothing_block_sized(tmp_path: Path) -> None:
    block = 8192
    project, arrays = memmap_project(tmp_path, 8, 30.0)
    engine = engine_for(project, arrays, block)
    writer = _NullWriter()  # TakeWriter.write is measured in test_sample_ring; its thread
    # would add its own allocations here
    engine._rec = _Recording(writer, 0, 1 << 62, 100)
    engine._overdub = True
    engine.click_on = True
    engine.load(project, arrays.__getitem__)
    engine.playing = True
    indata = np.random.default_rng(2).uniform(-0.5, 0.5, (block, 2)).astype(np.float32)
    outdata = np.zeros((block, 2), np.float32)
    for _ in range(20):  # warm caches (pattern gains, decay)
        engine.process(indata, outdata, block, TIME, 0)
    gc.collect()
    tracemalloc.start(8)
    try:
        for _ in range(50):
            engine.process(indata, outdata, block, TIME, 0)
        before = tracemalloc.take_snapshot()
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for _ in range(200):
            engine.process(indata, outdata, block, TIME, 0)
        _, peak = tracemalloc.get_traced_memory()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    # Kept: growth attributed to our code (other threads of the test run allocate too).
    ours = tracemalloc.Filter(True, "*hitrecord_desktop*", all_frames=True)
    stats = after.filter_traces([ours]).compare_to(before.filter_traces([ours]), "filename")
    kept = sum(stat.size_diff for stat in stats)
    assert kept < 1_024, [str(s) for s in stats[:5]]
    assert peak - base < block * 4, peak - base  # nothing block-sized (a mono float32 block)
    assert np.abs(outdata).max() > 0
    assert engine._rec.frames == 270 * block - 100


def test_meters_peak_rms_and_clip() -> None:
    meters = Meters(2, 512, RATE)
    block = np.zeros((512, 2), np.float32)
    block[:, 0] = 0.5
    block[10, 1] = 1.0
    for _ in range(200):
        meters.update(block)
    peaks, rms, clipped = meters.snapshot()
    assert peaks[0] == pytest.approx(-6.02, abs=0.1)
    assert rms[0] == pytest.approx(-6.02, abs=0.1)
    assert peaks[1] == pytest.approx(0.0, abs=0.01)
    assert clipped == [False, True]
    meters.reset_clip()
    assert meters.snapshot()[2] == [False, False]


def test_loop_wraps_inside_a_block_and_seek_applies(tmp_path: Path) -> None:
    project, arrays = memmap_project(tmp_path, 1, 1.0)
    engine = engine_for(project, arrays, 256)
    engine.set_loop(SampleRange(1_000, 2_000))
    engine.playing = True
    engine.position = 1_900
    out = np.zeros((256, 2), np.float32)
    engine.process(None, out, 256, TIME, 0)
    assert engine.position == 1_000 + 156
    expected = np.zeros((256, 2), np.float32)
    engine._mixer.render_block(1_900, expected[:100])
    engine._mixer.render_block(1_000, expected[100:])
    np.testing.assert_array_equal(out, expected)
    engine.seek(5_000)
    engine.set_loop(None)
    engine.process(None, out, 256, TIME, 0)
    assert engine.position == 5_256


def test_count_in_clicks_before_start_and_mixes_from_sample_zero(tmp_path: Path) -> None:
    project, arrays = memmap_project(tmp_path, 1, 1.0)
    engine = engine_for(project, arrays, 256)
    engine.playing = True
    engine._click_until = 0
    engine.position = -100
    out = np.zeros((256, 2), np.float32)
    engine.process(None, out, 256, TIME, 0)
    expected = np.zeros((156, 2), np.float32)
    engine._mixer.render_block(0, expected)
    np.testing.assert_array_equal(out[100:], expected)
    assert np.abs(out[:100]).max() == 0.0  # no beat in [-100, 0)
    engine.position = -int(engine._click.samples_per_beat) - 10
    engine.process(None, out, 256, TIME, 0)
    assert np.abs(out).max() > 0.1  # the count-in's previous beat
