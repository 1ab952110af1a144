"""Test videos made by PyAV's real encoders, with pictures that say what they are.

`coded_frame(n, …)` draws frame number `n` as 12 black or white bars across the top half (bit 11
on the left) and fills the bottom half with one colour; `read_code` reads the number back from
a decoded, scaled or re-encoded picture. Bars survive H.264, scaling and letterboxing.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

BITS = 12


def coded_frame(n: int, width: int, height: int, colour: tuple[int, int, int]) -> np.ndarray:
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[:] = colour
    top = height // 2
    edges = np.linspace(0, width, BITS + 1).astype(int)
    for bit in range(BITS):
        on = (n >> (BITS - 1 - bit)) & 1
        image[:top, edges[bit] : edges[bit + 1]] = 255 if on else 0
    return image


def read_code(image: np.ndarray) -> int:
    """The frame number of a picture made by `coded_frame` (the picture may be scaled)."""
    height, width = image.shape[:2]
    band = image[height // 8 : height * 3 // 8].astype(float).mean(axis=2)
    edges = np.linspace(0, width, BITS + 1)
    number = 0
    for bit in range(BITS):
        left, right = edges[bit], edges[bit + 1]
        inner = band[:, int(left + (right - left) / 4) : int(right - (right - left) / 4)]
        number = (number << 1) | int(inner.mean() > 128)
    return number


def bottom_colour(image: np.ndarray) -> tuple[int, int, int]:
    height = image.shape[0]
    part = image[height * 5 // 8 : height * 7 // 8]
    return tuple(round(float(v)) for v in part.reshape(-1, 3).mean(axis=0))  # type: ignore[return-value]


def write_video(
    path: Path,
    seconds: float,
    *,
    fps: int = 24,
    size: tuple[int, int] = (320, 240),
    colour: tuple[int, int, int] = (200, 40, 40),
    colours: list[tuple[int, int, int]] | None = None,
    gop: int | None = None,
    tone_hz: float | None = None,
    tone_rate: int = 48_000,
) -> Path:
    """An H.264 (yuv420p) MP4 of coded frames; `colours` changes the bottom colour every
    second; `gop` sets the keyframe interval in frames; `tone_hz` adds an AAC sine."""
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    count = round(seconds * fps)
    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "ultrafast", "crf": "18"}
        if gop is not None:
            video.codec_context.gop_size = gop
            video.options = {**video.options, "keyint": str(gop), "min-keyint": str(gop)}
        audio = None
        if tone_hz is not None:
            audio = container.add_stream("aac", rate=tone_rate, layout="mono")
        for n in range(count):
            shade = colours[min(n // fps, len(colours) - 1)] if colours else colour
            frame = av.VideoFrame.from_ndarray(coded_frame(n, width, height, shade), "rgb24")
            frame.pts = n
            frame.time_base = Fraction(1, fps)
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        if audio is not None:
            total = round(seconds * tone_rate)
            t = np.arange(total) / tone_rate
            pcm = (0.5 * np.sin(2 * np.pi * tone_hz * t)).astype(np.float32)[None, :]
            for start in range(0, total, 1024):
                chunk = np.ascontiguousarray(pcm[:, start : start + 1024])
                frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
                frame.sample_rate = tone_rate
                frame.pts = start
                for packet in audio.encode(frame):
                    container.mux(packet)
            for packet in audio.encode(None):
                container.mux(packet)
    return path
