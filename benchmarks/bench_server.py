"""Platform server on loopback: listing a page of 50 out of 10,000 challenges, and tus upload
throughput of a 200 MB and a 500 MB file against a raw single PUT of the same bytes to the same
server, in the same run.

The server runs in its own process, as it does for real: in-process, client and server would
share one GIL and measure each other."""

from __future__ import annotations

import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy import insert

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.api.tus_client import TusUploader
from hitrecord_desktop.server.app import create_app
from hitrecord_desktop.server.main import READY_MARKER
from hitrecord_desktop.server.media_store import MediaStore
from hitrecord_desktop.server.runner import serve_forever
from hitrecord_desktop.server.settings import ServerSettings
from hitrecord_desktop.server.tables import Challenge, ChallengeRole, User

CHALLENGES = 10_000
MIB = 1024 * 1024
UPLOAD_SIZES_MB = (200, 500)
ATTEMPTS = 3
ROLES = ("vocals", "narration", "music", "instrument", "sound_design", "animation", "video")
# A vocabulary of ~2,000 made-up words, so a search term selects a few percent of the
# challenges as real words would, rather than nearly all of them.
_SYLLABLES = ["ka", "lo", "mi", "ren", "ta", "so", "vel", "dun", "ri", "ba", "ne", "qua", "zo"]
WORDS = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES})[:2000]


def _seed(app: object, count: int) -> None:
    db = app.state.db  # type: ignore[attr-defined]
    rng = random.Random(7)
    now = datetime.now(UTC)
    with db.session() as session:
        user = User(username="bench", display_name="Bench", password_hash="!")
        session.add(user)
        session.flush()
        rows = [
            {
                "id": i + 1,
                "author_id": user.id,
                "title": " ".join(rng.choices(WORDS, k=5)).capitalize(),
                "brief": " ".join(rng.choices(WORDS, k=30)),
                "kind": rng.choice(("audio", "video")),
                "status": "open" if rng.random() < 0.8 else "closed",
                "deadline": (
                    now + timedelta(days=rng.randint(1, 90)) if rng.random() < 0.7 else None
                ),
                "created_at": now - timedelta(minutes=count - i),
                "contribution_count": rng.randint(0, 40),
            }
            for i in range(count)
        ]
        session.execute(insert(Challenge), rows)
        session.execute(
            insert(ChallengeRole),
            [{"challenge_id": r["id"], "role": rng.choice(ROLES), "position": 0} for r in rows],
        )


def _server_ms(session: requests.Session, url: str, params: dict | None = None) -> float:
    response = session.get(url, params=params, timeout=30)
    response.raise_for_status()
    timing = response.headers["server-timing"]
    return float(timing.split("dur=")[1])


def _median_ms(session: requests.Session, url: str, params: dict | None, n: int) -> float:
    for _ in range(5):
        _server_ms(session, url, params)  # warm caches and connection
    return statistics.median(_server_ms(session, url, params) for _ in range(n))


def _listing(api: str) -> list[dict]:
    session = requests.Session()
    n = 200
    health = _median_ms(session, f"{api}/health", None, n)
    first = _median_ms(session, f"{api}/challenges", {"limit": 50, "status": "any"}, n)
    page = session.get(f"{api}/challenges", params={"limit": 50, "status": "any"}).json()
    cursor = page["next_cursor"]
    for _ in range(60):  # walk ~3,000 rows deep
        page = session.get(
            f"{api}/challenges", params={"limit": 50, "status": "any", "cursor": cursor}
        ).json()
        cursor = page["next_cursor"]
    deep = _median_ms(
        session, f"{api}/challenges", {"limit": 50, "status": "any", "cursor": cursor}, n
    )
    search = _median_ms(session, f"{api}/challenges", {"limit": 50, "q": "kalomi"}, n)
    rows = []
    for name, value in (
        ("list 50 of 10k challenges, first page (vs GET /health)", first),
        ("list 50 of 10k challenges, page 61 by cursor (vs GET /health)", deep),
        ("full-text search, 50 of 10k (vs GET /health)", search),
    ):
        rows.append(
            {
                "name": name,
                "value": round(value, 2),
                "unit": "ms",
                "baseline": round(health, 2),
                "ratio": round(value / health, 1),
                "target": "≤ 25 ms",
            }
        )
    return rows


def _write_random_file(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    block = 4 * 1024 * 1024
    with path.open("wb") as handle:
        remaining = size
        while remaining:
            data = os.urandom(min(block, remaining))
            digest.update(data)
            handle.write(data)
            remaining -= len(data)
    return digest.hexdigest()


def _add_raw_put(app: object, folder: Path) -> None:
    """The baseline: one PUT streaming the body to a file, synced, as tus PATCH does.

    Under /api/v1/uploads so the same body-size policy applies as to tus requests."""

    @app.put("/api/v1/uploads/bench-raw/{name}")  # type: ignore[attr-defined]
    async def raw_put(name: str, request: Request, hashed: bool = False) -> JSONResponse:
        # hashed=true also takes the SHA-256 that a content-addressed store needs anyway: the
        # baseline of what tus adds as a protocol, beyond what storing the file costs.
        path = folder / f"raw-{int(name)}"
        digest = hashlib.sha256()
        with path.open("wb") as handle:
            async for block in request.stream():
                handle.write(block)
                if hashed:
                    digest.update(block)
            handle.flush()
            os.fdatasync(handle.fileno())
        return JSONResponse({"bytes": path.stat().st_size, "sha256": digest.hexdigest()})


class _FileBody:
    """A file as a request body sent 1 MiB at a time: given the file object itself, urllib3
    would read and send it 16 KiB at a time, a client-side handicap of the baseline. Has a
    length, so that requests sends a Content-Length rather than chunked encoding."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __len__(self) -> int:
        return self.path.stat().st_size

    def __iter__(self) -> Iterator[bytes]:
        with self.path.open("rb", buffering=0) as handle:
            while block := handle.read(MIB):
                yield block


def _timed_put(session: requests.Session, url: str, path: Path) -> float:
    started = time.perf_counter()
    session.put(url, data=_FileBody(path)).raise_for_status()
    return time.perf_counter() - started


def _timed_tus(uploader: TusUploader, path: Path, sha256: str) -> float:
    started = time.perf_counter()
    url = uploader.create(path, {"filename": "take.wav", "sha256": sha256})
    uploader.upload(url, path)
    return time.perf_counter() - started


def _forget(*paths: Path) -> None:
    """Deletes what a timed upload stored, outside the timing: each upload then writes a new
    file, and none pays for freeing an earlier one's blocks (with online discard, deleting or
    truncating 200 MB took ~0.15 s here)."""
    for path in paths:
        path.unlink(missing_ok=True)
    os.sync()


def _throughput(uploader: TusUploader, api: str, root: Path, size_mb: int) -> list[dict]:
    session = requests.Session()
    size = size_mb * MIB
    path = root / f"upload-{size_mb}.bin"
    sha256 = _write_random_file(path, size)
    # Where the server's media store puts these bytes (the child's data_dir is root/server).
    stored = MediaStore(ServerSettings(data_dir=root / "server").media_dir).path_for(sha256)
    seconds: dict[str, list[float]] = {"bare": [], "hashed": [], "tus": []}
    for attempt in range(ATTEMPTS):  # interleaved, best of three: the machine is noisy
        for kind, query in (("bare", ""), ("hashed", "?hashed=true")):
            _forget()
            seconds[kind].append(
                _timed_put(session, f"{api}/uploads/bench-raw/{attempt}{query}", path)
            )
            _forget(root / f"raw-{attempt}")
        seconds["tus"].append(_timed_tus(uploader, path, sha256))
        _forget(stored)
    path.unlink()
    bare, hashed, tus = (size / min(seconds[kind]) / 1e6 for kind in ("bare", "hashed", "tus"))
    name = f"tus upload {size_mb} MB (adaptive chunks, crc32, sha256 verified)"
    return [
        {
            "name": name + " vs a bare PUT",
            "value": round(tus, 1),
            "unit": "MB/s",
            "baseline": round(bare, 1),
            "ratio": round(tus / bare, 2),
            "target": "≥ 0.80",
        },
        {
            "name": name + " vs a PUT taking the sha256",
            "value": round(tus, 1),
            "unit": "MB/s",
            "baseline": round(hashed, 1),
            "ratio": round(tus / hashed, 2),
            "target": "≥ 0.80",
        },
    ]


def _uploads(server_url: str, api: str, root: Path) -> list[dict]:
    rows = []
    with PlatformClient(server_url) as client:
        client.register("uploader", "bench-password")
        client.login("uploader", "bench-password")
        uploader = client.uploader()
        for size_mb in UPLOAD_SIZES_MB:
            rows += _throughput(uploader, api, root, size_mb)
    return rows


def serve(data_dir: Path, raw_dir: Path) -> None:
    """The child: a seeded server with the raw PUT baseline, until killed."""
    app = create_app(ServerSettings(data_dir=data_dir, argon2_time_cost=1))
    _seed(app, CHALLENGES)
    _add_raw_put(app, raw_dir)
    serve_forever(
        app,
        "127.0.0.1",
        0,
        lambda url: print(f"{READY_MARKER} {url}", flush=True),
        log_level="warning",
    )


def _start_child(
    root: Path, module: str = "benchmarks.bench_server"
) -> tuple[subprocess.Popen[str], str]:
    """`python -m <module> serve DATA_DIR RAW_DIR` in a child; answers it and its URL."""
    child = subprocess.Popen(
        [sys.executable, "-m", module, "serve", str(root / "server"), str(root)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith(READY_MARKER):
            return child, line.split()[1]
    raise RuntimeError("the benchmark server did not start")


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="hitrecord-bench-") as folder:
        root = Path(folder)
        child, url = _start_child(root)
        try:
            rows = _listing(url + "/api/v1")
            rows += _uploads(url, url + "/api/v1", root)
        finally:
            child.terminate()
            child.wait(30)
        return rows


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        for row in run():
            print(row)
