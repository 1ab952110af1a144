"""The media cache against the real server: content-addressed files, Range resume across
restarts, If-Range, LRU eviction under a limit, pins, damaged files and a damaged index."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import threading
from pathlib import Path

import pytest

from hitrecord_desktop.api import ApiError, PlatformClient
from hitrecord_desktop.sync.media_cache import (
    INDEX_NAME,
    MediaCache,
    MediaCacheError,
    MediaTooLarge,
)
from tests.support.cutting_proxy import CuttingProxy

from .conftest import PIECE_SIZE, MakeClient, Piece, via

HEADERS_SLACK = 4096  # response headers and the like, beyond the body bytes


def test_a_fetch_lands_under_its_sha256_and_is_found_again(
    make_client: MakeClient, proxy: CuttingProxy, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client(proxy.url)
    contribution = via(client, pieces[0])
    seen: list[tuple[int, int]] = []
    path = cache.fetch(client, contribution, progress=lambda d, t: seen.append((d, t)))
    assert path.name == f"{contribution.sha256}.flac"
    assert path.read_bytes() == pieces[0].data
    assert seen[-1] == (PIECE_SIZE, PIECE_SIZE)
    connections = proxy.connections
    assert cache.fetch(client, contribution) == path  # no second download
    assert cache.path_for(contribution) == path
    assert proxy.connections == connections
    assert cache.usage().total_bytes == PIECE_SIZE


def test_a_download_cut_midway_resumes_after_a_restart_and_fetches_only_the_rest(
    make_client: MakeClient, proxy: CuttingProxy, cache_dir: Path, pieces: list[Piece]
) -> None:
    fragile = make_client(proxy.url, retries=0)  # gives up at the first cut
    contribution = via(fragile, pieces[1])
    proxy.cut_after(PIECE_SIZE // 2, direction="down")
    with pytest.raises(ApiError) as caught:
        MediaCache(cache_dir, 10 * PIECE_SIZE).fetch(fragile, contribution)
    assert caught.value.is_network_error
    part = cache_dir / f"{contribution.sha256}.flac.part"
    have = part.stat().st_size
    assert 0 < have < PIECE_SIZE

    restarted = MediaCache(cache_dir, 10 * PIECE_SIZE)  # a new run of the app
    assert restarted.usage().partial == 1
    before = proxy.bytes_down
    path = restarted.fetch(make_client(proxy.url), contribution)
    assert path.read_bytes() == pieces[1].data
    sent_again = proxy.bytes_down - before
    assert PIECE_SIZE - have <= sent_again <= PIECE_SIZE - have + HEADERS_SLACK
    assert not part.exists()
    assert restarted.usage().partial == 0


def test_a_part_of_other_bytes_is_not_spliced_the_whole_file_is_fetched(
    make_client: MakeClient, proxy: CuttingProxy, cache: MediaCache, pieces: list[Piece]
) -> None:
    """The server now serves other bytes than our part came from: If-Range carries the ETag we
    expect, the server answers with the whole (other) file, and its hash refuses it."""
    client = make_client(proxy.url)
    believed = via(client, pieces[2])
    part = cache.folder / f"{believed.sha256}.flac.part"
    part.write_bytes(pieces[2].data[: PIECE_SIZE // 2])
    changed = dataclasses.replace(believed, media_url=via(client, pieces[3]).media_url)
    seen: list[int] = []
    before = proxy.bytes_down
    with pytest.raises(ApiError) as caught:
        cache.fetch(client, changed, progress=lambda done, _total: seen.append(done))
    assert caught.value.type == "checksum-mismatch"
    assert seen[0] <= 64 * 1024  # counted from byte 0: the whole file came
    assert proxy.bytes_down - before >= PIECE_SIZE
    assert not part.exists()
    assert cache.path_for(believed) is None
    assert cache.usage().total_bytes == 0
    assert cache.fetch(client, believed).read_bytes() == pieces[2].data


def test_least_recently_used_files_go_first_and_a_lower_limit_applies_at_once(
    make_client: MakeClient, cache_dir: Path, pieces: list[Piece]
) -> None:
    client = make_client()
    cache = MediaCache(cache_dir, int(2.5 * PIECE_SIZE))
    a, b, c = (via(client, p) for p in pieces[:3])
    cache.fetch(client, a)
    cache.fetch(client, b)
    assert cache.path_for(a) is not None  # a is now more recently used than b
    cache.fetch(client, c)
    assert cache.path_for(b) is None
    assert cache.path_for(a) is not None and cache.path_for(c) is not None
    assert cache.usage().total_bytes == 2 * PIECE_SIZE <= cache.limit
    assert sorted(p.name for p in cache_dir.glob("*.flac")) == sorted(
        f"{x.sha256}.flac" for x in (a, c)
    )

    cache.set_limit(PIECE_SIZE)  # c was used last
    assert cache.path_for(a) is None
    assert cache.path_for(c) is not None
    assert cache.usage().files == 1

    survivor = MediaCache(cache_dir, PIECE_SIZE)  # the order survives a restart
    survivor.fetch(client, a)
    assert survivor.path_for(c) is None and survivor.path_for(a) is not None


def test_pinned_files_survive_eviction_until_released(
    make_client: MakeClient, cache_dir: Path, pieces: list[Piece]
) -> None:
    client = make_client()
    cache = MediaCache(cache_dir, 2 * PIECE_SIZE)
    a, b, c = (via(client, p) for p in pieces[:3])
    cache.fetch(client, a)
    with cache.pin([a.sha256]):
        cache.fetch(client, b)
        cache.fetch(client, c)  # a is the least recently used, but pinned: b goes
        assert cache.path_for(a) is not None
        assert cache.path_for(b) is None
        cache.set_limit(PIECE_SIZE)  # only c can go
        assert cache.path_for(c) is None
        assert cache.path_for(a) is not None
        cache.fetch(client, b)  # over the limit while a is pinned and b is fresh
        assert cache.usage().total_bytes == 2 * PIECE_SIZE
    assert cache.usage().total_bytes == PIECE_SIZE  # released: back under the limit
    assert cache.path_for(b) is not None


def test_a_file_being_written_is_never_evicted(
    make_client: MakeClient, cache_dir: Path, pieces: list[Piece]
) -> None:
    client = make_client()
    cache = MediaCache(cache_dir, int(1.5 * PIECE_SIZE))
    slow, other = via(client, pieces[0]), via(client, pieces[1])
    halfway, go_on = threading.Event(), threading.Event()

    def progress(done: int, _total: int) -> None:
        if done >= PIECE_SIZE // 2 and not halfway.is_set():
            halfway.set()
            go_on.wait(10)

    result: list[Path] = []
    worker = threading.Thread(
        target=lambda: result.append(cache.fetch(client, slow, progress=progress))
    )
    worker.start()
    assert halfway.wait(10)
    part = cache_dir / f"{slow.sha256}.flac.part"
    cache.fetch(client, other)  # needs room that only evicting the download would give
    assert part.exists()
    go_on.set()
    worker.join(10)
    assert result and result[0].read_bytes() == pieces[0].data
    assert cache.usage().total_bytes <= cache.limit  # the older one went once both were done


def test_two_threads_asking_for_one_file_download_it_once(
    make_client: MakeClient, proxy: CuttingProxy, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client(proxy.url)
    contribution = via(client, pieces[4])
    before = proxy.bytes_down
    paths: list[Path] = []
    workers = [
        threading.Thread(target=lambda: paths.append(cache.fetch(client, contribution)))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(20)
    assert len(paths) == 3 and len(set(paths)) == 1
    assert PIECE_SIZE <= proxy.bytes_down - before < 2 * PIECE_SIZE


def test_a_cached_file_of_the_wrong_size_is_dropped_not_served(
    make_client: MakeClient,
    cache: MediaCache,
    pieces: list[Piece],
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = make_client()
    contribution = via(client, pieces[0])
    path = cache.fetch(client, contribution)
    with path.open("r+b") as damaged:
        damaged.truncate(PIECE_SIZE - 1000)
    with caplog.at_level(logging.WARNING):
        assert cache.path_for(contribution) is None
    assert "not 1048576" in caplog.text
    assert not path.exists()
    assert cache.usage().files == 0
    assert cache.fetch(client, contribution).read_bytes() == pieces[0].data


def test_a_damaged_index_is_rebuilt_from_the_files(
    make_client: MakeClient, cache_dir: Path, pieces: list[Piece], caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client()
    cache = MediaCache(cache_dir, 10 * PIECE_SIZE)
    kept = [via(client, p) for p in pieces[:2]]
    for contribution in kept:
        cache.fetch(client, contribution)
    partial = via(client, pieces[2])
    (cache_dir / f"{partial.sha256}.flac.part").write_bytes(pieces[2].data[:300_000])
    index = cache_dir / INDEX_NAME
    for leftover in cache_dir.glob(INDEX_NAME + "-*"):
        leftover.unlink()
    index.write_bytes(b"this is not a database" * 100)

    with caplog.at_level(logging.WARNING):
        rebuilt = MediaCache(cache_dir, 10 * PIECE_SIZE)
    assert "damaged" in caplog.text
    assert "rebuilt the media cache index" in caplog.text
    assert (cache_dir / (INDEX_NAME + ".broken")).exists()
    for contribution in kept:
        assert rebuilt.path_for(contribution) is not None
    usage = rebuilt.usage()
    assert (usage.files, usage.partial) == (2, 1)
    assert rebuilt.fetch(client, partial).read_bytes() == pieces[2].data


def test_an_index_damaged_while_running_is_rebuilt_and_the_cache_goes_on(
    make_client: MakeClient,
    cache: MediaCache,
    pieces: list[Piece],
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = make_client()
    contribution = via(client, pieces[0])
    cache.fetch(client, contribution)
    index = cache.folder / INDEX_NAME
    with sqlite3.connect(index) as conn:  # the WAL back into the file, then scribble on it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with index.open("r+b") as scribble:
        scribble.seek(0)
        scribble.write(b"\0" * 100)
    with caplog.at_level(logging.WARNING):
        assert cache.path_for(contribution) is not None
    assert "damaged" in caplog.text


def test_a_file_larger_than_the_whole_cache_is_refused_with_a_reason(
    make_client: MakeClient, cache_dir: Path, pieces: list[Piece]
) -> None:
    client = make_client()
    cache = MediaCache(cache_dir, PIECE_SIZE // 2)
    with pytest.raises(MediaTooLarge, match="more than the whole media cache"):
        cache.fetch(client, via(client, pieces[0]))
    assert cache.usage().total_bytes == 0


def test_clear_keeps_pinned_files(
    make_client: MakeClient, cache: MediaCache, pieces: list[Piece]
) -> None:
    client: PlatformClient = make_client()
    a, b = via(client, pieces[0]), via(client, pieces[1])
    cache.fetch(client, a)
    cache.fetch(client, b)
    with cache.pin([b.sha256]):
        assert cache.clear() == 1
    assert cache.path_for(a) is None and cache.path_for(b) is not None


def test_an_index_that_cannot_be_opened_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "media"
    (folder / INDEX_NAME).mkdir(parents=True)  # something in the way that is no file at all
    with pytest.raises(MediaCacheError, match="cannot be used"):
        MediaCache(folder, PIECE_SIZE)
