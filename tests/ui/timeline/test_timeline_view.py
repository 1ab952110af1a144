"""Zoom, keyboard path, accessible names and theme changes of the real timeline."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.support.timeline_media import RATE
from tests.ui.timeline.conftest import SAMPLES_PER_PIXEL, Timeline


def _ctrl_wheel(timeline: Timeline, x: int, steps: int) -> None:
    viewport = timeline.widget.view.viewport()
    point = QPointF(x, 100)
    event = QWheelEvent(
        point,
        viewport.mapToGlobal(point),
        QPoint(),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_ctrl_wheel_zooms_around_the_mouse(timeline: Timeline) -> None:
    widget = timeline.widget
    under_mouse = widget.view.sample_at(300)
    _ctrl_wheel(timeline, 300, 2)
    assert widget.samples_per_pixel < SAMPLES_PER_PIXEL
    assert abs(widget.view.sample_at(300) - under_mouse) <= widget.samples_per_pixel
    assert timeline.item("guitar").boundingRect().width() == 10 * RATE / widget.samples_per_pixel


def test_plus_minus_and_ctrl_0_zoom(timeline: Timeline) -> None:
    widget = timeline.widget
    widget.view.setFocus()
    QTest.keyClick(widget.view, Qt.Key.Key_Plus)
    assert widget.samples_per_pixel < SAMPLES_PER_PIXEL
    QTest.keyClick(widget.view, Qt.Key.Key_Minus)
    QTest.keyClick(widget.view, Qt.Key.Key_Minus)
    assert widget.samples_per_pixel > SAMPLES_PER_PIXEL
    QTest.keyClick(widget.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    end_x = widget.timeline.geometry.x(timeline.project.end())
    assert widget.view.viewport().width() - 40 <= end_x <= widget.view.viewport().width()


def test_every_control_has_an_accessible_name_and_tab_reaches_the_clips(timeline: Timeline) -> None:
    widget = timeline.widget
    focusable = [
        w
        for w in widget.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(widget)
    ]
    assert focusable and all(w.accessibleName() for w in focusable), [
        type(w).__name__ for w in focusable if not w.accessibleName()
    ]
    header = widget.headers.headers[timeline.project.tracks[-1].id]
    header.remove.setFocus()
    assert header.remove.hasFocus()
    QTest.keyClick(header.remove, Qt.Key.Key_Tab)
    assert widget.view.hasFocus()
    QTest.keyClick(widget.view, Qt.Key.Key_Tab)
    assert widget.selected_clip_ids() == ["backing"]
    names = [a.text() for a in widget.timeline_actions()]
    assert "Split at playhead" in names and all(
        a.shortcut().toString() for a in widget.timeline_actions()
    )


def test_a_palette_change_recolours_the_timeline(timeline: Timeline) -> None:
    widget = timeline.widget
    palette = QPalette(widget.palette())
    dark = not widget.timeline.dark
    palette.setColor(
        QPalette.ColorRole.Window, Qt.GlobalColor.black if dark else Qt.GlobalColor.white
    )
    widget.setPalette(palette)
    assert widget.timeline.dark == dark
    assert len(widget.timeline.tiles) == 0  # tiles drawn in the old colours are gone


def test_a_timeline_opens_at_its_start(tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """QGraphicsView shows the middle of a scene wider than itself; a timeline shows 0:00."""
    from hitrecord_desktop.project.model import Project, Track
    from hitrecord_desktop.project.project_store import ProjectStore
    from hitrecord_desktop.ui.project_document import ProjectDocument
    from hitrecord_desktop.ui.timeline import TimelineWidget

    project = Project(title="Empty", tracks=[Track(name="Audio 1")])
    document = ProjectDocument(project, ProjectStore(tmp_path / "project"), None, autosave=False)
    widget = TimelineWidget(document, None, None)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    qtbot.waitExposed(widget)
    bar = widget.view.horizontalScrollBar()
    assert bar.maximum() > 0  # a minute of room to the right: wider than the view
    assert bar.value() == 0
    assert widget.view.sample_at(0) == 0


def test_switching_the_theme_recolours_the_track_headers(timeline: Timeline) -> None:
    """The headers sit under a style sheet, which keeps the palette it was polished with."""
    from hitrecord_desktop.ui.theme import make_palette

    app = QApplication.instance()
    before = QPalette(app.palette())
    header = next(iter(timeline.widget.headers.headers.values()))
    button = QPalette.ColorRole.Button
    try:
        for dark in (True, False):
            app.setPalette(make_palette(dark))
            app.processEvents()
            expected = make_palette(dark).color(button)
            assert header.palette().color(button) == expected
            assert header.mute.palette().color(button) == expected
            assert header.name.palette().color(QPalette.ColorRole.Base) == make_palette(dark).color(
                QPalette.ColorRole.Base
            )
    finally:
        app.setPalette(before)
