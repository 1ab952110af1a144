"""Composition root of the GUI: checks the display, builds the application and its window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from .. import __version__
from ..api.token_store import TokenStore
from ..connection import Connection, open_current
from ..paths import AppPaths
from ..sync.challenge_cache import ChallengeCache
from ..user_settings import load_settings
from .main_window import MainWindow
from .tasks import TaskRunner
from .upload_service import UploadService

NO_DISPLAY_MESSAGE = (
    "HitRecord Desktop needs a display, and none was found (DISPLAY and WAYLAND_DISPLAY are "
    "unset).\nOn a machine without a screen, run it inside a virtual one:\n"
    "    xvfb-run -a make run        (from a source checkout)\n"
    "    xvfb-run -a hitrecord-desktop"
)


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(paths: AppPaths) -> int:
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("HitRecord Desktop")
    app.setOrganizationName("HitRecord")
    app.setApplicationVersion(__version__)
    settings = load_settings(paths.settings_file)

    def open_connection() -> Connection:
        connection = open_current(paths, settings, TokenStore())
        # Challenges seen once stay browsable offline, per server (the local one as "local").
        store = ChallengeCache.open(paths.cache_dir, connection.server_key)
        connection.client.use_answer_store(store)
        return connection

    tasks = TaskRunner(app)
    window = MainWindow(tasks, open_connection)
    uploads = UploadService(paths, window)
    window.connection_opened.connect(uploads.attach)
    app.aboutToQuit.connect(uploads.stop)
    window.show()
    window.start()
    start_take_rescue(tasks, window, paths)
    return app.exec()


def start_take_rescue(tasks: TaskRunner, window: MainWindow, paths: AppPaths) -> int:
    """After a crash, takes that were being recorded are repaired and put back on their tracks
    off the GUI thread; the window then says what was rescued."""
    from ..audio.recover_command import rescue_orphaned_takes, take_folders

    return tasks.run(
        lambda: rescue_orphaned_takes(take_folders(paths))[0],
        window.show_rescued_takes,
        lambda error: window.show_rescued_takes([str(error)]),
    )
