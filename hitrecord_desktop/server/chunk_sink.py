"""Writes and hashes a request body on a worker thread while the event loop keeps receiving.

Measured on our 2-core machines: with the write, the whole-file SHA-256 and the chunk checksum
done inline, the event loop was the bottleneck of a tus upload (1.1 s of server CPU per 200 MB
against 0.65 s for a bare PUT). File writes, hashlib and zlib release the GIL for large buffers,
so batching the body into ~1 MiB pieces and handing them to one thread in order puts that work
on the other core. At most a few batches are in flight, so memory stays bounded when the disk is
slower than the network.
"""

from __future__ import annotations

import asyncio
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

BATCH_BYTES = 1 << 20
MAX_IN_FLIGHT = 4


class ChunkSink:
    """Appends bytes to `handle` and feeds them to `digests`, in arrival order, off the loop.

    Use as `async with ChunkSink(handle, digests) as sink: await sink.write(block)`; leaving the
    block waits for every byte to be written and hashed (and re-raises a worker's error).
    """

    def __init__(self, handle: BinaryIO, digests: list[Any]) -> None:
        self._handle = handle
        self._digests = digests
        self._pending: list[bytes] = []
        self._pending_bytes = 0
        self._in_flight: deque[asyncio.Future[None]] = deque()
        # One worker per sink: its queue keeps the batches in order.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-sink")

    async def __aenter__(self) -> ChunkSink:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        try:
            if exc_info[0] is None:
                await self.drain()
            else:  # keep the first error; still let queued writes finish before the caller
                await asyncio.gather(*self._in_flight, return_exceptions=True)
        finally:
            self._executor.shutdown(wait=True)

    async def write(self, block: bytes) -> None:
        self._pending.append(block)
        self._pending_bytes += len(block)
        if self._pending_bytes >= BATCH_BYTES:
            await self._submit()

    async def drain(self) -> None:
        """Waits until everything written so far is in the file and the digests."""
        await self._submit()
        while self._in_flight:
            await self._in_flight.popleft()

    async def _submit(self) -> None:
        if not self._pending:
            return
        data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        self._pending, self._pending_bytes = [], 0
        future = self._executor.submit(self._consume, data)
        self._in_flight.append(asyncio.wrap_future(future))
        if len(self._in_flight) > MAX_IN_FLIGHT:
            await self._in_flight.popleft()

    def _consume(self, data: bytes) -> None:
        self._handle.write(data)
        for digest in self._digests:
            digest.update(data)
