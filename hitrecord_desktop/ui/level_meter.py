"""A drawn level meter: RMS bar, peak bar, peak hold and a clip light per channel, dB scale.

Cheap to paint at 30–60 fps: one cached gradient per size, a few fillRect calls per channel,
no text layout except the scale (drawn from cached label positions). The scale follows the
IEC 60268-18 deflection curve, so the range a singer works in (−30…0 dB) gets most of the width.
Clicking the meter (or Space/Enter on it) clears the clip lights and emits `clip_reset`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

SCALE_MARKS = (-60, -40, -30, -20, -12, -6, -3, 0)
HOLD_S = 1.5  # the peak hold stays this long, then falls
FALL_DB_PER_S = 24.0
BAR_HEIGHT = 12
GAP = 3
CLIP_WIDTH = 14
LABEL_WIDTH = 14
SCALE_HEIGHT = 13


def deflection(db: float) -> float:
    """0..1 along the meter for a dBFS value (IEC 60268-18 piecewise scale)."""
    if db < -70.0 or math.isnan(db):
        percent = 0.0
    elif db < -60.0:
        percent = (db + 70.0) * 0.25
    elif db < -50.0:
        percent = (db + 60.0) * 0.5 + 2.5
    elif db < -40.0:
        percent = (db + 50.0) * 0.75 + 7.5
    elif db < -30.0:
        percent = (db + 40.0) * 1.5 + 15.0
    elif db < -20.0:
        percent = (db + 30.0) * 2.0 + 30.0
    elif db < 0.0:
        percent = (db + 20.0) * 2.5 + 50.0
    else:
        percent = 100.0
    return percent / 100.0


class LevelMeter(QWidget):
    """set_levels(peak_db, rms_db, clipped) per channel; channel labels beside each bar."""

    clip_reset = Signal()

    def __init__(self, channels: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Level meter"))
        self.setToolTip(self.tr("Input level. Click to clear the clip lights."))
        self._labels: list[str] = []
        self._gradient: QLinearGradient | None = None
        self.set_channels(channels)

    def set_channels(self, channels: int, labels: Sequence[str] | None = None) -> None:
        n = max(1, channels)
        self.peak_db = [-math.inf] * n
        self.rms_db = [-math.inf] * n
        self.clipped = [False] * n
        self.hold_db = [-math.inf] * n
        self._hold_at = [0.0] * n
        default = [self.tr("L"), self.tr("R")] if n == 2 else [str(i + 1) for i in range(n)]
        self._labels = list(labels) if labels is not None else default
        self.updateGeometry()
        self.update()

    @property
    def channels(self) -> int:
        return len(self.peak_db)

    def set_levels(
        self, peak_db: Sequence[float], rms_db: Sequence[float], clipped: Sequence[bool]
    ) -> None:
        if len(peak_db) != self.channels:
            self.set_channels(len(peak_db))
        now = time.monotonic()
        for i, peak in enumerate(peak_db):
            self.peak_db[i] = peak
            self.rms_db[i] = rms_db[i]
            self.clipped[i] = self.clipped[i] or bool(clipped[i])
            held = self.hold_db[i]
            age = now - self._hold_at[i]
            if age > HOLD_S:
                held -= (age - HOLD_S) * FALL_DB_PER_S
            if peak >= held:
                self.hold_db[i], self._hold_at[i] = peak, now
            elif age > HOLD_S:
                self.hold_db[i] = held
                self._hold_at[i] = now - HOLD_S
        self.update()

    def reset_clip(self) -> None:
        self.clipped = [False] * self.channels
        self.update()
        self.clip_reset.emit()

    # -- Qt ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(260, self.channels * (BAR_HEIGHT + GAP) + SCALE_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.reset_clip()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reset_clip()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._gradient = None
        super().resizeEvent(event)

    def _bar_span(self) -> tuple[float, float]:
        left = LABEL_WIDTH
        return left, max(10.0, self.width() - left - CLIP_WIDTH - GAP)

    def _bar_gradient(self, left: float, width: float) -> QLinearGradient:
        if self._gradient is None:
            gradient = QLinearGradient(left, 0, left + width, 0)
            green, yellow, red = QColor("#3ec46d"), QColor("#e8c547"), QColor("#ef4b4b")
            gradient.setColorAt(0.0, green.darker(130))
            gradient.setColorAt(deflection(-18.0), green)
            gradient.setColorAt(deflection(-9.0), yellow)
            gradient.setColorAt(deflection(-3.0), QColor("#f08a3c"))
            gradient.setColorAt(1.0, red)
            self._gradient = gradient
        return self._gradient

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        trough = palette.color(QPalette.ColorRole.Base)
        trough = trough.darker(135) if trough.lightness() > 128 else trough.darker(150)
        left, width = self._bar_span()
        gradient = self._bar_gradient(left, width)
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.75))
        painter.setFont(font)
        dim = QColor(text)
        dim.setAlphaF(0.6)
        for i in range(self.channels):
            y = i * (BAR_HEIGHT + GAP)
            bar = QRectF(left, y, width, BAR_HEIGHT)
            painter.fillRect(bar, trough)
            peak = deflection(self.peak_db[i]) * width
            rms = deflection(self.rms_db[i]) * width
            painter.setOpacity(0.45)
            painter.fillRect(QRectF(left, y, peak, BAR_HEIGHT), gradient)
            painter.setOpacity(1.0)
            painter.fillRect(QRectF(left, y + 2, rms, BAR_HEIGHT - 4), gradient)
            hold = deflection(self.hold_db[i]) * width
            if hold > 0:
                painter.fillRect(QRectF(left + hold - 2, y, 2, BAR_HEIGHT), text)
            clip = QRectF(left + width + GAP, y, CLIP_WIDTH, BAR_HEIGHT)
            painter.fillRect(clip, QColor("#ff3030") if self.clipped[i] else trough)
            painter.setPen(dim)
            label = self._labels[i] if i < len(self._labels) else ""
            painter.drawText(
                QRectF(0, y - 2, LABEL_WIDTH - 3, BAR_HEIGHT + 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        y = self.channels * (BAR_HEIGHT + GAP)
        painter.setPen(dim)
        for mark in SCALE_MARKS:
            x = left + deflection(float(mark)) * width
            painter.drawLine(int(x), y - GAP + 1, int(x), y)
            align = Qt.AlignmentFlag.AlignHCenter if mark != 0 else Qt.AlignmentFlag.AlignRight
            box = QRectF(x - 16, y, 32, SCALE_HEIGHT) if mark != 0 else QRectF(x - 32, y, 32, 13)
            painter.drawText(box, align | Qt.AlignmentFlag.AlignTop, str(mark))
        painter.end()
