"""Tasks whose results belong to a widget: when the widget is destroyed first, its callbacks are
dropped instead of touching deleted C++ objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from .tasks import TaskRunner


def run_owned(
    tasks: TaskRunner,
    owner: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> int:
    task_id = tasks.run(work, on_done, on_error)
    # The lambda must not touch `owner`: it runs while the C++ object is being destroyed.
    owner.destroyed.connect(lambda *_: tasks.forget(task_id))
    return task_id
