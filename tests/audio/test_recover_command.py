"""`hitrecord-desktop recover` scans the app's take folders and says what it rescued."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop import cli
from hitrecord_desktop.audio import take_journal


def _orphan(folder: Path, name: str, frames: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    sf.write(path, np.zeros((frames, 2), np.float32), 48_000, "PCM_24")
    raw = bytearray(path.read_bytes())
    raw[4:8] = b"\0\0\0\0"  # sizes as a killed plain WAV leaves them
    data_at = raw.index(b"data")
    raw[data_at + 4 : data_at + 8] = b"\0\0\0\0"
    path.write_bytes(bytes(raw))
    take_journal.write_journal(
        take_journal.journal_path_for(path),
        {
            "take_id": name,
            "project_id": "proj-7",
            "track_id": "vocals",
            "position": 96_000,
            "latency_offset": 0,
            "sample_rate": 48_000,
            "channels": 2,
            "format": "wav",
            "file": name,
            "started_at": take_journal.utc_now(),
            "state": "recording",
            "dropouts": [],
            "writer": {"pid": 0},
        },
    )


def test_recover_finds_repairs_and_reports(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = isolated_home / "data"
    _orphan(data / "projects" / "proj-7" / "takes", "a.wav", 72_000)
    _orphan(data / "takes", "b.wav", 24_000)
    assert cli.main(["recover"]) == 0
    out = capsys.readouterr().out
    assert "a.wav (1.5 s) for project proj-7, track vocals, at sample 96000" in out
    assert "b.wav (0.5 s)" in out
    assert sf.info(data / "takes" / "b.wav").frames == 24_000
    assert cli.main(["recover"]) == 0
    assert capsys.readouterr().out.strip() == "no orphaned takes"


def test_recover_with_nothing_to_do(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["recover"]) == 0
    assert capsys.readouterr().out.strip() == "no orphaned takes"
