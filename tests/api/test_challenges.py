"""Challenges: create, edit, search, filter, sort, page through, and reuse pages by ETag."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hitrecord_desktop.api import ApiError, PlatformClient
from tests.api.helpers import unique_word


def test_create_get_and_update(client: PlatformClient) -> None:
    deadline = datetime(2027, 1, 31, 12, 0, tzinfo=UTC)
    made = client.create_challenge(
        "Narration wanted", "Read the poem.", ["narration", "music"], "video", deadline=deadline
    )
    assert made.roles == ("narration", "music")
    assert (made.kind, made.status, made.deadline) == ("video", "open", deadline)
    assert made.author == client.me()
    assert client.get_challenge(made.id) == made

    later = deadline + timedelta(days=7)
    edited = client.update_challenge(
        made.id, title="Narrator wanted", deadline=later, status="closed"
    )
    assert (edited.title, edited.deadline, edited.status) == ("Narrator wanted", later, "closed")
    assert not edited.is_open
    assert client.get_challenge(made.id) == edited
    cleared = client.update_challenge(made.id, deadline=None)
    assert cleared.deadline is None


def test_search_pages_through_everything_once_even_when_new_ones_arrive(
    client: PlatformClient,
) -> None:
    word = unique_word()
    made = [
        client.create_challenge(f"{word} number {i}", "brief", ["vocals"], "audio").id
        for i in range(7)
    ]
    seen: list[int] = []
    page = client.list_challenges(q=word, limit=3)
    pages = 1
    seen += [c.id for c in page.items]
    # A challenge posted while someone is paging must not shift later pages (keyset cursors).
    newcomer = client.create_challenge(f"{word} latecomer", "brief", ["vocals"], "audio").id
    while page.next_cursor is not None:
        page = client.list_challenges(q=word, limit=3, cursor=page.next_cursor)
        pages += 1
        seen += [c.id for c in page.items]
    assert pages == 3
    assert len(seen) == len(set(seen))
    assert seen == sorted(made, reverse=True)  # newest first: the first seven, none twice
    assert newcomer not in seen
    everything = [c.id for c in client.iter_challenges(q=word, limit=2)]
    assert everything == [newcomer, *sorted(made, reverse=True)]


def test_search_matches_word_prefixes_in_title_and_brief(client: PlatformClient) -> None:
    word, other = unique_word(), unique_word()
    in_title = client.create_challenge(f"Cello {word}", "strings", ["instrument"], "audio")
    in_brief = client.create_challenge("Untitled", f"a {word} and {other}", ["music"], "audio")
    assert {c.id for c in client.iter_challenges(q=word[:6])} == {in_title.id, in_brief.id}
    assert [c.id for c in client.iter_challenges(q=f"{word} {other}")] == [in_brief.id]


def test_filters_by_role_kind_and_status(client: PlatformClient) -> None:
    word = unique_word()
    song = client.create_challenge(f"{word} song", "", ["vocals", "music"], "audio")
    film = client.create_challenge(f"{word} film", "", ["animation"], "video")
    done = client.create_challenge(f"{word} done", "", ["music"], "audio", status="closed")

    def ids(**filters: object) -> set[int]:
        return {c.id for c in client.iter_challenges(q=word, **filters)}

    assert ids() == {song.id, film.id}  # open is the default
    assert ids(status="any") == {song.id, film.id, done.id}
    assert ids(status="closed") == {done.id}
    assert ids(role="music", status="any") == {song.id, done.id}
    assert ids(kind="video") == {film.id}
    assert ids(role="animation", kind="audio") == set()


def test_sort_by_deadline_puts_the_soonest_first_and_none_last(client: PlatformClient) -> None:
    word = unique_word()
    now = datetime.now(UTC)
    late = client.create_challenge(word, "", ["video"], "video", deadline=now + timedelta(days=9))
    none = client.create_challenge(word, "", ["video"], "video")
    soon = client.create_challenge(word, "", ["video"], "video", deadline=now + timedelta(days=1))
    order = [c.id for c in client.iter_challenges(q=word, sort="deadline", limit=1)]
    assert order == [soon.id, late.id, none.id]
    oldest = [c.id for c in client.iter_challenges(q=word, sort="oldest")]
    assert oldest == [late.id, none.id, soon.id]


def test_a_page_asked_for_again_is_answered_304_and_reused(client: PlatformClient) -> None:
    word = unique_word()
    client.create_challenge(f"{word} one", "", ["vocals"], "audio")
    first = client.list_challenges(q=word)
    again = client.list_challenges(q=word)
    # The very same object: the client sent If-None-Match and the server answered 304.
    assert again is first

    second = client.create_challenge(f"{word} two", "", ["vocals"], "audio")
    changed = client.list_challenges(q=word)
    assert changed is not first
    assert changed.items[0].id == second.id

    detail = client.get_challenge(second.id)
    assert client.get_challenge(second.id) is detail
    edited = client.update_challenge(second.id, brief="now with a brief")
    assert client.get_challenge(second.id) == edited


def test_a_damaged_cursor_is_a_422_naming_the_cursor(client: PlatformClient) -> None:
    with pytest.raises(ApiError) as caught:
        client.list_challenges(cursor="not-a-cursor")
    assert caught.value.status == 422
    assert [e.field for e in caught.value.errors] == ["query.cursor"]
