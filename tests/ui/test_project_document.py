"""The project document: core commands on Qt's undo stack, change signals, atomic saving."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from hitrecord_desktop.project.challenge_projects import project_for_challenge
from hitrecord_desktop.project.commands import MoveClip, RenameTrack, SetTrackGain
from hitrecord_desktop.project.file_format import encode_project
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef
from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.ui.project_document import ProjectDocument
from hitrecord_desktop.ui.tasks import TaskRunner


def _document(tmp_path: Path, qtbot) -> ProjectDocument:  # type: ignore[no-untyped-def]
    opened = project_for_challenge(tmp_path / "projects", 7, "Vocals wanted")
    track = opened.project.tracks[0]
    media = MediaRef(MediaOrigin.FILE, "a.wav", frames=48_000)
    track.clips.append(Clip(media, position=0, trim_in=0, trim_out=48_000, id="c1"))
    tasks = TaskRunner(QApplication.instance())
    return ProjectDocument(opened.project, opened.store, tasks, autosave=False)


def test_undo_and_redo_restore_the_project_exactly(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _document(tmp_path, qtbot)
    track = doc.project.tracks[0]
    before = encode_project(doc.project)
    seen: list[tuple] = []
    doc.changed.connect(seen.append)
    assert doc.execute(MoveClip("c1", 1000))
    assert doc.execute(MoveClip("c1", 2000))  # merges with the move before
    assert doc.execute(RenameTrack(track.id, "Lead vocal"))
    assert doc.undo_stack.count() == 2
    after = encode_project(doc.project)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert encode_project(doc.project) == before
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert encode_project(doc.project) == after
    assert len(seen) == 3 + 2 + 2


def test_a_refused_edit_changes_nothing_and_says_why(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _document(tmp_path, qtbot)
    refusals: list[str] = []
    doc.edit_refused.connect(refusals.append)
    assert not doc.execute(SetTrackGain(doc.project.tracks[0].id, float("nan")))
    assert not doc.execute(MoveClip("nope", 5))
    assert doc.undo_stack.count() == 0 and len(refusals) == 2
    assert "nope" in refusals[1]


def test_saving_is_atomic_and_the_challenge_finds_its_project_again(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _document(tmp_path, qtbot)
    doc.execute(MoveClip("c1", 480))
    assert doc.is_dirty
    doc.save()
    assert not doc.is_dirty
    again = project_for_challenge(tmp_path / "projects", 7, "ignored")
    assert again.project.id == doc.project.id
    assert again.project.tracks[0].clips[0].position == 480
    assert isinstance(again.store, ProjectStore)
    assert not list(doc.folder.glob("*.tmp"))


def test_autosave_writes_off_the_gui_thread(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _document(tmp_path, qtbot)
    doc.autosaver.quiet_seconds = 0
    doc.autosaver.min_interval_seconds = 0
    doc.execute(MoveClip("c1", 960))
    with qtbot.waitSignal(doc.saved, timeout=5000):
        assert doc.autosaver.tick()
    qtbot.waitUntil(lambda: not doc.is_dirty, timeout=2000)
    assert ProjectStore(doc.folder).load().project.tracks[0].clips[0].position == 960


def test_a_document_is_freed_when_dropped_not_left_to_the_cycle_collector(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    """A QObject in a reference cycle is destroyed whenever Python's collector runs, on
    whatever thread: a document with edits on its undo stack crashed in ~QUndoStack there."""
    import gc
    import weakref

    gc.disable()
    try:
        doc = _document(tmp_path, qtbot)
        doc.execute(MoveClip("c1", 1000))
        doc.execute(RenameTrack(doc.project.tracks[0].id, "Lead vocal"))
        gone = weakref.ref(doc)
        del doc
        assert gone() is None
    finally:
        gc.enable()


def test_an_uploaded_take_stays_marked_through_undo_and_redo(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Undo keeps copies made before the upload: what undo and redo bring back is marked again,
    so the take cannot be uploaded a second time."""
    from hitrecord_desktop.project.model import Take
    from hitrecord_desktop.project.take_edits import AddTake

    doc = _document(tmp_path, qtbot)
    track = doc.project.tracks[0]
    media = MediaRef(MediaOrigin.TAKE, "takes/t1.wav", frames=48_000)
    take = Take("Take 1", Clip(media, 0, 0, 48_000, id="tc1"), "2026-12-07T20:00:00Z", id="t1")
    assert doc.execute(AddTake(track.id, take))
    assert doc.record_upload(doc.folder / "takes" / "t1.wav", 77, "Take 1")

    def marked() -> int | None:
        (kept,) = doc.project.tracks[0].takes
        return kept.clip.media.contribution_id

    assert marked() == 77
    doc.undo_stack.undo()
    assert doc.project.tracks[0].takes == []
    doc.undo_stack.redo()
    assert marked() == 77
