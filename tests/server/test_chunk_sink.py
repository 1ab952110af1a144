"""The sink a tus PATCH body goes through: written and hashed in order off the event loop, and
flushed to disk while it still arrives, without losing a failed flush. No server needed."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import os
import threading
import time
import zlib
from pathlib import Path

import pytest

from hitrecord_desktop.server import chunk_sink
from hitrecord_desktop.server.chunk_sink import ChunkSink
from hitrecord_desktop.server.tus_protocol import Crc32

BLOCK = 256 * 1024


def _blocks(count: int) -> list[bytes]:
    return [os.urandom(BLOCK) for _ in range(count)]


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def _receive(path: Path, blocks: list[bytes], digests: list, pause: float = 0.0) -> None:
    """Like a PATCH: blocks arrive (with `pause` between them), then the sink syncs."""
    with path.open("w+b") as handle:
        async with ChunkSink(handle, digests) as sink:
            for block in blocks:
                await sink.write(block)
                await asyncio.sleep(pause)
            await sink.sync()


def test_bytes_reach_the_file_and_the_digests_in_order(tmp_path: Path) -> None:
    blocks = _blocks(13)  # three batches and a part
    sha256, crc = hashlib.sha256(), Crc32()
    asyncio.run(_receive(tmp_path / "upload", blocks, [sha256, crc]))
    data = b"".join(blocks)
    assert (tmp_path / "upload").read_bytes() == data
    assert sha256.digest() == hashlib.sha256(data).digest()
    assert crc.digest() == zlib.crc32(data).to_bytes(4, "big")


def test_the_file_is_synced_while_bytes_still_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced_sizes: list[int] = []
    real_sync = chunk_sink._datasync

    def watched(fd: int) -> None:
        synced_sizes.append(os.fstat(fd).st_size)
        real_sync(fd)

    monkeypatch.setattr(chunk_sink, "_datasync", watched)
    blocks = _blocks(24)  # six batches, arriving over ~0.25 s
    asyncio.run(_receive(tmp_path / "upload", blocks, [hashlib.sha256()], pause=0.01))
    total = BLOCK * len(blocks)
    assert synced_sizes[-1] == total  # the sync the answer waits for has every byte
    early = [size for size in synced_sizes if size < total]
    assert early, "nothing was synced before the last byte arrived"


def test_a_failed_early_sync_fails_the_final_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linux reports a failed writeback to one fsync only: a later one on the same file
    succeeds although the bytes never reached the disk. The sink must remember."""
    calls: list[int] = []

    def fails_once(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.EIO, "writeback failed")

    monkeypatch.setattr(chunk_sink, "_datasync", fails_once)

    async def receive() -> None:
        with (tmp_path / "upload").open("w+b") as handle:
            async with ChunkSink(handle, []) as sink:
                for block in _blocks(4):
                    await sink.write(block)
                await sink.drain()
                deadline = time.monotonic() + 5
                while not calls and time.monotonic() < deadline:
                    await asyncio.sleep(0.005)  # the early sync, on the sink's own thread
                for block in _blocks(4):
                    await sink.write(block)
                await sink.sync()

    with pytest.raises(OSError, match="writeback failed"):
        asyncio.run(receive())
    assert len(calls) >= 2


def test_a_truncated_chunk_is_synced_as_truncated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rejected chunk is cut off before the sync; what the early syncs wrote goes with it."""
    synced_sizes: list[int] = []
    real_sync = chunk_sink._datasync

    def watched(fd: int) -> None:
        synced_sizes.append(os.fstat(fd).st_size)
        real_sync(fd)

    monkeypatch.setattr(chunk_sink, "_datasync", watched)
    path = tmp_path / "upload"
    kept = os.urandom(1000)
    path.write_bytes(kept)

    async def receive() -> None:
        with path.open("r+b") as handle:
            handle.seek(len(kept))
            async with ChunkSink(handle, []) as sink:
                for block in _blocks(8):
                    await sink.write(block)
                await sink.drain()
                await asyncio.sleep(0.1)  # the early syncs have it all by now
                await sink.truncate(len(kept))
                await sink.sync()

    asyncio.run(receive())
    assert path.read_bytes() == kept
    assert synced_sizes[-1] == len(kept)


def test_a_sync_that_began_after_the_last_write_is_not_repeated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    syncs: list[int] = []
    real_sync = chunk_sink._datasync

    def counted(fd: int) -> None:
        syncs.append(fd)
        real_sync(fd)

    monkeypatch.setattr(chunk_sink, "_datasync", counted)

    async def receive() -> None:
        with (tmp_path / "upload").open("w+b") as handle:
            async with ChunkSink(handle, []) as sink:
                for block in _blocks(8):
                    await sink.write(block)
                await sink.drain()
                await asyncio.sleep(0.1)  # the early syncs have it all by now
                before = len(syncs)
                assert before >= 1
                await sink.sync()
                assert len(syncs) == before

    asyncio.run(receive())


def _sink_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("upload-")]


def _wait_for_sink_threads_to_end() -> None:
    deadline = time.monotonic() + 5
    while _sink_threads() and time.monotonic() < deadline:
        time.sleep(0.01)  # a syncer ends, closing its descriptor, just after the answer


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors in /proc")
def test_no_descriptor_or_thread_is_left_behind(tmp_path: Path) -> None:
    _wait_for_sink_threads_to_end()  # those of the tests before
    before_fds = _open_fds()
    for attempt in range(3):
        asyncio.run(_receive(tmp_path / f"upload-{attempt}", _blocks(6), [hashlib.sha256()]))
    _wait_for_sink_threads_to_end()
    assert not _sink_threads()
    assert _open_fds() == before_fds


def test_small_blocks_are_synced_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks smaller than the file's buffer must not wait there, unseen by the sync."""
    synced_sizes: list[int] = []
    real_sync = chunk_sink._datasync

    def watched(fd: int) -> None:
        synced_sizes.append(os.fstat(fd).st_size)
        real_sync(fd)

    monkeypatch.setattr(chunk_sink, "_datasync", watched)
    blocks = [os.urandom(1000) for _ in range(3)]
    asyncio.run(_receive(tmp_path / "upload", blocks, []))
    assert synced_sizes[-1] == 3000
