"""Does the webcam take encoder keep up? libx264 (veryfast, zerolatency, 0.5 s GOP) into the
fragmented MP4, at 720p30 and 1080p30.

Two measures per size: the encoder alone, fed as fast as it takes frames (frames per second of
encoding against the camera's 30: the baseline is real time), and a real-time take of
`HITRECORD_BENCH_WEBCAM_SECONDS` (default 10 s) from the synthetic camera, reporting frames
dropped because the queue was full (target 0) and the writer thread's CPU share.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

from hitrecord_desktop.video.frame_source import RGB24, Frame, FrameFormat, SyntheticFrameSource
from hitrecord_desktop.video.webcam_writer import WebcamWriter

FPS = 30


def _process_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def _flat_out(folder: Path, width: int, height: int, frames: int) -> float:
    """Encoding frames per second with the queue kept full."""
    source = SyntheticFrameSource(width, height, FPS)
    pictures = [source.picture(i) for i in range(30)]
    writer = WebcamWriter(folder / f"flat-{height}.webcam.mp4", FrameFormat(width, height, FPS))
    writer.start()
    began = time.perf_counter()
    for i in range(frames):
        while not writer.submit(Frame(pictures[i % 30], RGB24, i / FPS, i), i / FPS):
            writer.dropped -= 1  # not a drop: this measure waits for room
            time.sleep(0.001)
    writer.stop()
    return frames / (time.perf_counter() - began)


def _real_time(folder: Path, width: int, height: int, seconds: float) -> tuple[int, int, float]:
    """(frames delivered, frames dropped, process CPU share) of a real-time take: x264 encodes on
    threads of its own, so the whole process is counted (the synthetic camera's drawing too)."""
    source = SyntheticFrameSource(width, height, FPS)
    writer = WebcamWriter(folder / f"live-{height}.webcam.mp4", source.format)
    writer.start()
    cpu0 = _process_cpu_seconds()
    t0 = time.monotonic()
    done = threading.Event()
    source.start(lambda f: writer.submit(f, f.timestamp - t0), lambda _e: done.set())
    time.sleep(seconds)
    cpu = _process_cpu_seconds() - cpu0
    source.stop()
    done.wait(5)
    result = writer.stop()
    return len(source.timestamps), result.dropped, cpu / seconds


def run() -> list[dict]:
    seconds = float(os.environ.get("HITRECORD_BENCH_WEBCAM_SECONDS", "10"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for width, height in ((1280, 720), (1920, 1080)):
            label = f"webcam {height}p30"
            fps = _flat_out(folder, width, height, 150)
            delivered, dropped, cpu = _real_time(folder, width, height, seconds)
            rows += [
                {"name": f"{label}: encode speed (synthetic frames)", "value": fps,
                 "unit": "fps", "baseline": FPS, "target": "≥ 1.5× real time"},
                {"name": f"{label}: frames dropped in a {seconds:g} s take of {delivered}",
                 "value": dropped, "unit": "frames", "target": 0},
                {"name": f"{label}: process CPU while recording (camera drawing included)",
                 "value": cpu * 100, "unit": "% of a core"},
            ]  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
