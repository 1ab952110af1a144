"""The models read what the contract promises and name the field when the server sends else."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hitrecord_desktop.api import (
    ApiError,
    Challenge,
    Contribution,
    Credits,
    Page,
    TokenGrant,
    User,
)

USER = {"id": 3, "username": "mara", "display_name": "Mara", "created_at": "2026-11-23T10:32:00Z"}
CHALLENGE = {
    "id": 1,
    "title": "Vocals wanted: Night Bus",
    "brief": "Sing.",
    "roles": ["vocals"],
    "kind": "audio",
    "status": "open",
    "deadline": "2026-12-31T00:00:00+02:00",
    "created_at": "2026-11-23T10:32:00.123456Z",
    "author": USER,
    "contribution_count": 3,
    "reference_contribution_id": None,
}
CONTRIBUTION = {
    "id": 7,
    "challenge_id": 1,
    "title": "Backing track",
    "role": "music",
    "kind": "audio",
    "author": USER,
    "created_at": "2026-11-23T10:32:00Z",
    "sha256": "ab" * 32,
    "size": 1234567,
    "media_type": "audio/flac",
    "filename": "night-bus.flac",
    "media_url": "http://host:1/api/v1/contributions/7/media",
    "built_on": [{"contribution_id": 3, "offset_samples": -96000, "sample_rate": 48000}],
}


def _bad(parse: Any, data: object) -> ApiError:
    with pytest.raises(ApiError) as caught:
        parse(data)
    assert caught.value.type == "bad-response"
    return caught.value


def test_a_full_answer_reads_into_typed_values_with_aware_times() -> None:
    challenge = Challenge.from_json(CHALLENGE)
    assert challenge.author == User(3, "mara", "Mara", datetime(2026, 11, 23, 10, 32, tzinfo=UTC))
    assert challenge.deadline == datetime(2026, 12, 30, 22, 0, tzinfo=UTC)
    assert challenge.deadline.tzinfo is not None
    assert challenge.roles == ("vocals",)
    contribution = Contribution.from_json(CONTRIBUTION)
    assert contribution.built_on[0].offset_samples == -96000
    assert contribution.built_on[0].to_json() == CONTRIBUTION["built_on"][0]


def test_a_time_without_offset_is_read_as_utc_as_the_contract_says() -> None:
    user = User.from_json({**USER, "created_at": "2026-11-23T10:32:00"})
    assert user.created_at == datetime(2026, 11, 23, 10, 32, tzinfo=UTC)
    other = User.from_json({**USER, "created_at": "2026-11-23T11:32:00+01:00"})
    assert other.created_at.utcoffset() == timedelta(hours=1)
    assert other.created_at == user.created_at
    assert other.created_at.tzinfo == timezone(timedelta(hours=1))


def test_a_missing_field_is_named_with_its_path() -> None:
    data = copy.deepcopy(CHALLENGE)
    del data["author"]["username"]
    error = _bad(Challenge.from_json, data)
    assert "challenge.author.username" in str(error)
    assert "missing" in str(error)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"id": "1"}, "challenge.id"),
        ({"id": True}, "challenge.id"),  # a bool is not an id, though Python calls it an int
        ({"roles": ["vocals", 2]}, "challenge.roles[1]"),
        ({"roles": "vocals"}, "challenge.roles"),
        ({"deadline": "next week"}, "challenge.deadline"),
        ({"author": None}, "challenge.author"),
        ({"contribution_count": 1.5}, "challenge.contribution_count"),
    ],
)
def test_a_wrong_type_is_named(change: dict[str, object], named: str) -> None:
    error = _bad(Challenge.from_json, {**CHALLENGE, **change})
    assert named in str(error)


def test_an_error_in_a_list_item_names_its_index() -> None:
    bad_item = {**CONTRIBUTION, "sha256": "not-a-digest"}
    data = {"items": [CONTRIBUTION, bad_item], "next_cursor": None}
    error = _bad(lambda d: Page.from_json(d, Contribution.from_json), data)
    assert "page.items[1].sha256" in str(error)


def test_credits_and_page_read_nested_lists() -> None:
    credits = Credits.from_json(
        {
            "contribution_id": 9,
            "credits": [
                {"contribution_id": 9, "title": "t", "role": "vocals", "author": USER, "depth": 0}
            ],
            "contributors": [{"user": USER, "roles": ["vocals"]}],
        }
    )
    assert credits.contributors[0].roles == ("vocals",)
    page = Page.from_json({"items": [], "next_cursor": "abc"}, Challenge.from_json)
    assert page == Page(items=(), next_cursor="abc")


def test_the_token_is_not_in_the_grants_repr() -> None:
    grant = TokenGrant.from_json(
        {"access_token": "s3cr3t-t0ken", "token_type": "bearer", "expires_at": USER["created_at"]}
    )
    assert grant.access_token == "s3cr3t-t0ken"
    assert "s3cr3t" not in repr(grant)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(
    st.fixed_dictionaries({}, optional={key: json_values for key in CHALLENGE})
    | json_values
    | st.fixed_dictionaries({key: st.just(value) for key, value in CHALLENGE.items()}).flatmap(
        lambda good: st.sampled_from(list(good)).flatmap(
            lambda key: json_values.map(lambda junk: {**good, key: junk})
        )
    )
)
def test_any_json_answer_either_reads_or_raises_api_error(data: object) -> None:
    """Whatever the server sends, the app sees a Challenge or an ApiError, never a KeyError."""
    try:
        Challenge.from_json(data)
    except ApiError as error:
        assert error.type == "bad-response"
