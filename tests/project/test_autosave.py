"""Autosave timing, on a fake clock: times are passed in, nothing sleeps."""

from __future__ import annotations

from hitrecord_desktop.project.autosave import Autosaver


def make(saves: list[float], clock: list[float], fail: list[bool] | None = None) -> Autosaver:
    def save() -> None:
        if fail and fail[0]:
            raise OSError("disk full")
        saves.append(clock[0])

    return Autosaver(
        save,
        quiet_seconds=2,
        min_interval_seconds=10,
        max_delay_seconds=60,
        clock=lambda: clock[0],
    )


def run(autosaver: Autosaver, clock: list[float], until: float, edits: set[float]) -> None:
    """Steps the clock by 0.5 s, as a UI timer would, editing at the given times."""
    while clock[0] <= until:
        if clock[0] in edits:
            autosaver.notify_changed()
        autosaver.tick()
        clock[0] += 0.5


def test_nothing_to_save_means_no_save() -> None:
    saves: list[float] = []
    clock = [0.0]
    run(make(saves, clock), clock, 100, set())
    assert saves == []


def test_saves_after_a_quiet_moment() -> None:
    saves: list[float] = []
    clock = [0.0]
    autosaver = make(saves, clock)
    run(autosaver, clock, 20, {1.0, 1.5, 3.0})
    assert saves == [5.0] and not autosaver.is_dirty


def test_saves_not_more_often_than_the_minimum_interval() -> None:
    saves: list[float] = []
    clock = [0.0]
    run(make(saves, clock), clock, 30, {0.0, 4.0, 7.0})
    assert saves == [2.0, 12.0]


def test_keeps_saving_while_the_user_never_pauses() -> None:
    saves: list[float] = []
    clock = [0.0]
    edits = {x / 2 for x in range(0, 2 * 150)}  # an edit every half second for 150 s
    run(make(saves, clock), clock, 150, edits)
    # The edit at 60 s is in the first save; the next unsaved one is at 60.5 s.
    assert saves == [60.0, 120.5]


def test_failed_save_stays_dirty_and_is_retried_later() -> None:
    saves: list[float] = []
    clock = [0.0]
    fail = [True]
    errors: list[Exception] = []
    autosaver = make(saves, clock, fail)
    autosaver._on_error = errors.append
    run(autosaver, clock, 5, {0.0})
    assert saves == [] and autosaver.is_dirty and str(autosaver.last_error) == "disk full"
    assert len(errors) == 1
    fail[0] = False
    run(autosaver, clock, 30, set())
    assert saves == [12.0] and autosaver.last_error is None


def test_flush_and_mark_saved() -> None:
    saves: list[float] = []
    clock = [0.0]
    autosaver = make(saves, clock)
    assert not autosaver.flush()
    autosaver.notify_changed()
    assert autosaver.flush() and saves == [0.0]
    autosaver.notify_changed(now=1.0)
    autosaver.mark_saved(now=1.0)
    assert not autosaver.is_dirty and not autosaver.tick(now=50.0)
