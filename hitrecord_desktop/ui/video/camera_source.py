"""The camera as a `FrameSource`, through Qt Multimedia: QCamera → QMediaCaptureSession →
QVideoSink → numpy frames for the webcam take writer.

`SinkFrameSource` turns whatever a QVideoSink shows into frames: a camera in the app, Qt's
`QVideoFrameInput` in tests (these machines have no camera), so both run the same conversion.
It listens with a direct connection: the copy out of the mapped frame runs on the thread that
delivers it (the capture thread for a camera), never queued through the GUI thread; the encoding
happens on the writer's own thread. The capture time is the moment the frame reached us, on
`time.monotonic()`'s clock; the camera's own delay before that is the user's setting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QCameraFormat,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoSink,
)
from PySide6.QtWidgets import QApplication

from ...video.frame_source import (
    BGRA,
    NV12,
    RGB24,
    RGBA,
    YUV420P,
    ClosedCallback,
    Frame,
    FrameCallback,
    FrameFormat,
)

_PF = QVideoFrameFormat.PixelFormat
_PACKED = {
    _PF.Format_RGBA8888: RGBA,
    _PF.Format_RGBX8888: RGBA,
    _PF.Format_BGRA8888: BGRA,
    _PF.Format_BGRX8888: BGRA,
}


@dataclass(frozen=True)
class CameraChoice:
    device_id: bytes
    name: str
    formats: tuple[FrameFormat, ...]  # largest first


def list_cameras() -> list[CameraChoice]:
    """The cameras Qt sees (none on a headless machine or a laptop with its lid shut)."""
    return [
        CameraChoice(bytes(device.id().data()), device.description(), camera_formats(device))
        for device in QMediaDevices.videoInputs()
    ]


def camera_formats(device: QCameraDevice) -> tuple[FrameFormat, ...]:
    seen = {}
    for fmt in device.videoFormats():
        size = fmt.resolution()
        key = (size.width(), size.height(), round(fmt.maxFrameRate(), 2))
        seen.setdefault(key, FrameFormat(size.width(), size.height(), fmt.maxFrameRate()))
    return tuple(sorted(seen.values(), key=lambda f: (-f.width * f.height, -f.fps)))


def camera_permission() -> str:
    """'granted', 'denied' or 'undetermined': macOS asks the person; elsewhere it is granted."""
    from PySide6.QtCore import QCameraPermission

    app = QApplication.instance()
    if app is None:
        return "undetermined"
    status = app.checkPermission(QCameraPermission())
    return {
        Qt.PermissionStatus.Granted: "granted",
        Qt.PermissionStatus.Denied: "denied",
    }.get(status, "undetermined")


def frame_to_array(frame: QVideoFrame) -> tuple[np.ndarray, str] | None:
    """A copy of the frame's pixels and their layout; None when it cannot be read."""
    if not frame.isValid() or not frame.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        width, height = frame.width(), frame.height()
        fmt = frame.pixelFormat()
        if fmt in _PACKED:
            return _plane(frame, 0, height, width * 4).reshape(height, width, 4), _PACKED[fmt]
        if fmt == _PF.Format_NV12:
            luma = _plane(frame, 0, height, width)
            chroma = _plane(frame, 1, height // 2, width)
            return np.concatenate([luma, chroma]), NV12
        if fmt == _PF.Format_YUV420P:
            luma = _plane(frame, 0, height, width)
            u = _plane(frame, 1, height // 2, width // 2).reshape(-1, width)
            v = _plane(frame, 2, height // 2, width // 2).reshape(-1, width)
            return np.concatenate([luma, u, v]), YUV420P
    finally:
        frame.unmap()
    # Anything else (YUYV, MJPEG decoded by Qt, ...): Qt converts it, slower but right.
    image = frame.toImage().convertToFormat(QImage.Format.Format_RGB888)
    stride = image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return data.reshape(image.height(), stride)[:, : image.width() * 3].reshape(
        image.height(), image.width(), 3
    ).copy(), RGB24


def _plane(frame: QVideoFrame, plane: int, rows: int, row_bytes: int) -> np.ndarray:
    stride = frame.bytesPerLine(plane)
    data = np.frombuffer(frame.bits(plane), np.uint8)
    return data[: rows * stride].reshape(rows, stride)[:, :row_bytes].copy()


class SinkFrameSource(QObject):
    """Frames of a QVideoSink as a `FrameSource`. Frames of another size than `format` (a camera
    that switched) are skipped and counted."""

    def __init__(self, sink: QVideoSink, fmt: FrameFormat, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sink = sink
        self._format = fmt
        self._on_frame: FrameCallback | None = None
        self._on_closed: ClosedCallback | None = None
        self._index = 0
        self.skipped = 0
        self.convert_seconds = 0.0

    @property
    def format(self) -> FrameFormat:
        return self._format

    def start(self, on_frame: FrameCallback, on_closed: ClosedCallback) -> None:
        self._on_frame, self._on_closed = on_frame, on_closed
        self._index = 0
        self.sink.videoFrameChanged.connect(self._deliver, Qt.ConnectionType.DirectConnection)

    def stop(self) -> None:
        self._close(None)

    def fail(self, message: str) -> None:
        self._close(message)

    def _close(self, error: str | None) -> None:
        closed, self._on_closed = self._on_closed, None
        if self._on_frame is not None:
            self.sink.videoFrameChanged.disconnect(self._deliver)
            self._on_frame = None
        if closed is not None:
            closed(error)

    def _deliver(self, frame: QVideoFrame) -> None:
        on_frame = self._on_frame
        if on_frame is None:
            return
        now = time.monotonic()
        began = time.perf_counter()
        converted = frame_to_array(frame)
        self.convert_seconds += time.perf_counter() - began
        fmt = self._format
        if converted is None or frame.width() != fmt.width or frame.height() != fmt.height:
            self.skipped += 1
            return
        pixels, layout = converted
        on_frame(Frame(pixels, layout, now, self._index))
        self._index += 1


class CameraFrameSource(SinkFrameSource):
    """A camera: owns the QCamera, its capture session and the sink (which the preview shares)."""

    def __init__(
        self, device: QCameraDevice, fmt: FrameFormat, parent: QObject | None = None
    ) -> None:
        self.camera = QCamera(device)
        chosen = _matching_format(device, fmt)
        if chosen is not None:
            self.camera.setCameraFormat(chosen)
        self.session = QMediaCaptureSession()
        self.session.setCamera(self.camera)
        sink = QVideoSink()
        self.session.setVideoSink(sink)
        super().__init__(sink, fmt, parent)
        self.camera.errorOccurred.connect(lambda _error, text: self.fail(text or "camera error"))

    def start_preview(self) -> None:
        self.camera.start()

    def stop_preview(self) -> None:
        self.camera.stop()

    def start(self, on_frame: FrameCallback, on_closed: ClosedCallback) -> None:
        super().start(on_frame, on_closed)
        if not self.camera.isActive():  # the preview runs it already (started on the GUI thread)
            self.camera.start()


def _matching_format(device: QCameraDevice, fmt: FrameFormat) -> QCameraFormat | None:
    for candidate in device.videoFormats():
        size = candidate.resolution()
        if (size.width(), size.height()) == (fmt.width, fmt.height) and abs(
            candidate.maxFrameRate() - fmt.fps
        ) < 0.5:
            return candidate
    return None
