"""Waveforms come from really decoded audio, off the GUI thread, and show where the audio is."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from hitrecord_desktop.project.model import Project, Tempo, Track
from hitrecord_desktop.ui.timeline.clip_item import TITLE_HEIGHT
from tests.support.timeline_media import RATE, clip_of, write_tone
from tests.ui.timeline.conftest import Timeline, open_timeline


def _column_varies(image: QImage, x: int, top: int, bottom: int) -> bool:
    colours = {image.pixel(x, y) for y in range(top, bottom)}
    return len(colours) > 1


def _columns(timeline: Timeline, image: QImage, clip_id: str, seconds: list[float]) -> list[bool]:
    """For each timeline second: does the clip's waveform area show anything there?"""
    view = timeline.widget.view
    item = timeline.item(clip_id)
    ratio = image.devicePixelRatio()
    top = view.mapFromScene(item.mapToScene(0, TITLE_HEIGHT + 4)).y()
    bottom = view.mapFromScene(item.mapToScene(0, item.boundingRect().height() - 4)).y()
    out = []
    for second in seconds:
        x = view.mapFromScene(timeline.widget.timeline.geometry.x(second * RATE), 0).x()
        out.append(_column_varies(image, int(x * ratio), int(top * ratio), int(bottom * ratio)))
    return out


def test_waveforms_paint_where_the_audio_is_loud_and_nothing_where_it_is_silent(
    timeline: Timeline, qtbot
) -> None:  # type: ignore[no-untyped-def]
    view = timeline.widget.view
    # The guitar clip starts at 2 s; its media is loud 0.5-4 s and 5-9.5 s, silent elsewhere.
    loud = [3.0, 4.5, 5.5, 7.5, 10.0]
    silent = [2.2, 6.3, 6.7, 11.8]
    before = view.grab().toImage()
    assert not any(_columns(timeline, before, "guitar", loud))  # nothing until decoded
    qtbot.waitUntil(lambda: not timeline.peaks.is_pending(), timeout=20_000)
    view.grab()
    qtbot.waitUntil(lambda: timeline.widget.timeline.waveforms_complete, timeout=5_000)
    image = view.grab().toImage()
    assert all(_columns(timeline, image, "guitar", loud))
    assert not any(_columns(timeline, image, "guitar", silent))
    # The tiles are kept per zoom level: a second paint draws no new tile.
    tiles = len(timeline.widget.timeline.tiles)
    view.grab()
    assert len(timeline.widget.timeline.tiles) == tiles
    timeline.widget.zoom_in()
    view.grab()
    qtbot.waitUntil(lambda: timeline.widget.timeline.waveforms_complete, timeout=5_000)
    assert len(timeline.widget.timeline.tiles) > tiles


def test_a_32_track_project_opens_without_blocking_the_gui_thread(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    media = [
        write_tone(tmp_path / "media" / f"part{i}.wav", 30, [(1, 29)], freq=110 + 40 * i)
        for i in range(6)
    ]
    tracks = [
        Track(
            name=f"Track {n + 1}", clips=[clip_of(media[(n + k) % 6], k * 35.0) for k in range(3)]
        )
        for n in range(32)
    ]
    project = Project(title="Big session", tempo=Tempo(bpm=96), tracks=tracks)
    started = time.perf_counter()
    opened = open_timeline(tmp_path, qtbot, project)
    opened.widget.zoom_to_fit()
    opened.widget.view.grab()  # paints, which asks for the peaks of what shows
    QApplication.processEvents()  # the window's first paint, the headers' layout and polish
    opened_in = time.perf_counter() - started
    assert opened.peaks.is_pending()
    # Between two ticks of a 5 ms timer: the wall time, and the GUI thread's own CPU time.
    # The CPU time is what the timeline made it do; the wall time also counts the other
    # processes of a busy 2-core machine, so it gets a looser bound.
    gaps: list[tuple[float, float]] = []
    last = [time.perf_counter(), time.thread_time()]

    def tick() -> None:
        now = [time.perf_counter(), time.thread_time()]
        gaps.append(((now[0] - last[0]) * 1000, (now[1] - last[1]) * 1000))
        last[:] = now

    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    ticker.start()
    qtbot.waitUntil(lambda: opened.widget.timeline.waveforms_complete, timeout=30_000)
    ticker.stop()
    opened.widget.view.grab()
    opened.tasks.wait(10_000)
    assert len(opened.widget.timeline.clip_items()) == 96
    assert opened_in < 1.0, f"opening took {opened_in:.2f} s"
    worst_cpu = max(cpu for _, cpu in gaps)
    worst_wall = max(wall for wall, _ in gaps)
    assert worst_cpu < 100, f"the GUI thread worked {worst_cpu:.0f} ms without a break"
    assert worst_wall < 250, f"the GUI thread stalled {worst_wall:.0f} ms while the peaks loaded"
