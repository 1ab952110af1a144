"""`upload` and `sync` as a person types them: real processes, the real local community."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.api.helpers import write_take


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hitrecord_desktop", *args],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env={**os.environ, "HITRECORD_HOME": str(home)},
    )  # fmt: skip


def test_upload_to_the_local_community_then_steer_the_queue(tmp_path: Path) -> None:
    home = tmp_path / "home"
    take = tmp_path / "night bus vocals.flac"
    digest = write_take(take, 400_000, seed=900)
    # Challenge 1 of the demo community wants vocals only, so no --role is needed.
    done = _cli("upload", str(take), "--challenge", "1", "--built-on", "1@0.5s",
                "--built-on", "2@-960", home=home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "uploaded as contribution" in done.stdout
    status = _cli("sync", "status", "--all", "--json", home=home)
    [job] = [json.loads(line) for line in status.stdout.splitlines()]
    assert (job["state"], job["sha256"], job["role"]) == ("done", digest, "vocals")
    assert job["built_on"] == [
        {"contribution_id": 1, "offset_samples": 24000, "sample_rate": 48000},
        {"contribution_id": 2, "offset_samples": -960, "sample_rate": 48000},
    ]

    later = tmp_path / "second take.flac"
    write_take(later, 1000, seed=901)
    queued = _cli("upload", str(later), "--challenge", "1", "--role", "vocals", "--no-wait",
                  home=home)  # fmt: skip
    assert queued.returncode == 0, queued.stderr
    job_id = queued.stderr.split("as upload ")[1][:8]
    assert _cli("sync", "pause", job_id, home=home).stdout.strip() == "second take.flac: paused."
    listed = _cli("sync", home=home).stdout
    assert job_id in listed and "paused" in listed and "night bus" not in listed
    cancelled = _cli("sync", "cancel", job_id, home=home)
    assert cancelled.returncode == 0 and "Cancelled second take.flac." in cancelled.stdout
    assert _cli("sync", "status", home=home).stdout.startswith("No uploads waiting.")
    again = _cli("sync", "resume", job_id, home=home)
    assert again.returncode == 1 and "is cancelled" in again.stderr


def test_mistakes_on_the_command_line_are_named(tmp_path: Path) -> None:
    home = tmp_path / "home"
    take = tmp_path / "t.flac"
    write_take(take, 100, seed=1)
    bad_lineage = _cli("upload", str(take), "--challenge", "1", "--built-on", "12:3", home=home)
    assert bad_lineage.returncode == 2 and "CONTRIBUTION_ID@OFFSET" in bad_lineage.stderr
    fraction = _cli("upload", str(take), "--challenge", "1", "--built-on", "12@1.5", home=home)
    assert fraction.returncode == 2 and "add s for seconds" in fraction.stderr
    no_challenge = _cli("upload", str(take), home=home)
    assert no_challenge.returncode == 2 and "--challenge" in no_challenge.stderr
    bad_rate = _cli("upload", str(take), "--challenge", "1", "--limit-rate", "fast", home=home)
    assert bad_rate.returncode == 2 and "500k" in bad_rate.stderr
    unknown = _cli("sync", "retry", "abc", home=home)
    assert unknown.returncode == 1 and "no upload 'abc'" in unknown.stderr
    bare = _cli("sync", "cancel", home=home)
    assert bare.returncode == 2 and "say which upload" in bare.stderr
