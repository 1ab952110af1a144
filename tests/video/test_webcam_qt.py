"""The Qt side of webcam takes, offscreen: the camera panel with no camera or no permission, and
the real Qt Multimedia frame path (QVideoFrameInput → QMediaCaptureSession → QVideoSink → the
converter → the H.264 writer) with synthetic frames standing in for a camera."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoFrameInput,
    QVideoSink,
)

from hitrecord_desktop.ui.video.camera_source import CameraChoice, SinkFrameSource, frame_to_array
from hitrecord_desktop.ui.video.webcam_panel import DENIED, NO_CAMERA, READY, WebcamPanel
from hitrecord_desktop.video.frame_source import FrameFormat, SyntheticFrameSource, decode_number
from hitrecord_desktop.video.take_mux import finish_take
from hitrecord_desktop.video.webcam_journal import SOUND_CAMERA
from hitrecord_desktop.video.webcam_writer import WebcamWriter

from .webcam_support import read_back

FPS = 30


def test_no_camera_is_a_clear_state_with_what_to_do(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QMediaDevices.videoInputs() == []  # these machines: Qt finds no camera
    panel = WebcamPanel()  # what Qt finds, as in the app
    qtbot.addWidget(panel)
    panel.show()
    assert panel.state == NO_CAMERA
    assert panel.status.isVisible() and "No camera found" in panel.status.text()
    assert "Look for cameras again" in panel.status.text()
    assert panel.refresh_button.isVisible()
    for control in (panel.camera_combo, panel.format_combo, panel.record_video,
                    panel.sound_combo, panel.delay_spin):  # fmt: skip
        assert not control.isEnabled()
        assert control.accessibleName()
    assert not panel.records_video() and panel.frame_source() is None
    panel.refresh_button.click()  # looking again finds nothing, and nothing breaks
    assert panel.state == NO_CAMERA


def test_permission_refused_says_where_to_grant_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    camera = CameraChoice(b"cam", "FaceTime HD Camera", (FrameFormat(1280, 720, 30),))
    panel = WebcamPanel(cameras=[camera], permission="denied")
    qtbot.addWidget(panel)
    panel.show()
    assert panel.state == DENIED
    assert "System Settings > Privacy & Security > Camera" in panel.status.text()
    assert not panel.record_video.isEnabled() and panel.camera_combo.count() == 0


def test_with_a_camera_the_choices_are_offered(qtbot) -> None:  # type: ignore[no-untyped-def]
    formats = (FrameFormat(1920, 1080, 30), FrameFormat(1280, 720, 30), FrameFormat(640, 480, 15))
    camera = CameraChoice(b"cam", "USB Camera", formats)
    panel = WebcamPanel(cameras=[camera], permission="granted")
    qtbot.addWidget(panel)
    panel.show()
    assert panel.state == READY and not panel.status.isVisible()
    assert panel.camera_combo.currentText() == "USB Camera"
    assert panel.chosen_format() == FrameFormat(1280, 720, 30)  # 720p30 first: the encoder keeps up
    with qtbot.waitSignal(panel.settings_changed):
        panel.toggle_action.trigger()  # Ctrl+Shift+V
    assert panel.records_video()
    panel.sound_combo.setCurrentIndex(panel.sound_combo.findData(SOUND_CAMERA))
    panel.delay_spin.setValue(120)
    assert panel.sound_source() == SOUND_CAMERA and panel.camera_delay_s() == pytest.approx(0.12)
    assert panel.toggle_action.shortcut().toString() == "Ctrl+Shift+V"


def test_the_recorder_panel_carries_the_camera_panel(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.ui.recorder_panel import RecorderPanel
    from tests.ui.audio_support import dispose, make_bridge, make_document

    document = make_document(tmp_path)
    bridge = make_bridge(document, tmp_path)
    recorder = RecorderPanel(bridge, document)
    qtbot.addWidget(recorder)
    recorder.show()
    try:
        assert recorder.findChild(WebcamPanel, "webcam_panel") is recorder.webcam
        assert recorder.webcam.isVisible() and recorder.webcam.state == NO_CAMERA
    finally:
        recorder.webcam.close_camera()
        dispose(bridge)


def _qt_frame(pixels: np.ndarray) -> QVideoFrame:
    height, width = pixels.shape[:2]
    rgba = np.concatenate([pixels, np.full((height, width, 1), 255, np.uint8)], axis=2)
    image = QImage(rgba.tobytes(), width, height, width * 4, QImage.Format.Format_RGBX8888)
    return QVideoFrame(image.copy())


def test_frames_through_qt_multimedia_reach_the_h264_writer(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fmt = FrameFormat(320, 240, FPS)
    synthetic = SyntheticFrameSource(320, 240, FPS)
    frame_input = QVideoFrameInput(
        QVideoFrameFormat(QSize(320, 240), QVideoFrameFormat.PixelFormat.Format_RGBX8888)
    )
    session = QMediaCaptureSession()
    session.setVideoFrameInput(frame_input)
    sink = QVideoSink()
    session.setVideoSink(sink)
    source = SinkFrameSource(sink, fmt)
    writer = WebcamWriter(tmp_path / "qt.webcam.mp4", fmt)
    writer.start()
    t0 = time.monotonic()
    closed = threading.Event()
    source.start(lambda f: writer.submit(f, f.timestamp - t0), lambda _e: closed.set())
    sent = 0
    for index in range(45):  # 1.5 s of pictures, paced like a camera
        if frame_input.sendVideoFrame(_qt_frame(synthetic.picture(index))):
            sent += 1
        qtbot.wait(1000 // FPS)
    qtbot.waitUntil(lambda: writer.frames + writer.pending() >= sent, timeout=5000)
    source.stop()
    assert closed.is_set()
    result = writer.stop()
    assert result.frames == sent >= 40 and result.dropped == 0 and source.skipped == 0
    back = read_back(finish_take(result.path, tmp_path / "qt.mp4").path)
    assert back.codecs == {"video": "h264"}
    assert back.numbers == list(range(sent))
    assert source.convert_seconds / sent < 0.01  # the copy out of Qt's frame is cheap


def test_the_converter_reads_planar_and_packed_frames() -> None:
    frame = QVideoFrame(QVideoFrameFormat(QSize(64, 32), QVideoFrameFormat.PixelFormat.Format_NV12))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    np.frombuffer(frame.bits(0), np.uint8)[:] = 200
    np.frombuffer(frame.bits(1), np.uint8)[:] = 128
    frame.unmap()
    pixels, layout = frame_to_array(frame)
    assert layout == "nv12" and pixels.shape == (48, 64)
    assert (pixels[:32] == 200).all() and (pixels[32:] == 128).all()
    picture = SyntheticFrameSource(64, 32, FPS).picture(77)
    packed, layout = frame_to_array(_qt_frame(picture))
    assert layout == "rgba" and packed.shape == (32, 64, 4)
    assert decode_number(packed[:, :, :3]) == 77
