"""`hitrecord-desktop cache`, run as a person runs it: a real process against the real server."""

from __future__ import annotations

import json
from pathlib import Path

from hitrecord_desktop.project.file_format import encode_project
from hitrecord_desktop.project.model import MediaOrigin, MediaRef, Project, Track
from tests.project.builders import clip
from tests.support.live_server import LiveServer
from tests.test_cli import run_cli

from .conftest import Piece

MISSING_ID = 987_655


def _project_file(folder: Path, contribution_ids: list[int]) -> Path:
    refs = [MediaRef(MediaOrigin.CONTRIBUTION, f"/cache/{n}", contribution_id=cid)
            for n, cid in enumerate(contribution_ids)]  # fmt: skip
    project = Project("Prefetch me", tracks=[Track("A", clips=[clip(0, ref=r) for r in refs])])
    path = folder / "song.hrproject.json"
    path.write_bytes(encode_project(project))
    return path


def test_limit_is_saved_checked_and_shown(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli("cache", "limit", "100", home=home).returncode == 0
    settings = json.loads((home / "config" / "settings.json").read_text())
    assert settings["media_cache_limit"] == 100 * 1024 * 1024
    status = run_cli("cache", home=home)
    assert status.returncode == 0
    assert "0 file(s), 0 unfinished download(s), 0.0 MiB of 100 MiB" in status.stdout
    refused = run_cli("cache", "limit", "1", home=home)
    assert refused.returncode == 2
    assert "at least 64 MiB" in refused.stderr


def test_prefetch_downloads_a_projects_contributions_once(
    tmp_path: Path, sync_server: LiveServer, pieces: list[Piece]
) -> None:
    home = tmp_path / "home"
    project = _project_file(tmp_path, [p.contribution.id for p in pieces[:2]])
    first = run_cli("cache", "prefetch", str(project), "--server", sync_server.url, home=home)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count(": downloaded: ") == 2
    assert "2 of 2 contribution(s) cached" in first.stderr
    cached = sorted(p.name for p in (home / "cache" / "media").glob("*.flac"))
    assert cached == sorted(f"{p.contribution.sha256}.flac" for p in pieces[:2])
    again = run_cli("cache", "prefetch", str(project), "--server", sync_server.url, home=home)
    assert again.stdout.count(": already cached: ") == 2
    assert "2 file(s)" in run_cli("cache", home=home).stdout
    assert "deleted 2 file(s)" in run_cli("cache", "clear", home=home).stdout


def test_prefetch_reports_an_item_it_cannot_get_and_fails(
    tmp_path: Path, sync_server: LiveServer, pieces: list[Piece]
) -> None:
    project = _project_file(tmp_path, [MISSING_ID, pieces[0].contribution.id])
    done = run_cli(
        "cache", "prefetch", str(project), "--server", sync_server.url, home=tmp_path / "home"
    )
    assert done.returncode == 1
    assert f"contribution {MISSING_ID}: failed: " in done.stdout
    assert "1 of 2 contribution(s) cached" in done.stderr
