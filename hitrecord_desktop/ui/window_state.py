"""The main window's geometry and dock/toolbar layout across runs (QSettings, Qt side only:
view state never goes into projects or the user settings file)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

STATE_VERSION = 1  # raise when docks or toolbars change, so an old layout is not restored


def save_window_state(window: QMainWindow, settings: QSettings | None = None) -> None:
    """Call from closeEvent."""
    store = settings if settings is not None else QSettings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState(STATE_VERSION))
    store.sync()


def restore_window_state(window: QMainWindow, settings: QSettings | None = None) -> bool:
    """Call before show(); False when nothing (usable) was saved, so the caller picks a size."""
    store = settings if settings is not None else QSettings()
    geometry = store.value("window/geometry")
    state = store.value("window/state")
    restored = False
    if isinstance(geometry, QByteArray | bytes) and geometry:
        restored = window.restoreGeometry(QByteArray(geometry))
    if isinstance(state, QByteArray | bytes) and state:
        restored = window.restoreState(QByteArray(state), STATE_VERSION) and restored
    return restored
