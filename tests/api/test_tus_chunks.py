"""How the tus client cuts a file into chunks: sizes fitted to the link, the checksums read ahead
for the next chunk, and the chunk body read from disk as it is sent. No server: these are the
client's own rules, checked against simulated links and a file on disk."""

from __future__ import annotations

import base64
import hashlib
import os
import threading
import time
import zlib
from pathlib import Path

import pytest

from hitrecord_desktop.api import ApiError
from hitrecord_desktop.api.tus_client import (
    _CHECKSUMS,
    ChunkSizer,
    _Cancelled,
    _ChunkBody,
    _ChunkReader,
)

KIB = 1024
MIB = 1024 * KIB


def _requests_for(size: int, bytes_per_second: float, overhead: float = 0.02) -> list[int]:
    """The chunk sizes an upload of `size` bytes uses over a link of that rate, where each
    request also costs `overhead` seconds (round trip, server sync)."""
    sizer = ChunkSizer(None)
    sent, chunks = 0, []
    while sent < size:
        length = min(sizer.size, size - sent)
        chunks.append(length)
        sizer.record(True, overhead + length / bytes_per_second, length)
        sent += length
    return chunks


def test_a_fast_link_reaches_the_largest_chunks_in_three_steps() -> None:
    assert _requests_for(200 * MIB, 400e6) == [4 * MIB, 16 * MIB, 64 * MIB, 116 * MIB]
    chunks = _requests_for(1024 * MIB, 400e6)
    assert chunks == [4 * MIB, 16 * MIB, 64 * MIB, 256 * MIB, 256 * MIB, 256 * MIB, 172 * MIB]


def test_a_slow_link_settles_on_chunks_of_about_two_seconds() -> None:
    chunks = _requests_for(40 * MIB, 1e6, overhead=0.05)
    assert chunks[0] == 4 * MIB  # 4.2 s: too long for one failure to re-send
    settled = chunks[1:-1]
    assert settled and all(1.0 <= size / 1e6 <= 4.0 for size in settled), chunks


def test_a_link_that_slows_down_gets_smaller_chunks_at_once() -> None:
    sizer = ChunkSizer(None)
    sizer.size = 64 * MIB
    sizer.record(True, 60.0, 64 * MIB)  # ~1.1 MB/s now
    assert sizer.size == 16 * MIB  # at most a quarter at a time
    sizer.record(True, 5.0, 16 * MIB)  # ~3.4 MB/s
    assert sizer.size == int(16 * MIB * 2.0 / 5.0)


def test_chunks_that_take_one_to_four_seconds_keep_their_size() -> None:
    sizer = ChunkSizer(None)
    for seconds in (1.0, 2.5, 4.0):
        sizer.record(True, seconds, sizer.size)
        assert sizer.size == ChunkSizer.START


def test_a_failed_chunk_halves_the_size_down_to_the_smallest() -> None:
    sizer = ChunkSizer(None)
    sizes = []
    for _ in range(8):
        sizer.record(False, 0.1, sizer.size)
        sizes.append(sizer.size)
    assert sizes[:3] == [2 * MIB, 1 * MIB, 512 * KIB]
    assert sizes[-1] == ChunkSizer.MIN


def test_the_read_ahead_is_as_large_as_the_next_chunk_may_grow() -> None:
    sizer = ChunkSizer(None)
    assert sizer.ahead_size() == 16 * MIB  # nothing measured yet
    sizer.record(True, 0.03, 4 * MIB)
    assert sizer.size == 16 * MIB and sizer.ahead_size() == 64 * MIB
    sizer.record(True, 2.0, 16 * MIB)  # a slower link after all: sizes stay
    assert sizer.ahead_size() == 16 * MIB


def test_a_fixed_size_never_changes() -> None:
    sizer = ChunkSizer(3 * MIB)
    sizer.record(True, 0.001, 3 * MIB)
    sizer.record(False, 9.0, 3 * MIB)
    sizer.record(True, 60.0, 3 * MIB)
    assert sizer.size == 3 * MIB


@pytest.fixture
def take(tmp_path: Path) -> tuple[Path, bytes]:
    data = os.urandom(3 * MIB + 12345)
    path = tmp_path / "take.wav"
    path.write_bytes(data)
    return path, data


def _crc32_header(data: bytes) -> str:
    return "crc32 " + base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def _sent(path: Path, offset: int, length: int, cancel: threading.Event | None = None) -> bytes:
    return b"".join(bytes(block) for block in _ChunkBody(path, offset, length, cancel))


def test_chunks_of_changing_sizes_come_with_their_checksums(take: tuple[Path, bytes]) -> None:
    path, data = take
    lengths = []
    with _ChunkReader(path, len(data), "crc32") as reader:
        offset = 0
        for asked in (256 * KIB, 1 * MIB, 2 * MIB, 2 * MIB, 2 * MIB):
            length, header = reader.read(offset, asked)
            assert header == _crc32_header(data[offset : offset + length])
            lengths.append(length)
            offset += length
            if offset == len(data):
                break
    # Without a longer read-ahead, a chunk read ahead has the size asked for one call earlier.
    assert lengths == [256 * KIB, 256 * KIB, 1 * MIB, len(data) - 3 * MIB // 2]


def test_a_chunk_is_sent_as_it_is_on_disk(take: tuple[Path, bytes]) -> None:
    path, data = take
    body = _ChunkBody(path, 100, 2 * MIB + 7, None)
    assert len(body) == 2 * MIB + 7  # requests sends a Content-Length, not chunked encoding
    assert _sent(path, 100, 2 * MIB + 7) == data[100 : 100 + 2 * MIB + 7]
    assert _sent(path, len(data) - 5, 5) == data[-5:]


def test_a_chunk_being_sent_stops_when_cancelled(take: tuple[Path, bytes]) -> None:
    path, _data = take
    cancel = threading.Event()
    blocks = iter(_ChunkBody(path, 0, 2 * MIB, cancel))
    next(blocks)
    cancel.set()
    with pytest.raises(_Cancelled):
        next(blocks)


def test_a_chunk_of_a_file_that_shrank_is_not_sent(take: tuple[Path, bytes]) -> None:
    path, data = take
    with path.open("r+b") as handle:
        handle.truncate(1 * MIB)
    with pytest.raises(ApiError, match="changed since its upload began"):
        _sent(path, 0, len(data))


def test_a_chunk_read_ahead_for_growth_is_cut_to_the_size_chosen(
    take: tuple[Path, bytes],
) -> None:
    path, data = take
    for chosen, expected in ((1 * MIB, 1 * MIB), (700 * KIB, 512 * KIB), (100 * KIB, 256 * KIB)):
        with _ChunkReader(path, len(data), "crc32") as reader:
            reader.read(0, 256 * KIB, 1 * MIB)
            length, header = reader.read(256 * KIB, chosen)
            assert length == expected
            assert header == _crc32_header(data[256 * KIB : 256 * KIB + expected])
            at = 256 * KIB + expected
            length, header = reader.read(at, chosen)
            assert header == _crc32_header(data[at : at + length])


class _SmallSizer(ChunkSizer):
    MIN, START, MAX = 16 * KIB, 64 * KIB, 1 * MIB


def test_sizes_grow_without_waiting_a_chunk_for_the_read_ahead(
    take: tuple[Path, bytes],
) -> None:
    """The upload loop's use of the two: on a fast link each step up comes at once."""
    path, data = take
    sizer, sent, chunks = _SmallSizer(None), 0, []
    with _ChunkReader(path, len(data), "sha1") as reader:
        while sent < len(data):
            length, header = reader.read(sent, sizer.size, sizer.ahead_size())
            digest = hashlib.sha1(data[sent : sent + length]).digest()
            assert header == "sha1 " + base64.b64encode(digest).decode()
            chunks.append(length)
            sizer.record(True, 0.01, length)
            sent += length
    assert chunks[:4] == [64 * KIB, 256 * KIB, 1 * MIB, 1 * MIB]
    assert sum(chunks) == len(data)


def test_a_chunk_asked_for_again_after_a_failure(take: tuple[Path, bytes]) -> None:
    """After a failed chunk the server may want an offset other than the one read ahead."""
    path, data = take
    with _ChunkReader(path, len(data), "crc32") as reader:
        reader.read(0, 1 * MIB)
        # The first chunk failed: send it again; then the server kept part of it.
        for offset in (0, 700 * KIB, 700 * KIB + 1 * MIB):
            assert reader.read(offset, 1 * MIB) == (
                1 * MIB,
                _crc32_header(data[offset : offset + 1 * MIB]),
            )


def test_without_a_checksum_nothing_is_read_ahead(take: tuple[Path, bytes]) -> None:
    path, data = take
    with _ChunkReader(path, len(data), None) as reader:
        assert reader.read(0, 1 * MIB, 4 * MIB) == (1 * MIB, None)
        assert reader.read(1 * MIB, 4 * MIB) == (len(data) - 1 * MIB, None)


class _SlowDigest:
    """A checksum that takes 10 ms a block: a read-ahead of 3 MiB in 64 KiB blocks, ~0.5 s."""

    def update(self, _data: bytes) -> None:
        time.sleep(0.01)

    def digest(self) -> bytes:
        return b"0000"


def test_closing_the_reader_stops_a_read_ahead_at_once(
    take: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cancelled upload closes its reader; a read-ahead may be 256 MiB long."""

    monkeypatch.setitem(_CHECKSUMS, "crc32", _SlowDigest)
    monkeypatch.setattr(_ChunkReader, "BLOCK", 64 * KIB)
    path, data = take
    reader = _ChunkReader(path, len(data), "crc32")
    with reader:
        reader.read(0, 64 * KIB, 3 * MIB)  # the read-ahead alone takes ~0.5 s
        time.sleep(0.02)
        started = time.monotonic()
    assert time.monotonic() - started < 0.1


def test_cancel_stops_a_wait_for_the_read_ahead_at_once(
    take: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(_CHECKSUMS, "crc32", _SlowDigest)
    monkeypatch.setattr(_ChunkReader, "BLOCK", 64 * KIB)
    path, data = take
    cancel = threading.Event()
    with _ChunkReader(path, len(data), "crc32", cancel) as reader:
        reader.read(0, 64 * KIB, 3 * MIB)  # the read-ahead alone takes ~0.5 s
        threading.Timer(0.05, cancel.set).start()
        started = time.monotonic()
        with pytest.raises(_Cancelled):
            reader.read(64 * KIB, 3 * MIB)
        assert time.monotonic() - started < 0.15


def test_a_file_that_shrank_is_refused(take: tuple[Path, bytes]) -> None:
    path, data = take
    with _ChunkReader(path, len(data), "crc32") as reader:
        reader.read(0, 1 * MIB)
        with path.open("r+b") as handle:
            handle.truncate(2 * MIB)
        with pytest.raises(ApiError, match="changed since its upload began"):
            reader.read(1 * MIB, 1 * MIB)  # read ahead before the cut: still whole
            reader.read(2 * MIB, 1 * MIB)
