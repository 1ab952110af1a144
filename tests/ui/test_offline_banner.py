"""The challenge browser offline, against the real demo server behind a proxy that cuts the
network: saved challenges shown under a banner that says so, cleared when the server is back."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.connection import Connection
from hitrecord_desktop.paths import app_paths
from hitrecord_desktop.sync.challenge_cache import ChallengeCache
from hitrecord_desktop.ui.main_window import MainWindow
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer

OPEN_DEMO_CHALLENGES = 5
NIGHT_BUS = "Vocals wanted: Night Bus"

OpenWindow = Callable[[], MainWindow]


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[CuttingProxy]:
    with CuttingProxy(live_server.url) as running:
        yield running


@pytest.fixture
def open_window(
    qtbot, qapp, proxy: CuttingProxy, tmp_path: Path, isolated_home: Path
) -> Iterator[OpenWindow]:  # type: ignore[no-untyped-def]
    """Starts the window as the app does: a client with the challenge store of its server."""
    windows: list[MainWindow] = []

    def open_connection() -> Connection:
        client = PlatformClient(proxy.url, retries=0, backoff=0.01)
        connection = Connection(client, "Demo server", False, None)
        client.use_answer_store(ChallengeCache.open(tmp_path / "cache", connection.server_key))
        return connection

    def start() -> MainWindow:
        window = MainWindow(
            TaskRunner(qapp), open_connection, app_paths()
        )  # app-owned, as in launch.py
        qtbot.addWidget(window)
        window.resize(1180, 720)
        window.show()
        window.start()
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.close()


def _select(window: MainWindow, title: str) -> None:
    rows = range(window.browser.model.rowCount())
    window.browser.table.selectRow(
        next(r for r in rows if window.browser.model.challenge_at(r).title == title)
    )


def test_a_restarted_app_offline_shows_the_saved_challenges_under_a_banner(
    qtbot, open_window: OpenWindow, proxy: CuttingProxy, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = open_window()
    qtbot.waitUntil(lambda: first.browser.model.rowCount() == OPEN_DEMO_CHALLENGES, timeout=15000)
    assert first.browser.banner.isHidden()
    _select(first, NIGHT_BUS)
    qtbot.waitUntil(lambda: "built on" in first.browser.detail.toPlainText(), timeout=10000)
    first.close()

    proxy.go_offline()
    window = open_window()
    qtbot.waitUntil(lambda: window.browser.model.rowCount() == OPEN_DEMO_CHALLENGES, timeout=15000)
    banner = window.browser.banner
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert banner.label.text().startswith("Offline — showing challenges saved at ")
    assert banner.accessibleName() == "Offline notice"
    assert banner.accessibleDescription() == banner.label.text()
    _select(window, NIGHT_BUS)
    qtbot.waitUntil(lambda: "built on" in window.browser.detail.toPlainText(), timeout=10000)
    assert "High harmony from bar 3" in window.browser.detail.toPlainText()

    image = window.grab().toImage()
    shots = Path(os.environ.get("HITRECORD_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    image.save(str(shots / "main-window-offline.png"))
    top = banner.mapTo(window, banner.rect().center())
    assert image.pixelColor(top.x() // 4, top.y()).name() == "#fff3cd"  # the amber strip

    _select(window, "Foley for a rainy street scene")  # never opened online: nothing kept
    qtbot.waitUntil(
        lambda: "could not be loaded" in window.browser.detail.toPlainText(), timeout=10000
    )
    assert "Could not reach" in window.browser.detail.toPlainText()
    _select(window, NIGHT_BUS)
    qtbot.waitUntil(lambda: "built on" in window.browser.detail.toPlainText(), timeout=10000)

    window.browser.probe_timer.setInterval(50)  # instead of waiting half a minute
    proxy.go_online()
    qtbot.waitUntil(banner.isHidden, timeout=10000)
    qtbot.waitUntil(lambda: window.browser.model.rowCount() == OPEN_DEMO_CHALLENGES, timeout=10000)
    assert (
        window.browser.model.challenge_at(window.browser.table.currentIndex().row()).title
        == NIGHT_BUS
    )
    assert not window.browser.probe_timer.isActive()


def test_offline_with_nothing_saved_says_why_and_shows_no_banner(
    qtbot, open_window: OpenWindow, proxy: CuttingProxy
) -> None:  # type: ignore[no-untyped-def]
    proxy.go_offline()
    window = open_window()
    qtbot.waitUntil(
        lambda: "Could not load challenges" in window.statusBar().currentMessage(), timeout=15000
    )
    assert "Could not reach" in window.statusBar().currentMessage()
    assert window.browser.model.rowCount() == 0
    assert window.browser.banner.isHidden()
