"""What every fault test checks at the end: the file arrived byte-identical, exactly once."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hitrecord_desktop.api import PlatformClient


def assert_arrived_once(server_url: str, challenge_id: int, path: Path, tmp_path: Path) -> int:
    """Exactly one contribution of the challenge holds these bytes, and its media, downloaded
    back, hashes to the file's sha256. Answers the contribution's id."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with PlatformClient(server_url) as anyone:
        contributions = list(anyone.iter_contributions(challenge_id))
        same = [c for c in contributions if c.sha256 == digest]
        assert len(same) == 1, f"{len(same)} contributions hold {path.name}"
        copy = anyone.download_media(same[0], tmp_path / f"back-{path.name}")
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == digest
        return same[0].id


def contribution_count(server_url: str, challenge_id: int) -> int:
    with PlatformClient(server_url) as anyone:
        return sum(1 for _ in anyone.iter_contributions(challenge_id))
