"""The main window's menus. The Project, Edit and Transport menus follow the current tab: they
hold the current workspace's own actions, so a key like Space or R always means the project on
screen (two open projects never fight over one shortcut)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from .. import __version__
from ..api.token_store import TokenStore
from .account_dialogs import SignInPrompter
from .preferences import Preferences
from .settings_dialog import SettingsDialog
from .sync_bridge import SyncBridge
from .uploads_panel import UploadsPanel

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .workspace import Workspace

MEDIA_FILTER = (
    "Media (*.wav *.flac *.ogg *.opus *.mp3 *.m4a *.aac *.aif *.aiff *.mp4 *.mov *.webm *.mkv)"
)


def _keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, or fallback where the platform has none
    (several Linux desktops bind nothing to Quit)."""
    return QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]


class WindowMenus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.prompter: SignInPrompter | None = None
        self.settings_dialog: SettingsDialog | None = None
        bar = window.menuBar()

        self.file_menu = bar.addMenu(self.tr("&File"))
        self.open_action = self._action(self.tr("&Open Project of Selected Challenge"), ["Ctrl+O"],
                                        self._open_selected, "open_project")  # fmt: skip
        self.import_action = self._action(self.tr("&Import Media into Project…"), ["Ctrl+I"],
                                          self.import_files, "import_media")  # fmt: skip
        self.close_tab_action = self._action(
            self.tr("&Close Project"), _keys(QKeySequence.StandardKey.Close, "Ctrl+W"),
            self._close_current, "close_project",
        )  # fmt: skip
        self.settings_action = self._action(
            self.tr("&Settings…"), _keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
            self.open_settings, "settings",
        )  # fmt: skip
        self.quit_action = self._action(
            self.tr("&Quit"), _keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"), window.close, "quit"
        )
        self.file_menu.addAction(self.open_action)
        self.project_section = self.file_menu.addSeparator()
        self.project_actions: list[QAction] = []
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.close_tab_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = window.undo_group.createUndoAction(window, self.tr("&Undo"))
        self.undo_action.setShortcuts(_keys(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.undo_action.setObjectName("undo")
        self.redo_action = window.undo_group.createRedoAction(window, self.tr("&Redo"))
        self.redo_action.setShortcuts(_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z"))
        self.redo_action.setObjectName("redo")
        for action in (self.undo_action, self.redo_action):
            window.addAction(action)
            self.edit_menu.addAction(action)
        self.edit_section = self.edit_menu.addSeparator()

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.challenges_action = self._action(
            self.tr("&Challenges"), ["Ctrl+1"], lambda: window.tabs.setCurrentIndex(0), "challenges"
        )
        self.find_action = self._action(
            self.tr("&Find Challenges"), _keys(QKeySequence.StandardKey.Find, "Ctrl+F"),
            self._find, "find",
        )  # fmt: skip
        # The browser's own Ctrl+F would make the key ambiguous: the window's action does it.
        window.browser.find_shortcut.setEnabled(False)
        self.refresh_action = self._action(
            self.tr("&Refresh"), _keys(QKeySequence.StandardKey.Refresh, "F5"),
            window.browser.reload, "refresh",
        )  # fmt: skip
        uploads_toggle = window.uploads_dock.toggleViewAction()
        uploads_toggle.setText(self.tr("&Uploads Panel"))
        uploads_toggle.setShortcut(QKeySequence("F9"))
        uploads_toggle.setObjectName("uploads_panel_toggle")
        window.addAction(uploads_toggle)
        for action in (self.challenges_action, self.find_action, self.refresh_action):
            self.view_menu.addAction(action)
        self.view_menu.addAction(uploads_toggle)
        self.view_section = self.view_menu.addSeparator()

        self.transport_menu = bar.addMenu(self.tr("&Transport"))
        self.uploads_menu = bar.addMenu(self.tr("&Uploads"))
        self.uploads_menu.setEnabled(False)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        about = self._action(self.tr("&About HitRecord Desktop"), ["F1"], self._about, "about")
        self.help_menu.addAction(about)
        self._dynamic: dict[QMenu, list[QAction]] = {}
        self.workspace_changed(None)

    def _action(self, text: str, keys, slot, name: str) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    # -- following the current tab -----------------------------------------------------------

    def _replace(self, menu: QMenu, before: QAction | None, actions: list[QAction]) -> None:
        for old in self._dynamic.get(menu, []):
            menu.removeAction(old)
        for action in actions:
            menu.insertAction(before, action) if before is not None else menu.addAction(action)
        self._dynamic[menu] = actions

    def workspace_changed(self, workspace: Workspace | None) -> None:
        on_project = workspace is not None
        self.import_action.setEnabled(on_project)
        self.close_tab_action.setEnabled(on_project)
        self.open_action.setEnabled(not on_project)
        self._replace(self.file_menu, self.project_section, workspace.project_actions() if
                      workspace else [])  # fmt: skip
        edits = workspace.timeline.timeline_actions() if workspace else []
        self._replace(self.edit_menu, None, edits)
        transport = list(workspace.transport.actions_by_name.values()) if workspace else []
        self._replace(self.transport_menu, None, transport)
        self.transport_menu.setEnabled(on_project)

    # -- uploads -----------------------------------------------------------------------------

    def uploads_started(self, panel: UploadsPanel, bridge: SyncBridge) -> None:
        window = self.window
        self.prompter = SignInPrompter(bridge, window.paths, window._tasks, TokenStore(), window)
        panel.sign_in_requested.connect(self.prompter.prompt)
        for action in panel.actions():
            self.uploads_menu.addAction(action)
        self.uploads_menu.setEnabled(True)

    # -- commands ----------------------------------------------------------------------------

    def _open_selected(self) -> None:
        challenge = self.window.browser.selected_challenge()
        if challenge is None:
            self.window.show_message(self.tr("Select a challenge first."))
            return
        self.window.open_project(challenge)

    def _find(self) -> None:
        self.window.tabs.setCurrentIndex(0)
        self.window.browser.focus_search()

    def _close_current(self) -> None:
        index = self.window.tabs.currentIndex()
        if index > 0:
            self.window.close_tab(index)

    def import_files(self) -> None:
        workspace = self.window.current_workspace()
        if workspace is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import media into the project"), "", self.tr(MEDIA_FILTER)
        )
        if paths:
            from pathlib import Path

            workspace.importer.import_files(
                None, workspace.audio.position, [Path(p) for p in paths]
            )

    def open_settings(self) -> SettingsDialog:
        window = self.window
        look = window.look
        dialog = SettingsDialog(
            window.paths, window._tasks, Preferences(),
            theme=look.theme if look else None, icons=look.icons if look else None,
            tokens=TokenStore(), parent=window,
        )  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    def _about(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About HitRecord Desktop"),
            self.tr("HitRecord Desktop {0}\nFinish work together: every piece credited.").format(
                __version__
            ),
        )
