"""EditHistory: undo/redo, merging, clean state, transactions and change events."""

from __future__ import annotations

import copy

import pytest

from hitrecord_desktop.project import commands as c
from hitrecord_desktop.project.edit_history import EditHistory
from hitrecord_desktop.project.events import Action, Change, Subject
from tests.project.builders import two_track_project


def test_undo_and_redo_walk_the_history() -> None:
    p = two_track_project()
    history = EditHistory(p)
    start = copy.deepcopy(p)
    history.execute(c.MoveClip("a1", 100))
    history.execute(c.SetMute("ta", True))
    end = copy.deepcopy(p)
    assert history.undo_text == "Mute track"
    assert history.undo() and history.undo()
    assert p == start and not history.can_undo and history.redo_text == "Move clip"
    assert history.redo() and history.redo()
    assert p == end and not history.can_redo
    assert not history.redo()


def test_a_new_edit_drops_the_redo_tail() -> None:
    history = EditHistory(two_track_project())
    history.execute(c.SetMute("ta", True))
    history.undo()
    history.execute(c.SetSolo("ta", True))
    assert not history.can_redo and len(history) == 1


def test_refused_edit_is_not_recorded() -> None:
    p = two_track_project()
    history = EditHistory(p)
    before = copy.deepcopy(p)
    with pytest.raises(c.EditError):
        history.execute(c.SetTrackPan("ta", 2.0))
    assert p == before and len(history) == 0


def test_repeated_nudges_and_gain_drags_merge_into_one_step() -> None:
    p = two_track_project()
    history = EditHistory(p)
    for position in (10, 20, 30):
        history.execute(c.MoveClip("a1", position))
    for gain in (-1.0, -2.0, -3.0):
        history.execute(c.SetTrackGain("ta", gain))
    history.execute(c.SetTrackGain("tv", -1.0))  # another track: its own step
    assert len(history) == 3
    history.undo()
    history.undo()
    assert p.track("ta").gain_db == 0.0 and p.track("ta").clips[0].position == 30
    history.undo()
    assert p.track("ta").clips[0].position == 0


def test_no_merge_across_the_saved_state() -> None:
    p = two_track_project()
    history = EditHistory(p)
    history.execute(c.MoveClip("a1", 10))
    history.set_clean()
    history.execute(c.MoveClip("a1", 20))
    assert len(history) == 2 and not history.is_clean
    history.undo()
    assert history.is_clean and p.track("ta").clips[0].position == 10


def test_clean_state_follows_undo_and_is_lost_when_its_branch_is_dropped() -> None:
    history = EditHistory(two_track_project())
    assert history.is_clean
    history.execute(c.SetMute("ta", True))
    history.execute(c.SetSolo("ta", True))
    history.set_clean()
    history.undo()
    assert not history.is_clean
    history.redo()
    assert history.is_clean
    history.undo()
    history.execute(c.SetArmed("ta", True))  # drops the saved state for good
    history.undo()
    history.undo()
    assert not history.is_clean


def test_transaction_is_one_undo_step() -> None:
    p = two_track_project()
    history = EditHistory(p)
    before = copy.deepcopy(p)
    with history.transaction("Move clips"):
        history.execute(c.MoveClip("a1", 500))
        history.execute(c.MoveClip("a2", 9000))
        with history.transaction("inner"):
            history.execute(c.SetMute("ta", True))
    assert len(history) == 1 and history.undo_text == "Move clips"
    history.undo()
    assert p == before


def test_failed_transaction_leaves_the_project_as_it_was() -> None:
    p = two_track_project()
    history = EditHistory(p)
    before = copy.deepcopy(p)
    with pytest.raises(c.EditError), history.transaction("Move clips"):
        history.execute(c.MoveClip("a1", 500))
        history.execute(c.MoveClip("a2", -1))
    assert p == before and len(history) == 0


def test_listeners_hear_what_changed_and_its_inverse_on_undo() -> None:
    p = two_track_project()
    history = EditHistory(p)
    heard: list[tuple[Change, ...]] = []
    unsubscribe = history.events.subscribe(heard.append)
    history.execute(c.MoveClip("a1", 10))
    history.execute(c.RemoveClip("a2"))
    history.undo()
    assert heard == [
        (Change(Subject.CLIP, Action.CHANGED, "a1", "ta", ("position",)),),
        (Change(Subject.CLIP, Action.REMOVED, "a2", "ta"),),
        (Change(Subject.CLIP, Action.ADDED, "a2", "ta"),),
    ]
    unsubscribe()
    history.redo()
    assert len(heard) == 3


def test_a_failing_listener_does_not_break_the_edit() -> None:
    p = two_track_project()
    history = EditHistory(p)

    def broken(_: tuple[Change, ...]) -> None:
        raise RuntimeError("view bug")

    history.events.subscribe(broken)
    history.execute(c.SetMute("ta", True))
    assert p.track("ta").mute and history.can_undo
