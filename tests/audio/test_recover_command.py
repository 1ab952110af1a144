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


def test_a_recovered_take_goes_back_on_its_track_with_its_lineage(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track
    from hitrecord_desktop.project.project_store import ProjectStore

    folder = isolated_home / "data" / "projects" / "proj-7"
    backing = MediaRef(MediaOrigin.CONTRIBUTION, "/cache/7.flac", contribution_id=7, frames=10**6)
    project = Project(
        "Night bus",
        tracks=[
            Track("backing", clips=[Clip(backing, 0, 0, 10**6)], id="music"),
            Track("vocals", id="vocals"),
        ],
        id="proj-7",
    )
    ProjectStore(folder).save(project)
    _orphan(folder / "takes", "a.wav", 72_000)
    assert cli.main(["recover"]) == 0
    assert "put back on its track in 'Night bus' as the playing take" in capsys.readouterr().out
    vocals = ProjectStore(folder).load().project.track("vocals")
    take = vocals.active_take
    assert take is not None and take.id == "a.wav"
    assert (take.clip.position, take.clip.length) == (96_000, 72_000)
    assert take.clip.media.path == "takes/a.wav"
    # Built on the backing track, which started 96,000 samples before the take.
    assert [(e.contribution_id, e.offset_samples) for e in take.clip.media.built_on] == [
        (7, 96_000)
    ]


def test_a_take_whose_project_is_gone_stays_a_file(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _orphan(isolated_home / "data" / "projects" / "gone" / "takes", "a.wav", 4800)
    assert cli.main(["recover"]) == 0
    assert "could not be opened" in capsys.readouterr().out
