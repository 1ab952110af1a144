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
from ..sync.kept_challenges import server_key_for
from ..user_settings import load_settings
from .app_icon import DESKTOP_FILE_NAME, app_icon
from .look import set_up_look
from .main_window import MainWindow
from .preferences import Preferences
from .startup_probe import arm as arm_startup_probe
from .tasks import TaskRunner
from .window_state import restore_window_state, save_window_state

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
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    settings = load_settings(paths.settings_file)

    def open_connection() -> Connection:
        connection = open_current(paths, settings, TokenStore())
        # Challenges seen once stay browsable offline, per server (the local one as "local").
        store = ChallengeCache.open(paths.cache_dir, connection.server_key)
        connection.client.use_answer_store(store)
        return connection

    look = set_up_look(app, Preferences())  # before any widget takes its strings
    tasks = TaskRunner(app)
    window = MainWindow(tasks, open_connection, paths, look)
    # The last run's challenges at once: the local community takes seconds to start.
    window.browser.show_kept(
        ChallengeCache.open(paths.cache_dir, server_key_for(settings.current_server))
    )
    restore_window_state(window)
    app.aboutToQuit.connect(lambda: save_window_state(window))
    window.show()
    arm_startup_probe(app)  # does nothing unless HITRECORD_STARTUP_PROBE is set
    window.start()
    start_recovery(tasks, window, paths)
    return app.exec()


def start_recovery(tasks: TaskRunner, window: MainWindow, paths: AppPaths) -> int:
    """After a crash: takes that were being recorded are repaired and put back on their tracks,
    projects left open are found (off the GUI thread); one dialog then offers them back."""
    from .recovery_dialog import RecoveryDialog

    def gather():  # type: ignore[no-untyped-def]
        from ..audio.recover_command import take_folders  # numpy: not on the GUI thread
        from ..project.project_store import projects_root
        from ..project.recovery_offer import gather_offer

        return gather_offer(take_folders(paths), projects_root(paths))

    def offer(found) -> None:  # type: ignore[no-untyped-def]
        if found.empty:
            return
        dialog = RecoveryDialog(found, tasks, window)
        dialog.open_requested.connect(window.open_project_folder)
        dialog.finished_applying.connect(lambda lines: window.show_message(" ".join(lines)))
        window.recovery_dialog = dialog
        dialog.open()

    return tasks.run(gather, offer, lambda error: window.show_message(str(error)))
