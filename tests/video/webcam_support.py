"""Shared pieces of the webcam tests: reading a take back with PyAV and ffprobe."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import av

from hitrecord_desktop.video.frame_source import decode_number


@dataclass(frozen=True)
class ReadBack:
    codecs: dict[str, str]  # stream type -> codec name
    numbers: list[int]  # the frame number drawn in each picture, in presentation order
    times: list[float]  # each picture's presentation time, seconds
    duration: float  # the container's, seconds
    audio_seconds: float


def read_back(path: Path) -> ReadBack:
    with av.open(str(path)) as container:
        codecs = {
            s.type: s.codec_context.name for s in container.streams if s.type in ("video", "audio")
        }
        duration = (container.duration or 0) / 1e6
        numbers, times = [], []
        for frame in container.decode(video=0):
            numbers.append(decode_number(frame.to_ndarray(format="rgb24")))
            times.append(float(frame.time))
    audio_seconds = 0.0
    if "audio" in codecs:
        with av.open(str(path)) as container:
            stream = container.streams.audio[0]
            for frame in container.decode(audio=0):
                audio_seconds = max(audio_seconds, float(frame.time) + frame.samples / stream.rate)
    return ReadBack(codecs, numbers, times, duration, audio_seconds)


def ffprobe_streams(path: Path) -> list[dict]:
    """ffprobe's own reading (another demuxer than PyAV's): codec, frames counted, duration."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out)["streams"]
