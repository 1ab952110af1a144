"""Kept challenge pages are read back under the same key the client saved them with."""

from __future__ import annotations

from pathlib import Path

import pytest

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.sync.challenge_cache import ChallengeCache
from hitrecord_desktop.sync.challenge_query import ChallengeQuery
from hitrecord_desktop.sync.kept_challenges import NothingKept, kept_challenges, server_key_for
from tests.support.live_server import LiveServer


def test_pages_the_client_kept_are_found_for_the_same_query(
    tmp_path: Path, live_server: LiveServer
) -> None:
    store = ChallengeCache.open(tmp_path, "local")
    assert store is not None
    query = ChallengeQuery(status="any", sort="most_contributed")
    with PlatformClient(live_server.url) as client:
        client.use_answer_store(store)
        first = client.list_challenges(**query.params(limit=2))
        second = client.list_challenges(**query.params(cursor=first.next_cursor, limit=2))
    kept = kept_challenges(store, query, limit=2)
    assert kept.offline and kept.saved_at is not None
    assert kept.value == first
    assert kept_challenges(store, query, first.next_cursor, limit=2).value == second
    with pytest.raises(NothingKept):
        kept_challenges(store, query)  # another page size: never asked
    with pytest.raises(NothingKept):
        kept_challenges(store, ChallengeQuery(q="boats"), limit=2)


def test_server_keys_match_the_connections() -> None:
    assert server_key_for("local") == "local"
    url = "https://Example.org/"
    assert server_key_for(url) == PlatformClient(url).server_url
