"""Lock-free single-producer single-consumer rings between the audio callback and the writer.

`SampleRing` carries float32 frames; `EventRing` carries (position, kind, frames) dropout events.
Both are preallocated: the producer side (the audio callback) copies into the ring and advances
its own index; it never waits, takes no lock and creates no arrays.

Why plain attributes are enough: each index is written by one thread only (the producer owns
`_written`, the consumer owns `_read`) and read by the other. Storing a Python int into an
attribute is a single bytecode that rebinds one pointer while holding the GIL, so the other thread
sees either the old or the new value, never a torn one. The GIL hand-off is also a full memory
barrier, and the producer stores its index only after the copy has returned, so a consumer that
sees the new index also sees the frames behind it. Both counters grow monotonically (Python ints
do not overflow); a slot is `counter % capacity`, and `written - read` is the fill level.

What "allocates nothing" means in CPython: `write()` allocates no array data and grows nothing.
It does create a few short-lived objects that the interpreter cannot avoid (ints above 256 from
index arithmetic, the ndarray view objects of the destination slices); they come from pymalloc's
free lists, are freed before `write()` returns, and none is tracked by the cyclic GC, so they can
never trigger a collection in the callback. tests/audio/test_sample_ring.py measures this with
tracemalloc: no net growth over 100,000 writes and a transient peak of a few hundred bytes.
"""

from __future__ import annotations

import numpy as np

# Dropout kinds, as small ints so the callback stores no strings.
INPUT_OVERFLOW = 1  # the device reported an input overflow (input lost before it reached us)
OUTPUT_UNDERFLOW = 2  # the device reported an output underflow (playback glitched)
RING_OVERFLOW = 3  # the writer fell behind and the ring was full: `frames` frames were dropped

KIND_NAMES = {
    INPUT_OVERFLOW: "input-overflow",
    OUTPUT_UNDERFLOW: "output-underflow",
    # Input frames lost on the way to disk are an input overflow for the user; the writer puts
    # silence in their place so that the rest of the take stays in sync with the timeline.
    RING_OVERFLOW: "input-overflow",
}


class SampleRing:
    """A ring of `capacity` frames × `channels` float32 samples, one producer, one consumer."""

    def __init__(self, capacity: int, channels: int) -> None:
        if capacity <= 0 or channels <= 0:
            raise ValueError("capacity and channels must be positive")
        self.capacity = capacity
        self.channels = channels
        self._buffer = np.zeros((capacity, channels), dtype=np.float32)
        self._written = 0  # frames ever written; stored by the producer only
        self._read = 0  # frames ever read; stored by the consumer only
        self.overflows = 0  # writes refused because the ring was full (producer only)
        self.dropped_frames = 0  # frames in those writes (producer only)

    # -- producer (the audio callback) -------------------------------------------------------

    def write(self, block: np.ndarray) -> bool:
        """Copies a (frames, channels) block in, or drops it whole and returns False when full.

        Never blocks: a full ring means the consumer is behind, and waiting in the audio callback
        would turn that into a glitch for everything else the callback does.
        """
        frames = len(block)
        written = self._written
        if frames > self.capacity - (written - self._read):
            self.overflows += 1
            self.dropped_frames += frames
            return False
        start = written % self.capacity
        first = self.capacity - start
        if frames <= first:
            np.copyto(self._buffer[start : start + frames], block)
        else:
            np.copyto(self._buffer[start:], block[:first])
            np.copyto(self._buffer[: frames - first], block[first:])
        self._written = written + frames  # publish only after the copy
        return True

    # -- consumer (the writer thread) --------------------------------------------------------

    def available(self) -> int:
        """Frames ready to read."""
        return self._written - self._read

    def read_into(self, out: np.ndarray, max_frames: int | None = None) -> int:
        """Copies up to len(out) (and max_frames) frames into `out`; returns how many."""
        read = self._read
        frames = min(len(out), self._written - read)
        if max_frames is not None:
            frames = min(frames, max_frames)
        if frames <= 0:
            return 0
        start = read % self.capacity
        first = min(frames, self.capacity - start)
        np.copyto(out[:first], self._buffer[start : start + first])
        if frames > first:
            np.copyto(out[first:frames], self._buffer[: frames - first])
        self._read = read + frames  # free the slots only after copying them out
        return frames


class EventRing:
    """A ring of (position, kind, frames) int64 events, one producer, one consumer.

    The three fields live in separate preallocated arrays, so that a store is an integer index
    into a 1-D array: no tuple, no view, no allocation.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self.capacity = capacity
        self._position = np.zeros(capacity, dtype=np.int64)
        self._kind = np.zeros(capacity, dtype=np.int64)
        self._frames = np.zeros(capacity, dtype=np.int64)
        self._written = 0
        self._read = 0
        self.lost = 0  # events refused because the ring was full (producer only)

    def push(self, position: int, kind: int, frames: int = 0) -> bool:
        written = self._written
        if written - self._read >= self.capacity:
            self.lost += 1
            return False
        slot = written % self.capacity
        self._position[slot] = position
        self._kind[slot] = kind
        self._frames[slot] = frames
        self._written = written + 1
        return True

    def available(self) -> int:
        return self._written - self._read

    def peek(self) -> tuple[int, int, int] | None:
        """The oldest unread event, without consuming it (consumer only)."""
        read = self._read
        if read == self._written:
            return None
        slot = read % self.capacity
        return int(self._position[slot]), int(self._kind[slot]), int(self._frames[slot])

    def pop(self) -> tuple[int, int, int] | None:
        event = self.peek()
        if event is not None:
            self._read += 1
        return event
