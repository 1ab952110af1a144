"""A recording process for the crash tests: feeds a counter signal into a TakeWriter.

Usage: python -m tests.audio.take_child MODE FOLDER FORMAT COUNTER_FILE [FILE_SIZE_LIMIT]
  MODE "realtime": 256-frame blocks paced by the clock until killed.
  MODE "diskfull": blocks as fast as the ring takes them, under RLIMIT_FSIZE, until the writer
  stops; prints the TakeResult as JSON.
Frame k carries k / 2**23 on the left channel and its negative on the right, exact in 24 bits, so
that a test can tell which frames survived and that they are in order. COUNTER_FILE is an 8-byte
mmap where the child stores how many frames it has handed to the writer.
"""

from __future__ import annotations

import json
import mmap
import resource
import signal
import struct
import sys
import time
from pathlib import Path

import numpy as np

from hitrecord_desktop.audio.take_writer import TakeSpec, TakeWriter

RATE = 48_000
BLOCK = 256


def counter_block(start: int, frames: int = BLOCK) -> np.ndarray:
    k = np.arange(start, start + frames, dtype=np.float64) % (1 << 22)
    return np.stack([k / 2**23, -k / 2**23], axis=1).astype(np.float32)


def main(argv: list[str]) -> int:
    mode, folder, file_format, counter_path = argv[:4]
    if mode == "diskfull":
        limit = int(argv[4])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    with open(counter_path, "r+b") as handle:
        counter = mmap.mmap(handle.fileno(), 8)
    spec = TakeSpec(
        "take-" + file_format, "project-1", "track-1", 96_000, 128, RATE, 2, file_format
    )
    writer = TakeWriter(Path(folder), spec)
    writer.start()
    # Blocks are made ahead of time: the loop does what a callback would, nothing more.
    blocks = [counter_block(i * BLOCK) for i in range(RATE * 30 // BLOCK)]
    print("started", flush=True)
    fed = 0
    if mode == "realtime":
        next_at = time.monotonic()
        for block in blocks:
            writer.write(block)
            fed += BLOCK
            struct.pack_into("<q", counter, 0, fed)
            next_at += BLOCK / RATE
            time.sleep(max(0.0, next_at - time.monotonic()))
        return 1  # should have been killed long before
    for block in blocks:
        while writer._ring.available() > writer._ring.capacity - BLOCK and not writer.failed:
            time.sleep(0.001)  # feed only what fits: this test is about the disk, not the ring
        if writer.failed:
            break
        writer.write(block)
        fed += BLOCK
        struct.pack_into("<q", counter, 0, fed)
    result = writer.stop()
    print(
        json.dumps(
            {
                "state": result.state,
                "frames": result.frames,
                "path": str(result.path),
                "error": result.error,
                "needs_repair": result.needs_repair,
                "ring_overflows": result.ring_overflows,
                "fed": fed,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
