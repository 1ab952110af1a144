"""Waveform peaks of a 10-minute 48 kHz stereo WAV and FLAC, against plain numpy on the same file.

Our pass is the one the import runs: AudioDecoder blocks into PeaksBuilder (all levels). The
baseline reads the same file in blocks with soundfile and takes reshape-min/max of 256-sample
buckets: the least work that gives the base level. Best of three, interleaved, page cache warm.
Also the whole import (hash, decode, write PCM, peaks, sidecar) into an empty cache, for scale.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

from hitrecord_desktop.media.decoding import AudioDecoder
from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.media.waveform_peaks import BASE_BUCKET, PeaksBuilder

RATE = 48_000
SECONDS = 600
BLOCK = 1 << 16
RUNS = 3


def write_inputs(folder: Path) -> list[Path]:
    """Music-like content (tones, a slow envelope, a little noise) so FLAC compresses as usual."""
    paths = [folder / "ten-minutes.wav", folder / "ten-minutes.flac"]
    rng = np.random.default_rng(5)
    handles = [
        soundfile.SoundFile(paths[0], "w", RATE, 2, "PCM_16"),
        soundfile.SoundFile(paths[1], "w", RATE, 2, "PCM_16"),
    ]
    chunk = RATE * 10
    for start in range(0, RATE * SECONDS, chunk):
        t = (start + np.arange(chunk)) / RATE
        envelope = 0.5 + 0.4 * np.sin(2 * np.pi * 0.1 * t)
        tone = envelope * (0.3 * np.sin(2 * np.pi * 220 * t) + 0.1 * np.sin(2 * np.pi * 1375 * t))
        block = np.stack([tone, np.roll(tone, 7)], axis=1) + rng.normal(0, 0.01, (chunk, 2))
        for handle in handles:
            handle.write(block.astype(np.float32))
    for handle in handles:
        handle.close()
    return paths


def ours(path: Path) -> float:
    started = time.perf_counter()
    with AudioDecoder(path) as decoder:
        builder = PeaksBuilder(decoder.info.channels)
        for block in decoder.blocks():
            builder.add(block)
    builder.finish()
    return time.perf_counter() - started


def baseline(path: Path) -> float:
    started = time.perf_counter()
    mins, maxs = [], []
    for block in soundfile.blocks(str(path), blocksize=BLOCK, dtype="float32", always_2d=True):
        whole = len(block) - len(block) % BASE_BUCKET
        shaped = block[:whole].reshape(-1, BASE_BUCKET, block.shape[1])
        mins.append(shaped.min(axis=1))
        maxs.append(shaped.max(axis=1))
    np.concatenate(mins), np.concatenate(maxs)
    return time.perf_counter() - started


def full_import(path: Path, root: Path) -> float:
    started = time.perf_counter()
    PcmCache(root).get_or_decode(path, RATE)
    return time.perf_counter() - started


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="hitrecord-bench-waveform-") as folder:
        for path in write_inputs(Path(folder)):
            kind = path.suffix[1:].upper()
            ours(path), baseline(path)  # warm the page cache and the code
            timings = [(ours(path), baseline(path)) for _ in range(RUNS)]
            value = min(t[0] for t in timings)
            base = min(t[1] for t in timings)
            rows.append(
                {
                    "name": f"waveform peaks, 10 min 48 kHz stereo {kind} (vs numpy read+reduce)",
                    "value": round(value, 3),
                    "unit": "s",
                    "baseline": round(base, 3),
                    "ratio": round(value / base, 2),
                    "target": 1.5,
                }
            )
            imports = [full_import(path, Path(folder) / f"cache{i}") for i in range(2)]
            rows.append(
                {
                    "name": f"import into the PCM cache, 10 min 48 kHz stereo {kind} "
                    "(hash+decode+write+peaks, vs numpy read+reduce)",
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
