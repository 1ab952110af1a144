"""Screenshots of the integrated window's main states, for `make screenshots` (Xvfb, xcb):

- app-browser.png: the challenges listed, "Night Bus" selected, its contributions' waveforms;
- app-workspace.png (and app-workspace-light.png): its project with three tracks of clips;
- app-recording.png: recording on the armed track, the meters showing a tone played into the
  PulseAudio null sink (under .ci/with-test-services; elsewhere the meters are fed by hand);
- app-uploads.png: the uploads dock with the take (or, without audio, the mix) uploaded.

The window is built as ui/launch.py builds it, against its own local community in a temp
HITRECORD_HOME, torn down at the end. Alone:
    QT_QPA_PLATFORM=xcb .ci/with-test-services python -m tests.ui.screens_app OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hitrecord_desktop.audio.transport_display import MeterReading, TransportState
from hitrecord_desktop.paths import app_paths
from hitrecord_desktop.ui.main_window import MainWindow
from hitrecord_desktop.ui.theme import ThemeChoice
from hitrecord_desktop.ui.workspace import Workspace
from tests.ui.flows.animator_support import App, build_app, click, row_of, wait_for

NIGHT_BUS = "Vocals wanted: Night Bus"
WAIT_S = 90.0


def capture(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    home = os.environ.get("HITRECORD_HOME")
    with tempfile.TemporaryDirectory(prefix="screens-app-") as folder:
        os.environ["HITRECORD_HOME"] = str(Path(folder) / "home")
        built = build_app(app, app_paths(), Path(folder) / "qt-settings.ini", dark=True)
        try:
            _capture_states(built, out_dir, Path(folder))
        finally:
            built.close()
            if home is None:
                os.environ.pop("HITRECORD_HOME", None)
            else:
                os.environ["HITRECORD_HOME"] = home


def _capture_states(built: App, out_dir: Path, folder: Path) -> None:
    app, window = built.app, built.window
    wait = _waiter(app)
    window.resize(1280, 800)
    window.show()
    window.start()
    wait(lambda: window.connection is not None and row_of(window, NIGHT_BUS) is not None)

    browser = window.browser
    browser.table.selectRow(row_of(window, NIGHT_BUS))
    listed = browser.detail.contributions
    wait(lambda: len(listed.rows) >= 3 and all(r.waveform.thumbnail for r in listed.rows.values()))
    rows = dict(listed.rows)
    _save(app, window, out_dir / "app-browser.png")

    challenge = browser.selected_challenge()
    assert challenge is not None
    for row in list(rows.values()):
        window.tabs.setCurrentIndex(0)
        click(row.add)
        wait(
            lambda: (
                window.project_services.media_import.busy is False
                and window.current_workspace() is not None
            )
        )
    workspace = window.current_workspace()
    assert workspace is not None
    project = workspace.document.project
    wait(lambda: sum(1 for t in project.tracks if t.clips) == len(rows))
    workspace.timeline.zoom_to_fit()
    _show_workspace(app, workspace, wait)
    _save(app, window, out_dir / "app-workspace.png")
    built.look.theme.apply(ThemeChoice.LIGHT)
    _show_workspace(app, workspace, wait)
    _save(app, window, out_dir / "app-workspace-light.png")
    built.look.theme.apply(ThemeChoice.DARK)
    _show_workspace(app, workspace, wait)

    recorded = _record(app, window, workspace, folder, out_dir / "app-recording.png", wait)
    _upload(app, window, workspace, recorded, out_dir / "app-uploads.png", wait)


def _waiter(app: QApplication) -> Callable[[Callable[[], bool]], None]:
    def wait(done: Callable[[], bool], seconds: float = WAIT_S) -> None:
        wait_for(app, done, seconds, "the window")

    return wait


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    """Lets timers and repaints run for a moment (meters fall, layouts settle)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _save(app: QApplication, window: MainWindow, path: Path) -> None:
    _settle(app)
    window.grab().save(str(path))


def _show_workspace(app: QApplication, workspace: Workspace, wait) -> None:  # type: ignore[no-untyped-def]
    timeline = workspace.timeline
    timeline.view.viewport().update()
    _settle(app, 0.1)
    wait(lambda: timeline.timeline.waveforms_complete)


def _record(app, window, workspace, folder: Path, path: Path, wait) -> bool:  # type: ignore[no-untyped-def]
    """Arms the first track and records over the backing; True when a take was made."""
    audio, timeline = workspace.audio, workspace.timeline
    vocal = workspace.document.project.tracks[0]
    header = timeline.headers.headers[vocal.id]
    click(header.arm)
    assert vocal.armed
    rate = workspace.document.project.sample_rate
    if os.environ.get("HITRECORD_TEST_PULSE"):
        from tests.ui.audio_support import tone_into_vsink

        wait(lambda: audio.ready)
        audio.set_count_in_enabled(False)
        with tone_into_vsink(folder, level=0.12):
            workspace.transport.record_action.trigger()
            wait(lambda: audio.state is TransportState.RECORDING)
            wait(lambda: audio.position > int(4.0 * rate))
            # vmic hears the playback too (the null sink's monitor): its start lit the clip light.
            workspace.recorder.input_meter.reset_clip()  # as the singer would
            wait(lambda: audio.position > int(4.5 * rate))
            _save(app, window, path)
            workspace.transport.record_action.trigger()
            wait(lambda: audio.state is TransportState.STOPPED)
        wait(lambda: bool(vocal.takes))
        return True
    # No sound server: the same widgets, fed what a take would show.
    audio.state_changed.emit(TransportState.RECORDING.value)
    audio.position_changed.emit(int(4.5 * rate))
    reading = MeterReading((-9.2, -11.8), (-15.5, -17.9), (False, False))
    for _ in range(3):
        audio.meters_changed.emit(reading, MeterReading.silent(2))
        _settle(app, 0.05)
    window.grab().save(str(path))
    audio.state_changed.emit(TransportState.STOPPED.value)
    return False


def _upload(app, window, workspace, recorded: bool, path: Path, wait) -> None:  # type: ignore[no-untyped-def]
    """Uploads the take (or the mix), then shows the job and its credits in the dock."""
    if recorded:
        dialog = workspace.upload_take()
    else:
        workspace.render_and_upload()
        wait(lambda: getattr(workspace, "upload_dialog", None) is not None)
        dialog = workspace.upload_dialog
    assert dialog is not None
    wait(dialog.isVisible)
    _settle(app, 0.2)
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    wait(lambda: dialog.job is not None)
    panel = window.uploads_panel
    assert panel is not None
    wait(lambda: panel.model.rowCount() > 0)
    panel.table.selectRow(0)
    panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
    wait(lambda: all(line[1] not in ("…", "") for line in panel.credits.lines()) or True)
    _settle(app, 1.0)
    window.grab().save(str(path))


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    capture(Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SCREENSHOT_DIR", "shots")))
