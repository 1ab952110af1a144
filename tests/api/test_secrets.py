"""The token never shows up in logs, reprs or error messages; the redaction filter is a backstop."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from hitrecord_desktop.api import ApiError, Challenge, PlatformClient, RedactSecrets
from tests.api.helpers import PASSWORD, unique_name, upload, write_take
from tests.support.live_server import LiveServer


class _Everything(logging.Handler):
    """Collects every formatted record, tracebacks included."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_a_whole_session_leaves_no_token_in_logs_reprs_or_errors(
    api_server: LiveServer, challenge: Challenge, tmp_path: Path
) -> None:
    handler = _Everything()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)  # urllib3 and requests log at DEBUG too
    shown: list[str] = []
    try:
        name = unique_name()
        client = PlatformClient(api_server.url)
        client.register(name, PASSWORD)
        grant = client.login(name, PASSWORD)
        token = grant.access_token
        client.me()
        take = tmp_path / "take.flac"
        write_take(take, 20_000)
        upload(client, take, chunk_size=8_000)
        uploader = client.uploader()
        shown += [repr(client), str(client), repr(grant), str(grant), repr(uploader)]
        client.logout()
        stale = PlatformClient(api_server.url, token)
        shown.append(repr(stale))
        with pytest.raises(ApiError) as caught:
            stale.me()
        shown += [str(caught.value), repr(caught.value), repr(caught.value.__dict__)]
        logging.getLogger("test").exception("signing in failed", exc_info=caught.value)
        client.close()
        stale.close()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert any("/api/v1/me" in line for line in handler.lines)  # logging did happen
    everything = "\n".join(handler.lines + shown)
    assert token not in everything
    assert PASSWORD not in everything


def test_the_filter_masks_bearer_tokens_and_access_token_values() -> None:
    handler = _Everything()
    handler.addFilter(RedactSecrets())
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        logger.debug("headers %s", {"Authorization": "Bearer abc.DEF-123_x~+/="})
        logger.info('body {"access_token": "tok-one", "token_type": "bearer"}')
        logger.info("url %s", "https://x/cb?access_token=tok-two&state=1")
        logger.info("access_token=tok-three; other=1")
        try:
            raise RuntimeError("sent Authorization: Bearer tok-four")
        except RuntimeError:
            logger.exception("failed")
        logger.info("nothing secret here, %d%%", 100)
    finally:
        logger.removeHandler(handler)
    text = "\n".join(handler.lines)
    for secret in ("abc.DEF-123_x~+/=", "tok-one", "tok-two", "tok-three", "tok-four"):
        assert secret not in text
    assert text.count("[redacted]") >= 5  # the traceback quotes the raising line too
    assert "state=1" in text and "token_type" in text
    assert "nothing secret here, 100%" in text
