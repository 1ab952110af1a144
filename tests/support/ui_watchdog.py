"""An event-loop stall detector for UI tests: the GUI thread must never block for long.

A `QTimer` on the GUI thread ticks every few milliseconds and records the monotonic time of each
tick; a gap between two ticks longer than the limit is a stall (the loop was busy or blocked). A
sampling thread watches the same clock and, while a tick is overdue, keeps the GUI thread's Python
stack (read by `faulthandler`, which makes no frame objects), so a failure says what the thread
was doing, not only that it hung.

Each stall is split into the GUI thread's own CPU time, the time it was runnable but the OS ran
something else (Linux schedstat run-queue delay), and the rest (blocked: the GIL, a lock, I/O).
On a shared machine other processes can keep the thread off the CPU for a while; only what
remains without that time fails a test (HITRECORD_WATCHDOG_STRICT=1 counts everything).
"""

from __future__ import annotations

import faulthandler
import gc
import os
import re
import tempfile
import threading
import time
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
    cpu_seconds: float = 0.0  # CPU the GUI thread used in the gap: low means it was waiting
    queued_seconds: float = 0.0  # runnable but not run: the OS gave the CPU to others
    stack: list[str] = field(default_factory=list)  # the GUI thread's stack while it was stuck

    @property
    def app_seconds(self) -> float:
        """The gap less the time the OS kept the thread waiting for a CPU (other processes)."""
        return self.seconds - self.queued_seconds

    def describe(self) -> str:
        head = (
            f"stall of {self.seconds * 1000:.0f} ms at t={self.started:.3f} s "
            f"(GUI thread CPU {self.cpu_seconds * 1000:.0f} ms, waiting for a CPU "
            f"{self.queued_seconds * 1000:.0f} ms, blocked "
            f"{max(0.0, self.seconds - self.cpu_seconds - self.queued_seconds) * 1000:.0f} ms)"
        )
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
        self._last_cpu = self._last_queued = 0.0
        self._lock = threading.Lock()
        self._sample: tuple[float, list[str]] | None = None  # (tick it belongs to, stack)
        self._gui_ident = threading.get_ident()
        self._sampler: threading.Thread | None = None
        self._running = threading.Event()

    @property
    def watching(self) -> bool:
        return self._running.is_set()

    def start(self) -> None:
        # As the app does once started (ui/gc_policy.py): what exists before watching is frozen,
        # so a full collection of the test session's heap is not blamed on the code watched.
        gc.collect()
        gc.freeze()
        self._gui_ident = threading.get_ident()
        self._origin = self._last = time.monotonic()
        self._last_cpu, self._last_queued = time.thread_time(), _run_queue_wait()
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
        cpu = time.thread_time()  # this runs on the GUI thread: its own CPU clock
        queued = _run_queue_wait()
        gap = now - self._last
        self.ticks += 1
        self.longest_s = max(self.longest_s, gap)
        if gap > self.limit_s:
            with self._lock:
                sample = self._sample
            stack = sample[1] if sample is not None and sample[0] == self._last else []
            self.stalls.append(
                Stall(
                    self._last - self._origin,
                    gap,
                    cpu - self._last_cpu,
                    queued - self._last_queued,
                    stack,
                )
            )
        self._last_cpu, self._last_queued = cpu, queued
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
            stack = _thread_stacks(self._gui_ident)
            if not stack:
                continue
            with self._lock:
                if self._last == last:  # still the same stall: keep its first sample
                    self._sample = (last, stack)

    def report(self) -> str:
        lines = [
            f"{len(self.failures())} of {len(self.stalls)} event-loop stall(s) over "
            f"{self.limit_s * 1000:.0f} ms "
            f"(longest gap {self.longest_s * 1000:.0f} ms over {self.ticks} ticks):"
        ]
        lines += [stall.describe() for stall in self.stalls]
        return "\n".join(lines)

    def failures(self) -> list[Stall]:
        """Stalls of the app: gaps over the limit even without the time the machine's other
        processes had the CPU (those count too with HITRECORD_WATCHDOG_STRICT=1)."""
        if os.environ.get("HITRECORD_WATCHDOG_STRICT") == "1":
            return list(self.stalls)
        return [stall for stall in self.stalls if stall.app_seconds > self.limit_s]

    def assert_no_stalls(self) -> None:
        if self.failures():
            raise AssertionError(self.report())
        if self.stalls:  # the machine was busy elsewhere: say so, do not fail
            print("ui-watchdog, not counted (CPU taken by other processes):\n" + self.report())


def _thread_stacks(gui_ident: int) -> list[str]:
    """The GUI thread's stack (oldest call first), then the top of every other thread's.

    Read by faulthandler, which walks the interpreter's frames without making frame objects:
    `sys._current_frames()` + `traceback` materialise frame objects of a thread that is running,
    and with that the flow tests crashed now and then (segfaults in Qt painting, a deadlock).
    """
    with tempfile.TemporaryFile("w+") as out:
        faulthandler.dump_traceback(out, all_threads=True)
        out.seek(0)
        text = out.read()
    sections: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        head = _THREAD_HEAD.match(line)
        if head:
            current = sections.setdefault(int(head.group(1), 16), [])
        elif current is not None and line.startswith("  "):
            current.append(line.strip())
    gui = sections.get(gui_ident)
    if not gui:
        return []
    stack = [f"  {line}\n" for line in reversed(gui[:12])]
    names = {t.ident: t.name for t in threading.enumerate()}
    for ident, lines in sections.items():
        if ident not in (gui_ident, threading.get_ident()) and lines:
            stack.append(f"  -- meanwhile thread {names.get(ident, hex(ident))}:\n")
            stack += [f"  {line}\n" for line in reversed(lines[:3])]
    return stack


_THREAD_HEAD = re.compile(r"^(?:Current thread|Thread) (0x[0-9a-fA-F]+)")


def _run_queue_wait() -> float:
    """Seconds the calling thread has spent runnable but waiting for a CPU (Linux schedstat)."""
    try:
        with open("/proc/thread-self/schedstat", "rb") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0
