"""An event-loop stall detector for UI tests: the GUI thread must never block for long.

A `QTimer` on the GUI thread ticks every few milliseconds and records the monotonic time of each
tick; a gap between two ticks longer than the limit is a stall (the loop was busy or blocked). A
sampling thread watches the same clock and, while a tick is overdue, keeps the GUI thread's Python
stack (`sys._current_frames`), so a failure says what the thread was doing, not only that it hung.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QTimer

TICK_MS = 5
LIMIT_S = 0.100  # the acceptance limit: no event-loop stall over 100 ms
SAMPLE_S = 0.010
OVERDUE_S = 0.040  # a tick this late is worth a stack sample


@dataclass
class Stall:
    started: float  # seconds since watching began
    seconds: float
    stack: list[str] = field(default_factory=list)  # the GUI thread's stack while it was stuck

    def describe(self) -> str:
        head = f"stall of {self.seconds * 1000:.0f} ms at t={self.started:.3f} s"
        if not self.stack:
            return head
        return head + "; the GUI thread was in:\n" + "".join(self.stack)


class UiWatchdog(QObject):
    """start() / stop() on the GUI thread; `stalls` lists each gap over `limit_s`."""

    def __init__(self, limit_s: float = LIMIT_S, tick_ms: int = TICK_MS) -> None:
        super().__init__()
        self.limit_s = limit_s
        self.stalls: list[Stall] = []
        self.longest_s = 0.0
        self.ticks = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self._origin = 0.0
        self._last = 0.0
        self._lock = threading.Lock()
        self._sample: tuple[float, list[str]] | None = None  # (tick it belongs to, stack)
        self._gui_ident = threading.get_ident()
        self._sampler: threading.Thread | None = None
        self._running = threading.Event()

    @property
    def watching(self) -> bool:
        return self._running.is_set()

    def start(self) -> None:
        self._gui_ident = threading.get_ident()
        self._origin = self._last = time.monotonic()
        self._running.set()
        self._timer.start()
        self._sampler = threading.Thread(target=self._sample_loop, name="ui-watchdog", daemon=True)
        self._sampler.start()

    def stop(self) -> None:
        """Stops watching; a stall still in progress (the caller itself) counts too."""
        if not self.watching:
            return
        self._tick()
        self._timer.stop()
        self._running.clear()
        if self._sampler is not None:
            self._sampler.join(1.0)
            self._sampler = None

    @contextmanager
    def watch(self) -> Iterator[UiWatchdog]:
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        gap = now - self._last
        self.ticks += 1
        self.longest_s = max(self.longest_s, gap)
        if gap > self.limit_s:
            with self._lock:
                sample = self._sample
            stack = sample[1] if sample is not None and sample[0] == self._last else []
            self.stalls.append(Stall(self._last - self._origin, gap, stack))
        with self._lock:
            self._last = now
            self._sample = None

    def _sample_loop(self) -> None:
        while self._running.is_set():
            time.sleep(SAMPLE_S)
            with self._lock:
                last = self._last
                overdue = time.monotonic() - last > OVERDUE_S
                taken = self._sample is not None
            if not overdue or taken:
                continue
            frame = sys._current_frames().get(self._gui_ident)
            if frame is None:
                continue
            stack = traceback.format_stack(frame)[-12:]
            with self._lock:
                if self._last == last:  # still the same stall: keep its first sample
                    self._sample = (last, stack)

    def report(self) -> str:
        lines = [
            f"{len(self.stalls)} event-loop stall(s) over {self.limit_s * 1000:.0f} ms "
            f"(longest gap {self.longest_s * 1000:.0f} ms over {self.ticks} ticks):"
        ]
        lines += [stall.describe() for stall in self.stalls]
        return "\n".join(lines)

    def assert_no_stalls(self) -> None:
        if self.stalls:
            raise AssertionError(self.report())
