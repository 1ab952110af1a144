"""`hitrecord-desktop import FILE`, run as a person runs it: a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.media.conftest import Corpus


def run_import(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hitrecord_desktop", "import", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HITRECORD_HOME": str(home)},
        stdin=subprocess.DEVNULL,
    )


def test_import_video_as_json(corpus: Corpus, tmp_path: Path) -> None:
    result = run_import(str(corpus / "video_vp9_opus.webm"), "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["codec"] == "opus" and report["container"] == "webm"
    assert report["sample_rate"] == 48_000 and report["channels"] == 2
    assert report["duration_s"] == pytest.approx(2.0, abs=0.03)
    assert report["video"]["codec"] == "vp9"
    assert (report["video"]["width"], report["video"]["height"]) == (160, 120)
    assert report["video"]["fps"] == 25.0
    assert report["video"]["duration_s"] == pytest.approx(2.0, abs=0.05)
    cache_file = Path(report["cache"]["path"])
    assert cache_file.is_file() and cache_file.is_relative_to(tmp_path / "cache")
    assert cache_file.stat().st_size == report["cache"]["frames"] * 2 * 4


def test_import_audio_human_readable(corpus: Corpus, tmp_path: Path) -> None:
    result = run_import(str(corpus / "surround96.flac"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "flac in flac, 96000 Hz, 6 channel(s), 1.500 s" in result.stdout
    assert "cached:      48000 Hz, 2 channel(s), 72000 frames" in result.stdout
    assert "video:" not in result.stdout


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("garbage.wav", "not a media file we can read"),
        ("text.mp3", "not a media file we can read"),
        ("truncated.mp3", "truncated"),
        ("empty.wav", "the file is empty (zero length)"),
        ("video_no_audio.mp4", "the video has no audio stream"),
    ],
)
def test_unusable_file_is_one_line_and_exit_1(
    corpus: Corpus, tmp_path: Path, name: str, reason: str
) -> None:
    result = run_import(str(corpus / name), home=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"hitrecord-desktop import: {corpus / name}: {reason}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("rate", ["0", "-5", "fast", "1000000"])
def test_a_bad_rate_is_one_line_not_a_traceback(corpus: Corpus, tmp_path: Path, rate) -> None:
    result = run_import(str(corpus / next(iter(corpus.good))), f"--rate={rate}", home=tmp_path)
    assert result.returncode == 2
    assert "--rate" in result.stderr and "Traceback" not in result.stderr
