"""Fixtures of the server tests: a live server per module with two users, a challenge and a
contribution on it, and a guard that fails any test during which the server logged an unhandled
error (a 500)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.live_server import LiveServer

from .api_helpers import new_challenge, new_contribution, sign_up, unique

MAX_UPLOAD = 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """An empty server shared by one module's tests; each test makes its own users."""
    with LiveServer(tmp_path_factory.mktemp("server") / "data", max_upload_bytes=MAX_UPLOAD) as s:
        yield s


@pytest.fixture(scope="module")
def api(server: LiveServer) -> str:
    return server.api


@pytest.fixture(scope="module")
def alice(api: str) -> str:
    return sign_up(api, unique("alice"))


@pytest.fixture(scope="module")
def bob(api: str) -> str:
    return sign_up(api, unique("bob"))


@pytest.fixture(scope="module")
def challenge(api: str, alice: str) -> dict[str, Any]:
    return new_challenge(api, alice)


@pytest.fixture(scope="module")
def contribution(api: str, alice: str, challenge: dict[str, Any]) -> dict[str, Any]:
    """Alice's contribution of 1000 bytes (b"0123456789" * 100)."""
    return new_contribution(api, alice, challenge["id"], data=b"0123456789" * 100)


@pytest.fixture(autouse=True)
def _no_unhandled_server_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    yield
    crashes = [
        record
        for record in caplog.get_records("call")
        if record.name.startswith("hitrecord_desktop.server") and record.levelno >= logging.ERROR
    ]
    assert not crashes, "the server failed: " + "; ".join(r.getMessage() for r in crashes)
