"""Guard against PySide6 6.12.0's reference-count regression on CPython 3.11.

PySide6 6.12.0 drops one reference to `True` on every `Signal.emit()` and one to `None` on every
`QTimer.start/stop` or `QLabel.setPixmap`. After a few thousand calls the interpreter aborts
("Fatal Python error: none_dealloc"), and pytest exits 134 after an all-green run. 6.11.3 is
clean: 50 calls leave both counts exactly where they were (measured; 6.12.0 loses 50).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel

CALLS = 50
# Measured drift on 6.11.3 is 0; a little slack keeps unrelated interpreter noise out, and is
# far below the 50 that the bug costs.
SLACK = 3


class _Emitter(QObject):
    fired = Signal()
    toggled = Signal(bool)


def refcount_drift(action: Callable[[], object]) -> tuple[int, int]:
    """How much `sys.getrefcount` of None and True moved over CALLS calls of `action`."""
    action()  # the first call may create caches that hold references for good
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(CALLS):
        action()
    none_drift = sys.getrefcount(None) - none_before
    true_drift = sys.getrefcount(True) - true_before
    # Give back what a broken binding stole, so that this test fails with a report instead of
    # the interpreter aborting later in an unrelated place.
    for obj, drift in ((None, none_drift), (True, true_drift)):
        for _ in range(max(0, -drift)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
    return none_drift, true_drift


def assert_refcounts_kept(action: Callable[[], object], what: str) -> None:
    none_drift, true_drift = refcount_drift(action)
    assert abs(none_drift) <= SLACK and abs(true_drift) <= SLACK, (
        f"{CALLS} calls of {what} moved sys.getrefcount(None) by {none_drift:+d} and "
        f"sys.getrefcount(True) by {true_drift:+d} with PySide6 {PySide6.__version__}: "
        "the binding loses references (PySide6 6.12.0's bug), and the interpreter will abort."
    )


def test_pyside6_is_pinned_to_6_11() -> None:
    assert PySide6.__version__.startswith("6.11."), (
        f"PySide6 {PySide6.__version__} is installed, but the project pins 6.11.x: PySide6 "
        "6.12.0 breaks CPython 3.11's reference counts (None and True lose one reference per "
        "signal emit, timer start/stop or setPixmap, until the interpreter aborts). Before "
        "moving the pin, check that the refcount tests in this file pass with the new version."
    )


@pytest.fixture
def emitter(qapp) -> _Emitter:
    emitter = _Emitter()
    emitter.fired.connect(lambda: None)
    emitter.toggled.connect(lambda checked: None)
    return emitter


def test_signal_emit_keeps_refcounts(emitter: _Emitter) -> None:
    assert_refcounts_kept(emitter.fired.emit, "Signal().emit()")
    assert_refcounts_kept(lambda: emitter.toggled.emit(True), "Signal(bool).emit(True)")


def test_timer_start_stop_keeps_refcounts(qapp) -> None:
    timer = QTimer()

    def start_stop() -> None:
        timer.start(1000)
        timer.stop()

    assert_refcounts_kept(start_stop, "QTimer.start() + QTimer.stop()")


def test_label_set_pixmap_keeps_refcounts(qapp) -> None:
    label = QLabel()
    pixmap = QPixmap(8, 8)
    pixmap.fill()
    assert_refcounts_kept(lambda: label.setPixmap(pixmap), "QLabel.setPixmap()")
