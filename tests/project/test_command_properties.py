"""Random sequences of edits, refused ones included: undoing all of them restores the project
exactly, redoing all of them reaches the same end, and a refused edit changes nothing."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from hitrecord_desktop.project import commands as c
from hitrecord_desktop.project.edit_history import EditHistory
from hitrecord_desktop.project.model import Marker, Project, SampleRange, Tempo, Track
from tests.project.builders import SECOND, clip, media, take, two_track_project

samples = st.integers(min_value=-SECOND, max_value=12 * SECOND)


def _ids(project: Project) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    tracks = [t.id for t in project.tracks]
    clips = [x.id for t in project.tracks for x in t.all_clips()] or ["none"]
    takes = [(t.id, k.id) for t in project.tracks for k in t.takes] or [("ta", "none")]
    return tracks or ["none"], clips, takes


@st.composite
def commands_for(draw: st.DrawFn, project: Project) -> c.Command:
    tracks, clips, takes = _ids(project)
    track = draw(st.sampled_from(tracks))
    some_clip = draw(st.sampled_from(clips))
    track_take = draw(st.sampled_from(takes))
    a, b = draw(samples), draw(samples)
    n = draw(st.integers(0, 10**9))
    options = [
        lambda: c.AddTrack(Track(f"T{n}")),
        lambda: c.RemoveTrack(track),
        lambda: c.MoveTrack(track, draw(st.integers(-1, 3))),
        lambda: c.RenameTrack(track, draw(st.sampled_from(["", "Keys"]))),
        lambda: c.SetTrackGain(track, draw(st.floats(-150, 30, allow_nan=False))),
        lambda: c.SetTrackPan(track, draw(st.floats(-1.5, 1.5))),
        lambda: c.SetMute(track, draw(st.booleans())),
        lambda: c.SetSolo(track, draw(st.booleans())),
        lambda: c.SetArmed(track, draw(st.booleans())),
        lambda: c.AddClip(track, clip(a, 0, max(b, 0), ref=media(n % 5 or None))),
        lambda: c.RemoveClip(some_clip),
        lambda: c.MoveClip(some_clip, a, draw(st.sampled_from([None, *tracks]))),
        lambda: c.TrimClip(some_clip, a, b),
        lambda: c.SplitClip(some_clip, a),
        lambda: c.SetClipGain(some_clip, draw(st.floats(-130, 30, allow_nan=False))),
        lambda: c.SetClipFades(some_clip, a // 4, b // 4),
        lambda: c.AddTake(track, take(f"K{n}", clip(a, 0, max(b, 0)))),
        lambda: c.SetActiveTake(track_take[0], draw(st.sampled_from([None, track_take[1]]))),
        lambda: c.RemoveTake(*track_take),
        lambda: c.KeepTakeAsClip(*track_take),
        lambda: c.SetTempo(Tempo(draw(st.floats(10, 500)), draw(st.integers(0, 8)), 4)),
        lambda: c.SetPunch(draw(st.none() | st.builds(SampleRange, samples, samples))),
        lambda: c.SetLoop(draw(st.none() | st.builds(SampleRange, samples, samples))),
        lambda: c.AddCue(Marker(a, "cue")),
        lambda: c.RemoveCue(draw(st.sampled_from([m.id for m in project.markers.cues] or ["x"]))),
    ]
    return draw(st.sampled_from(options))()


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_random_edits_undo_and_redo_exactly(data: st.DataObject) -> None:
    project = two_track_project()
    history = EditHistory(project)
    start = copy.deepcopy(project)
    grouped = False
    for _ in range(data.draw(st.integers(1, 25))):
        command = data.draw(commands_for(project))
        before = copy.deepcopy(project)
        try:
            if data.draw(st.booleans()) and not grouped:
                grouped = True
                with history.transaction("Group"):
                    history.execute(command)
                    history.execute(data.draw(commands_for(project)))
            else:
                history.execute(command)
        except c.EditError:
            assert project == before
    end = copy.deepcopy(project)
    while history.undo():
        pass
    assert project == start
    while history.redo():
        pass
    assert project == end
