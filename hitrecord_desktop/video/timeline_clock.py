"""Maps a moment on the monotonic clock to the timeline sample the performer heard at that moment.

The audio engine is the master clock, and it keeps only a counter: `position`, the timeline
sample of its next output block, advanced once per callback. This clock watches that counter
from a thread of its own (every `poll_s`) without touching the callback: each time it sees the
counter move, it notes (now, position); the block just rendered then is heard `output_latency`
samples later. The offset between the timeline and the monotonic clock (at the engine's nominal
rate) is the median of the last `window` notes: a callback run early or late, or a late look,
moves one note, not the median. A jump (a seek, the count-in's start) starts the notes afresh.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections import deque
from collections.abc import Callable


class TimelineClock:
    def __init__(
        self,
        read_position: Callable[[], int],
        rate: int,
        block: int,
        *,
        output_latency: int = 0,
        poll_s: float = 0.001,
        window: int = 101,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._read = read_position
        self.rate = rate
        self.block = block
        self.output_latency = output_latency
        self._poll_s = poll_s
        self._clock = clock
        self._notes: deque[float] = deque(maxlen=window)
        self._offset: float | None = None
        self._last = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.jumps = 0

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="timeline-clock", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=2)

    def note(self, now: float, position: int) -> None:
        """One look at the engine's counter (the polling thread's; tests call it directly)."""
        last = self._last
        self._last = position
        if last is None or position == last:
            return
        if not 0 < position - last <= 16 * self.block:
            self._notes.clear()  # a seek or a jump: the old notes describe another timeline
            self._offset = None
            self.jumps += 1
            return
        # The last callback rendered the block just before the counter's new value.
        self._notes.append(position - self.block - now * self.rate)
        self._offset = statistics.median(self._notes)

    def sample_at(self, moment: float) -> float | None:
        """The timeline sample heard at `moment` (monotonic seconds); None until the engine's
        counter has been seen moving."""
        offset = self._offset
        if offset is None:
            return None
        return offset + moment * self.rate - self.output_latency

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.note(self._clock(), self._read())
            time.sleep(self._poll_s)
