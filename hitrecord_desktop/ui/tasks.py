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
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the task's on_error on the GUI thread
            log.debug("task %d failed: %r", self._task_id, exc)
            self._report(self._runner.task_failed, exc)
        else:
            self._report(self._runner.task_finished, result)

    def _report(self, signal: Any, value: object) -> None:
        try:
            signal.emit(self._task_id, value)
        except RuntimeError:  # the runner was deleted at shutdown: nobody is waiting
            log.debug("task %d finished after its runner was gone", self._task_id)


class TaskRunner(QObject):
    """run(work, on_done, on_error): work on a worker thread, callbacks on the GUI thread.

    Give it a parent on the GUI thread (launch.py uses the application). Without one, Python
    owns it, and when a finished job drops the last reference on its worker thread the runner
    is destroyed there while its result is still queued for the GUI thread: PySide then crashes
    delivering it (a segfault in SignalManager::qt_metacall, seen in the UI tests).
    """

    # Emitted from worker threads; the runner lives on the GUI thread, so delivery is queued.
    task_finished = Signal(int, object)
    task_failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self.task_finished.connect(self._deliver_result)
        self.task_failed.connect(self._deliver_error)

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

    @Slot(int, object)
    def _deliver_result(self, task_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks:
            callbacks[0](result)

    @Slot(int, object)
    def _deliver_error(self, task_id: int, error: object) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks:
            callbacks[1](error)  # type: ignore[arg-type]
