"""Shared pieces of the transport and recorder tests: a vocals-wanted project over a backing
clip (a platform contribution of noise bursts), the PulseAudio device choice, a tone into vmic."""

from __future__ import annotations

import contextlib
import gc
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import soundfile as sf

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.project.challenge_projects import project_for_challenge
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Tempo, Track
from hitrecord_desktop.ui.audio_bridge import AudioBridge
from hitrecord_desktop.ui.project_document import ProjectDocument
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.audio.live_support import RATE, burst

PULSE = DeviceChoice("ALSA", "pulse", "pulse", (1, 2), RATE, 256)
BACKING_ID = 4242
BURSTS = [RATE // 2, RATE, 3 * RATE // 2, 2 * RATE, 5 * RATE // 2]


def backing_file(folder: Path, seconds: float = 6.0) -> Path:
    """Noise bursts every half second over a quiet hum: loud enough to find in a take."""
    frames = int(seconds * RATE)
    t = np.arange(frames) / RATE
    pcm = np.zeros((frames, 2), np.float32)
    pcm += (0.05 * np.sin(2 * np.pi * 220.0 * t)).astype(np.float32)[:, None]
    shape = burst()
    for at in range(RATE // 2, frames - RATE, RATE // 2):
        pcm[at : at + len(shape)] += shape[:, None]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "backing.wav"
    sf.write(path, pcm, RATE, subtype="FLOAT")
    return path


def make_document(tmp_path: Path, *, bpm: float = 240.0) -> ProjectDocument:
    """A challenge project: an armed vocal track over a backing contribution."""
    opened = project_for_challenge(tmp_path / "projects", 7, "Vocals wanted")
    project = opened.project
    project.tempo = Tempo(bpm=bpm)
    vocal = project.tracks[0]
    vocal.name, vocal.armed = "Vocals", True
    path = backing_file(tmp_path / "media")
    frames = sf.info(str(path)).frames
    media = MediaRef(
        MediaOrigin.CONTRIBUTION,
        str(path),
        contribution_id=BACKING_ID,
        title="Backing",
        author="someone",
        frames=frames,
    )
    project.tracks.append(Track("Backing", clips=[Clip(media, 0, 0, frames)]))
    tasks = TaskRunner(QApplication.instance())
    return ProjectDocument(project, opened.store, tasks, autosave=False)


def app_paths_in(tmp_path: Path) -> AppPaths:
    root = tmp_path / "home"
    return AppPaths(root / "config", root / "data", root / "cache", root / "logs").ensure()


def make_bridge(document: ProjectDocument, tmp_path: Path, choice: DeviceChoice = PULSE):
    tasks = TaskRunner(QApplication.instance())
    return AudioBridge(document, tasks, app_paths_in(tmp_path), choice=choice)


def dispose(bridge: AudioBridge, *widgets: QWidget) -> None:
    """Closes the bridge and deletes the widgets over it, then it and its document, in Qt's
    order, now: left to Python's garbage collector, the cycles between them and their widgets'
    slots crashed at exit. Pooled tasks finish and hand over their results first, while every
    receiver is alive; then the widgets go (they hold the bridge's signals), then the bridge."""
    bridge.close()
    document = bridge.document
    for runner in {id(r): r for r in (bridge._tasks, document._tasks) if r is not None}.values():
        runner.wait(20_000)
    QCoreApplication.processEvents()  # finished tasks' results, delivered while all is alive
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    bridge.deleteLater()
    document.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()  # now, while Qt is idle, rather than at some later test's moment


@contextlib.contextmanager
def tone_into_vsink(folder: Path, level: float = 0.5, seconds: float = 30.0) -> Iterator[None]:
    """A 440 Hz sine played into the null sink: it comes back on vmic."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = (level * np.sin(2 * np.pi * 440.0 * t)).astype(np.float32)
    raw = folder / "tone.f32"
    np.repeat(tone[:, None], 2, axis=1).tofile(raw)
    player = subprocess.Popen(
        ["pacat", "--playback", "--device=vsink", f"--rate={RATE}", "--channels=2",
         "--format=float32le", str(raw)],
    )  # fmt: skip
    try:
        yield
    finally:
        player.terminate()
        player.wait(10)
