"""Fixtures of the UI tests: the event-loop stall watchdog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.ui_watchdog import UiWatchdog


@pytest.fixture
def ui_watchdog(qapp) -> Iterator[UiWatchdog]:  # type: ignore[no-untyped-def]
    """A watchdog, not yet watching: wrap what must stay responsive in `with ui_watchdog.watch():`
    (setup such as seeding a server stays outside). The test fails on any stall over 100 ms."""
    watchdog = UiWatchdog()
    yield watchdog
    watchdog.stop()
    watchdog.assert_no_stalls()
