"""Offline render of a 16-track, 3-minute project to 24-bit WAV, loudness and true peak measured.

Sources are stereo float32 raw files mapped with np.memmap, as the PCM cache hands them out; each
track has several clips with trims, fades, gains and pans. The baseline is a plain numpy sum of
the same 16 sources into one buffer, measured in the same run: what mixing costs with no clip
logic, no file and no meters. Peak memory (tracemalloc: numpy buffers and the Python heap; the
mapped sources are page cache, not the render's) is measured in a fresh process each for a
3-minute and a 12-minute project: it must not grow with the length.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from hitrecord_desktop.mixing.mix_plan import compile_plan
from hitrecord_desktop.mixing.offline_render import render_plan
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track

RATE = 48_000
TRACKS = 16
SECONDS = 180
RUNS = 3


def write_sources(folder: Path, seconds: int = SECONDS) -> list[Path]:
    """One stereo float32 raw file per track: a few partials and some noise, about −20 dBFS."""
    rng = np.random.default_rng(1)
    frames = seconds * RATE
    paths = []
    t = np.arange(frames, dtype=np.float64) / RATE
    for i in range(TRACKS):
        left = 0.05 * np.sin(2 * np.pi * (110 + 37 * i) * t)
        right = 0.05 * np.sin(2 * np.pi * (165 + 23 * i) * t + 0.3)
        noise = rng.standard_normal((frames, 2)) * 0.01
        pcm = (np.stack([left, right], axis=1) + noise).astype(np.float32)
        path = folder / f"source-{i:02}.f32"
        pcm.tofile(path)
        paths.append(path)
    return paths


def map_source(path: Path) -> np.ndarray:
    return np.memmap(path, dtype=np.float32, mode="r").reshape(-1, 2)


def build_project(sources: list[Path], source_frames: int, seconds: int) -> Project:
    """Per track, clips of ~40 s cycling through its source, with fades, gains and a pan."""
    project = Project(title="bench", sample_rate=RATE)
    total = seconds * RATE
    clip_len = 40 * RATE
    for i, path in enumerate(sources):
        ref = MediaRef(MediaOrigin.FILE, str(path), frames=source_frames)
        track = Track(name=f"track {i}", gain_db=-3.0 + i % 4, pan=(i % 5 - 2) / 2.5)
        position = (i * 4801) % RATE  # tracks do not start on the same sample
        n = 0
        while position < total:
            length = min(clip_len, total - position)
            trim_in = (n * 7 * RATE + i * 1000) % (source_frames - clip_len)
            track.clips.append(
                Clip(
                    ref,
                    position=position,
                    trim_in=trim_in,
                    trim_out=trim_in + length,
                    gain_db=-1.5 * (n % 3),
                    fade_in=RATE // 2,
                    fade_out=2 * RATE,
                )
            )
            if position + length >= total:
                break
            position += length - RATE  # one second of overlap with the next clip
            n += 1
        project.tracks.append(track)
    return project


def _resolver(sources: list[Path]):
    mapped = {str(p): map_source(p) for p in sources}
    return lambda ref: mapped[ref.path]


def plain_sum_seconds(sources: list[Path]) -> float:
    arrays = [map_source(p) for p in sources]
    started = time.perf_counter()
    mix = np.zeros_like(arrays[0])
    for array in arrays:
        mix += array
    return time.perf_counter() - started


def render_seconds(sources: list[Path], out: Path, block_frames: int | None = None) -> float:
    project = build_project(sources, SECONDS * RATE, SECONDS)
    plan = compile_plan(project, _resolver(sources))
    kwargs = {} if block_frames is None else {"block_frames": block_frames}
    started = time.perf_counter()
    report = render_plan(plan, out, **kwargs)
    elapsed = time.perf_counter() - started
    assert report.frames == SECONDS * RATE
    return elapsed


MEMORY_CHILD = """
import json, sys, tracemalloc
from pathlib import Path
from benchmarks.bench_render import SECONDS, RATE, build_project, _resolver
from hitrecord_desktop.mixing.mix_plan import compile_plan
from hitrecord_desktop.mixing.offline_render import render_plan
sources = [Path(p) for p in json.loads(sys.argv[1])]
seconds = int(sys.argv[2])
plan = compile_plan(build_project(sources, SECONDS * RATE, seconds), _resolver(sources))
tracemalloc.start()
render_plan(plan, Path(sys.argv[3]))
print(json.dumps({"peak": tracemalloc.get_traced_memory()[1]}))
"""


def peak_memory(sources: list[Path], seconds: int, out: Path) -> float:
    listing = json.dumps([str(p) for p in sources])
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, listing, str(seconds), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])["peak"] / 2**20


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="hitrecord-bench-render-") as folder:
        root = Path(folder)
        sources = write_sources(root)
        out = root / "mix.wav"
        plain_sum_seconds(sources)  # page the sources in
        render_seconds(sources, out)
        renders, sums = [], []
        for _ in range(RUNS):  # interleaved: the machine is noisy
            renders.append(render_seconds(sources, out))
            sums.append(plain_sum_seconds(sources))
        render_x = SECONDS / statistics.median(renders)
        sum_x = SECONDS / statistics.median(sums)
        short = peak_memory(sources, SECONDS, out)
        long = peak_memory(sources, 4 * SECONDS, out)
    return [
        {
            "name": "render 16 tracks × 3 min to 24-bit WAV + LUFS + true peak, × real time "
            "(vs a plain numpy sum of the sources)",
            "value": round(render_x, 1),
            "unit": "x",
            "baseline": round(sum_x, 1),
            "ratio": round(render_x / sum_x, 2),
            "target": "≥ 200 x",
        },
        {
            "name": "render peak memory (tracemalloc), 16 tracks × 12 min (vs × 3 min)",
            "value": round(long, 1),
            "unit": "MiB",
            "baseline": round(short, 1),
            "ratio": round(long / short, 2),
            "target": "ratio ≈ 1",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
