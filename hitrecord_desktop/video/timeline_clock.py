"""Maps a moment on the monotonic clock to the timeline sample the performer heard at that moment.

The audio engine is the master clock, and it keeps only a counter: `position`, the timeline
sample of its next output block, advanced once per callback. This clock watches that counter
from a thread of its own (every `poll_s`) without touching the callback: each time it sees the
counter move, it notes (now, block start); the block just rendered is heard `output_latency`
samples later. A straight line is fitted through the last `window` notes (about two seconds),
with notes far off the line (a burst of callbacks at a stream's start, a late look) left out:
the slope follows the sound card's clock, which on these machines runs measurably off the
nominal rate against the monotonic clock (0.15 % seen with PulseAudio's null sink). A jump (a
seek, the count-in's start) starts the notes afresh.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

import numpy as np

FIT_SPAN_S = 1.5
MAX_RATE_ERROR = 0.005


class TimelineClock:
    def __init__(
        self,
        read_position: Callable[[], int],
        rate: int,
        block: int,
        *,
        output_latency: int = 0,
        poll_s: float = 0.001,
        window: int = 400,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._read = read_position
        self.rate = rate
        self.block = block
        self.output_latency = output_latency
        self._poll_s = poll_s
        self._clock = clock
        self._notes: deque[tuple[float, int]] = deque(maxlen=window)
        self._line: tuple[float, float, float] | None = None  # (t0, sample at t0, slope)
        self._fitted_at = 0  # notes seen when the line was fitted
        self._seen = 0
        self._lock = threading.Lock()
        self._last: int | None = None
        self._last_now = 0.0
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
        last, last_now = self._last, self._last_now
        if last is not None and position == last:
            return
        self._last, self._last_now = position, now  # the time of the last change seen
        if last is None:
            return
        with self._lock:
            # The counter moves a block per callback; a look that came late (this thread kept
            # waiting by a busy machine) sees several blocks at once, which is no jump.
            if not 0 < position - last <= self.block + (now - last_now + 0.25) * self.rate:
                self._notes.clear()  # a seek or a jump: the old notes describe another timeline
                self._line = None
                self.jumps += 1
                return
            # The last callback rendered the block just before the counter's new value.
            self._notes.append((now, position - self.block))
            self._seen += 1

    def sample_at(self, moment: float) -> float | None:
        """The timeline sample heard at `moment` (monotonic seconds); None until the engine's
        counter has been seen moving a few times."""
        with self._lock:
            if self._seen != self._fitted_at and len(self._notes) >= 8:
                self._line = _fit(self._notes, self.rate)
                self._fitted_at = self._seen
            line = self._line
        if line is None:
            return None
        t0, s0, slope = line
        return s0 + (moment - t0) * slope - self.output_latency

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.note(self._clock(), self._read())
            time.sleep(self._poll_s)


def _fit(notes: deque[tuple[float, int]], rate: int) -> tuple[float, float, float]:
    """(t0, sample at t0, samples per second) of a line through the notes. The offset is a
    median (a burst of callbacks moves a few notes, not the median); the slope is fitted only
    over notes spanning `FIT_SPAN_S`, after leaving out those far off the median line, and is
    kept within `MAX_RATE_ERROR` of the nominal rate."""
    data = np.array(notes, dtype=np.float64)
    t0 = data[-1, 0]
    t, s = data[:, 0] - t0, data[:, 1]
    s0 = float(np.median(s - rate * t))
    slope = float(rate)
    residual = np.abs(s - (s0 + rate * t))
    keep = residual <= max(3 * float(np.median(residual)), rate / 1000)
    if keep.sum() >= 8 and np.ptp(t[keep]) >= FIT_SPAN_S:
        fitted, _ = np.polyfit(t[keep], s[keep], 1)
        slope = float(np.clip(fitted, rate * (1 - MAX_RATE_ERROR), rate * (1 + MAX_RATE_ERROR)))
        s0 = float(np.median(s[keep] - slope * t[keep]))
    return float(t0), s0, slope
