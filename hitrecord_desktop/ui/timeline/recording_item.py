"""The take being recorded, drawn while it grows: a red region on its track from where the take
starts to the playhead, with the input's level drawn into it as it arrives. The take's own clip,
with the waveform read from its file, takes its place when recording stops.

The levels are the input meter's peaks (~30 a second): enough to see that the voice is there and
where it was loud, without reading the growing file on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .geometry import TimelineGeometry

LABEL_MIN_WIDTH = 60  # pixels: narrower than this, the region has no room for its label


class RecordingItem(QGraphicsItem):
    """A region from `first` to the playhead (at most `last`) on lane `lane`."""

    def __init__(
        self,
        geometry: TimelineGeometry,
        track_id: str,
        lane: int,
        first: int,
        last: int | None,
        color: QColor,
    ) -> None:
        super().__init__()
        self.geometry = geometry
        self.track_id = track_id
        self.lane = lane
        self.first = first
        self.last = last
        self.end_sample = first
        self.levels: list[tuple[int, float]] = []  # (timeline sample, peak 0..1)
        self.color = color
        self.setZValue(50)  # above the clips of the lane, below the playhead

    def extend(self, sample: int) -> None:
        """The playhead is at `sample`: the take reaches there (never before its start)."""
        end = max(self.first, sample if self.last is None else min(sample, self.last))
        if end > self.end_sample:
            self.prepareGeometryChange()
            self.end_sample = end

    def add_level(self, peak: float) -> None:
        """The input's peak (linear, 0..1) at the current end of the take."""
        if self.end_sample > self.first:
            self.levels.append((self.end_sample, min(1.0, max(0.0, peak))))
            self.update()

    def relayout(self, lane: int) -> None:
        """Zoom or lanes changed."""
        self.prepareGeometryChange()
        self.lane = lane

    def boundingRect(self) -> QRectF:
        geometry = self.geometry
        left = geometry.x(self.first)
        top = geometry.lane_top(self.lane) + geometry.clip_margin
        height = geometry.track_height - 2 * geometry.clip_margin
        return QRectF(left, top, max(1.0, geometry.x(self.end_sample) - left), height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.boundingRect()
        fill = QColor(self.color)
        fill.setAlpha(70)
        painter.fillRect(rect, fill)
        painter.setPen(QPen(self.color, 1.0))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        middle = rect.center().y()
        half = rect.height() / 2 - 2
        wave = QColor(self.color).darker(130)
        painter.setPen(QPen(wave, 1.0))
        x_of = self.geometry.x
        visible = option.exposedRect
        for sample, peak in self.levels:
            x = x_of(sample)
            if visible.left() - 2 <= x <= visible.right() + 2 and peak > 0:
                painter.drawLine(QLineF(x, middle - half * peak, x, middle + half * peak))
        if rect.width() >= LABEL_MIN_WIDTH:
            painter.setPen(self.color.darker(160))
            painter.drawText(
                rect.adjusted(4, 2, -4, -2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                QCoreApplication.translate("Timeline", "Recording…"),
            )
