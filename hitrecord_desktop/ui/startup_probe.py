"""A start-up measuring hook: with HITRECORD_STARTUP_PROBE set, the app prints one line the
moment a challenge list is on screen with rows in it, and (with the value "exit") quits.

The cold-start benchmark (benchmarks/bench_app_start.py) times a fresh process from launch to
that line. `arm(app)` is called by the GUI's composition root once the window is shown; until it
is, `run_probed()` starts the real GUI the same way with the hook armed first.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

ENV = "HITRECORD_STARTUP_PROBE"
MARKER = "HITRECORD-STARTUP-READY"
POLL_MS = 5
VIEW_NAME = "challenge_table"


def arm(app: QApplication) -> QTimer | None:
    """Nothing unless HITRECORD_STARTUP_PROBE is set."""
    mode = os.environ.get(ENV)
    if not mode:
        return None
    timer = QTimer(app)
    timer.setInterval(POLL_MS)

    def check() -> None:
        for window in app.topLevelWidgets():
            view = window.findChild(QAbstractItemView, VIEW_NAME)
            model = view.model() if view is not None else None
            if view is None or model is None or not view.isVisible() or model.rowCount() == 0:
                continue
            timer.stop()
            print(f"{MARKER} rows={model.rowCount()} t={time.perf_counter():.4f}", flush=True)
            if mode == "exit":
                QTimer.singleShot(0, lambda: _quit(app))
            return

    timer.timeout.connect(check)
    timer.start()
    return timer


def _quit(app: QApplication) -> None:
    for window in app.topLevelWidgets():
        window.close()  # the main window stops the local community on close
    app.quit()


def run_probed() -> int:
    """`python -m hitrecord_desktop` with the hook armed before the GUI starts."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    arm(app)  # type: ignore[arg-type]
    from ..cli import main

    return main(["gui"])


if __name__ == "__main__":
    sys.exit(run_probed())
