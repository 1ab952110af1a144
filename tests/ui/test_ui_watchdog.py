"""The stall watchdog must catch a blocked GUI thread, or the tests using it prove nothing."""

from __future__ import annotations

import time

import pytest

from PySide6.QtCore import QTimer

from tests.support.ui_watchdog import UiWatchdog


def _block_gui_thread_for(seconds: float) -> None:
    time.sleep(seconds)


def test_a_200_ms_sleep_in_a_slot_is_caught_with_its_stack(qtbot) -> None:  # type: ignore[no-untyped-def]
    watchdog = UiWatchdog()
    with watchdog.watch():
        qtbot.wait(50)
        QTimer.singleShot(0, lambda: _block_gui_thread_for(0.2))
        qtbot.wait(150)
    assert len(watchdog.stalls) == 1
    stall = watchdog.stalls[0]
    assert 0.19 < stall.seconds < 0.6
    with pytest.raises(AssertionError, match="stall of") as failure:
        watchdog.assert_no_stalls()
    assert "_block_gui_thread_for" in str(failure.value)  # the sampled stack names the culprit


def test_an_idle_loop_has_no_stall(qtbot) -> None:  # type: ignore[no-untyped-def]
    watchdog = UiWatchdog()
    with watchdog.watch():
        qtbot.wait(300)
    watchdog.assert_no_stalls()
    assert watchdog.ticks > 20  # it really ticked while watching


def test_the_fixture_watches_a_responsive_loop(qtbot, ui_watchdog: UiWatchdog) -> None:  # type: ignore[no-untyped-def]
    with ui_watchdog.watch():
        for _ in range(10):
            QTimer.singleShot(0, lambda: _block_gui_thread_for(0.01))
            qtbot.wait(20)
    assert ui_watchdog.ticks > 10
