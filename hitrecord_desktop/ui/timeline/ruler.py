"""The ruler above the timeline: bars:beats or time, the loop and punch ranges, the playhead.

Click or drag in the scale to seek (`seek_requested`); drag a loop or punch range's edge or body
to change it, Shift-drag an empty strip to draw a new one. A range drag executes one SetLoop or
SetPunch on release.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...project.commands import SetLoop, SetPunch
from ...project.model import SampleRange
from ...project.ruler_grid import ticks
from .geometry import loop_color, punch_color
from .scene import TimelineScene
from .view import TimelineView

STRIP = 12  # height of the loop strip and of the punch strip
HEIGHT = 48
GRIP = 5


class TimelineRuler(QWidget):
    seek_requested = Signal(int)

    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.timeline: TimelineScene = view.timeline
        self._range_drag: tuple[str, str, int, SampleRange | None] | None = None
        self._preview: dict[str, SampleRange | None] = {}
        self._seeking = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(HEIGHT)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Ruler"))
        self.setAccessibleDescription(
            self.tr("Click to move the playhead. Drag the loop and punch ranges to change them.")
        )
        view.horizontalScrollBar().valueChanged.connect(self.update)
        self.timeline.markers_changed.connect(self.update)
        self.timeline.lanes_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(400, HEIGHT)

    def x_of(self, sample: int) -> float:
        scene_x = self.timeline.geometry.x(sample)
        return self.view.mapFromScene(QPointF(scene_x, 0)).x()

    def sample_at(self, x: float) -> int:
        return self.view.sample_at(x)

    def ranges(self) -> dict[str, SampleRange | None]:
        markers = self.timeline.document.project.markers
        current = {"loop": markers.loop, "punch": markers.punch}
        current.update(self._preview)
        return current

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Button))
        strips = QRectF(0, 0, self.width(), 2 * STRIP)
        painter.fillRect(strips, palette.color(QPalette.ColorRole.Window))
        self._draw_ticks(painter, palette)
        ranges = self.ranges()
        for row, (name, color) in enumerate(
            (("loop", loop_color(palette)), ("punch", punch_color(palette)))
        ):
            sample_range = ranges[name]
            if sample_range is None:
                continue
            x0, x1 = self.x_of(sample_range.start), self.x_of(sample_range.end)
            band = QRectF(x0, row * STRIP + 1, max(2.0, x1 - x0), STRIP - 2)
            fill = QColor(color)
            fill.setAlpha(170)
            painter.fillRect(band, fill)
            painter.fillRect(QRectF(x0, band.top(), 3, band.height()), color.darker(150))
            painter.fillRect(QRectF(x1 - 3, band.top(), 3, band.height()), color.darker(150))
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            label = self.tr("Loop") if name == "loop" else self.tr("Punch")
            painter.drawText(band.adjusted(6, -2, 0, 2), Qt.AlignmentFlag.AlignVCenter, label)
        self._draw_playhead(painter, palette)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)

    def _draw_ticks(self, painter: QPainter, palette: QPalette) -> None:
        project = self.timeline.document.project
        start, end = self.sample_at(0), self.sample_at(self.width())
        text = palette.color(QPalette.ColorRole.ButtonText)
        minor = QColor(text)
        minor.setAlpha(110)
        bottom = self.height()
        for tick in ticks(
            self.timeline.ruler_mode,
            project.tempo,
            project.sample_rate,
            start,
            end,
            self.timeline.geometry.samples_per_pixel,
        ):
            x = math.floor(self.x_of(tick.sample)) + 0.5
            painter.setPen(text if tick.major else minor)
            top = 2 * STRIP + (2 if tick.major else 14)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            if tick.label:
                painter.setPen(text)
                painter.drawText(QPointF(x + 4, 2 * STRIP + 13), tick.label)

    def _draw_playhead(self, painter: QPainter, palette: QPalette) -> None:
        x = self.x_of(self.timeline.playhead_sample)
        if not -8 <= x <= self.width() + 8:
            return
        color = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(color.darker(140))
        painter.setBrush(color)
        top = 2 * STRIP
        painter.drawPolygon(
            QPolygonF([QPointF(x - 6, top), QPointF(x + 6, top), QPointF(x, top + 10)])
        )
        painter.drawLine(QPointF(x, top + 10), QPointF(x, self.height()))

    def playhead_moved(self, old_sample: int, new_sample: int) -> None:
        """Repaints only the two narrow strips the playhead left and entered."""
        for sample in (old_sample, new_sample):
            x = int(self.x_of(sample))
            self.update(x - 8, 0, 16, self.height())

    # -- mouse -----------------------------------------------------------------------------

    def _strip_at(self, y: float) -> str | None:
        if y < STRIP:
            return "loop"
        if y < 2 * STRIP:
            return "punch"
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        x, y = event.position().x(), event.position().y()
        strip = self._strip_at(y)
        if strip is None:
            self._seeking = True
            self.seek_requested.emit(self.sample_at(x))
            return
        current = self.ranges()[strip]
        sample = self.sample_at(x)
        if current is not None:
            x0, x1 = self.x_of(current.start), self.x_of(current.end)
            if abs(x - x0) <= GRIP:
                self._range_drag = (strip, "start", sample, current)
            elif abs(x - x1) <= GRIP:
                self._range_drag = (strip, "end", sample, current)
            elif x0 < x < x1:
                self._range_drag = (strip, "body", sample, current)
        if self._range_drag is None and (
            current is None or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._range_drag = (strip, "new", sample, None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._seeking:
            self.seek_requested.emit(self.sample_at(x))
            return
        if self._range_drag is None:
            strip = self._strip_at(event.position().y())
            current = self.ranges()[strip] if strip else None
            near = (
                current is not None
                and min(abs(x - self.x_of(current.start)), abs(x - self.x_of(current.end))) <= GRIP
            )
            self.setCursor(Qt.CursorShape.SizeHorCursor if near else Qt.CursorShape.ArrowCursor)
            return
        strip, part, pressed, original = self._range_drag
        sample = self._snapped(self.sample_at(x), event)
        if part == "new":
            start, end = sorted((pressed, sample))
        else:
            assert original is not None
            start, end = original.start, original.end
            if part == "start":
                start = min(sample, end - 1)
            elif part == "end":
                end = max(sample, start + 1)
            else:
                shift = max(-start, sample - self._snapped(pressed, event))
                start, end = start + shift, end + shift
        self._preview = {strip: SampleRange(start, end) if end > start else original}
        self.update()

    def _snapped(self, sample: int, event: QMouseEvent) -> int:
        from ...project import snapping

        if not self.view.snap_enabled or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return sample
        tolerance = self.view.snap_tolerance()
        project = self.timeline.document.project
        return snapping.snap(sample, snapping.targets_near(project, sample, tolerance), tolerance)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._seeking = False
        drag, self._range_drag = self._range_drag, None
        preview, self._preview = self._preview, {}
        if drag is None or not preview:
            self.update()
            return
        strip = drag[0]
        new = preview[strip]
        if new is not None and new != drag[3]:
            command = SetLoop(new) if strip == "loop" else SetPunch(new)
            self.timeline.document.execute(command)
        self.update()
