"""Lineage computed from the timeline: offsets, audibility, ranges and nested remixes."""

from __future__ import annotations

from hitrecord_desktop.project import commands as c
from hitrecord_desktop.project.lineage import (
    ALL_KINDS,
    lineage_for_render,
    lineage_for_take,
    lineage_where_it_sits,
    with_recorded_lineage,
)
from hitrecord_desktop.project.model import (
    LineageEntry,
    Project,
    SampleRange,
    Take,
    Track,
    TrackKind,
)
from tests.project.builders import SECOND, clip, media, take

S = SECOND


def entry(contribution_id: int, offset: int) -> LineageEntry:
    return LineageEntry(contribution_id, offset, 48_000)


def backing_project() -> Project:
    """Contribution 7 placed at 2 s, playing from 1 s of its media (its sample 0 is at 1 s)."""
    backing = clip(2 * S, S, 9 * S, ref=media(7), clip_id="b")
    return Project("Remix", tracks=[Track("Backing", clips=[backing], id="tb")])


def test_offset_is_where_the_new_piece_starts_from_the_contribution_start() -> None:
    p = backing_project()
    # The take starts at 5 s; contribution 7's sample 0 sits at 1 s: 4 s later.
    assert lineage_for_take(p, SampleRange(5 * S, 7 * S), 5 * S) == (entry(7, 4 * S),)
    # A take whose sample 0 is before the contribution's (pre-roll) gets a negative offset.
    assert lineage_for_take(p, SampleRange(0, 4 * S), 0) == (entry(7, -S),)


def test_only_what_was_heard_counts() -> None:
    p = backing_project()
    # The clip plays 2 s..10 s; its media is longer, but trimmed-away media is not heard.
    assert lineage_for_take(p, SampleRange(0, 2 * S), 0) == ()
    assert lineage_for_take(p, SampleRange(10 * S, 12 * S), 10 * S) == ()
    assert lineage_for_take(p, SampleRange(10 * S - 1, 12 * S), 10 * S) == (entry(7, 9 * S),)


def test_muted_and_unsoloed_tracks_do_not_count() -> None:
    p = backing_project()
    other = Track("Other", clips=[clip(0, 0, 8 * S, ref=media(8))], id="to")
    p.tracks.append(other)
    heard = SampleRange(0, 8 * S)
    assert [e.contribution_id for e in lineage_for_take(p, heard, 0)] == [7, 8]
    c.SetMute("tb", True).apply(p)
    assert [e.contribution_id for e in lineage_for_take(p, heard, 0)] == [8]
    c.SetMute("tb", False).apply(p)
    c.SetSolo("tb", True).apply(p)
    assert [e.contribution_id for e in lineage_for_take(p, heard, 0)] == [7]
    assert lineage_for_take(p, heard, 0, silent_track_ids={"tb"}) == ()


def test_video_counts_for_takes_and_video_renders_only() -> None:
    p = backing_project()
    film = clip(0, 0, 10 * S, ref=media(30, has_video=True), clip_id="f")
    p.tracks.append(Track("Film", kind=TrackKind.VIDEO, clips=[film]))
    heard = SampleRange(0, 10 * S)
    assert [e.contribution_id for e in lineage_for_take(p, heard, 0)] == [7, 30]
    assert [e.contribution_id for e in lineage_for_render(p)] == [7]
    assert [e.contribution_id for e in lineage_for_render(p, kinds=ALL_KINDS)] == [7, 30]


def test_render_offsets_are_from_the_render_start() -> None:
    p = backing_project()
    assert lineage_for_render(p) == (entry(7, -S),)
    assert lineage_for_render(p, 3 * S, 4 * S) == (entry(7, 2 * S),)
    assert lineage_for_render(Project("Empty")) == ()


def test_the_active_take_counts_and_other_takes_do_not() -> None:
    p = Project("Takes", tracks=[Track("Vox", id="tv")])
    c.AddTake("tv", take("1", clip(0, ref=media(11)), "k1")).apply(p)
    c.AddTake("tv", take("2", clip(0, ref=media(12)), "k2")).apply(p)
    assert [e.contribution_id for e in lineage_for_render(p)] == [12]


def test_each_contribution_and_offset_once_sorted() -> None:
    p = backing_project()
    # Splitting keeps the media where it was: still one entry.
    c.SplitClip("b", 5 * S).apply(p)
    # The same contribution placed again elsewhere is a second entry; another id sorts first.
    p.tracks[0].clips.append(clip(20 * S, 0, S, ref=media(7)))
    p.tracks[0].clips.append(clip(0, 0, S, ref=media(3)))
    assert lineage_for_render(p) == (entry(3, 0), entry(7, -20 * S), entry(7, -S))


def record(p: Project, track_id: str, made: Take, heard: SampleRange) -> None:
    """What the live engine does when a take stops: snapshot its lineage, then add it."""
    made.clip = with_recorded_lineage(p, made.clip, heard)
    c.AddTake(track_id, made).apply(p)


def test_nested_remixes_not_uploaded_resolve_to_the_contribution() -> None:
    """Take 1 over contribution 7; take 2 over take 1 alone; take 3 over take 2 alone. None
    uploaded: each one's lineage is contribution 7, at the offset the timeline says."""
    p = backing_project()  # contribution 7's sample 0 is at timeline 1 s
    for name in ("t1", "t2", "t3"):
        p.tracks.append(Track(name, id=name))

    t1 = take("t1", clip(3 * S, 0, 4 * S, ref=media(path="takes/1.flac"), latency_offset=5))
    record(p, "t1", t1, SampleRange(3 * S, 7 * S))
    assert t1.clip.media.built_on == (entry(7, 2 * S),)

    c.SetMute("tb", True).apply(p)  # from here on only the takes are heard
    t2 = take("t2", clip(4 * S, 0, 2 * S, ref=media(path="takes/2.flac")))
    record(p, "t2", t2, SampleRange(4 * S, 6 * S))
    assert t2.clip.media.built_on == (entry(7, 3 * S),)

    c.SetMute("t1", True).apply(p)
    t3 = take("t3", clip(5 * S - 100, 0, S, ref=media(path="takes/3.flac")))
    record(p, "t3", t3, SampleRange(5 * S - 100, 6 * S))
    assert t3.clip.media.built_on == (entry(7, 4 * S - 100),)

    # A render of the whole timeline, with only take 3 audible, still credits contribution 7.
    c.SetMute("t2", True).apply(p)
    assert lineage_for_render(p) == (entry(7, -S),)


def test_an_uploaded_take_is_credited_by_its_own_id() -> None:
    """Once take 1 is on the platform, a take over it names take 1, not what take 1 was over
    (the platform's credits are transitive)."""
    uploaded = media(20, built_on=(entry(7, 2 * S),))
    p = Project("Over an upload", tracks=[Track("T1", clips=[clip(3 * S, 0, 4 * S, ref=uploaded)])])
    assert lineage_for_take(p, SampleRange(4 * S, 6 * S), 4 * S) == (entry(20, S),)


def test_a_local_remix_placed_in_another_project_is_rebased() -> None:
    """A render made elsewhere, built on contribution 7 starting 3 s into it, is placed here at
    10 s and trimmed to start 2 s in: contribution 7's sample 0 is at 10 − 2 − 3 = 5 s."""
    render = media(path="renders/mix.flac", built_on=(entry(7, 3 * S),), frames=30 * S)
    p = Project("Elsewhere", tracks=[Track("Mix", clips=[clip(10 * S, 2 * S, 20 * S, ref=render)])])
    assert lineage_for_render(p) == (entry(7, -5 * S),)
    assert lineage_for_take(p, SampleRange(12 * S, 13 * S), 12 * S) == (entry(7, 7 * S),)


def test_lineage_in_another_sample_rate_is_converted_to_the_project_rate() -> None:
    foreign = media(built_on=(LineageEntry(7, 44_100, 44_100),))
    p = Project("Rates", tracks=[Track("A", clips=[clip(0, 0, S, ref=foreign)])])
    assert lineage_for_render(p) == (entry(7, 48_000),)


def test_recorded_lineage_is_a_snapshot() -> None:
    p = backing_project()
    p.tracks.append(Track("Vox", id="tv"))
    t1 = take("t1", clip(3 * S, 0, S, ref=media(path="takes/1.flac")))
    record(p, "tv", t1, SampleRange(3 * S, 4 * S))
    c.RemoveTrack("tb").apply(p)  # later edits don't rewrite what the take was made over
    assert p.track("tv").takes[0].clip.media.built_on == (entry(7, 2 * S),)


def test_a_moved_take_is_measured_where_it_sits_now() -> None:
    """Recorded at 3 s over contribution 7 (sample 0 at 1 s), then moved to 3.5 s: 2.5 s in.
    Another take over the same backing, left where it was, does not pull the offset back."""
    p = backing_project()
    p.tracks.append(Track("Vox", id="tv"))
    t1 = take("t1", clip(3 * S, 0, S, ref=media(path="takes/1.flac")))
    record(p, "tv", t1, SampleRange(3 * S, 4 * S))
    t2 = take("t2", clip(3 * S, 0, S, ref=media(path="takes/2.flac")))
    record(p, "tv", t2, SampleRange(3 * S, 4 * S))
    moved = p.track("tv").takes[1].clip
    c.MoveClip(moved.id, 3 * S + S // 2).apply(p)
    moved = p.track("tv").takes[1].clip
    assert moved.media.built_on == (entry(7, 2 * S),)  # the snapshot itself is kept
    assert lineage_where_it_sits(p, moved) == (entry(7, 2 * S + S // 2),)


def test_a_take_heard_only_through_local_media_is_measured_through_it() -> None:
    """Contribution 7 is no longer placed; a local render built on it (3 s in) sits at 10 s."""
    render = media(path="renders/mix.flac", built_on=(entry(7, 3 * S),), frames=30 * S)
    vox = clip(12 * S, 0, S, ref=media(path="takes/1.flac", built_on=(entry(7, 5 * S),)))
    p = Project("Through", tracks=[Track("Mix", clips=[clip(10 * S, 0, 20 * S, ref=render)])])
    assert lineage_where_it_sits(p, vox) == (entry(7, 5 * S),)
    c.MoveClip(p.tracks[0].clips[0].id, 9 * S).apply(p)  # the render a second earlier
    assert lineage_where_it_sits(p, vox) == (entry(7, 6 * S),)
    p.tracks[0].clips.clear()  # gone: the recorded offset stands
    assert lineage_where_it_sits(p, vox) == (entry(7, 5 * S),)
