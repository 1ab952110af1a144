"""Each edit command: what it does, that revert restores the project exactly, what it refuses."""

from __future__ import annotations

import copy

import pytest

from hitrecord_desktop.project import commands as c
from hitrecord_desktop.project.model import Marker, Project, SampleRange, Tempo, Track, TrackKind
from tests.project.builders import SECOND, clip, media, take, two_track_project


def apply_and_revert(project: Project, command: c.Command) -> Project:
    """Applies, returns the edited copy, and checks revert brings back an equal project."""
    before = copy.deepcopy(project)
    command.apply(project)
    after = copy.deepcopy(project)
    command.revert(project)
    assert project == before
    command.apply(project)  # a redo makes the same edit
    assert project == after
    return after


def refused(project: Project, command: c.Command, words: str) -> None:
    before = copy.deepcopy(project)
    with pytest.raises(c.EditError, match=words):
        command.apply(project)
    assert project == before


def test_track_edits_apply_and_revert() -> None:
    p = two_track_project()
    after = apply_and_revert(p, c.AddTrack(Track("Drums", id="td"), index=1))
    assert [t.id for t in after.tracks] == ["ta", "td", "tv"]
    after = apply_and_revert(p, c.MoveTrack("ta", 2))
    assert [t.id for t in after.tracks] == ["td", "tv", "ta"]
    after = apply_and_revert(p, c.RemoveTrack("td"))
    assert [t.id for t in after.tracks] == ["tv", "ta"]
    for command, field, value in [
        (c.RenameTrack("ta", "Keys"), "name", "Keys"),
        (c.SetTrackGain("ta", -4.5), "gain_db", -4.5),
        (c.SetTrackPan("ta", 0.5), "pan", 0.5),
        (c.SetMute("ta", True), "mute", True),
        (c.SetSolo("ta", True), "solo", True),
        (c.SetArmed("ta", True), "armed", True),
    ]:
        after = apply_and_revert(p, command)
        assert getattr(after.track("ta"), field) == value


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (c.SetTrackPan("ta", 1.5), "pan must be between -1"),
        (c.SetTrackGain("ta", float("nan")), "gain must be between"),
        (c.SetTrackGain("ta", 40.0), "gain must be between"),
        (c.RenameTrack("ta", "  "), "needs a name"),
        (c.SetMute("nope", True), "no track nope"),
        (c.MoveTrack("ta", 5), "outside"),
        (c.AddTrack(Track("Again", id="ta")), "already used"),
        (c.AddTrack(Track("X", kind=TrackKind.VIDEO, clips=[clip(clip_id="n1")])), "audio-only"),
    ],
)
def test_track_edits_refused(command: c.Command, words: str) -> None:
    refused(two_track_project(), command, words)


def test_add_and_remove_clip() -> None:
    p = two_track_project()
    after = apply_and_revert(p, c.AddClip("ta", clip(SECOND, clip_id="new")))
    assert [x.id for x in after.track("ta").clips] == ["a1", "a2", "new"]
    after = apply_and_revert(p, c.RemoveClip("a1"))
    assert [x.id for x in after.track("ta").clips] == ["a2", "new"]


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (c.AddClip("ta", clip(-1, clip_id="x")), "before the timeline's start"),
        (c.AddClip("ta", clip(0, 100, 100, clip_id="x")), "would be empty"),
        (c.AddClip("ta", clip(0, 0, 11 * SECOND, clip_id="x")), "past the end of the media"),
        (c.AddClip("ta", clip(0, 0, 100, fade_in=80, fade_out=30, clip_id="x")), "must fit"),
        (c.AddClip("tv", clip(clip_id="x")), "cannot hold audio-only"),
        (c.AddClip("ta", clip(clip_id="a1")), "already used"),
        (c.MoveClip("a1", -5), "before the timeline's start"),
        (c.MoveClip("a1", 0, "tv"), "from audio track 'Music' to video track 'Film'"),
        (c.TrimClip("a2", 0, 11 * SECOND), "past the end of the media"),
        (c.TrimClip("a2", 3 * SECOND, 2 * SECOND), "must be after trim_in"),
        (c.TrimClip("a1", 0, 0), "would be empty"),
        (c.SplitClip("a1", 2 * SECOND), "not inside the clip"),
        (c.SplitClip("a1", 0), "not inside the clip"),
        (c.SetClipFades("a1", SECOND, SECOND + 1), "must fit"),
        (c.SetClipFades("a1", -1, 0), "must not be negative"),
        (c.SetClipGain("zz", 0.0), "no clip zz"),
        (c.RemoveClip("zz"), "no clip zz"),
    ],
)
def test_clip_edits_refused(command: c.Command, words: str) -> None:
    refused(two_track_project(), command, words)


def test_trim_beyond_start_of_timeline_is_refused() -> None:
    p = two_track_project()
    # a2 sits at 3 s playing from 1 s of its media: trimming in to 0 would put it at 2 s, fine;
    apply_and_revert(p, c.TrimClip("a2", 0, 5 * SECOND))
    # a1 sits at 0 playing from 0: it cannot reveal earlier media without starting before 0.
    p.track("ta").clips[0].trim_in = 10
    refused(p, c.TrimClip("a1", 0, SECOND), "before the timeline's start")


def test_move_clip_in_time_and_to_another_track_of_the_same_kind() -> None:
    p = two_track_project()
    p.tracks.append(Track("Other", id="tb"))
    after = apply_and_revert(p, c.MoveClip("a1", 500))
    assert after.track("ta").clips[0].position == 500
    after = apply_and_revert(p, c.MoveClip("a1", 700, "tb"))
    assert [x.id for x in after.track("ta").clips] == ["a2"]
    assert after.track("tb").clips[0].position == 700


def test_trim_keeps_the_audio_in_place_and_shortens_fades() -> None:
    p = two_track_project()
    p.track("ta").clips[1].fade_out = 2 * SECOND  # a2: position 3 s, trim 1 s..5 s
    after = apply_and_revert(p, c.TrimClip("a2", 2 * SECOND, 3 * SECOND))
    a2 = after.track("ta").clips[1]
    assert (a2.position, a2.trim_in, a2.trim_out) == (4 * SECOND, 2 * SECOND, 3 * SECOND)
    assert a2.media_start == 2 * SECOND  # the media did not move on the timeline
    assert a2.fade_in == 100 and a2.fade_out == SECOND - 100


def test_split_makes_two_clips_that_play_the_same_samples() -> None:
    p = two_track_project()
    a2 = p.track("ta").clips[1]
    a2.fade_out = 300
    command = c.SplitClip("a2", 4 * SECOND, new_clip_id="a2-right")
    after = apply_and_revert(p, command)
    left, right = after.track("ta").clips[1:3]
    assert (left.id, right.id) == ("a2", "a2-right")
    assert (left.position, left.trim_in, left.trim_out) == (3 * SECOND, SECOND, 2 * SECOND)
    assert (right.position, right.trim_in, right.trim_out) == (4 * SECOND, 2 * SECOND, 5 * SECOND)
    assert (left.fade_in, left.fade_out, right.fade_in, right.fade_out) == (100, 0, 0, 300)
    assert left.media_start == right.media_start == a2.media_start


def test_clip_gain_and_fades() -> None:
    p = two_track_project()
    after = apply_and_revert(p, c.SetClipGain("a1", -12.0))
    assert after.track("ta").clips[0].gain_db == -12.0
    after = apply_and_revert(p, c.SetClipFades("a1", 10, 20))
    assert (after.track("ta").clips[0].fade_in, after.track("ta").clips[0].fade_out) == (10, 20)


def test_takes() -> None:
    p = two_track_project()
    t1 = take("Take 1", clip(SECOND, clip_id="k1c"), "k1")
    t2 = take("Take 2", clip(SECOND, clip_id="k2c"), "k2")
    after = apply_and_revert(p, c.AddTake("ta", t1))
    assert after.track("ta").active_take_id == "k1"
    c.AddTake("ta", t2).apply(p)
    assert p.track("ta").active_take_id == "k2"
    after = apply_and_revert(p, c.SetActiveTake("ta", "k1"))
    assert after.track("ta").active_take_id == "k1"
    after = apply_and_revert(p, c.RemoveTake("ta", "k1"))  # the one playing
    assert after.track("ta").active_take_id is None
    assert [t.id for t in after.track("ta").takes] == ["k2"]
    c.SetActiveTake("ta", "k2").apply(p)
    after = apply_and_revert(p, c.KeepTakeAsClip("ta", "k2", new_clip_id="kept"))
    track = after.track("ta")
    assert track.clips[-1].id == "kept" and track.clips[-1].position == SECOND
    assert track.active_take_id is None  # otherwise the take would sound twice
    assert [x.id for x in track.playing_clips()].count("kept") == 1
    refused(p, c.SetActiveTake("ta", "nope"), "has no take nope")
    refused(p, c.AddTake("ta", take("Dup", clip(clip_id="k2c"))), "already used")
    p.tracks.append(Track("Other", id="tb"))
    refused(p, c.MoveClip("k2c", 0, "tb"), "take's clip stays on its track")
    refused(p, c.SplitClip("k2c", SECOND + 10), "belongs to a take")


def test_timeline_edits() -> None:
    p = two_track_project()
    after = apply_and_revert(p, c.SetTempo(Tempo(90.0, 3, 8)))
    assert after.tempo == Tempo(90.0, 3, 8)
    after = apply_and_revert(p, c.SetPunch(SampleRange(10, 20)))
    assert after.markers.punch == SampleRange(10, 20)
    after = apply_and_revert(p, c.SetLoop(SampleRange(0, SECOND)))
    assert after.markers.loop == SampleRange(0, SECOND)
    c.AddCue(Marker(500, "B", "m2")).apply(p)
    after = apply_and_revert(p, c.AddCue(Marker(100, "A", "m1")))
    assert [m.id for m in after.markers.cues] == ["m1", "m2"]
    after = apply_and_revert(p, c.RemoveCue("m2"))
    assert [m.id for m in after.markers.cues] == ["m1"]
    after = apply_and_revert(p, c.RenameProject("Day Bus"))
    assert after.title == "Day Bus"
    refused(p, c.SetTempo(Tempo(0.0)), "tempo must be between")
    refused(p, c.SetTempo(Tempo(120.0, 4, 3)), "beat unit")
    refused(p, c.SetPunch(SampleRange(20, 10)), "must end after it starts")
    refused(p, c.SetLoop(SampleRange(-5, 10)), "must not start before")
    refused(p, c.RemoveCue("zz"), "no cue zz")


def test_composite_applies_all_or_nothing() -> None:
    p = two_track_project()
    before = copy.deepcopy(p)
    group = c.CompositeCommand(
        "Two things", [c.MoveClip("a1", 10), c.SetTrackGain("ta", -3), c.SetTrackPan("ta", 9)]
    )
    with pytest.raises(c.EditError, match="pan"):
        group.apply(p)
    assert p == before


def test_media_of_removed_things_is_left_alone(tmp_path) -> None:
    """Edits never touch files: removing a clip or a take keeps its media on disk."""
    take_file = tmp_path / "take.flac"
    take_file.write_bytes(b"audio")
    p = two_track_project()
    c.AddTake("ta", take("T", clip(ref=media(path=str(take_file)), clip_id="kc"), "k")).apply(p)
    c.RemoveTake("ta", "k").apply(p)
    c.RemoveTrack("ta").apply(p)
    assert take_file.read_bytes() == b"audio"


def test_a_new_track_is_checked_like_every_other_edit() -> None:
    project = two_track_project()
    bad_clip = clip(0, 500, 100)
    refused(project, c.AddTrack(Track("bad", clips=[bad_clip])), "trim_out")
    refused(project, c.AddTrack(Track("bad", pan=3.0)), "pan")
    refused(project, c.AddTrack(Track("bad", active_take_id="nope")), "active take")
    twice = clip(0, 0, 100)
    refused(project, c.AddTrack(Track("bad", clips=[twice, copy.copy(twice)])), "one id twice")


def test_trims_that_cut_a_fade_short_are_not_merged() -> None:
    from hitrecord_desktop.project.edit_history import EditHistory

    project = two_track_project()
    track = project.tracks[0]
    target = track.clips[0]
    history = EditHistory(project)
    history.execute(c.SetClipFades(target.id, 100, 0))
    history.execute(c.TrimClip(target.id, target.trim_in, target.trim_in + 50))
    assert target.fade_in == 50
    history.execute(c.TrimClip(target.id, target.trim_in, target.trim_in + 1000))
    after = copy.deepcopy(project)
    history.undo()
    history.redo()
    assert project == after
