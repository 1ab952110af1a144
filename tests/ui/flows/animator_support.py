"""Driving the integrated window as a person would, for the animator's flow and the app
screenshots: the window built as ui/launch.py builds it, files dropped on the timeline through a
real QDropEvent, clips dragged with the mouse, and the window torn down in Qt's order."""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QSettings,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from hitrecord_desktop.connection import Connection, open_local
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.sync.challenge_cache import ChallengeCache
from hitrecord_desktop.sync.kept_challenges import server_key_for
from hitrecord_desktop.ui.look import Look, set_up_look
from hitrecord_desktop.ui.main_window import MainWindow
from hitrecord_desktop.ui.preferences import Preferences
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.theme import ThemeChoice
from hitrecord_desktop.ui.timeline.clip_item import ClipItem
from hitrecord_desktop.ui.timeline.view import TimelineView
from hitrecord_desktop.user_settings import load_settings


def make_animation(path: Path, seconds: float = 4.0) -> Path:
    """The animator's own clip: testsrc picture and a sine that beeps every second (so it has
    sound), H.264 and AAC in MP4."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc=size=320x240:rate=24:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=660:beep_factor=6:duration={seconds}",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
        check=True, timeout=120,
    )  # fmt: skip
    return path


@dataclass
class App:
    """The window and what launch.py makes around it, to be torn down in order by `close`."""

    app: QApplication
    window: MainWindow
    tasks: TaskRunner
    look: Look
    paths: AppPaths
    _palette: QPalette
    _style: str

    def close(self) -> None:
        """Closes the window (MainWindow.closeEvent stops audio, uploads and the local
        community), waits for the workers, then deletes the window now, while Qt is idle:
        left to Python's collector, the audio objects' cycles crashed at exit."""
        window = self.window
        window.close()
        self.tasks.wait(15_000)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()
        for translator in self.look.translators:
            self.app.removeTranslator(translator)
        self.look.theme.deleteLater()
        self.app.setStyle(self._style)  # the next test or screenshot gets the app as it was
        self.app.setPalette(self._palette)


def build_app(app: QApplication, paths: AppPaths, settings_file: Path, dark: bool = True) -> App:
    """MainWindow(tasks, open_connection, paths, look) as ui/launch.py builds it, against the
    embedded local community; the Qt preferences in `settings_file`, not the user's own."""
    palette, style = QPalette(app.palette()), app.style().name()
    paths.ensure()
    settings = load_settings(paths.settings_file)
    preferences = Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))
    preferences.language = "en"
    preferences.theme = ThemeChoice.DARK if dark else ThemeChoice.LIGHT

    def open_connection() -> Connection:
        connection = open_local(paths)
        store = ChallengeCache.open(paths.cache_dir, connection.server_key)
        connection.client.use_answer_store(store)
        return connection

    look = set_up_look(app, preferences)
    tasks = TaskRunner(app)
    window = MainWindow(tasks, open_connection, paths, look)
    window.browser.show_kept(
        ChallengeCache.open(paths.cache_dir, server_key_for(settings.current_server))
    )
    return App(app, window, tasks, look, paths, palette, style)


def row_of(window: MainWindow, title: str) -> int | None:
    model = window.browser.model
    for row in range(model.rowCount()):
        challenge = model.challenge_at(row)
        if challenge is not None and challenge.title == title:
            return row
    return None


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    """A left click at `pos` (the widget's centre when None)."""
    where = pos if pos is not None else widget.rect().center()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def key(
    app: QApplication, fallback: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    """A key pressed where the keyboard focus is, as a person's key would arrive."""
    target = app.focusWidget() or fallback
    QTest.keyClick(target, key, modifiers)


def drop_files(view: TimelineView, files: list[Path], at: QPoint) -> None:
    """Drags files from the desktop over the timeline and drops them at `at` (viewport pixels):
    enter, move and drop events through the view's own handlers."""
    viewport = view.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    action = Qt.DropAction.CopyAction
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, action, mime, button, none)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted(), "the timeline refused the dragged files"
    move = QDragMoveEvent(at, action, mime, button, none)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(QPointF(at), action, mime, button, none)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted(), "the timeline did not take the drop"


def drag_clip(view: TimelineView, item: ClipItem, dx: int, steps: int = 8) -> None:
    """Presses in the middle of the clip (away from its trim edges), moves `dx` pixels to the
    right in steps, releases: the view's own mouse handling turns that into one MoveClip."""
    viewport = view.viewport()
    rect = item.sceneBoundingRect()
    start = view.mapFromScene(rect.center())
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, button, none, start)
    for step in range(1, steps + 1):
        QTest.mouseMove(viewport, start + QPoint(round(dx * step / steps), 0))
    QTest.mouseRelease(viewport, button, none, start + QPoint(dx, 0))


def item_geometry(view: TimelineView) -> dict[str, tuple[int, float, float, float, float]]:
    """Every clip item's lane and scene rectangle, by clip id."""
    shown: dict[str, tuple[int, float, float, float, float]] = {}
    for item in view.timeline.clip_items():
        rect = item.sceneBoundingRect()
        shown[item.clip_id] = (item.lane, rect.x(), rect.y(), rect.width(), rect.height())
    return shown


def wait_for(app: QApplication, done: Callable[[], bool], seconds: float, what: str) -> None:
    """Runs the event loop until `done()` (for scripts without qtbot, e.g. screenshots)."""
    import time

    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.005)
