"""Decoding and resampling a 3-minute 44.1 kHz stereo MP3 and AAC to 48 kHz float32, against
`ffmpeg -i X -f f32le -ar 48000 -` of the same file with its output drained from a pipe.

Ours: AudioDecoder (PyAV) → convert_blocks (soxr HQ streaming), blocks consumed and dropped as
ffmpeg's pipe is. ffmpeg's default resampler (swr) is lower quality than soxr HQ, so the
comparison favours ffmpeg. Best of five, interleaved (the machine is shared and noisy).
Also the whole import into an empty cache.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from hitrecord_desktop.media.decoding import AudioDecoder, convert_blocks
from hitrecord_desktop.media.pcm_cache import PcmCache

RATE = 48_000
SECONDS = 180
RUNS = 5
PIPE_CHUNK = 1 << 20


def write_inputs(folder: Path) -> list[Path]:
    source = (
        f"aevalsrc=exprs='0.3*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.2*t))+0.05*random(0)|"
        f"0.3*sin(2*PI*330*t)+0.05*random(1)':s=44100:d={SECONDS}"
    )
    paths = [folder / "three-minutes.mp3", folder / "three-minutes.m4a"]
    for path, codec in zip(paths, (["libmp3lame", "-b:a", "192k"], ["aac", "-b:a", "192k"]),
                           strict=True):  # fmt: skip
        subprocess.run(
            ["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", source, "-c:a",
             *codec, str(path)],
            check=True,
        )  # fmt: skip
    return paths


def ours(path: Path) -> float:
    started = time.perf_counter()
    with AudioDecoder(path) as decoder:
        for _ in convert_blocks(decoder.blocks(), decoder.info, RATE):
            pass
    return time.perf_counter() - started


def ffmpeg(path: Path) -> float:
    started = time.perf_counter()
    child = subprocess.Popen(
        ["ffmpeg", "-v", "error", "-nostdin", "-i", str(path), "-f", "f32le", "-ar", str(RATE),
         "-"],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None
    while child.stdout.read(PIPE_CHUNK):
        pass
    child.wait()
    return time.perf_counter() - started


def full_import(path: Path, root: Path) -> float:
    started = time.perf_counter()
    PcmCache(root).get_or_decode(path, RATE)
    return time.perf_counter() - started


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="hitrecord-bench-decode-") as folder:
        for path in write_inputs(Path(folder)):
            kind = "MP3" if path.suffix == ".mp3" else "AAC"
            ours(path), ffmpeg(path)  # warm up
            timings = [(ours(path), ffmpeg(path)) for _ in range(RUNS)]
            value = min(t[0] for t in timings)
            base = min(t[1] for t in timings)
            rows.append(
                {
                    "name": f"decode+resample 3 min 44.1k stereo {kind} to 48k (vs ffmpeg pipe)",
                    "value": round(value, 3),
                    "unit": "s",
                    "baseline": round(base, 3),
                    "ratio": round(value / base, 2),
                    "target": 1.2,
                }
            )
            imports = [full_import(path, Path(folder) / f"cache{i}") for i in range(2)]
            rows.append(
                {
                    "name": f"import {kind} into the PCM cache at 48k (vs ffmpeg pipe)",
                    "value": round(min(imports), 3),
                    "unit": "s",
                    "baseline": round(base, 3),
                    "ratio": round(min(imports) / base, 2),
                    "target": None,
                }
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
