"""kill -9 at random moments while a process saves: the project always loads, as the last save
that finished or the one that was under way — never a mix, never nothing.

The saving process is a fork of this one (a fresh interpreter would spend the time budget on
imports); it saves one numbered version after another and reports each finished save on a pipe.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from hitrecord_desktop.project.project_store import ProjectStore
from tests.project.builders import SECOND, clip, full_project, media

KILLS = 40
MAX_KILLS = 160

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork (Linux)"
)


def big_project(version: int):
    """About 120 kB, so that a save takes long enough to be killed half-way."""
    project = full_project()
    project.title = f"v{version}"
    clips = project.tracks[0].clips
    for n in range(200):
        ref = media(n + 1, path=f"/cache/{n}.flac")
        clips.append(clip(n * SECOND, 0, SECOND, ref=ref, clip_id=f"big-{n}"))
    return project


def saver(folder: Path, first_version: int, report_fd: int) -> None:
    """The child: saves versions first_version, first_version + 1, … until killed."""
    store = ProjectStore(folder)
    store.load()
    version = first_version
    while True:
        store.save(big_project(version))
        os.write(report_fd, f"{version}\n".encode())
        version += 1


def test_kill_minus_9_during_saves_always_leaves_a_loadable_project(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    ProjectStore(folder).save(big_project(0))
    rng = random.Random(1234)
    version = 0
    killed_mid_write = 0
    started = time.monotonic()
    kills = 0
    # At least KILLS kills, and more (up to MAX_KILLS) until one has landed mid-write: on a
    # machine where the write is a small part of a save, 40 random moments can all miss it.
    while kills < KILLS or (killed_mid_write == 0 and kills < MAX_KILLS):
        kills += 1
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            try:
                os.close(read_fd)
                saver(folder, version + 1, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.2))  # a random moment: nothing to wait for but the kill
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_fd) as reports:
            finished = [int(line) for line in reports.read().split()]
        last_finished = finished[-1] if finished else version
        killed_mid_write += any(folder.glob(".project.json.*.tmp"))

        loaded = ProjectStore(folder).load()
        assert loaded.notices == () and loaded.source.name == "project.json"
        loaded_version = int(loaded.project.title[1:])
        # The save under way when the kill came may have reached its rename: one newer is fine.
        assert loaded_version in (last_finished, last_finished + 1)
        assert loaded.project == big_project(loaded_version)
        version = loaded_version
    assert version >= KILLS // 2, "the child should have finished saves between kills"
    assert killed_mid_write > 0, "no kill landed while a temp file was being written"
    print(f"{version} saves, {killed_mid_write} kills during a write")
    assert time.monotonic() - started < 20 * kills / KILLS
