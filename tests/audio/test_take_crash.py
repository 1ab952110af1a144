"""Takes survive kill -9 and a full disk: recording processes are killed or starved for real."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import struct
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop.audio.take_recovery import find_orphaned_takes, recover

ROOT = Path(__file__).resolve().parents[2]
RATE = 48_000
KILLS = 20


def _child(mode: str, folder: Path, file_format: str, *extra: str) -> tuple[subprocess.Popen, Path]:
    counter = folder / "fed.counter"
    counter.write_bytes(bytes(8))
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.audio.take_child", mode, str(folder), file_format,
         str(counter), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    return child, counter


def _fed(counter: Path) -> int:
    return struct.unpack("<q", counter.read_bytes())[0]


def _assert_counter_prefix(data: np.ndarray) -> None:
    """The frames are the child's counter 0, 1, 2, …: none missing, none out of order."""
    expected = np.arange(len(data)) % (1 << 22)
    np.testing.assert_array_equal(data[:, 0] * 2**23, expected)
    np.testing.assert_array_equal(data[:, 1], -data[:, 0])


def _record_and_kill(folder: Path, file_format: str, delay: float) -> int:
    """Starts a real-time recording, kills it with SIGKILL after `delay` s; returns frames fed."""
    folder.mkdir()
    child, counter = _child("realtime", folder, file_format)
    try:
        assert child.stdout.readline().strip() == "started"
        # The clock starts at the first block handed over: on a loaded machine the child can
        # take a while to get going, and a kill before any audio proves nothing.
        deadline = time.monotonic() + 20
        while _fed(counter) == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(delay)
        assert child.returncode is None, "the recording child ended before it was killed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    return _fed(counter)  # the child is dead: this is what it had handed over when it died


@pytest.mark.parametrize("file_format", ["wav", "flac"])
def test_every_take_survives_kill_9_short_by_at_most_a_second(
    tmp_path: Path, file_format: str
) -> None:
    rng = random.Random(f"kill-{file_format}")
    delays = [rng.uniform(0.3, 2.5) for _ in range(KILLS)]
    folders = [tmp_path / f"kill-{i:02d}" for i in range(KILLS)]
    # Five at a time: the children mostly sleep, as they are paced in real time.
    with ThreadPoolExecutor(max_workers=5) as pool:
        fed = list(pool.map(_record_and_kill, folders, [file_format] * KILLS, delays))
    # The children ran in real time (a starved one now and then is the machine, not the code).
    assert sum(fed) >= 0.5 * RATE * sum(delays), "the recording children barely ran"
    shortfalls = []
    for folder, fed_at_kill in zip(folders, fed, strict=True):
        assert fed_at_kill > 0, f"{folder}: killed before any audio was handed over"
        [orphan] = find_orphaned_takes(folder)
        recovered = recover(orphan)
        data, rate = sf.read(recovered.path, dtype="float32")  # loadable by any soundfile user
        assert rate == RATE and len(data) == recovered.frames
        assert recovered.frames <= fed_at_kill
        assert recovered.frames >= fed_at_kill - RATE, (
            f"{folder}: {recovered.frames} frames recovered of {fed_at_kill} fed "
            f"({(fed_at_kill - recovered.frames) / RATE:.2f} s short)"
        )
        _assert_counter_prefix(data)
        assert (recovered.project_id, recovered.track_id) == ("project-1", "track-1")
        assert (recovered.position, recovered.latency_offset) == (96_000, 128)
        assert find_orphaned_takes(folder) == []  # marked recovered
        shortfalls.append((fed_at_kill - recovered.frames) / RATE)
    print(f"{file_format}: shortfall max {max(shortfalls):.3f} s, mean "
          f"{sum(shortfalls) / len(shortfalls):.3f} s over {KILLS} kills")  # fmt: skip


@pytest.mark.parametrize("file_format", ["wav", "flac"])
def test_a_full_disk_stops_the_take_cleanly_and_keeps_what_was_written(
    tmp_path: Path, file_format: str
) -> None:
    # Bytes any file of the child may reach (RLIMIT_FSIZE), so writes get EFBIG: ~4 s of WAV,
    # ~8 s of the counter signal in FLAC (it compresses well).
    limit = 400_000 if file_format == "wav" else 60_000
    child, counter = _child("diskfull", tmp_path, file_format, str(limit))
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0, out
    result = json.loads(out.splitlines()[-1])
    assert result["state"] == "stopped-disk-full"
    assert "File too large" in result["error"]
    assert result["ring_overflows"] == 0
    journal = json.loads((tmp_path / f"take-{file_format}.{file_format}.journal.json").read_text())
    assert journal["state"] == "stopped-disk-full"
    path = Path(result["path"])
    if result["needs_repair"]:  # the repair could not be written then: `recover` does it now
        [orphan] = find_orphaned_takes(tmp_path)
        recovered = recover(orphan)
        path, frames = recovered.path, recovered.frames
    else:
        assert find_orphaned_takes(tmp_path) == []
        frames = result["frames"]
    data, _ = sf.read(path, dtype="float32")
    assert len(data) == frames
    _assert_counter_prefix(data)
    fed = _fed(counter)
    assert frames <= fed
    if file_format == "wav":  # 6 bytes a frame: the file is full to its last whole frame
        assert frames == (limit - 44) // 6
    else:
        # The file reached the limit; what was fed but not written is at most what the ring
        # held when the writer stopped (4 s), its chunk (0.1 s) and libFLAC's frames in flight.
        assert (tmp_path / "take-flac.flac").stat().st_size == limit
        assert frames >= fed - RATE * 4 - 4800 - 2 * 4096
