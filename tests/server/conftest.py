"""Fixtures of the server tests: a live server per module, and a guard that fails any test
during which the server logged an unhandled error (a 500)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tests.support.live_server import LiveServer

MAX_UPLOAD = 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """An empty server shared by one module's tests; each test makes its own users."""
    with LiveServer(tmp_path_factory.mktemp("server") / "data", max_upload_bytes=MAX_UPLOAD) as s:
        yield s


@pytest.fixture(autouse=True)
def _no_unhandled_server_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    yield
    crashes = [
        record
        for record in caplog.get_records("call")
        if record.name.startswith("hitrecord_desktop.server") and record.levelno >= logging.ERROR
    ]
    assert not crashes, "the server failed: " + "; ".join(r.getMessage() for r in crashes)
