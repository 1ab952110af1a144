"""Screenshots of the singer's flow in the integrated window (`make screenshots`): recording
with the meters moving, the upload dialog with its credits, the uploads panel once sent.

Drives the same window and steps as tests/ui/flows/test_singer_flow.py, on a local community in
a throw-away home; needs the PulseAudio test server (.ci/with-test-services), else says so.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.flows.conftest import integrated_window

CHALLENGE = "Vocals wanted: Night Bus"
BACKING = "Night Bus (backing track)"


class _Bot:
    """The few qtbot calls the window driver uses, on QTest, for use outside pytest."""

    def waitUntil(self, condition: Callable[[], object], timeout: int = 5000) -> None:
        remaining = timeout
        while not condition():
            if remaining <= 0:
                raise TimeoutError(f"waited {timeout} ms for {condition}")
            QTest.qWait(20)
            remaining -= 20

    def waitExposed(self, window: QWidget) -> None:
        QTest.qWaitForWindowExposed(window, 10_000)

    def mouseClick(self, widget: QWidget, button: Qt.MouseButton, pos: QPoint) -> None:
        QTest.mouseClick(widget, button, Qt.KeyboardModifier.NoModifier, pos)

    def keyClick(
        self, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier
    ) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClick(widget, key, modifier)


def capture(out_dir: Path) -> None:
    if not os.environ.get("HITRECORD_TEST_PULSE"):
        print("screens_flows: skipped, needs the PulseAudio test server (.ci/with-test-services)")
        return
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_home = os.environ.get("HITRECORD_HOME")
    with tempfile.TemporaryDirectory(prefix="hitrecord-screens-") as home:
        os.environ["HITRECORD_HOME"] = home
        try:
            with integrated_window(_Bot(), app) as driver:
                _singer(driver, out_dir)
        finally:
            if old_home is None:
                os.environ.pop("HITRECORD_HOME", None)
            else:
                os.environ["HITRECORD_HOME"] = old_home


def _singer(driver, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = driver.window
    window.start()
    driver.wait_for_challenges()
    driver.select_challenge(CHALLENGE)
    workspace, _backing, _clip = driver.add_to_project(BACKING)
    driver.wait_until_playable(workspace)
    vocal = driver.arm(workspace, "Audio 1")
    driver.focus_timeline(workspace)
    driver.record_take(
        workspace,
        vocal.id,
        1.6,
        during=lambda: window.grab().save(str(out_dir / "flow-recording.png")),
    )
    dialog = driver.open_upload_dialog(workspace)
    dialog.grab().save(str(out_dir / "flow-upload-dialog.png"))
    driver.send(dialog)
    QTest.qWait(300)  # the panel's last repaint
    window.grab().save(str(out_dir / "flow-uploaded.png"))
