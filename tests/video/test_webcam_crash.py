"""Webcam takes survive kill -9: recording processes are killed for real, and the next start
finishes the take (whole fragments remuxed, the engine's sound claimed and muxed in) and puts it
back on its video track, short by at most a fraction of a second."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hitrecord_desktop.audio import take_journal
from hitrecord_desktop.audio.recover_command import rescue_orphaned_takes
from hitrecord_desktop.audio.take_recovery import RecoveryError
from hitrecord_desktop.project.model import Track, TrackKind
from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.project.recovery_offer import gather_offer
from hitrecord_desktop.video import webcam_journal as wj
from hitrecord_desktop.video.webcam_recovery import (
    find_orphaned_webcam_takes,
    recover_webcam_take,
)

from ..audio.live_support import click_project, needs_pulse
from .webcam_support import read_back

ROOT = Path(__file__).resolve().parents[2]
FPS = 30
MAX_LOST_FRAMES = FPS // 2 + 3  # the fragment being written (0.5 s) and a few queued frames


def _fed(counter: Path) -> int:
    return struct.unpack("<q", counter.read_bytes())[0]


def _record_and_kill(mode: str, folder: Path, delay: float) -> int:
    """Runs the child until it has handed frames over for `delay` s, kills it with SIGKILL;
    returns how many frames it had handed to the writer."""
    counter = folder / "fed.counter"
    counter.write_bytes(bytes(8))
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.video.webcam_child", mode, str(folder), str(counter)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        while (line := child.stdout.readline().strip()) != "started":
            assert line, "the recording child ended before it started"
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
    return _fed(counter)


def test_webcam_writer_killed_at_random_moments_loses_at_most_half_a_second(
    tmp_path: Path,
) -> None:
    rng = random.Random("webcam-kill")
    for k in range(8):
        folder = tmp_path / f"kill-{k}"
        folder.mkdir()
        fed = _record_and_kill("writer", folder, rng.uniform(0.2, 2.5))
        orphans = find_orphaned_webcam_takes(folder / "takes")
        assert len(orphans) == 1
        try:
            recovered = recover_webcam_take(orphans[0])
        except RecoveryError as exc:  # killed before its first fragment was whole
            assert "no whole fragment" in str(exc) and fed <= MAX_LOST_FRAMES, (fed, exc)
            continue
        print("fed", fed, "recovered", recovered.frames)
        back = read_back(recovered.path)
        assert back.codecs == {"video": "h264"}
        assert back.numbers == list(range(len(back.numbers)))  # in order, none missing
        assert fed - MAX_LOST_FRAMES <= len(back.numbers) <= fed, (fed, len(back.numbers))
        assert recovered.fragments_path.exists()  # the file as the crash left it is kept
        assert wj.read(orphans[0].journal_path)["state"] == take_journal.RECOVERED
        assert find_orphaned_webcam_takes(folder / "takes") == []


@needs_pulse
def test_a_webcam_take_killed_mid_take_is_put_back_on_its_track_with_its_sound(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    project = click_project(folder, [24_000, 72_000], 6.0)
    camera = Track("camera", kind=TrackKind.VIDEO)
    project.tracks.append(camera)
    ProjectStore(folder).save(project)
    fed = _record_and_kill("engine", folder, 2.0)
    assert fed > FPS

    # The next start: webcam takes first (each claims its sound), then the audio takes.
    lines, failures = rescue_orphaned_takes([folder / "takes"])
    assert failures == 0, lines
    assert any("recovered camera take" in line for line in lines), lines
    assert any("put back on its track" in line for line in lines), lines
    assert not any(line.startswith("recovered ") and ".wav" in line for line in lines), lines

    saved = ProjectStore(folder).load().project
    track = saved.track(camera.id)
    assert len(track.takes) == 1  # the pictures' take; its sound was not added on its own
    take = track.takes[0]
    assert take.clip.media.has_video and take.clip.position == 0
    back = read_back(folder / take.clip.media.path)
    assert back.codecs == {"video": "h264", "audio": "aac"}
    assert len(back.numbers) >= fed - MAX_LOST_FRAMES
    assert back.numbers == list(range(back.numbers[0], back.numbers[0] + len(back.numbers)))
    # The sound (the engine's crash-safe WAV) covers the pictures; it may run on by what the
    # encoder still had queued when the kill came (0.6 s seen on a busy machine), never less.
    assert back.times[-1] - 0.1 <= back.audio_seconds <= back.times[-1] + 1.5
    assert not any(t.clip.media.path.endswith(".wav") for tr in saved.tracks for t in tr.takes)
    # Offered once, not again at the next start.
    assert gather_offer([folder / "takes"], tmp_path / "none").empty


def test_the_recovery_offer_at_start_lists_a_rescued_webcam_take(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    fed = _record_and_kill("writer", folder, 1.5)
    offer = gather_offer([folder / "takes"], tmp_path / "projects")
    assert [t.path.name for t in offer.takes] == ["cam-1.mp4"] and not offer.problems
    rescued = offer.takes[0]
    assert rescued.seconds == pytest.approx(fed / FPS, abs=MAX_LOST_FRAMES / FPS)
    assert rescued.project_folder is None  # no project of its id there: offered as a file
    assert "import the file" in rescued.outcome
