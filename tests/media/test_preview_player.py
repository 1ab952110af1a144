"""The Qt-free preview player: libVLC plays a file on its own thread and says so; stop stops."""

from __future__ import annotations

import contextlib
import os
import queue
import time
from pathlib import Path

import numpy as np
import soundfile as sf

from hitrecord_desktop.media.preview_player import (
    ENDED,
    FAILED,
    OPENING,
    PLAYING,
    STOPPED,
    PreviewEvent,
    PreviewPlayer,
)

AUDIO_OUTPUT = None if os.environ.get("HITRECORD_TEST_PULSE") else "dummy"


def _tone(path: Path, seconds: float) -> Path:
    t = np.arange(int(48_000 * seconds)) / 48_000
    sf.write(path, (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 48_000)
    return path


def _until(events: queue.Queue[PreviewEvent], state: str, timeout: float = 15) -> PreviewEvent:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            event = events.get(timeout=0.1)
        except queue.Empty:
            continue
        if event.state == state:
            return event
        assert event.state != FAILED, event.message
    raise AssertionError(f"no {state} event within {timeout} s")


def test_plays_with_advancing_time_then_stops(tmp_path: Path) -> None:
    events: queue.Queue[PreviewEvent] = queue.Queue()
    player = PreviewPlayer(events.put, AUDIO_OUTPUT)
    try:
        player.play(7, _tone(tmp_path / "tone.wav", 5).as_uri())
        assert _until(events, OPENING).key == 7
        first = _until(events, PLAYING)
        later = first
        while later.time_ms < first.time_ms + 300:
            later = _until(events, PLAYING)
        assert later.key == 7
        player.stop()
        assert _until(events, STOPPED).key == 7
    finally:
        player.close()


def test_a_short_file_ends_and_a_new_play_replaces_the_old(tmp_path: Path) -> None:
    events: queue.Queue[PreviewEvent] = queue.Queue()
    player = PreviewPlayer(events.put, AUDIO_OUTPUT)
    try:
        player.play(1, _tone(tmp_path / "long.wav", 5).as_uri())
        _until(events, PLAYING)
        player.play(2, _tone(tmp_path / "short.wav", 0.5).as_uri())
        assert _until(events, STOPPED).key == 1
        assert _until(events, ENDED).key == 2
    finally:
        player.close()


def test_a_missing_file_reports_an_error(tmp_path: Path) -> None:
    events: queue.Queue[PreviewEvent] = queue.Queue()
    player = PreviewPlayer(events.put, AUDIO_OUTPUT)
    try:
        player.play(3, (tmp_path / "gone.wav").as_uri())
        deadline = time.monotonic() + 15
        seen: list[str] = []
        while FAILED not in seen and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                seen.append(events.get(timeout=0.1).state)
        assert FAILED in seen
        assert PLAYING not in seen
    finally:
        player.close()
