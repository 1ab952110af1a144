"""When to save on the user's behalf: after a quiet moment, not more often than needed, and
not later than a limit while the user keeps editing.

Driven by calls and a clock, with no thread or timer of its own: the UI calls `tick()` from a
QTimer and `notify_changed()` from the project's change listener; tests pass times directly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class Autosaver:
    """Calls `save` when the project is dirty and a save is due.

    Due when the last change is `quiet_seconds` old (the user paused), or when the first unsaved
    change is `max_delay_seconds` old (the user never pauses) — and in both cases at least
    `min_interval_seconds` after the previous save, so a busy session doesn't save on every edit.
    A failed save keeps the project dirty; it is tried again after `min_interval_seconds`.
    """

    def __init__(
        self,
        save: Callable[[], None],
        *,
        quiet_seconds: float = 2.0,
        min_interval_seconds: float = 10.0,
        max_delay_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._save = save
        self.quiet_seconds = quiet_seconds
        self.min_interval_seconds = min_interval_seconds
        self.max_delay_seconds = max_delay_seconds
        self._clock = clock
        self._on_error = on_error
        self._first_change: float | None = None
        self._last_change: float | None = None
        self._last_attempt: float | None = None
        self.last_error: Exception | None = None

    @property
    def is_dirty(self) -> bool:
        return self._first_change is not None

    def notify_changed(self, now: float | None = None) -> None:
        now = self._clock() if now is None else now
        if self._first_change is None:
            self._first_change = now
        self._last_change = now

    def mark_saved(self, now: float | None = None) -> None:
        """The project was saved by other means (File > Save)."""
        self._first_change = self._last_change = None
        self._last_attempt = self._clock() if now is None else now

    def is_due(self, now: float | None = None) -> bool:
        if self._first_change is None or self._last_change is None:
            return False
        now = self._clock() if now is None else now
        if self._last_attempt is not None and now - self._last_attempt < self.min_interval_seconds:
            return False
        return (
            now - self._last_change >= self.quiet_seconds
            or now - self._first_change >= self.max_delay_seconds
        )

    def tick(self, now: float | None = None) -> bool:
        """Saves if a save is due; True when it saved."""
        now = self._clock() if now is None else now
        if not self.is_due(now):
            return False
        return self._run_save(now)

    def flush(self, now: float | None = None) -> bool:
        """Saves now if anything is unsaved (when the project closes or the app quits)."""
        if not self.is_dirty:
            return False
        return self._run_save(self._clock() if now is None else now)

    def _run_save(self, now: float) -> bool:
        self._last_attempt = now
        # Changes during the save belong to the next one, so clear the marks before saving.
        first, last = self._first_change, self._last_change
        self._first_change = self._last_change = None
        try:
            self._save()
        except Exception as exc:
            if self._first_change is None:
                self._first_change, self._last_change = first, last
            self.last_error = exc
            log.warning("autosave failed: %s", exc)
            if self._on_error is not None:
                self._on_error(exc)
            return False
        self.last_error = None
        return True
