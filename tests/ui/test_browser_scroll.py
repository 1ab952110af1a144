"""10,000 challenges scroll to the end through the lazy model without one event-loop stall."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.local_community import LocalCommunity
from hitrecord_desktop.server.app import create_app
from hitrecord_desktop.server.settings import ServerSettings
from hitrecord_desktop.sync.media_cache import MediaCache
from hitrecord_desktop.ui.challenge_browser import ChallengeBrowser
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.support.many_challenges import seed_challenges
from tests.support.ui_watchdog import UiWatchdog

SEEDED = 10_000
COUNT = SEEDED + 6  # and the demo community's


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCommunity]:
    """The real server in a child process, as the app runs it (an in-process server would take
    the GIL from the GUI thread, which the app never has to share)."""
    data_dir = tmp_path_factory.mktemp("big-server")
    app = create_app(ServerSettings(data_dir=data_dir))
    seed_challenges(app, SEEDED)
    app.state.db.dispose()
    with LocalCommunity(data_dir) as server:  # adds the 6 demo challenges
        yield server


def test_ten_thousand_challenges_scroll_to_the_end_without_a_stall(
    qtbot, qapp, big_server: LocalCommunity, tmp_path: Path, ui_watchdog: UiWatchdog
) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskRunner(qapp)
    browser = ChallengeBrowser(tasks, MediaCache(tmp_path / "media", 1 << 30), tmp_path / "pcm")
    qtbot.addWidget(browser)
    browser.resize(1200, 700)
    browser.show()
    browser.filters.select(browser.filters.status, "any")  # before attach: one query only
    table, model = browser.table, browser.model
    started = time.monotonic()
    with ui_watchdog.watch():
        browser.attach(PlatformClient(big_server.url))
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
        # A reader dragging the scroll bar down: each time the end is reached, the next page.
        deadline = time.monotonic() + 90
        while (model.rowCount() < COUNT or model.loading) and time.monotonic() < deadline:
            table.scrollToBottom()
            qtbot.wait(10)
        loaded_s = time.monotonic() - started
        # And back up through the whole list in screenfuls, painting each.
        bar = table.verticalScrollBar()
        for value in range(bar.maximum(), -1, -max(1, bar.pageStep() * 20)):
            bar.setValue(value)
            qtbot.wait(1)
        table.scrollToBottom()
        qtbot.wait(50)
    assert model.rowCount() == COUNT
    assert not model.canFetchMore()
    assert browser.filters.count.text() == f"{COUNT} challenges"
    ids = {model.challenge_at(row).id for row in range(COUNT)}  # type: ignore[union-attr]
    assert len(ids) == COUNT  # every challenge once: the pages met without gap or overlap
    assert table.rowAt(table.viewport().height() - 2) in (COUNT - 1, COUNT - 2)
    print(
        f"{COUNT} rows loaded in {loaded_s:.1f} s; "
        f"longest gap {ui_watchdog.longest_s * 1000:.0f} ms"
    )
    browser.shutdown()
