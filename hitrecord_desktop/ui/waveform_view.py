"""A small drawn waveform: the (min, max) columns of a whole contribution, in palette colours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from ..media.waveform_thumbnail import WaveformThumbnail


class WaveformView(QWidget):
    """Shows a message ("loading…", "no audio") until `set_thumbnail` gives it something to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waveform")
        self.setAccessibleName(self.tr("Waveform"))
        self.setMinimumSize(120, 34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.thumbnail: WaveformThumbnail | None = None
        self.message = self.tr("waveform…")
        self.progress = 0.0  # 0..1 of the preview played, drawn as a line

    def sizeHint(self) -> QSize:
        return QSize(220, 34)

    def set_thumbnail(self, thumbnail: WaveformThumbnail) -> None:
        self.thumbnail = thumbnail
        self.message = ""
        self.setAccessibleDescription(self.tr("Waveform of {0:.0f} s").format(thumbnail.duration_s))
        self.update()

    def set_message(self, message: str) -> None:
        self.thumbnail = None
        self.message = message
        self.update()

    def set_progress(self, fraction: float) -> None:
        self.progress = min(1.0, max(0.0, fraction))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(rect, 3, 3)
        thumb = self.thumbnail
        if thumb is None or thumb.columns == 0:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.message)
            return
        middle = rect.center().y()
        half = rect.height() / 2 - 3
        width = rect.width() - 4
        step = width / thumb.columns
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Accent), max(1.0, step)))
        for i in range(thumb.columns):
            x = rect.left() + 2 + i * step
            top = middle - float(thumb.maxs[i]) * half
            bottom = middle - float(thumb.mins[i]) * half
            painter.drawLine(QPointF(x, top), QPointF(x, max(bottom, top + 1)))
        if self.progress > 0:
            x = rect.left() + 2 + width * self.progress
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1.5))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
