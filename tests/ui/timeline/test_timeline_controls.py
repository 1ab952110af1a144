"""Track headers, the ruler (seek, loop and punch) and dropping files, on the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from hitrecord_desktop.project.commands import RenameTrack
from hitrecord_desktop.project.model import SampleRange
from tests.support.timeline_media import RATE
from tests.ui.timeline.conftest import Timeline


def test_header_buttons_mute_solo_and_arm_through_undoable_edits(timeline: Timeline) -> None:
    track = timeline.project.tracks[1]
    header = timeline.widget.headers.headers[track.id]
    QTest.mouseClick(header.mute, Qt.MouseButton.LeftButton)
    QTest.mouseClick(header.solo, Qt.MouseButton.LeftButton)
    QTest.mouseClick(header.arm, Qt.MouseButton.LeftButton)
    assert (track.mute, track.solo, track.armed) == (True, True, True)
    stack = timeline.document.undo_stack
    assert stack.count() == 3
    while stack.canUndo():
        stack.undo()
    assert not (header.mute.isChecked() or header.solo.isChecked() or header.arm.isChecked())
    assert header.mute.accessibleName() == "Mute Rhythm guitar"


def test_gain_keys_merge_into_one_undo_step_and_rename_is_an_edit(timeline: Timeline) -> None:
    track = timeline.project.tracks[0]
    header = timeline.widget.headers.headers[track.id]
    header.gain.setFocus()
    for _ in range(4):
        QTest.keyClick(header.gain, Qt.Key.Key_Right)
    assert track.gain_db == 2.0
    assert timeline.document.undo_stack.count() == 1
    header.name.setFocus()
    header.name.selectAll()
    QTest.keyClicks(header.name, "Backing from mira")
    QTest.keyClick(header.name, Qt.Key.Key_Return)
    assert track.name == "Backing from mira"
    timeline.document.undo_stack.undo()
    header.name.clearFocus()
    timeline.document.undo_stack.undo()
    assert track.gain_db == 0.0 and header.gain.value() == 0
    assert header.name.text() == "Backing (mira_k)"


def test_a_long_track_name_shows_its_start(timeline: Timeline) -> None:
    """A contribution's track is named after it: "Night Bus (backing track)" must not read
    "us (backing track)" in the narrow header."""
    track = timeline.project.tracks[0]
    header = timeline.widget.headers.headers[track.id]
    long_name = "Call-and-response guide vocal, second attempt"
    timeline.document.execute(RenameTrack(track.id, long_name))
    assert header.name.text() == long_name
    assert header.name.cursorPosition() == 0


def test_add_and_remove_track_keep_headers_and_lanes_in_step(timeline: Timeline) -> None:
    widget = timeline.widget
    widget.action_add_track.trigger()
    assert len(widget.headers.headers) == 6
    new_id = timeline.project.tracks[-1].id
    QTest.mouseClick(
        widget.headers.headers[timeline.project.tracks[1].id].remove, Qt.MouseButton.LeftButton
    )
    assert [t.name for t in timeline.project.tracks][1] == "Drums"
    assert timeline.item("drums-1").lane == 1
    assert widget.timeline.clip_item("guitar") is None
    timeline.document.undo_stack.undo()
    assert timeline.item("guitar").lane == 1 and timeline.item("drums-1").lane == 2
    QApplication.processEvents()  # layouts place widgets on the next event loop pass
    by_height = sorted(widget.headers.headers.items(), key=lambda kv: kv[1].y())
    assert [track_id for track_id, _ in by_height] == [t.id for t in timeline.project.tracks]
    assert by_height[-1][0] == new_id
    header_y = widget.headers.headers[timeline.project.tracks[2].id].y()
    assert header_y == timeline.item("drums-1").pos().y() - widget.timeline.geometry.clip_margin


def test_clicking_the_ruler_seeks(timeline: Timeline, qtbot) -> None:  # type: ignore[no-untyped-def]
    ruler = timeline.widget.ruler
    with qtbot.waitSignal(timeline.widget.seek_requested) as blocker:
        QTest.mouseClick(
            ruler, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(240, 40)
        )
    assert blocker.args == [240_000]


def test_dragging_the_loop_end_in_the_ruler_sets_the_loop(timeline: Timeline) -> None:
    ruler = timeline.widget.ruler
    loop = timeline.project.markers.loop
    assert loop is not None
    end_x = round(ruler.x_of(loop.end)) - 1
    QTest.mousePress(
        ruler, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(end_x, 5)
    )
    QTest.mouseMove(ruler, QPoint(end_x + 30, 5))
    QTest.mouseMove(ruler, QPoint(end_x + 48, 5))
    QTest.mouseRelease(
        ruler, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(end_x + 48, 5)
    )
    assert timeline.project.markers.loop == SampleRange(8 * RATE, 17 * RATE)
    timeline.document.undo_stack.undo()
    assert timeline.project.markers.loop == SampleRange(8 * RATE, 16 * RATE)


def test_the_playhead_follows_playback_and_scrolls_the_view(timeline: Timeline) -> None:
    widget = timeline.widget
    bar = widget.view.horizontalScrollBar()
    position = [0]
    widget.set_position_source(lambda: position[0])
    widget.set_playing(True)
    for second in range(0, 40):
        position[0] = second * RATE
        widget._poll_position()
    assert widget.timeline.playhead.x() == 39 * 48
    assert bar.value() > 0
    x = widget.timeline.playhead.x() - bar.value()
    assert 0 <= x <= widget.view.viewport().width()
    widget.set_playing(False)


def test_dropping_files_on_a_lane_says_where(timeline: Timeline, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = timeline.widget.view
    files = [tmp_path / "media" / "guitar.wav"]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    lane = timeline.widget.timeline.geometry.track_height
    point = QPointF(480, 2 * lane + 20)
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), enter)  # a real drag enters before it drops
    assert enter.isAccepted()
    drop = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(timeline.widget.files_dropped) as blocker:
        QApplication.sendEvent(view.viewport(), drop)
    assert blocker.args == [timeline.project.tracks[2].id, 480_000, files]


def test_dropped_files_are_decoded_off_the_gui_thread_and_become_clips(
    timeline: Timeline, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.media.pcm_cache import PcmCache
    from hitrecord_desktop.ui.timeline import FileImporter
    from tests.support.timeline_media import write_tone

    importer = FileImporter(timeline.document, timeline.tasks, PcmCache(tmp_path / "cache"))
    timeline.widget.files_dropped.connect(importer.import_files)
    first = write_tone(tmp_path / "drop" / "idea.wav", 3, [(0, 3)])
    second = write_tone(tmp_path / "drop" / "outro.wav", 2, [(0, 2)])
    drums = timeline.project.tracks[2]
    with qtbot.waitSignal(importer.imported, timeout=20_000) as blocker:
        timeline.widget.files_dropped.emit(
            drums.id, 20 * RATE, [Path(first.path), Path(second.path)]
        )
    ids = blocker.args[0]
    placed = [timeline.project.find_clip(i)[1] for i in ids]
    assert [c.position for c in placed] == [20 * RATE, 23 * RATE]
    assert all(c.media.sha256 for c in placed) and placed[1].media.frames == 2 * RATE
    assert timeline.item(ids[1]).lane == 2
    timeline.document.undo_stack.undo()  # one step takes both back
    assert all(timeline.widget.timeline.clip_item(i) is None for i in ids)
    with qtbot.waitSignal(importer.imported, timeout=20_000):
        importer.import_files(None, 0, [Path(first.path)])
    assert timeline.project.tracks[-1].name == "idea"
    with qtbot.waitSignal(importer.import_failed, timeout=20_000) as failure:
        importer.import_files(None, 0, [tmp_path / "missing.wav"])
    assert "missing.wav" in failure.args[0] or "no such file" in failure.args[0]


def test_a_dropped_video_gets_its_own_video_track_even_without_sound(
    timeline: Timeline, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The animator's clip: pictures go on a video track; a silent one lasts as its picture."""
    from hitrecord_desktop.media.pcm_cache import PcmCache
    from hitrecord_desktop.project.model import TrackKind
    from hitrecord_desktop.ui.timeline import FileImporter
    from tests.support.video_clips import write_video

    importer = FileImporter(timeline.document, timeline.tasks, PcmCache(tmp_path / "cache"))
    silent = write_video(tmp_path / "drop" / "walk-cycle.mp4", 2.0)
    voiced = write_video(tmp_path / "drop" / "lip-sync.mp4", 1.5, tone_hz=330.0)
    for path, seconds in ((silent, 2.0), (voiced, 1.5)):
        with qtbot.waitSignal(importer.imported, timeout=20_000):
            importer.import_files(None, 0, [path])
        track = timeline.project.tracks[-1]
        clip = track.clips[0]
        assert (track.name, track.kind) == (path.stem, TrackKind.VIDEO)
        assert clip.media.has_video and clip.media.sha256
        assert abs(clip.length - seconds * RATE) <= RATE // 20, clip.length


def test_add_video_track_makes_an_armed_lane_for_the_camera_and_undo_removes_it(
    timeline: Timeline,
) -> None:
    from hitrecord_desktop.project.model import TrackKind

    before = len(timeline.project.tracks)
    timeline.widget.action_add_video_track.trigger()
    track = timeline.project.tracks[-1]
    assert (track.kind, track.armed) == (TrackKind.VIDEO, True)
    assert timeline.widget.action_add_video_track.shortcut().toString() == "Ctrl+Alt+N"
    timeline.widget.action_add_video_track.trigger()  # the first keeps the arm
    assert not timeline.project.tracks[-1].armed
    timeline.document.undo_stack.undo()
    timeline.document.undo_stack.undo()
    assert len(timeline.project.tracks) == before
