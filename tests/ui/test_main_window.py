"""The main window against the real demo server: real widgets, real HTTP, no stand-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtWidgets import QLabel

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.connection import Connection
from hitrecord_desktop.paths import app_paths
from hitrecord_desktop.ui.main_window import MainWindow
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.support.live_server import LiveServer

OPEN_DEMO_CHALLENGES = 5


@pytest.fixture
def window(qtbot, qapp, live_server: LiveServer, isolated_home: Path):  # type: ignore[no-untyped-def]
    tasks = TaskRunner(qapp)  # owned by the app, as in launch.py: see TaskRunner's docstring

    def open_connection() -> Connection:
        return Connection(PlatformClient(live_server.url), "Demo server", False, None)

    main = MainWindow(tasks, open_connection, app_paths())
    qtbot.addWidget(main)
    main.show()
    main.start()
    qtbot.waitUntil(lambda: main.browser.model.rowCount() == OPEN_DEMO_CHALLENGES, timeout=15000)
    yield main
    main.close()


def test_lists_the_open_demo_challenges(window: MainWindow) -> None:
    assert window.windowTitle() == "HitRecord Desktop"
    titles = {
        window.browser.model.challenge_at(r).title for r in range(window.browser.model.rowCount())
    }
    assert "Vocals wanted: Night Bus" in titles
    assert "Spoken word for a zine launch" not in titles
    assert window.server_label.text().startswith("Demo server")


def test_selecting_shows_brief_and_lineage(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    row = next(
        r
        for r in range(window.browser.model.rowCount())
        if window.browser.model.challenge_at(r).title == "Vocals wanted: Night Bus"
    )
    window.browser.table.selectRow(row)
    qtbot.waitUntil(lambda: "built on" in window.browser.detail.toPlainText(), timeout=10000)
    text = window.browser.detail.toPlainText()
    assert "96 BPM" in text
    assert "High harmony from bar 3" in text
    assert "Night Bus (backing track)" in text


def test_search_narrows_the_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.browser.filters.search, "paper boa")
    qtbot.waitUntil(lambda: window.browser.model.rowCount() == 1, timeout=10000)
    assert window.browser.model.challenge_at(0).title == "Music for my animation: Paper Boats"


def test_every_menu_action_has_a_shortcut_and_name(window: MainWindow) -> None:
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    actions = [a for menu in menus for a in menu.actions() if not a.isSeparator()]
    assert len(actions) >= 4
    for action in actions:
        assert not action.shortcut().isEmpty(), action.text()
    assert window.browser.filters.search.accessibleName()
    assert window.browser.table.accessibleName()


def test_screenshot(window: MainWindow, tmp_path: Path) -> None:
    """Grabs the window as a person would see it; the image must show content, not a blank."""
    window.resize(1180, 720)
    image = window.grab().toImage()
    assert image.width() >= 1000
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, 400, 23)}
    assert len(colours) > 5
    image.save(str(tmp_path / "main-window.png"))


def test_takes_a_crash_cut_short_are_offered_back_at_start(
    qtbot, window: MainWindow, isolated_home: Path
) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.ui.launch import start_recovery
    from tests.audio.test_recover_command import _orphan

    _orphan(isolated_home / "data" / "takes", "cut-short.wav", 24_000)
    start_recovery(window._tasks, window, app_paths())
    qtbot.waitUntil(lambda: window.recovery_dialog is not None, timeout=15000)
    dialog = window.recovery_dialog
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("cut-short.wav" in text and "0.5 s long" in text for text in labels), labels
