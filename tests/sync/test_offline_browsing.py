"""Offline browsing against the real server: challenges seen once stay browsable when the server
cannot be reached (marked offline, with when they were saved), refreshes cost a 304 even after a
restart, and with nothing kept the network error is raised as before."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from hitrecord_desktop.api import ApiError, Challenge, PlatformClient
from hitrecord_desktop.connection import Connection
from hitrecord_desktop.sync import challenge_cache
from hitrecord_desktop.sync.challenge_cache import FILE_NAME, ChallengeCache
from hitrecord_desktop.sync.offline_browser import OfflineBrowser
from tests.api.helpers import unique_word
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer

from .conftest import MakeClient, Piece

NOT_MODIFIED_MAX_BYTES = 600  # a 304: status line and headers, no body


def browser_for(client: PlatformClient, folder: Path, key: str = "https://example.org") -> Any:
    store = ChallengeCache.open(folder, key)
    assert store is not None
    client.use_answer_store(store)
    return OfflineBrowser(client)


@pytest.fixture
def word_challenges(author: PlatformClient) -> tuple[str, list[Challenge]]:
    word = unique_word()
    made = [author.create_challenge(f"{word} {n}", "brief", ["vocals"], "audio") for n in range(3)]
    return word, made


def test_challenges_seen_once_are_shown_offline_after_a_restart(
    make_client: MakeClient,
    proxy: CuttingProxy,
    tmp_path: Path,
    word_challenges: tuple[str, list[Challenge]],
) -> None:
    word, made = word_challenges
    online = browser_for(make_client(proxy.url), tmp_path).challenges(q=word)
    assert not online.offline and online.saved_at is None
    assert [c.id for c in online.value.items] == [c.id for c in reversed(made)]
    seen_at = datetime.now(UTC)

    proxy.go_offline()
    restarted = browser_for(make_client(proxy.url, retries=0), tmp_path)  # a new run of the app
    offline = restarted.challenges(q=word)
    assert offline.offline
    assert offline.value == online.value
    assert offline.saved_at is not None and abs((seen_at - offline.saved_at).total_seconds()) < 5
    assert proxy.refused >= 1  # it did try the server first

    with pytest.raises(ApiError) as caught:  # a query never seen: nothing to show
        restarted.challenges(q=unique_word())
    assert caught.value.is_network_error
    assert "Could not reach" in str(caught.value)


def test_a_refresh_after_a_restart_costs_a_304_and_confirms_the_copy(
    make_client: MakeClient,
    proxy: CuttingProxy,
    tmp_path: Path,
    author: PlatformClient,
    word_challenges: tuple[str, list[Challenge]],
) -> None:
    word, _made = word_challenges
    browser_for(make_client(proxy.url), tmp_path).challenges(q=word)
    first_body = proxy.bytes_down
    seen_at = datetime.now(UTC)

    restarted = browser_for(make_client(proxy.url), tmp_path)
    before = proxy.bytes_down
    again = restarted.challenges(q=word)
    assert not again.offline
    assert proxy.bytes_down - before < NOT_MODIFIED_MAX_BYTES < first_body  # answered 304
    store = ChallengeCache.open(tmp_path, "https://example.org")
    assert store is not None
    for key in _keys(tmp_path):
        kept = store.load(key)
        assert kept is not None and kept.fetched_at > seen_at  # confirmed by the 304

    newcomer = author.create_challenge(f"{word} late", "brief", ["vocals"], "audio")
    changed = restarted.challenges(q=word)
    assert changed.value.items[0].id == newcomer.id  # news costs a 200, and is kept
    proxy.go_offline()
    offline = browser_for(make_client(proxy.url, retries=0), tmp_path).challenges(q=word)
    assert offline.offline and offline.value.items[0].id == newcomer.id


def test_details_and_contribution_lists_are_kept_too(
    make_client: MakeClient,
    proxy: CuttingProxy,
    tmp_path: Path,
    media_challenge: Challenge,
    pieces: list[Piece],
) -> None:
    browser = browser_for(make_client(proxy.url), tmp_path)
    detail = browser.challenge(media_challenge.id)
    listed = browser.contributions(media_challenge.id)
    assert [c.id for c in listed.value][: len(pieces)] == [p.contribution.id for p in pieces]
    proxy.go_offline()
    offline = browser_for(make_client(proxy.url, retries=0), tmp_path)
    kept_detail = offline.challenge(media_challenge.id)
    kept_list = offline.contributions(media_challenge.id)
    assert kept_detail.offline and kept_detail.value == detail.value
    assert kept_list.offline and kept_list.value == listed.value


def test_a_gateway_that_cannot_reach_the_server_also_serves_the_copy(
    make_client: MakeClient,
    proxy: CuttingProxy,
    tmp_path: Path,
    word_challenges: tuple[str, list[Challenge]],
) -> None:
    word, _made = word_challenges
    browser = browser_for(make_client(proxy.url, retries=0), tmp_path)
    browser.challenges(q=word)
    proxy.answer_with(503, reason="Service Unavailable")
    proxy.go_offline(0)  # drops the kept-alive connection, so the next request meets the 503
    kept = browser.challenges(q=word)  # in memory this time: no restart needed
    assert kept.offline and proxy.answered == 1
    assert not browser.challenges(q=word).offline  # the next one gets through


def test_the_local_community_keeps_its_copies_across_ports(tmp_path: Path) -> None:
    """A new port and token at every start: the key is "local" and the path, so still a 304."""
    with LiveServer(tmp_path / "server") as server:
        with PlatformClient(server.url) as client:
            connection = Connection(client, "Local community", True, "me")
            assert connection.server_key == "local"
            browser_for(client, tmp_path / "cache", connection.server_key).challenges()
        server.restart()
        with CuttingProxy(server.url) as proxy, PlatformClient(proxy.url) as client:
            again = browser_for(client, tmp_path / "cache", "local").challenges()
            assert not again.offline
            assert proxy.bytes_down < NOT_MODIFIED_MAX_BYTES


def test_the_server_key_of_a_remote_server_is_its_normalised_url() -> None:
    with PlatformClient("HTTPS://Example.org:443/api/v1/") as client:
        assert Connection(client, "x", False, None).server_key == "https://example.org"


def test_a_damaged_store_is_replaced_and_browsing_goes_on(
    make_client: MakeClient,
    proxy: CuttingProxy,
    tmp_path: Path,
    word_challenges: tuple[str, list[Challenge]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    word, _made = word_challenges
    (tmp_path / FILE_NAME).write_bytes(b"garbage" * 1000)
    with caplog.at_level(logging.WARNING):
        browser = browser_for(make_client(proxy.url), tmp_path)
    assert "damaged" in caplog.text
    assert (tmp_path / (FILE_NAME + ".broken")).exists()
    browser.challenges(q=word)
    proxy.go_offline()
    assert browser_for(make_client(proxy.url, retries=0), tmp_path).challenges(q=word).offline


def test_a_kept_answer_that_no_longer_parses_is_dropped(
    make_client: MakeClient,
    proxy: CuttingProxy,
    tmp_path: Path,
    word_challenges: tuple[str, list[Challenge]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    word, _made = word_challenges
    browser_for(make_client(proxy.url), tmp_path).challenges(q=word)
    with sqlite3.connect(tmp_path / FILE_NAME) as conn:
        conn.execute("UPDATE answers SET body = ?", (b'{"items": "not a list"}',))
    proxy.go_offline()
    with caplog.at_level(logging.WARNING), pytest.raises(ApiError) as caught:
        browser_for(make_client(proxy.url, retries=0), tmp_path).challenges(q=word)
    assert caught.value.is_network_error
    assert "does not parse" in caplog.text
    assert _keys(tmp_path) == []


def test_the_store_is_bounded_per_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(challenge_cache, "MAX_ANSWERS_PER_SERVER", 3)
    mine = ChallengeCache.open(tmp_path, "https://a.example")
    theirs = ChallengeCache.open(tmp_path, "https://b.example")
    assert mine is not None and theirs is not None
    theirs.save("/challenges", '"t"', b"{}", datetime(2026, 1, 1, tzinfo=UTC))
    for n in range(5):
        mine.save(f"/challenges?q={n}", f'"{n}"', b"{}", datetime(2026, 1, 1, n, tzinfo=UTC))
    assert len(mine) == 3 and len(theirs) == 1
    assert mine.load("/challenges?q=0") is None and mine.load("/challenges?q=4") is not None


def test_an_unwritable_cache_folder_means_no_offline_copies_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert ChallengeCache.open(blocker, "local") is None


def _keys(folder: Path) -> list[str]:
    with sqlite3.connect(folder / FILE_NAME) as conn:
        return [row[0] for row in conn.execute("SELECT resource FROM answers")]
