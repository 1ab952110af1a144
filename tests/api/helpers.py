"""Small helpers of the API client tests: names, takes on disk, upload-and-contribute."""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import string
from collections.abc import Sequence
from pathlib import Path

from hitrecord_desktop.api import Contribution, LineageRef, PlatformClient, upload_id_from_url

PASSWORD = "correct horse battery"

_serial = itertools.count()
_run = "".join(random.choices(string.ascii_lowercase, k=4))


def unique_name(prefix: str = "u") -> str:
    """A valid username (3-32 of a-z 0-9 _ . -) not used before in this run."""
    return f"{prefix}{_run}{os.getpid() % 10000}x{next(_serial)}"


def unique_word() -> str:
    """A word no other challenge has, for searching only this test's challenges."""
    return "".join(random.choices(string.ascii_lowercase, k=12))


def write_take(path: Path, size: int, seed: int = 0) -> str:
    """Write `size` pseudo-random bytes (a stand-in for audio); answers their sha256."""
    data = random.Random(seed).randbytes(size)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def upload(client: PlatformClient, path: Path, **options: object) -> str:
    """Upload a take with tus; answers the upload URL."""
    uploader = client.uploader()
    metadata = {"filename": path.name, "filetype": "audio/flac", "sha256": sha256_of(path)}
    url = uploader.create(path, metadata)
    uploader.upload(url, path, **options)  # type: ignore[arg-type]
    return url


def contribute(
    client: PlatformClient,
    challenge_id: int,
    path: Path,
    *,
    title: str = "A take",
    role: str = "vocals",
    built_on: Sequence[LineageRef] = (),
) -> Contribution:
    url = upload(client, path, chunk_size=1024 * 1024)
    return client.create_contribution(
        upload_id_from_url(url),
        challenge_id,
        title,
        role,
        built_on,
        idempotency_key=f"job-{unique_name()}",
    )
