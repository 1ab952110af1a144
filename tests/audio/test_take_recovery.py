"""Recovery of takes cut short: orphan detection by process identity, and the repairs."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import numpy as np
import soundfile as sf

from hitrecord_desktop.audio import take_journal
from hitrecord_desktop.audio.take_recovery import (
    find_orphaned_takes,
    patch_wav_sizes,
    recover,
    repair_flac,
)
from hitrecord_desktop.audio.take_writer import TakeSpec, TakeWriter
from hitrecord_desktop.project.model import MediaOrigin


def _signal(frames: int) -> np.ndarray:
    k = np.arange(frames)
    return np.stack([k / 2**23, -k / 2**23], axis=1).astype(np.float32)


def _journal(folder: Path, name: str, writer: dict, state: str = "recording") -> Path:
    path = folder / f"{name}{take_journal.JOURNAL_SUFFIX}"
    take_journal.write_journal(
        path,
        {
            "take_id": "t",
            "project_id": "p",
            "track_id": "tr",
            "position": 4800,
            "latency_offset": 32,
            "sample_rate": 48_000,
            "channels": 2,
            "format": "wav",
            "file": name,
            "started_at": take_journal.utc_now(),
            "state": state,
            "dropouts": [{"position": 10, "kind": "input-overflow"}],
            "writer": writer,
        },
    )
    return path


def test_a_take_being_recorded_by_a_live_process_is_not_orphaned(tmp_path: Path) -> None:
    writer = TakeWriter(tmp_path, TakeSpec("live", "p", "tr", 0))
    writer.start()
    try:
        assert find_orphaned_takes(tmp_path) == []
    finally:
        writer.stop()
    assert find_orphaned_takes(tmp_path) == []  # finished: nothing to recover either


def test_pid_reuse_and_a_reboot_do_not_hide_an_orphan(tmp_path: Path) -> None:
    sf.write(tmp_path / "a.wav", _signal(100), 48_000, "PCM_24")
    sf.write(tmp_path / "b.wav", _signal(100), 48_000, "PCM_24")
    me = take_journal.process_identity()
    _journal(tmp_path, "a.wav", {**me, "start_ticks": me["start_ticks"] - 1})  # pid reused
    _journal(tmp_path, "b.wav", {**me, "boot_id": "another-boot"})
    found = find_orphaned_takes([tmp_path, tmp_path / "missing"])
    assert sorted(o.take_path.name for o in found) == ["a.wav", "b.wav"]
    _journal(tmp_path, "a.wav", me)  # this very process: alive
    assert [o.take_path.name for o in find_orphaned_takes(tmp_path)] == ["b.wav"]


def test_a_killed_plain_wav_gets_its_sizes_from_the_file_length(tmp_path: Path) -> None:
    path = tmp_path / "plain.wav"
    sf.write(path, _signal(1000), 48_000, "PCM_24")
    raw = bytearray(path.read_bytes())
    data_at = raw.index(b"data")
    raw[4:8] = raw[data_at + 4 : data_at + 8] = b"\0\0\0\0"  # as a plain WAV is after kill -9
    path.write_bytes(bytes(raw) + b"\1\2\3")  # and half a frame that never finished
    journal = _journal(tmp_path, "plain.wav", {"pid": 0})
    [orphan] = find_orphaned_takes(tmp_path)
    recovered = recover(orphan)
    assert recovered.frames == 1000 and recovered.path == path
    assert path.stat().st_size == len(raw)
    np.testing.assert_array_equal(sf.read(path, dtype="float32")[0], _signal(1000))
    assert struct.unpack_from("<I", path.read_bytes(), 4)[0] == len(raw) - 8
    assert (recovered.position, recovered.latency_offset, recovered.track_id) == (4800, 32, "tr")
    assert recovered.seconds == 1000 / 48_000
    assert json.loads(journal.read_text())["state"] == "recovered"
    assert find_orphaned_takes(tmp_path) == []
    take = recovered.to_take()
    assert take.clip.position == 4800 and take.clip.length == 1000
    assert take.clip.media.origin == MediaOrigin.TAKE and take.dropouts[0].position == 10


def test_a_lagging_wav_header_is_brought_up_to_the_data(tmp_path: Path) -> None:
    path = tmp_path / "lag.wav"
    sf.write(path, _signal(1000), 48_000, "PCM_24")
    raw = bytearray(path.read_bytes())
    data_at = raw.index(b"data")
    raw[data_at + 4 : data_at + 8] = struct.pack("<I", 600 * 6)  # header from 400 frames ago
    path.write_bytes(bytes(raw))
    assert patch_wav_sizes(path) == 1000
    np.testing.assert_array_equal(sf.read(path, dtype="float32")[0], _signal(1000))


def test_a_complete_wav_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "done.wav"
    sf.write(path, _signal(1000), 48_000, "PCM_24")
    before = path.read_bytes()
    assert patch_wav_sizes(path) == 1000
    assert path.read_bytes() == before


def test_a_cut_flac_is_re_encoded_to_a_new_file_and_the_old_one_kept(tmp_path: Path) -> None:
    path = tmp_path / "cut.flac"
    sf.write(path, _signal(50_000), 48_000, "PCM_24", format="FLAC")
    whole = path.read_bytes()
    cut = bytearray(whole[: len(whole) * 3 // 4])
    path.write_bytes(bytes(cut))
    repaired = repair_flac(path)
    assert repaired.path == tmp_path / "cut.recovered.flac"
    assert path.read_bytes() == bytes(cut)  # kept as it was
    data, _ = sf.read(repaired.path, dtype="float32")
    assert len(data) == repaired.frames
    assert 50_000 * 3 // 4 - 8192 < repaired.frames < 50_000
    np.testing.assert_array_equal(data, _signal(repaired.frames))
    assert repair_flac(path).path == tmp_path / "cut.recovered-2.flac"  # never overwrites


def test_journal_is_replaced_atomically(tmp_path: Path) -> None:
    path = tmp_path / "x.journal.json"
    take_journal.write_journal(path, {"state": "recording"})
    take_journal.write_journal(path, {"state": "finished"})
    assert take_journal.read_journal(path) == {"state": "finished"}
    assert os.listdir(tmp_path) == ["x.journal.json"]
