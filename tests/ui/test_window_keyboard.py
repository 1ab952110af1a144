"""The integrated window for a person who uses the keyboard or a screen reader: every control
that takes focus has an accessible name, Tab reaches the parts in a sensible order, and every
menu command has a shortcut. Real window, real demo server, a real project workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.connection import Connection
from hitrecord_desktop.paths import app_paths
from hitrecord_desktop.ui.main_window import MainWindow
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.workspace import Workspace
from tests.support.live_server import LiveServer

NIGHT_BUS = "Vocals wanted: Night Bus"


@pytest.fixture
def window(qtbot, qapp, live_server: LiveServer, isolated_home: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    def open_connection() -> Connection:
        return Connection(PlatformClient(live_server.url), "Demo server", False, None)

    main = MainWindow(TaskRunner(qapp), open_connection, app_paths().ensure())
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    main.start()
    qtbot.waitUntil(lambda: main.browser.model.rowCount() > 0, timeout=15000)
    yield main
    main.close()


def _open_night_bus(qtbot, window: MainWindow) -> Workspace:  # type: ignore[no-untyped-def]
    model = window.browser.model
    row = next(r for r in range(model.rowCount()) if model.challenge_at(r).title == NIGHT_BUS)
    window.browser.table.selectRow(row)
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Return)  # Enter opens the project
    qtbot.waitUntil(lambda: window.current_workspace() is not None, timeout=15000)
    workspace = window.current_workspace()
    assert workspace is not None
    return workspace


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


def _named(widget: QWidget) -> bool:
    if widget.accessibleName():
        return True
    # A button says what it does with its text; a tool button with its action's text.
    return isinstance(widget, QAbstractButton) and bool(widget.text().strip())


def test_every_focusable_control_has_a_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}" for w in _focusable(window) if not _named(w)
    ]
    assert not unnamed, unnamed
    workspace = _open_night_bus(qtbot, window)
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
        for w in _focusable(workspace)
        if not _named(w)
    ]
    assert not unnamed, unnamed


def _tab_path(qtbot, start: QWidget, steps: int) -> list[QWidget]:  # type: ignore[no-untyped-def]
    start.setFocus()
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    path = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        path.append(QApplication.focusWidget())
    return path


def test_tab_walks_the_browser_then_the_workspace_in_order(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    browser = window.browser
    path = _tab_path(qtbot, browser.filters.search, 12)
    order = [path.index(w) for w in (browser.filters.search, browser.table) if w in path]
    assert len(order) == 2 and order == sorted(order), [w.objectName() for w in path]

    workspace = _open_night_bus(qtbot, window)
    path = _tab_path(qtbot, workspace.transport.tempo_box, 60)
    inside = [w for w in path if w is not None and workspace.isAncestorOf(w)]
    assert len(inside) > 10  # the keyboard stays in the project and reaches its controls
    parts = [workspace.timeline, workspace.recorder]
    reached = [any(part.isAncestorOf(w) for w in inside) for part in parts]
    assert all(reached), [w.objectName() or type(w).__name__ for w in inside]


def test_every_menu_command_has_a_shortcut(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_night_bus(qtbot, window)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    actions = [a for m in menus for a in m.actions() if not a.isSeparator() and a.menu() is None]
    missing = [a.text() for a in actions if a.shortcut().isEmpty()]
    assert not missing, missing
    texts = " ".join(a.text() for a in actions)
    for wanted in ("Undo", "Upload Take", "Record", "Split", "Settings"):
        assert wanted in texts.replace("&", ""), wanted
    keys = [a.shortcut().toString() for a in actions if a.isEnabled()]
    clashes = {k for k in keys if keys.count(k) > 1}
    assert not clashes, clashes
