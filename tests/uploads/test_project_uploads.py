"""What goes up from a project: a take with the lineage it recorded, a render with what is heard."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from hitrecord_desktop.project.events import Subject
from hitrecord_desktop.project.model import (
    Clip,
    LineageEntry,
    MediaOrigin,
    MediaRef,
    Project,
    Take,
    Track,
)
from hitrecord_desktop.sync.project_uploads import mark_uploaded, render_upload, take_upload

RATE = 48_000


def _project() -> Project:
    backing = MediaRef(
        MediaOrigin.CONTRIBUTION, "/cache/b.flac", contribution_id=11, title="Backing",
        author="ada", frames=10 * RATE,
    )  # fmt: skip
    take_media = MediaRef(
        MediaOrigin.TAKE, "takes/t1.wav", frames=4 * RATE,
        built_on=(LineageEntry(11, 2 * RATE, RATE),),
    )  # fmt: skip
    take_clip = Clip(take_media, position=2 * RATE, trim_in=0, trim_out=4 * RATE)
    take = Take("Take 1", take_clip, recorded_at="2026-11-23T17:00:00Z", id="take-1")
    music = Track("Backing", clips=[Clip(backing, 0, 0, 10 * RATE)])
    vocals = Track("Vocals", takes=[take], active_take_id="take-1")
    return Project("Song", challenge_id=5, tracks=[music, vocals])


def test_a_take_goes_up_with_the_lineage_it_recorded(tmp_path: Path) -> None:
    request, credits = take_upload(_project(), tmp_path, "take-1", "local", role="vocals")
    assert request.path == tmp_path / "takes" / "t1.wav"
    assert request.challenge_id == 5 and request.role == "vocals" and request.media_kind == "audio"
    assert [(r.contribution_id, r.offset_samples) for r in request.lineage] == [(11, 2 * RATE)]
    assert credits[0].title == "Backing" and credits[0].author == "ada"
    assert credits[0].offset_seconds == pytest.approx(2.0)


def test_a_render_credits_everything_heard_in_it(tmp_path: Path) -> None:
    project = _project()
    request, credits = render_upload(project, tmp_path / "mix.flac", "local")
    assert [r.contribution_id for r in request.lineage] == [11]
    assert [c.title for c in credits] == ["Backing"]
    assert request.lineage[0].offset_samples == 0
    muted = _project()
    muted.tracks[0].mute = True
    request, _ = render_upload(muted, tmp_path / "mix.flac", "local")
    # The backing track is muted: only the take plays, and it credits what it was sung over.
    assert [(r.contribution_id, r.offset_samples) for r in request.lineage] == [(11, 0)]


def test_a_project_without_a_challenge_cannot_upload(tmp_path: Path) -> None:
    project = _project()
    project.challenge_id = None
    with pytest.raises(ValueError, match="no challenge"):
        take_upload(project, tmp_path, "take-1", "local")


def test_a_take_nudged_after_recording_is_credited_where_it_sits_now(tmp_path: Path) -> None:
    """The take was sung 2 s into the backing, then nudged half a second later: the platform
    must line it up at 2.5 s, not where it was first recorded."""
    project = _project()
    vocals = project.tracks[1]
    take = vocals.takes[0]
    vocals.takes[0] = dataclasses.replace(
        take, clip=dataclasses.replace(take.clip, position=take.clip.position + RATE // 2)
    )
    request, credits = take_upload(project, tmp_path, "take-1", "local")
    assert [(r.contribution_id, r.offset_samples) for r in request.lineage] == [
        (11, 2 * RATE + RATE // 2)
    ]
    assert credits[0].offset_seconds == pytest.approx(2.5)
    # The backing moved a second later instead: the take now starts 1 s into it.
    project = _project()
    backing = project.tracks[0].clips[0]
    project.tracks[0].clips[0] = dataclasses.replace(backing, position=RATE)
    request, _ = take_upload(project, tmp_path, "take-1", "local")
    assert [(r.contribution_id, r.offset_samples) for r in request.lineage] == [(11, RATE)]


def test_a_take_keeps_its_recorded_credit_when_the_backing_is_gone(tmp_path: Path) -> None:
    project = _project()
    project.tracks[0].clips.clear()
    request, credits = take_upload(project, tmp_path, "take-1", "local")
    assert [(r.contribution_id, r.offset_samples) for r in request.lineage] == [(11, 2 * RATE)]
    assert credits[0].offset_seconds == pytest.approx(2.0)


def test_an_uploaded_take_is_marked_credited_by_id_and_not_uploaded_twice(tmp_path: Path) -> None:
    """After its upload the take is contribution 42: the project says so (saved with it), a
    render credits 42 where the take sits, and the take cannot be sent a second time."""
    project = _project()
    other = tmp_path / "takes" / "other.wav"
    assert mark_uploaded(project, tmp_path, other, 42) == ()  # not a file of this project
    changes = mark_uploaded(project, tmp_path, tmp_path / "takes" / "t1.wav", 42, "Song — Take 1")
    assert [(c.subject, c.id, c.track_id) for c in changes] == [
        (Subject.TAKE, "take-1", project.tracks[1].id)
    ]
    media = project.tracks[1].takes[0].clip.media
    assert (media.contribution_id, media.title, media.origin) == (
        42,
        "Song — Take 1",
        MediaOrigin.TAKE,
    )
    assert mark_uploaded(project, tmp_path, tmp_path / "takes" / "t1.wav", 43) == ()  # once
    with pytest.raises(ValueError, match="already on the platform as contribution 42"):
        take_upload(project, tmp_path, "take-1", "local")
    request, credits = render_upload(project, tmp_path / "mix.flac", "local")
    # The mix starts 2 s before the take: its offset into contribution 42 is -2 s.
    assert sorted((r.contribution_id, r.offset_samples) for r in request.lineage) == [
        (11, 0), (42, -2 * RATE)
    ]  # fmt: skip
    assert {c.contribution_id: c.title for c in credits}[42] == "Song — Take 1"
