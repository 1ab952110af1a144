"""A shared upload bandwidth limit: a token bucket that every transfer draws bytes from.

Written here because the limiters on PyPI count calls rather than bytes, or sleep in a way a
pause cannot interrupt; this one is a few lines and waits on the transfer's cancel event.
"""

from __future__ import annotations

import threading
import time


class BandwidthLimit:
    """`take(n, cancel)` returns when n more bytes may go out; no limit when rate is None."""

    def __init__(self, bytes_per_second: float | None = None, burst_seconds: float = 0.25) -> None:
        self._lock = threading.Lock()
        self._burst_seconds = burst_seconds
        self._rate: float | None = None
        self._tokens = 0.0
        self._stamp = time.monotonic()
        self.set_rate(bytes_per_second)

    @property
    def rate(self) -> float | None:
        return self._rate

    def set_rate(self, bytes_per_second: float | None) -> None:
        """Change the limit; transfers pick it up at their next block."""
        if bytes_per_second is not None and bytes_per_second <= 0:
            raise ValueError("a bandwidth limit must be positive (or None for no limit)")
        with self._lock:
            self._rate = bytes_per_second
            self._tokens = 0.0
            self._stamp = time.monotonic()

    def take(self, n_bytes: int, cancel: threading.Event | None = None) -> None:
        """Wait until n_bytes fit under the limit, or until `cancel` is set."""
        with self._lock:
            rate = self._rate
            if rate is None:
                return
            now = time.monotonic()
            burst = max(rate * self._burst_seconds, float(n_bytes))
            self._tokens = min(burst, self._tokens + (now - self._stamp) * rate)
            self._stamp = now
            # Reserve now (tokens may go negative) so parallel transfers queue fairly instead
            # of all waking at once for the same refill.
            self._tokens -= n_bytes
            wait = -self._tokens / rate
        if wait <= 0:
            return
        if cancel is None:
            time.sleep(wait)
        else:
            cancel.wait(wait)
