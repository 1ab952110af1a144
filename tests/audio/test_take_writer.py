"""TakeWriter: exact frames in WAV and FLAC, the journal, dropouts, and bad folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop.audio import sample_ring, take_writer
from hitrecord_desktop.audio.take_writer import TakeSpec, TakeWriteError, TakeWriter

ROOT = Path(__file__).resolve().parents[2]


def _spec(file_format: str = "wav", take_id: str = "take-1") -> TakeSpec:
    return TakeSpec(take_id, "project-1", "track-1", 48_000, 256, 48_000, 2, file_format)


def _grid_signal(frames: int, seed: int = 1) -> np.ndarray:
    """Random samples that are exact in 24 bits (m / 2**23), so they must come back bit-exact."""
    rng = np.random.default_rng(seed)
    m = rng.integers(-(2**22), 2**22, size=(frames, 2))
    return (m / 2**23).astype(np.float32)


def _feed(writer: TakeWriter, signal: np.ndarray, block: int = 256) -> None:
    for start in range(0, len(signal), block):
        assert writer.write(signal[start : start + block])


@pytest.mark.parametrize("file_format", ["wav", "flac"])
def test_writes_exactly_the_frames_fed(tmp_path: Path, file_format: str) -> None:
    signal = _grid_signal(48_000 * 2 + 100)
    writer = TakeWriter(tmp_path, _spec(file_format))
    writer.start()
    _feed(writer, signal)
    result = writer.stop()
    assert result.state == "finished" and result.error is None
    assert result.frames == len(signal)
    assert result.path == tmp_path / f"take-1.{file_format}"
    data, rate = sf.read(result.path, dtype="float32")
    assert rate == 48_000
    assert sf.info(result.path).subtype == "PCM_24"
    np.testing.assert_array_equal(data, signal)


def test_any_float_comes_back_within_one_24_bit_step(tmp_path: Path) -> None:
    signal = np.random.default_rng(2).uniform(-0.99, 0.99, (20_000, 2)).astype(np.float32)
    writer = TakeWriter(tmp_path, _spec())
    writer.start()
    _feed(writer, signal)
    result = writer.stop()
    data, _ = sf.read(result.path, dtype="float64")
    assert np.max(np.abs(data - signal)) <= 1 / 2**23


def test_journal_says_what_is_recorded_and_where_it_goes(tmp_path: Path) -> None:
    writer = TakeWriter(tmp_path, _spec())
    writer.start()
    recording = json.loads(writer.journal_path.read_text())
    assert writer.journal_path == tmp_path / "take-1.wav.journal.json"
    assert recording["state"] == "recording"
    assert {k: recording[k] for k in ("take_id", "project_id", "track_id", "file")} == {
        "take_id": "take-1",
        "project_id": "project-1",
        "track_id": "track-1",
        "file": "take-1.wav",
    }
    assert (recording["position"], recording["latency_offset"]) == (48_000, 256)
    assert (recording["sample_rate"], recording["channels"], recording["format"]) == (
        48_000,
        2,
        "wav",
    )
    assert recording["writer"]["pid"] == os.getpid()
    assert recording["writer"]["start_ticks"] > 0
    assert recording["started_at"].endswith("+00:00")
    writer.mark_dropout(sample_ring.OUTPUT_UNDERFLOW)
    _feed(writer, _grid_signal(4800))
    writer.mark_dropout(sample_ring.INPUT_OVERFLOW)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:  # dropouts reach the journal within about a second
        dropouts = json.loads(writer.journal_path.read_text())["dropouts"]
        if len(dropouts) == 2:
            break
        time.sleep(0.05)
    assert dropouts == [
        {"position": 0, "kind": "output-underflow"},
        {"position": 4800, "kind": "input-overflow"},
    ]
    result = writer.stop()
    finished = json.loads(writer.journal_path.read_text())
    assert finished["state"] == "finished" and finished["frames"] == 4800
    assert [(d.position, d.kind) for d in result.dropouts] == [
        (0, "output-underflow"),
        (4800, "input-overflow"),
    ]
    assert result.input_overflows == 1
    assert result.fsync_count >= 1


def test_a_full_ring_drops_the_block_and_the_writer_puts_silence_in_its_place(
    tmp_path: Path,
) -> None:
    writer = TakeWriter(tmp_path, _spec(), ring_seconds=512 / 48_000)
    signal = _grid_signal(1024)
    # Before start() nothing drains the ring: two blocks fill it, the third is dropped.
    assert writer.write(signal[:256]) and writer.write(signal[256:512])
    assert not writer.write(signal[512:768])
    writer.start()
    deadline = time.monotonic() + 3
    while writer._ring.available() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert writer.write(signal[768:])
    result = writer.stop()
    data, _ = sf.read(result.path, dtype="float32")
    expected = signal.copy()
    expected[512:768] = 0
    np.testing.assert_array_equal(data, expected)  # later audio keeps its place in time
    assert (result.ring_overflows, result.dropped_frames) == (1, 256)
    assert [(d.position, d.kind) for d in result.dropouts] == [(512, "input-overflow")]


def test_falls_back_to_w64_when_the_header_cannot_be_kept_updated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(take_writer, "_enable_header_auto_update", lambda handle: False)
    writer = TakeWriter(tmp_path, _spec())
    writer.start()
    signal = _grid_signal(5000)
    _feed(writer, signal)
    result = writer.stop()
    assert result.path == tmp_path / "take-1.w64" and result.file_format == "w64"
    assert not (tmp_path / "take-1.wav").exists()
    assert json.loads(result.journal_path.read_text())["format"] == "w64"
    np.testing.assert_array_equal(sf.read(result.path, dtype="float32")[0], signal)


def test_missing_folder_is_a_clear_error_before_any_audio(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    writer = TakeWriter(missing, _spec())
    with pytest.raises(TakeWriteError, match=r"nowhere: the folder does not exist"):
        writer.start()
    assert writer._thread is None


def test_an_existing_take_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "take-1.wav").write_bytes(b"precious")
    with pytest.raises(TakeWriteError, match="File exists"):
        TakeWriter(tmp_path, _spec()).start()
    assert (tmp_path / "take-1.wav").read_bytes() == b"precious"


_READ_ONLY_CHILD = """
import os, sys
from pathlib import Path
from hitrecord_desktop.audio.take_writer import TakeSpec, TakeWriteError, TakeWriter
if os.geteuid() == 0:  # root writes through permission bits: become nobody, once imported
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
writer = TakeWriter(Path(sys.argv[1]), TakeSpec("t", "p", "tr", 0))
try:
    writer.start()
except TakeWriteError as exc:
    print("error:", exc)
    print("thread:", writer._thread)
"""


def test_read_only_folder_is_a_clear_error_before_any_audio() -> None:
    # Outside pytest's private tmp folder, so that `nobody` can reach it.
    folder = Path(tempfile.mkdtemp(prefix="hitrecord-ro-"))
    try:
        folder.chmod(0o555)
        result = subprocess.run(
            [sys.executable, "-c", _READ_ONLY_CHILD, str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert f"error: cannot record into {folder}: Permission denied" in result.stdout
        assert "thread: None" in result.stdout
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
        folder.rmdir()
