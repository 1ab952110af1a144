"""Contributions: creation behind an Idempotency-Key, lineage and credits, detail and lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from hitrecord_desktop.api import (
    ApiError,
    Challenge,
    LineageRef,
    PlatformClient,
    upload_id_from_url,
)
from tests.api.conftest import MakeClient
from tests.api.helpers import contribute, upload, write_take


def test_a_finished_upload_becomes_a_contribution(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    take = take_dir / "night bus – take 3.flac"
    digest = write_take(take, 200_000)
    made = contribute(client, challenge.id, take, title="Take three")
    assert (made.challenge_id, made.title, made.role, made.kind) == (
        challenge.id,
        "Take three",
        "vocals",
        "audio",
    )
    assert (made.sha256, made.size, made.filename) == (digest, 200_000, take.name)
    assert made.media_type == "audio/flac"
    assert made.author == client.me()
    assert client.get_contribution(made.id) == made
    assert client.get_challenge(challenge.id).contribution_count == 1
    assert list(client.iter_contributions(challenge.id)) == [made]


def test_the_same_idempotency_key_gives_the_same_contribution(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    take = take_dir / "take.flac"
    write_take(take, 50_000)
    upload_id = upload_id_from_url(upload(client, take))
    first = client.create_contribution(
        upload_id, challenge.id, "Once", "vocals", [], idempotency_key="job-42"
    )
    again = client.create_contribution(
        upload_id, challenge.id, "Once", "vocals", [], idempotency_key="job-42"
    )
    assert again == first
    assert client.get_challenge(challenge.id).contribution_count == 1

    with pytest.raises(ApiError) as reused:
        client.create_contribution(
            upload_id, challenge.id, "Different", "vocals", [], idempotency_key="job-42"
        )
    assert (reused.value.status, reused.value.type) == (422, "idempotency-conflict")

    with pytest.raises(ApiError) as twice:
        client.create_contribution(
            upload_id, challenge.id, "Once", "vocals", [], idempotency_key="job-43"
        )
    assert (twice.value.status, twice.value.type) == (409, "conflict")


def test_an_unfinished_upload_cannot_become_a_contribution(
    client: PlatformClient, challenge: Challenge
) -> None:
    url = client.uploader().create(1000, {"filename": "half.flac"})
    with pytest.raises(ApiError) as caught:
        client.create_contribution(
            upload_id_from_url(url), challenge.id, "Half", "vocals", [], idempotency_key="half"
        )
    assert (caught.value.status, caught.value.type) == (409, "upload-incomplete")


def test_kind_follows_the_uploads_filetype(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    clip = take_dir / "clip.mp4"
    write_take(clip, 10_000)
    uploader = client.uploader()
    url = uploader.create(clip, {"filename": clip.name, "filetype": "video/mp4"})
    uploader.upload(url, clip)
    made = client.create_contribution(
        upload_id_from_url(url), challenge.id, "Clip", "video", [], idempotency_key="clip"
    )
    assert (made.kind, made.media_type) == ("video", "video/mp4")


def test_credits_follow_the_lineage_nearest_first(make_client: MakeClient, take_dir: Path) -> None:
    mara, theo, june = make_client(), make_client(), make_client()
    song = mara.create_challenge("Vocals wanted: Night Bus", "", ["vocals"], "audio")
    for index, name in enumerate("abcd"):
        write_take(take_dir / f"{name}.flac", 20_000 + index, seed=index)
    backing = contribute(mara, song.id, take_dir / "a.flac", title="Backing", role="music")
    harmony = contribute(
        theo,
        song.id,
        take_dir / "b.flac",
        title="Harmony",
        built_on=[LineageRef(backing.id, 240_000, 48_000)],
    )
    lead = contribute(
        june,
        song.id,
        take_dir / "c.flac",
        title="Lead",
        built_on=[LineageRef(harmony.id, -4_800), LineageRef(backing.id, 0, 44_100)],
    )
    assert harmony.built_on == (LineageRef(backing.id, 240_000, 48_000),)
    # sample_rate is optional in requests; the server fills in 48000.
    assert lead.built_on == (
        LineageRef(harmony.id, -4_800, 48_000),
        LineageRef(backing.id, 0, 44_100),
    )

    credits = june.get_credits(lead.id)
    assert credits.contribution_id == lead.id
    assert [(c.contribution_id, c.depth) for c in credits.credits] == [
        (lead.id, 0),
        (backing.id, 1),  # built on directly, and through the harmony: listed once, nearest
        (harmony.id, 1),
    ]
    who = {c.user.username: c.roles for c in credits.contributors}
    assert who == {
        june.me().username: ("vocals",),
        mara.me().username: ("music",),
        theo.me().username: ("vocals",),
    }
    chain = june.get_credits(harmony.id)
    assert [(c.title, c.depth) for c in chain.credits] == [("Harmony", 0), ("Backing", 1)]


def test_built_on_a_missing_contribution_names_the_index(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    take = take_dir / "take.flac"
    write_take(take, 1000)
    upload_id = upload_id_from_url(upload(client, take))
    with pytest.raises(ApiError) as caught:
        client.create_contribution(
            upload_id,
            challenge.id,
            "Orphan",
            "vocals",
            [LineageRef(2_000_000_000, 0)],
            idempotency_key="orphan",
        )
    assert caught.value.status == 422
    assert [e.field for e in caught.value.errors] == ["body.built_on.0.contribution_id"]


def test_a_closed_challenge_takes_no_contributions(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    client.update_challenge(challenge.id, status="closed")
    take = take_dir / "late.flac"
    write_take(take, 1000)
    upload_id = upload_id_from_url(upload(client, take))
    with pytest.raises(ApiError) as caught:
        client.create_contribution(
            upload_id, challenge.id, "Late", "vocals", [], idempotency_key="late"
        )
    assert caught.value.status == 409
