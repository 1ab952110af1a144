"""Background sync: a 500 MB upload through the whole engine (queue, tus, contribution) against a
raw single streaming PUT of the same bytes to the same server; the uploader's peak memory as the
file grows; and how soon an upload goes on once the network is back.

The server runs in its own process; each upload runs in a fresh uploader process, so its peak
RSS (getrusage) is the uploader's alone.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from benchmarks.bench_server import (
    _add_raw_put,
    _forget,
    _start_child,
    _timed_put,
    _write_random_file,
)
from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.server.app import create_app
from hitrecord_desktop.server.main import READY_MARKER
from hitrecord_desktop.server.runner import serve_forever
from hitrecord_desktop.server.settings import ServerSettings
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from tests.support.cutting_proxy import CuttingProxy

MB = 1024 * 1024
BIG = 500 * MB
MEMORY_SIZES = (200 * MB, 500 * MB)
OUTAGE_SECONDS = 3.0
OUTAGES = 3


def serve(data_dir: Path, raw_dir: Path) -> None:
    """The child: an empty server with the raw PUT baseline, until killed."""
    app = create_app(ServerSettings(data_dir=data_dir, argon2_time_cost=1))
    _add_raw_put(app, raw_dir)
    serve_forever(app, "127.0.0.1", 0, lambda url: print(f"{READY_MARKER} {url}", flush=True),
                  log_level="warning")  # fmt: skip


def upload(server_url: str, token: str, challenge_id: int, path: Path, home: Path) -> None:
    """The uploader child: queue the file, run the engine until it is a contribution, print
    the transfer time and this process's peak RSS as JSON."""
    with (
        PlatformClient(server_url, token=token) as client,
        UploadQueue(home / "uploads.sqlite") as queue,
    ):
        engine = UploadEngine(queue, lambda _server: client)
        job = engine.add(UploadRequest(path=path, server="bench", challenge_id=challenge_id,
                                       role="vocals"))  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with engine:
            while queue.get(job.id).state not in (JobState.DONE, JobState.FAILED):
                time.sleep(0.01)
        seconds = time.perf_counter() - started
        state = queue.get(job.id).state.value
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kib": peak, "start_kib": before, "state": state}))


def _uploader(url: str, token: str, challenge: int, path: Path, home: Path) -> dict:
    home.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_sync", "upload", url, token, str(challenge),
         str(path), str(home)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    if measured["state"] != "done":
        raise RuntimeError(f"the benchmark upload ended {measured['state']}: {result.stderr}")
    return measured


def _resume_after_outages(url: str, token: str, challenge: int, root: Path) -> tuple[float, float]:
    """(worst seconds from "network back" to bytes flowing again, seconds from "job added" to
    the first byte on a good network: the same engine's own start-up, as a baseline)."""
    path = root / "outage.bin"
    _write_random_file(path, 60 * MB)
    with (
        CuttingProxy(url) as proxy,
        PlatformClient(proxy.url, token=token) as client,
        UploadQueue(root / "outage-queue.sqlite") as queue,
    ):
        proxy.throttle(8 * MB)
        engine = UploadEngine(queue, lambda _server: client, chunk_size=1 * MB)
        with engine:
            time.sleep(0.5)  # the engine is idle and holds the queue
            added = time.perf_counter()
            job = engine.add(UploadRequest(path=path, server="bench", challenge_id=challenge,
                                           role="vocals"))  # fmt: skip
            while proxy.bytes_up == 0:
                time.sleep(0.001)
            first_byte = time.perf_counter() - added
            worst = 0.0
            for _ in range(OUTAGES):
                time.sleep(1.0)
                proxy.go_offline(OUTAGE_SECONDS)
                back_at = time.perf_counter() + OUTAGE_SECONDS
                time.sleep(OUTAGE_SECONDS)
                before = proxy.bytes_up
                while proxy.bytes_up == before:
                    time.sleep(0.001)
                worst = max(worst, time.perf_counter() - back_at)
            proxy.throttle(None)
            while queue.get(job.id).state is not JobState.DONE:
                time.sleep(0.01)
    return worst, first_byte


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="hitrecord-bench-sync-") as folder:
        root = Path(folder)
        child, url = _start_child(root, "benchmarks.bench_sync")
        try:
            with PlatformClient(url) as client:
                client.register("syncbench", "bench-password")
                client.token = client.login("syncbench", "bench-password").access_token
                challenge = client.create_challenge("Bench", "Upload.", ["vocals"], "audio").id
                token = client.token
            engine_seconds, put_seconds, peaks = [], [], {}
            with requests.Session() as session:
                for attempt in range(2):  # interleaved, best of two: the machine is noisy
                    # New bytes each time: the server stores an upload it already has by
                    # deleting the copy, which would time the disk, not the upload.
                    files = {size: root / f"take-{size // MB}.bin" for size in MEMORY_SIZES}
                    for size, path in files.items():
                        _write_random_file(path, size)
                    raw = f"{url}/api/v1/uploads/bench-raw/{attempt}"
                    put_seconds.append(_timed_put(session, raw, files[BIG]))
                    _forget(root / f"raw-{attempt}")
                    for size, path in files.items():
                        measured = _uploader(url, token, challenge, path, root / f"home-{attempt}")
                        peaks[size] = min(peaks.get(size, 1 << 62), measured["peak_kib"])
                        if size == BIG:
                            engine_seconds.append(measured["seconds"])
            worst_resume, first_byte = _resume_after_outages(url, token, challenge, root)
        finally:
            child.terminate()
            child.wait(30)
    engine_rate, put_rate = BIG / min(engine_seconds) / 1e6, BIG / min(put_seconds) / 1e6
    small, big = (peaks[size] / 1024 for size in MEMORY_SIZES)
    return [
        {
            "name": "upload engine 500 MB (queue, tus, sha256, contribution) vs a bare PUT",
            "value": round(engine_rate, 1),
            "unit": "MB/s",
            "baseline": round(put_rate, 1),
            "ratio": round(engine_rate / put_rate, 2),
            "target": "≥ 0.80",
        },
        {
            "name": "uploader peak RSS, 500 MB file vs 200 MB file",
            "value": round(big),
            "unit": "MiB",
            "baseline": round(small),
            "ratio": round(big / small, 2),
            "target": "≤ 1.10 (flat)",
        },
        {
            "name": f"network back after a {OUTAGE_SECONDS:.0f} s outage → upload resumed "
            f"(worst of {OUTAGES}) vs a new job's first byte",
            "value": round(worst_resume, 2),
            "unit": "s",
            "baseline": round(first_byte, 2),
            "target": "< 5 s",
        },
    ]


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "upload":
        upload(sys.argv[2], sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]), Path(sys.argv[6]))
    else:
        print(json.dumps(run(), indent=2))
    os._exit(0)  # the engine's daemon threads need no goodbye
