"""Transfer rate and time left, smoothed so a progress line does not jitter."""

from __future__ import annotations

import time


class TransferRate:
    """An exponentially weighted rate over roughly `window` seconds of samples."""

    def __init__(self, window: float = 3.0) -> None:
        self._window = window
        self._rate = 0.0
        self._last: float | None = None
        self._pending = 0

    def add(self, n_bytes: int, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if self._last is None:
            # The first block marks the start; counting it against no time would double the
            # first estimate, and the smoothing takes seconds to forget that.
            self._last, self._pending = now, 0
            return
        self._pending += n_bytes
        elapsed = now - self._last
        if elapsed < 0.05:  # too short to be a rate; keep counting
            return
        instant = self._pending / elapsed
        weight = min(1.0, elapsed / self._window)
        self._rate = instant if self._rate == 0.0 else self._rate + weight * (instant - self._rate)
        self._last, self._pending = now, 0

    def rate(self, now: float | None = None) -> float:
        """Bytes per second; decays towards zero when nothing moves (a stalled link)."""
        if self._last is None:
            return 0.0
        now = time.monotonic() if now is None else now
        idle = now - self._last
        if idle > self._window:
            return self._rate * self._window / idle
        return self._rate

    def seconds_left(self, remaining: int, now: float | None = None) -> float | None:
        rate = self.rate(now)
        if remaining <= 0:
            return 0.0
        return remaining / rate if rate > 0 else None


def format_bytes(n_bytes: float) -> str:
    """`512 B`, `4.2 MB`, `1.3 GB`: decimal units, as transfer rates are usually shown."""
    for unit in ("B", "kB", "MB"):
        if n_bytes < 1000:
            return f"{n_bytes:.0f} {unit}" if unit == "B" else f"{n_bytes:.1f} {unit}"
        n_bytes /= 1000
    return f"{n_bytes:.1f} GB"
