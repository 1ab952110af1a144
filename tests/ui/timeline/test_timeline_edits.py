"""Mouse drags and keys on the real timeline become the right edit commands, and undo/redo
restores exactly what the timeline shows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.support.timeline_media import RATE
from tests.ui.timeline.conftest import Timeline

BEAT = RATE // 2  # 120 BPM


def _clip(timeline: Timeline, clip_id: str):  # type: ignore[no-untyped-def]
    return timeline.project.find_clip(clip_id)


def _last_command(timeline: Timeline) -> str:
    stack = timeline.document.undo_stack
    return stack.command(stack.count() - 1).text()


def test_dragging_a_clip_moves_it_by_the_dragged_time(timeline: Timeline) -> None:
    start = timeline.point("guitar", 100)
    timeline.drag(start, start + QPoint(96, 0))  # 96 px at 1000 samples/px = 2 s
    assert _last_command(timeline) == "Move clip"
    assert timeline.document.undo_stack.count() == 1
    track, clip = _clip(timeline, "guitar")
    assert clip.position == 4 * RATE and track.name == "Rhythm guitar"
    assert timeline.item("guitar").pos().x() == 4 * 48


def test_a_drag_snaps_to_the_beat_unless_shift_is_held(timeline: Timeline) -> None:
    start = timeline.point("guitar", 100)
    timeline.drag(start, start + QPoint(50, 0))  # 2 s + 50,000 samples: 2,000 off a beat
    assert _clip(timeline, "guitar")[1].position == 3 * RATE
    timeline.document.undo_stack.undo()
    start = timeline.point("guitar", 100)
    timeline.drag(start, start + QPoint(50, 0), Qt.KeyboardModifier.ShiftModifier)
    assert _clip(timeline, "guitar")[1].position == 2 * RATE + 50_000


def test_dragging_down_moves_the_clip_onto_the_next_track(timeline: Timeline) -> None:
    start = timeline.point("guitar-2", 60)
    lane = timeline.widget.timeline.geometry.track_height
    timeline.drag(start, start + QPoint(0, lane))
    track, clip = _clip(timeline, "guitar-2")
    assert track.name == "Drums" and clip.position == 14 * RATE
    assert timeline.item("guitar-2").lane == 2


def test_an_active_take_moves_only_in_time(timeline: Timeline) -> None:
    start = timeline.point("take-2", 80, 30)
    timeline.drag(start, start + QPoint(48, 84))
    track, clip = _clip(timeline, "take-2")
    assert track.name == "Lead vocal" and clip.position == 9 * RATE


def test_edge_drags_trim_the_clip(timeline: Timeline) -> None:
    right = timeline.point("guitar", -2)
    timeline.drag(right, right - QPoint(48, 0))
    clip = _clip(timeline, "guitar")[1]
    assert (clip.trim_in, clip.trim_out, clip.position) == (0, 9 * RATE, 2 * RATE)
    assert _last_command(timeline) == "Trim clip"
    left = timeline.point("guitar", 2)
    timeline.drag(left, left + QPoint(24, 0))
    clip = _clip(timeline, "guitar")[1]
    assert (clip.trim_in, clip.position) == (BEAT, 2 * RATE + BEAT)
    assert timeline.item("guitar").boundingRect().width() == 8.5 * 48


def test_s_splits_the_selected_clip_at_the_playhead_and_delete_removes_it(
    timeline: Timeline,
) -> None:
    view = timeline.widget.view
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        timeline.point("guitar", 60),
    )
    assert timeline.widget.selected_clip_ids() == ["guitar"]
    timeline.widget.set_playhead(5 * RATE)
    QTest.keyClick(view, Qt.Key.Key_S)
    track = timeline.project.tracks[1]
    assert [c.id for c in track.clips][:1] == ["guitar"] and len(track.clips) == 3
    right = track.clips[1]
    assert right.position == 5 * RATE and timeline.item(right.id).pos().x() == 5 * 48
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "guitar" not in [c.id for c in track.clips]
    assert timeline.widget.timeline.clip_item("guitar") is None
    assert _last_command(timeline) == "Delete clip"


def test_arrow_keys_nudge_and_tab_walks_the_clips(timeline: Timeline) -> None:
    view = timeline.widget.view
    view.setFocus()
    timeline.widget.select_clip("guitar")
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert _clip(timeline, "guitar")[1].position == 2 * RATE + 2 * BEAT
    assert timeline.document.undo_stack.count() == 1  # nudges merge into one step
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert timeline.widget.selected_clip_ids() == ["guitar-2"]
    QTest.keyClick(view, Qt.Key.Key_Backtab)
    assert timeline.widget.selected_clip_ids() == ["guitar"]


def test_undo_and_redo_restore_exactly_what_is_shown(timeline: Timeline) -> None:
    widget = timeline.widget
    states = [timeline.shown()]
    start = timeline.point("guitar", 100)
    timeline.drag(start, start + QPoint(96, 0))
    states.append(timeline.shown())
    right = timeline.point("drums-2", -2)
    timeline.drag(right, right - QPoint(96, 0))
    states.append(timeline.shown())
    start = timeline.point("guitar-2", 60)
    timeline.drag(start, start + QPoint(0, 2 * 84))
    states.append(timeline.shown())
    widget.select_clip("backing")
    widget.set_playhead(7 * RATE)
    assert widget.split_selected()
    states.append(timeline.shown())
    widget.select_clip("drums-1")
    assert widget.delete_selected()
    states.append(timeline.shown())
    assert widget.add_track()
    states.append(timeline.shown())
    assert len({s[0] for s in states}) == len(states)
    stack = timeline.document.undo_stack
    for expected in reversed(states[:-1]):
        stack.undo()
        assert timeline.shown() == expected
    for expected in states[1:]:
        stack.redo()
        assert timeline.shown() == expected
    assert len(widget.headers.headers) == len(timeline.project.tracks)


def test_a_refused_edit_puts_the_clip_back(timeline: Timeline) -> None:
    before = timeline.shown()
    refusals: list[str] = []
    timeline.document.edit_refused.connect(refusals.append)
    timeline.widget.select_clip("take-2")  # a take cannot be split
    timeline.widget.set_playhead(10 * RATE)
    QTest.keyClick(timeline.widget.view, Qt.Key.Key_S)
    assert refusals and "take" in refusals[0]
    assert timeline.shown() == before
