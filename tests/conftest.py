"""Fixtures shared by the suite. Each starts only what a test needs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One demo-seeded server for the whole session: read-mostly tests share it."""
    with LiveServer(tmp_path_factory.mktemp("live-server"), demo=True) as server:
        yield server


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[LiveServer]:
    """An empty server of the test's own."""
    with LiveServer(tmp_path / "server") as server:
        yield server


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points every user folder (config, data, logs, cache) at a temp dir."""
    home = tmp_path / "home"
    monkeypatch.setenv("HITRECORD_HOME", str(home))
    return home


@pytest.fixture
def secret_service() -> Iterator[dict[str, str]]:
    """Environment variables of a real, private Secret Service (gnome-keyring on its own D-Bus)."""
    from tests.support.secret_service import private_secret_service

    with private_secret_service() as env:
        if env is None:
            pytest.skip("gnome-keyring and dbus are not installed (make test installs them)")
        yield env
