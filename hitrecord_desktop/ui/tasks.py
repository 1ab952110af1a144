"""The one place that starts threads for the UI: work runs on a pool, results come back on the
GUI thread. Views never create threads themselves."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._task_id = task_id
        self._work: Callable[[], Any] | None = work

    def run(self) -> None:
        work, self._work = self._work, None
        outcome = self._runner.outcomes
        try:
            outcome[self._task_id] = (True, work(), work)  # type: ignore[misc]
        except Exception as exc:  # handed to the task's on_error on the GUI thread
            log.debug("task %d failed: %r", self._task_id, exc)
            outcome[self._task_id] = (False, exc, work)
        del work
        try:
            self._runner.task_done.emit(self._task_id)
        except RuntimeError:  # the runner was deleted at shutdown: nobody is waiting
            log.debug("task %d finished after its runner was gone", self._task_id)


class TaskRunner(QObject):
    """run(work, on_done, on_error): work on a worker thread, callbacks on the GUI thread.

    Give it a parent on the GUI thread (launch.py uses the application). Without one, Python
    owns it, and when a finished job drops the last reference on its worker thread the runner
    is destroyed there while its result is still queued for the GUI thread: PySide then crashes
    delivering it (a segfault in SignalManager::qt_metacall, seen in the UI tests).

    For the same reason nothing a task touched may lose its last reference on a worker thread:
    the work, its result or its exception (whose traceback holds the work's frames) could be the
    last holder of a QObject, which would then be destroyed off its thread while events for it
    are queued (segfaults seen in clean-clone CI runs on a busy machine). So the job parks all
    three in `outcomes`, and the GUI thread takes them out and drops them.
    """

    # Emitted from worker threads; the runner lives on the GUI thread, so delivery is queued.
    task_done = Signal(int)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        # Written by workers, read on the GUI thread: single dict operations, atomic under the GIL.
        self.outcomes: dict[int, tuple[bool, Any, Callable[[], Any]]] = {}
        self.task_done.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> int:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        self._pool.start(_Job(self, task_id, work))
        return task_id

    def forget(self, task_id: int) -> None:
        """Drops a task's callbacks: its result, when it comes, is ignored."""
        self._callbacks.pop(task_id, None)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(int)
    def _deliver(self, task_id: int) -> None:
        ok, value, _work = self.outcomes.pop(task_id)
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks:
            if ok:
                callbacks[0](value)
            else:
                callbacks[1](value)
