"""A timeline over a real project of real WAV files, decoded by the real PCM cache."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.project.file_format import encode_project
from hitrecord_desktop.project.model import Project
from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.ui.project_document import ProjectDocument
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.timeline import PeaksSource, TimelineWidget
from hitrecord_desktop.ui.timeline.clip_item import ClipItem
from tests.support.timeline_media import band_project

SAMPLES_PER_PIXEL = 1000.0  # 48 pixels a second, a beat (120 BPM) is 24 pixels


@dataclass
class Timeline:
    widget: TimelineWidget
    document: ProjectDocument
    peaks: PeaksSource
    tasks: TaskRunner

    @property
    def project(self) -> Project:
        return self.document.project

    def item(self, clip_id: str) -> ClipItem:
        item = self.widget.timeline.clip_item(clip_id)
        assert item is not None, clip_id
        return item

    def point(self, clip_id: str, x: float, y: float = 40) -> QPoint:
        """A viewport point `x` pixels into a clip (negative: from its right end)."""
        item = self.item(clip_id)
        if x < 0:
            x = item.boundingRect().width() + x
        scene = item.mapToScene(QPointF(x, min(y, item.boundingRect().height() - 2)))
        return self.widget.view.mapFromScene(scene)

    def drag(self, start: QPoint, end: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        viewport = self.widget.view.viewport()
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, start)
        steps = 6
        for i in range(1, steps + 1):
            x = start.x() + (end.x() - start.x()) * i // steps
            y = start.y() + (end.y() - start.y()) * i // steps
            # QTest.mouseMove carries no modifiers: send the move a hand holding Shift makes.
            point = QPointF(x, y)
            move = QMouseEvent(
                QEvent.Type.MouseMove,
                point,
                viewport.mapToGlobal(point),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.LeftButton,
                modifiers,
            )
            QApplication.sendEvent(viewport, move)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, end)

    def shown(self) -> tuple[bytes, dict[str, tuple[float, float, float, float]]]:
        """What the timeline shows: the project file's bytes and every clip item's geometry."""
        items = {
            i.clip_id: (
                i.pos().x(),
                i.pos().y(),
                i.boundingRect().width(),
                i.boundingRect().height(),
            )
            for i in self.widget.timeline.clip_items()
        }
        return encode_project(self.project), items


def open_timeline(tmp_path: Path, qtbot, project: Project | None = None) -> Timeline:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    project = project or band_project(tmp_path / "media")
    tasks = TaskRunner(app)
    document = ProjectDocument(project, ProjectStore(tmp_path / "project"), tasks, autosave=False)
    peaks = PeaksSource(PcmCache(tmp_path / "cache"), tasks, app)
    widget = TimelineWidget(document, tasks, peaks)
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_zoom(SAMPLES_PER_PIXEL, 0)
    widget.view.horizontalScrollBar().setValue(0)
    widget.view.verticalScrollBar().setValue(0)
    return Timeline(widget, document, peaks, tasks)


@pytest.fixture
def timeline(tmp_path: Path, qtbot) -> Iterator[Timeline]:  # type: ignore[no-untyped-def]
    opened = open_timeline(tmp_path, qtbot)
    yield opened
    opened.tasks.wait(10_000)
