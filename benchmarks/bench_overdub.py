"""A long overdub through the real engine, with the other core kept busy.

On the JACK test server (its dummy backend is clocked like a sound card), the project plays while
the loopback is recorded as a take, for HITRECORD_BENCH_OVERDUB_SECONDS (default 600: the issue's
10 minutes) while a busy-loop process spins. Rows: input overflows and dropouts on the take
(target 0) and the process's resident memory at the end against 10 s in (target: flat). Without
the JACK server (run outside `.ci/with-test-services`) the rows say they were skipped.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

SECONDS = float(os.environ.get("HITRECORD_BENCH_OVERDUB_SECONDS", "600"))
RATE = 48_000
JACK_API = "JACK Audio Connection Kit"


def _spin() -> None:
    while True:
        pass


def _anon_rss_mib() -> float:
    """Resident memory that is not file pages: the memory-mapped backing track's pages count in
    plain RSS as playback reads through it, and would hide what the writer keeps."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _backing(folder: Path, seconds: float) -> Path:
    """A stereo backing track as long as the take, written in blocks (not held in memory)."""
    path = folder / "backing.wav"
    rng = np.random.default_rng(5)
    with sf.SoundFile(path, "w", RATE, 2, subtype="FLOAT") as out:
        left = int(seconds * RATE) + RATE
        while left > 0:
            n = min(left, 10 * RATE)
            out.write(rng.uniform(-0.2, 0.2, (n, 2)).astype(np.float32))
            left -= n
    return path


def _skipped(why: str) -> list[dict]:
    return [
        {"name": f"10-min overdub on JACK, other core busy: skipped ({why})", "value": "-",
         "unit": ""}
    ]  # fmt: skip


def run() -> list[dict]:
    if not os.environ.get("HITRECORD_TEST_JACK"):
        return _skipped("no JACK server; `make bench` starts one")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from hitrecord_desktop.audio.devices import DeviceChoice
    from hitrecord_desktop.audio.engine import AudioEngine, RecordOptions
    from hitrecord_desktop.media.pcm_cache import PcmCache
    from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track
    from tests.audio.live_support import connect_jack_loopback

    with tempfile.TemporaryDirectory(prefix="hitrecord-bench-overdub-") as name:
        folder = Path(name)
        backing = _backing(folder, SECONDS)
        cache = PcmCache(folder / "cache")
        frames = len(cache.get_or_decode(backing, RATE).frames)
        media = MediaRef(MediaOrigin.FILE, str(backing), frames=frames)
        project = Project(
            "overdub bench", tracks=[Track("backing", clips=[Clip(media, 0, 0, frames)])]
        )
        engine = AudioEngine(DeviceChoice(JACK_API, "system", "system", (1, 2), RATE, 256))
        engine.after_open = connect_jack_loopback
        engine.load(project, lambda ref: cache.pcm_for(ref, RATE))
        spinner = multiprocessing.Process(target=_spin, daemon=True)
        spinner.start()
        try:
            engine.start_recording(RecordOptions(folder=folder / "takes", start=0))
            time.sleep(10)
            rss_10s = _anon_rss_mib()
            time.sleep(max(0.0, SECONDS - 10))
            rss_end = _anon_rss_mib()
            recorded = engine.stop_recording()
        finally:
            spinner.kill()
            spinner.join()
        took = recorded.result.frames / RATE
        label = f"{took / 60:.1f}-min overdub on JACK, other core busy"
        return [
            {"name": f"{label}: input overflows", "value": engine.input_overflows, "unit": "",
             "target": 0},
            {"name": f"{label}: dropouts on the take", "value": len(recorded.take.dropouts),
             "unit": "", "target": 0},
            {"name": f"{label}: anonymous RSS, end vs 10 s in", "value": round(rss_end, 1),
             "unit": "MiB", "baseline": round(rss_10s, 1), "ratio": round(rss_end / rss_10s, 3),
             "target": "≈ 1"},
        ]  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(row)
