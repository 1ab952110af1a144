"""Settings persist across a new dialog, the theme switches the palette live, the German
translation loads, and window state round-trips. Real widgets, QSettings in a temp INI file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget

from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.ui.icons import IconBinder
from hitrecord_desktop.ui.preferences import Preferences
from hitrecord_desktop.ui.settings_dialog import SettingsDialog
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.theme import ThemeChoice, ThemeManager
from hitrecord_desktop.ui.translations import install_translations
from hitrecord_desktop.ui.window_state import restore_window_state, save_window_state
from hitrecord_desktop.user_settings import MIB, load_settings


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(*(tmp_path / name for name in ("config", "data", "cache", "logs"))).ensure()


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[ThemeManager]:
    manager = ThemeManager(qapp, ThemeChoice.LIGHT)
    yield manager
    manager.apply(ThemeChoice.LIGHT)
    manager.setParent(None)
    manager.deleteLater()


def _window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_settings_persist_across_a_new_dialog(
    qtbot, qapp, paths: AppPaths, preferences: Preferences, theme: ThemeManager
) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskRunner(qapp)
    dialog = SettingsDialog(paths, tasks, preferences, theme=theme, icons=IconBinder(theme))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page("appearance")
    assert dialog.stack.currentWidget() is dialog.appearance
    dialog.appearance.theme.setCurrentIndex(dialog.appearance.theme.findData("dark"))
    dialog.appearance.language.setCurrentIndex(dialog.appearance.language.findData("de"))
    dialog.storage.limit.setValue(500)
    qtbot.waitUntil(lambda: dialog.audio.isEnabled() or "could not" in dialog.audio.status.text())
    audio_listed = dialog.audio.isEnabled()
    if audio_listed:
        dialog.audio.rate.setCurrentIndex(dialog.audio.rate.findData(44_100))
        dialog.audio.buffer.setCurrentIndex(dialog.audio.buffer.findData(512))
    dialog.accept()
    tasks.wait()

    assert load_settings(paths.settings_file).media_cache_limit == 500 * MIB
    again = SettingsDialog(
        paths,
        tasks,
        Preferences(QSettings(preferences.qsettings.fileName(), QSettings.Format.IniFormat)),
        theme=theme,
    )
    qtbot.addWidget(again)
    assert again.appearance.theme.currentData() == "dark"
    assert again.appearance.language.currentData() == "de"
    assert again.storage.limit.value() == 500
    if audio_listed:
        qtbot.waitUntil(again.audio.isEnabled)
        assert again.audio.rate.currentData() == 44_100
        assert again.audio.buffer.currentData() == 512
    again.reject()
    tasks.wait()


def test_the_theme_switches_the_palette_live_and_cancel_reverts_it(
    qtbot, qapp, paths: AppPaths, preferences: Preferences, theme: ThemeManager
) -> None:  # type: ignore[no-untyped-def]
    assert _window_lightness() > 200
    widget = QWidget()
    qtbot.addWidget(widget)
    icons = IconBinder(theme)
    from PySide6.QtGui import QAction

    action = QAction("Play", widget)
    icons.bind(action, "play")
    light_icon = action.icon().pixmap(32, 32).toImage()
    theme.apply(ThemeChoice.DARK)
    assert _window_lightness() < 80
    qtbot.waitUntil(lambda: widget.palette().color(QPalette.ColorRole.Window).lightness() < 80)
    assert action.icon().pixmap(32, 32).toImage() != light_icon  # redrawn in the dark colours

    tasks = TaskRunner(qapp)
    dialog = SettingsDialog(paths, tasks, preferences, theme=theme)
    qtbot.addWidget(dialog)
    dialog.appearance.theme.setCurrentIndex(dialog.appearance.theme.findData("light"))
    assert _window_lightness() > 200  # live, before OK
    dialog.reject()
    assert _window_lightness() < 80  # cancel: back to the dark it opened with
    tasks.wait()


def test_following_the_system_colour_scheme(qtbot, qapp, theme: ThemeManager) -> None:  # type: ignore[no-untyped-def]
    hints = qapp.styleHints()
    for other in qapp.findChildren(ThemeManager):  # left by windows of earlier tests
        if other is not theme:
            other.detach()
    theme.apply(ThemeChoice.SYSTEM)
    hints.setColorScheme(Qt.ColorScheme.Dark)
    try:
        if hints.colorScheme() != Qt.ColorScheme.Dark:
            # The offscreen plugin keeps no scheme: say what a desktop would say when it changes.
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        qtbot.waitUntil(lambda: _window_lightness() < 80)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        qtbot.waitUntil(lambda: _window_lightness() > 200)
        theme.apply(ThemeChoice.DARK)  # a choice of the person's wins over the system
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert _window_lightness() < 80
    finally:
        hints.unsetColorScheme()


def test_the_german_translation_loads(qapp) -> None:  # type: ignore[no-untyped-def]
    installed = install_translations(qapp, "de")
    try:
        assert installed, "resources/translations/hitrecord_de.qm did not load"
        assert QCoreApplication.translate("UploadWords", "Paused") == "Pausiert"
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "Einstellungen"
        # Qt's own strings for standard dialogs come along.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("UploadWords", "Paused") == "Paused"


def test_window_geometry_and_state_round_trip(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = QMainWindow()
    qtbot.addWidget(window)
    dock = QDockWidget("Uploads", window)
    dock.setObjectName("uploads_dock")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(700, 500)  # inside the offscreen screen (800x600)
    window.show()
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    save_window_state(window, store)
    again = QMainWindow()
    qtbot.addWidget(again)
    dock2 = QDockWidget("Uploads", again)
    dock2.setObjectName("uploads_dock")
    again.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock2)
    assert restore_window_state(again, store)
    assert again.size() == window.size()
    assert again.dockWidgetArea(dock2) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert not restore_window_state(
        QMainWindow(), QSettings(str(tmp_path / "none.ini"), QSettings.Format.IniFormat)
    )


def test_every_action_icon_draws_at_high_dpi(qapp, theme: ThemeManager) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    from hitrecord_desktop.ui.icons import ICON_NAMES, themed_icon

    for name in ICON_NAMES:
        pixmap = themed_icon(name, QApplication.palette()).pixmap(QSize(16, 16), 2.0)
        assert pixmap.devicePixelRatio() == 2.0, name
        assert pixmap.toImage().size() == QSize(32, 32), name  # drawn at 32 px, not scaled up
        assert not pixmap.toImage().isNull(), name


def test_the_uploads_panel_speaks_german(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.sync.upload_engine import UploadEngine
    from hitrecord_desktop.sync.upload_queue import UploadQueue
    from hitrecord_desktop.ui.sync_bridge import SyncBridge
    from hitrecord_desktop.ui.uploads_panel import UploadsPanel

    installed = install_translations(qapp, "de")
    try:
        with UploadQueue(tmp_path / "q.sqlite") as queue:
            engine = UploadEngine(queue, lambda server: None)  # type: ignore[arg-type,return-value]
            bridge = SyncBridge(engine)
            panel = UploadsPanel(bridge, TaskRunner(qapp))
            qtbot.addWidget(panel)
            assert panel.pause_action.text() == "&Pausieren"
            assert panel.model.headerData(2, Qt.Orientation.Horizontal) == "Fortschritt"
            assert panel.detail.text() == "0 Uploads in der Warteschlange."
            bridge.detach()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_emptying_the_media_cache_from_the_storage_page(
    qtbot, qapp, paths: AppPaths, preferences: Preferences
) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.sync.media_cache import FOLDER_NAME

    tasks = TaskRunner(qapp)
    dialog = SettingsDialog(paths, tasks, preferences)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.storage.usage.text().startswith("In use now:"))
    assert (paths.cache_dir / FOLDER_NAME).is_dir()
    dialog.storage.clear_cache()
    qtbot.waitUntil(lambda: dialog.storage.clear_button.isEnabled())
    assert dialog.storage.usage.text() == "In use now: 0 B in 0 file(s)."
    dialog.reject()
    tasks.wait()


def test_the_look_at_start_follows_the_saved_preferences(qapp, preferences: Preferences) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.ui.look import set_up_look

    preferences.theme = ThemeChoice.DARK
    preferences.language = "it"
    look = set_up_look(qapp, preferences)
    try:
        assert _window_lightness() < 80
        assert QCoreApplication.translate("UploadWords", "Paused") == "In pausa"
        assert not look.icons.icon("upload").isNull()
    finally:
        for translator in look.translators:
            qapp.removeTranslator(translator)
        look.theme.apply(ThemeChoice.LIGHT)
        look.theme.setParent(None)
        look.theme.deleteLater()
