"""Media downloads: streamed to a .part, resumed with Range + If-Range, verified by sha256."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from hitrecord_desktop.api import ApiError, Challenge, Contribution, PlatformClient
from tests.api.conftest import MakeClient
from tests.api.helpers import contribute, write_take
from tests.support.cutting_proxy import CuttingProxy

SIZE = 3 * 1024 * 1024


@pytest.fixture
def published(client: PlatformClient, challenge: Challenge, take_dir: Path) -> Contribution:
    take = take_dir / "published.flac"
    write_take(take, SIZE, seed=7)
    return contribute(client, challenge.id, take)


@pytest.fixture
def original(take_dir: Path) -> bytes:
    return (take_dir / "published.flac").read_bytes()


def test_a_download_lands_whole_and_verified(
    client: PlatformClient, published: Contribution, original: bytes, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    dest = client.download_media(
        published, tmp_path / "cache" / "a.flac", progress=lambda d, t: seen.append((d, t))
    )
    assert dest.read_bytes() == original
    assert not (tmp_path / "cache" / "a.flac.part").exists()
    assert seen[-1] == (SIZE, SIZE)


def test_a_partial_part_file_is_resumed_not_fetched_again(
    client: PlatformClient, published: Contribution, original: bytes, tmp_path: Path
) -> None:
    dest = tmp_path / "b.flac"
    have = 1_234_567
    (tmp_path / "b.flac.part").write_bytes(original[:have])
    seen: list[int] = []
    client.download_media(published, dest, progress=lambda done, _total: seen.append(done))
    assert dest.read_bytes() == original
    assert seen[0] > have and seen[0] - have <= 64 * 1024  # first block came after the part
    assert sum(1 for _ in seen) < (SIZE - have) // (64 * 1024) + 2


def test_a_corrupted_part_file_is_detected_and_deleted(
    client: PlatformClient, published: Contribution, original: bytes, tmp_path: Path
) -> None:
    dest = tmp_path / "c.flac"
    part = tmp_path / "c.flac.part"
    damaged = bytearray(original[:1_000_000])
    damaged[500_000] ^= 0xFF
    part.write_bytes(bytes(damaged))
    with pytest.raises(ApiError) as caught:
        client.download_media(published, dest)
    assert caught.value.type == "checksum-mismatch"
    assert "damaged" in str(caught.value)
    assert not part.exists() and not dest.exists()
    client.download_media(published, dest)  # the next try starts clean
    assert dest.read_bytes() == original


def test_a_part_is_not_spliced_onto_a_different_file(
    client: PlatformClient, published: Contribution, original: bytes, tmp_path: Path
) -> None:
    """If-Range carries the ETag we expect; when the server's differs it sends the whole file."""
    stale = dataclasses.replace(published, sha256="0" * 64)  # what we believed the file was
    (tmp_path / "g.flac.part").write_bytes(original[:1_000_000])
    seen: list[int] = []
    with pytest.raises(ApiError) as caught:
        client.download_media(stale, tmp_path / "g.flac", progress=lambda d, _t: seen.append(d))
    assert caught.value.type == "checksum-mismatch"
    assert seen[0] <= 64 * 1024  # fetched from byte 0, not continued after the part
    assert seen[-1] == SIZE


def test_a_part_file_longer_than_the_media_starts_over(
    client: PlatformClient, published: Contribution, original: bytes, tmp_path: Path
) -> None:
    dest = tmp_path / "d.flac"
    (tmp_path / "d.flac.part").write_bytes(original + b"extra")
    client.download_media(published, dest)
    assert dest.read_bytes() == original


def test_a_connection_cut_mid_download_is_resumed(
    make_client: MakeClient,
    published: Contribution,
    original: bytes,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    via_proxy = make_client(proxy.url, signed_in=False)
    contribution = dataclasses.replace(published, media_url=proxy.rewrite(published.media_url))
    proxy.cut_after(SIZE // 2, direction="down")
    dest = via_proxy.download_media(contribution, tmp_path / "e.flac")
    assert proxy.cuts == 1
    assert proxy.connections >= 2
    assert dest.read_bytes() == original


def test_cancel_keeps_the_part_for_later(
    client: PlatformClient, published: Contribution, original: bytes, tmp_path: Path
) -> None:
    cancel = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done > SIZE // 3:
            cancel.set()

    dest = tmp_path / "f.flac"
    with pytest.raises(ApiError) as caught:
        client.download_media(published, dest, progress=progress, cancel=cancel)
    assert caught.value.is_cancelled
    part = tmp_path / "f.flac.part"
    assert SIZE // 3 < part.stat().st_size < SIZE
    client.download_media(published, dest)
    assert dest.read_bytes() == original
