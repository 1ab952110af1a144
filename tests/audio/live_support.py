"""Shared pieces of the live-engine tests: the test services, a click-track project, finding a
click in a recording."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track

RATE = 48_000
JACK_API = "JACK Audio Connection Kit"

needs_jack = pytest.mark.skipif(
    not os.environ.get("HITRECORD_TEST_JACK"),
    reason="needs the JACK test server: run under .ci/with-test-services",
)
needs_pulse = pytest.mark.skipif(
    not os.environ.get("HITRECORD_TEST_PULSE"),
    reason="needs the PulseAudio test server: run under .ci/with-test-services",
)


def connect_jack_loopback() -> None:
    """PortAudio's outputs into its inputs, the dummy capture ports off (the stream is open)."""
    ports = subprocess.run(["jack_lsp"], capture_output=True, text=True, check=True).stdout
    names = ports.split()

    def numbered(prefix: str) -> list[str]:
        found = [p for p in names if p.startswith(prefix)]
        return sorted(found, key=lambda p: int(p.rsplit("_", 1)[1]))

    ins = numbered("PortAudio:in_")
    for capture in ("system:capture_1", "system:capture_2"):
        for port in ins:
            subprocess.run(["jack_disconnect", capture, port], capture_output=True)
    for out, inp in zip(numbered("PortAudio:out_"), ins, strict=False):
        subprocess.run(["jack_connect", out, inp], capture_output=True, check=True)


def burst(seed: int = 3, length: int = 64) -> np.ndarray:
    """A short noise burst: one clear peak of cross-correlation, unlike a periodic tone."""
    return (np.random.default_rng(seed).uniform(-0.6, 0.6, length)).astype(np.float32)


def click_project(folder: Path, clicks: list[int], seconds: float, *, gain: float = 1.0) -> Project:
    """A project whose one track plays `burst()` at each timeline sample of `clicks`."""
    frames = int(seconds * RATE)
    pcm = np.zeros((frames, 2), np.float32)
    shape = burst() * gain
    for at in clicks:
        pcm[at : at + len(shape), 0] += shape
        pcm[at : at + len(shape), 1] += shape
    path = folder / "clicks.wav"
    sf.write(path, pcm, RATE, subtype="FLOAT")
    media = MediaRef(MediaOrigin.FILE, str(path), frames=frames)
    track = Track("clicks", clips=[Clip(media, 0, 0, frames)])
    return Project("click test", sample_rate=RATE, tracks=[track])


def file_resolver(ref: MediaRef) -> np.ndarray:
    return sf.read(ref.path, dtype="float32", always_2d=True)[0]


def find_bursts(recorded: np.ndarray, count: int, *, min_gap: int = 4800) -> list[int]:
    """Where the `count` strongest copies of `burst()` start in a mono recording."""
    shape = burst()
    corr = np.correlate(recorded, shape, mode="valid")
    found: list[int] = []
    level = np.abs(corr)
    for _ in range(count):
        at = int(np.argmax(level))
        if level[at] <= 0:
            break
        found.append(at)
        level[max(0, at - min_gap) : at + min_gap] = 0
    return sorted(found)


def take_audio(path: Path) -> np.ndarray:
    return sf.read(path, dtype="float32", always_2d=True)[0]
