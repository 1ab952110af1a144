"""The take being recorded, drawn while it grows: a red region on its track from where the take
starts to the playhead, with the input's level drawn into it as it arrives. The take's own clip,
with the waveform read from its file, takes its place when recording stops.

The levels are the input meter's peaks (~30 a second): enough to see that the voice is there and
where it was loud, without reading the growing file on the GUI thread.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .geometry import TimelineGeometry

LABEL_MIN_WIDTH = 60  # pixels: narrower than this, the region has no room for its label
FAR_SAMPLES = 48_000 * 3600 * 4  # an open take's rect reaches this far: 4 hours at 48 kHz


class RecordingItem(QGraphicsItem):
    """A region from `first` to the playhead (at most `last`) on lane `lane`.

    Its bounding rect reaches to the punch-out (or far to the right) and stays put while the
    take grows, so each playhead tick repaints only the new strip, and a paint draws only the
    levels in the exposed part: a long take costs no more per frame than a short one.
    """

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
        self.samples: list[int] = []  # timeline sample of each level, ascending
        self.levels: list[float] = []  # the input's peak there (linear, 0..1)
        self.color = color
        self._rect = QRectF()
        self.setZValue(50)  # above the clips of the lane, below the playhead
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._place()

    def _place(self) -> None:
        geometry = self.geometry
        left = geometry.x(self.first)
        reach = self.last if self.last is not None else self.first + FAR_SAMPLES
        top = geometry.lane_top(self.lane) + geometry.clip_margin
        height = geometry.track_height - 2 * geometry.clip_margin
        self._rect = QRectF(left, top, max(1.0, geometry.x(reach) - left), height)

    def extend(self, sample: int) -> None:
        """The playhead is at `sample`: the take reaches there (never before its start)."""
        end = max(self.first, sample if self.last is None else min(sample, self.last))
        if end > self.end_sample:
            x_of, rect = self.geometry.x, self._rect
            old = x_of(self.end_sample)
            self.end_sample = end
            if old - rect.left() < LABEL_MIN_WIDTH <= x_of(end) - rect.left():
                self.update()  # wide enough for its label now
            else:
                self.update(QRectF(old - 2, rect.top(), x_of(end) - old + 4, rect.height()))

    def add_level(self, peak: float) -> None:
        """The input's peak (linear, 0..1) at the current end of the take."""
        if self.end_sample <= self.first:
            return
        peak = min(1.0, max(0.0, peak))
        if self.samples and self.samples[-1] == self.end_sample:  # punched out: same place
            self.levels[-1] = max(self.levels[-1], peak)
            return
        self.samples.append(self.end_sample)
        self.levels.append(peak)

    def relayout(self, lane: int) -> None:
        """Zoom or lanes changed."""
        self.prepareGeometryChange()
        self.lane = lane
        self._place()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        x_of = self.geometry.x
        full = self._rect
        rect = QRectF(full.left(), full.top(), max(1.0, x_of(self.end_sample) - full.left()),
                      full.height())  # fmt: skip
        exposed = option.exposedRect.intersected(rect)
        if exposed.isEmpty():
            return
        fill = QColor(self.color)
        fill.setAlpha(70)
        painter.fillRect(exposed, fill)
        painter.setPen(QPen(self.color, 1.0))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        middle = rect.center().y()
        half = rect.height() / 2 - 2
        painter.setPen(QPen(QColor(self.color).darker(130), 1.0))
        per_pixel = self.geometry.samples_per_pixel
        lo = bisect_left(self.samples, (exposed.left() - 2) * per_pixel)
        hi = bisect_right(self.samples, (exposed.right() + 2) * per_pixel)
        samples, levels = self.samples, self.levels
        for index in range(lo, hi):
            peak = levels[index]
            if peak > 0:
                x = x_of(samples[index])
                painter.drawLine(QLineF(x, middle - half * peak, x, middle + half * peak))
        if rect.width() >= LABEL_MIN_WIDTH:
            painter.setPen(self.color.darker(160))
            painter.drawText(
                rect.adjusted(4, 2, -4, -2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                QCoreApplication.translate("Timeline", "Recording…"),
            )
