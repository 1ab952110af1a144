"""Shows the latest picture of a `FrameBuffer`, fitted to the widget with black bars.

libVLC writes pictures on its own thread; this view never hears from it. A GUI timer (~60 Hz)
asks the buffer for its picture number and repaints only when it moved, so a paused video costs
nothing. When there is no picture (nothing at the playhead, a file that cannot play) the view
says so in words.
"""

from __future__ import annotations

import numpy as np

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...video.vlc_frames import FrameBuffer

POLL_MS = 16


class VideoView(QWidget):
    """Paints a FrameBuffer's pictures; `set_message` replaces them by a sentence."""

    def __init__(self, frames: FrameBuffer | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("video_view")
        self.setAccessibleName(self.tr("Video preview"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self._frames = frames
        self._seen = -1
        self._image: QImage | None = None
        self._pixels: np.ndarray | None = None  # what `_image` points into
        self._message = self.tr("No video at the playhead")
        self.repaints = 0
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def set_frames(self, frames: FrameBuffer | None) -> None:
        self._frames = frames
        self._seen = -1

    def set_message(self, text: str) -> None:
        """Shows `text` instead of a picture (an empty text shows pictures again)."""
        self._message = text
        self.setAccessibleDescription(text)
        if text:
            self._image = self._pixels = None
        self._seen = -1
        self.update()

    @property
    def message(self) -> str:
        return self._message

    def poll(self) -> None:
        frames = self._frames
        if frames is None or self._message or frames.number == self._seen:
            return
        frame = frames.latest(self._seen)
        if frame is None:
            return
        self._seen = frame.number
        self._pixels = frame.pixels
        height, width = frame.pixels.shape[:2]
        # BGRA bytes are Qt's RGB32 on little-endian machines (the ones libVLC runs on here).
        self._image = QImage(
            frame.pixels.data, width, height, width * 4, QImage.Format.Format_RGB32
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(Qt.GlobalColor.black))
        image = self._image
        if image is None or self._message:
            painter.setPen(QColor(200, 200, 200))
            text = self._message or self.tr("Waiting for the video…")
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text
            )
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(_fitted(image.width(), image.height(), self.rect()), image)
        self.repaints += 1

    def stop(self) -> None:
        self._timer.stop()


def _fitted(width: int, height: int, area: QRect) -> QRect:
    """The largest rectangle of the picture's shape centred in `area`."""
    scale = min(area.width() / max(width, 1), area.height() / max(height, 1))
    w, h = round(width * scale), round(height * scale)
    return QRect(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)
