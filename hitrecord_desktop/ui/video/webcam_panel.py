"""The camera part of the recorder: which camera, its size and frame rate, a live preview, whether
the next take records video, where its sound comes from, and the camera's delay.

With no camera (a headless machine, a laptop with its lid shut) or no permission (macOS), the
panel says so and what to do, and its controls stay off; nothing else in the app changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...project.model import Project, TrackKind
from ...video.frame_source import FrameFormat
from ...video.webcam_journal import SOUND_CAMERA, SOUND_ENGINE
from ...video.webcam_take import CameraPlan
from .camera_microphone import CameraMicrophone, camera_microphone_for
from .camera_source import CameraChoice, CameraFrameSource, camera_permission, list_cameras

PREVIEW_SIZE = QSize(240, 135)
NO_CAMERA, DENIED, READY = "no-camera", "denied", "ready"


class WebcamPanel(QGroupBox):
    """Emits `settings_changed` when any choice changes; the recorder reads the choices when a
    take starts and takes `frame_source()` for its pictures."""

    settings_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        cameras: list[CameraChoice] | None = None,
        permission: str | None = None,
    ) -> None:
        """`cameras` and `permission` default to what Qt finds (tests pass their own)."""
        super().__init__(self.tr("Camera"), parent)
        self.setObjectName("webcam_panel")
        self.setAccessibleName(self.tr("Camera recording"))
        self._given_cameras, self._given_permission = cameras, permission
        self._cameras: list[CameraChoice] = []
        self._source: CameraFrameSource | None = None
        self._microphone: CameraMicrophone | None = None
        self.state = NO_CAMERA

        self.status = QLabel(self)
        self.status.setObjectName("webcam_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Camera status"))
        self.refresh_button = QPushButton(self.tr("&Look for cameras again"), self)
        self.refresh_button.setObjectName("webcam_refresh")
        self.refresh_button.setAccessibleName(self.tr("Look for cameras again"))
        self.refresh_button.clicked.connect(self.refresh)

        self.camera_combo = QComboBox(self)
        self.camera_combo.setObjectName("webcam_camera")
        self.camera_combo.setAccessibleName(self.tr("Camera"))
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("webcam_format")
        self.format_combo.setAccessibleName(self.tr("Picture size and frame rate"))
        self.preview = QLabel(self)
        self.preview.setObjectName("webcam_preview")
        self.preview.setAccessibleName(self.tr("Camera preview"))
        self.preview.setMinimumSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { background: #111; color: #aaa; }")
        self.record_video = QCheckBox(self.tr("Record &video with the take"), self)
        self.record_video.setObjectName("webcam_record")
        self.record_video.setAccessibleName(self.tr("Record video with the take"))
        self.sound_combo = QComboBox(self)
        self.sound_combo.setObjectName("webcam_sound")
        self.sound_combo.setAccessibleName(self.tr("Sound of the camera take"))
        self.sound_combo.addItem(self.tr("Audio input (in time with the project)"), SOUND_ENGINE)
        self.sound_combo.addItem(self.tr("Camera microphone"), SOUND_CAMERA)
        self.delay_spin = QSpinBox(self)
        self.delay_spin.setObjectName("webcam_delay")
        self.delay_spin.setAccessibleName(self.tr("Camera delay in milliseconds"))
        self.delay_spin.setRange(0, 1000)
        self.delay_spin.setSuffix(self.tr(" ms"))
        self.delay_spin.setToolTip(
            self.tr("How late the camera's pictures arrive. Raise it if you look late in takes.")
        )

        form = QFormLayout()
        form.addRow(self.tr("C&amera:"), self.camera_combo)
        form.addRow(self.tr("&Size:"), self.format_combo)
        form.addRow(self.tr("S&ound:"), self.sound_combo)
        form.addRow(self.tr("&Delay:"), self.delay_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(self.record_video)

        self.toggle_action = QAction(self.tr("Record Video with Take"), self)
        self.toggle_action.setObjectName("webcam_record_toggle")
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.toggle_action.triggered.connect(self.record_video.toggle)
        self.addAction(self.toggle_action)

        self._preview_timer = QTimer(self)
        self._preview_timer.setInterval(66)  # the preview needs no more than 15 pictures a second
        self._preview_timer.timeout.connect(self._paint_preview)
        self._latest: QVideoFrame | None = None

        self.camera_combo.currentIndexChanged.connect(self._camera_chosen)
        self.format_combo.currentIndexChanged.connect(self._format_chosen)
        for changed in (
            self.record_video.toggled,
            self.sound_combo.currentIndexChanged,
            self.delay_spin.valueChanged,
        ):
            changed.connect(self.settings_changed)
        if cameras is None:
            self._devices = QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self.refresh)
        self.refresh()

    # -- choices -----------------------------------------------------------------------------

    def chosen_format(self) -> FrameFormat | None:
        return self.format_combo.currentData()

    def chosen_camera(self) -> CameraChoice | None:
        index = self.camera_combo.currentIndex()
        return self._cameras[index] if 0 <= index < len(self._cameras) else None

    def records_video(self) -> bool:
        return self.state == READY and self.record_video.isChecked()

    def sound_source(self) -> str:
        return self.sound_combo.currentData()

    def camera_delay_s(self) -> float:
        return self.delay_spin.value() / 1000

    def camera_plan(self, project: Project) -> CameraPlan | str | None:
        """The camera's part of the next take: None when it records no video; a reason in
        words when it should but cannot; else what to record and where."""
        if not self.records_video():
            return None
        track = next((t for t in project.tracks if t.kind is TrackKind.VIDEO and t.armed), None)
        if track is None:
            return self.tr("Arm a video track for the camera take first (Ctrl+Alt+N adds one).")
        if self._source is None:
            return self.tr("The camera is not running: choose it again.")
        sound, microphone = self.sound_source(), None
        if sound == SOUND_CAMERA:
            camera = self.chosen_camera()
            if self._microphone is None and camera is not None:
                device = camera_microphone_for(camera.name)
                self._microphone = CameraMicrophone(device, parent=self)
                self._microphone.failed.connect(self.status.setText)
            microphone = self._microphone
        return CameraPlan(track.id, self._source, sound, self.camera_delay_s(), microphone)

    def frame_source(self) -> CameraFrameSource | None:
        """The camera the preview shows, for the recorder (None without a camera)."""
        return self._source

    # -- state -------------------------------------------------------------------------------

    def refresh(self) -> None:
        permission = self._given_permission or camera_permission()
        cameras = self._given_cameras if self._given_cameras is not None else list_cameras()
        self._cameras = cameras if permission != "denied" else []
        self.camera_combo.blockSignals(True)
        self.camera_combo.clear()
        for camera in self._cameras:
            self.camera_combo.addItem(camera.name, camera.device_id)
        self.camera_combo.blockSignals(False)
        if permission == "denied":
            self._set_state(
                DENIED,
                self.tr(
                    "HitRecord Desktop is not allowed to use the camera. To allow it, open "
                    "System Settings > Privacy & Security > Camera, turn on HitRecord Desktop, "
                    "then restart the app."
                ),
            )
        elif not self._cameras:
            self._set_state(
                NO_CAMERA,
                self.tr(
                    "No camera found. Connect a camera (or open the laptop's lid), then press "
                    "“Look for cameras again”. Takes record sound only until then."
                ),
            )
        else:
            self._set_state(READY, "")
            self._camera_chosen(self.camera_combo.currentIndex())

    def _set_state(self, state: str, message: str) -> None:
        self.state = state
        ready = state == READY
        self.status.setText(message)
        self.status.setVisible(not ready)
        self.refresh_button.setVisible(not ready)
        for widget in (self.camera_combo, self.format_combo, self.record_video, self.sound_combo,
                       self.delay_spin):  # fmt: skip
            widget.setEnabled(ready)
        self.toggle_action.setEnabled(ready)
        if not ready:
            self.record_video.setChecked(False)
            self._close_camera()
            self.preview.setText(self.tr("No picture"))
        self.settings_changed.emit()

    def _camera_chosen(self, index: int) -> None:
        camera = self.chosen_camera()
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        if camera is not None:
            for fmt in camera.formats:
                self.format_combo.addItem(fmt.describe(), fmt)
            hd = next(
                (i for i, f in enumerate(camera.formats) if f.height <= 720 and f.fps >= 24), 0
            )
            self.format_combo.setCurrentIndex(hd)
        self.format_combo.blockSignals(False)
        self._format_chosen(self.format_combo.currentIndex())

    def _format_chosen(self, _index: int) -> None:
        self._close_camera()
        camera, fmt = self.chosen_camera(), self.chosen_format()
        if camera is None or fmt is None:
            self.settings_changed.emit()
            return
        device = next((d for d in QMediaDevices.videoInputs() if bytes(d.id().data()) ==
                       camera.device_id), None)  # fmt: skip
        if device is not None:
            self._source = CameraFrameSource(device, fmt, self)
            self._source.sink.videoFrameChanged.connect(self._keep_latest)
            self._source.camera.errorOccurred.connect(
                lambda _e, text: self.status.setText(self.tr("The camera failed: {0}").format(text))
            )
            self._source.start_preview()
            self._preview_timer.start()
        self.settings_changed.emit()

    def _close_camera(self) -> None:
        self._preview_timer.stop()
        source, self._source = self._source, None
        self._latest = None
        if source is not None:
            source.stop_preview()
            source.deleteLater()

    # -- preview -----------------------------------------------------------------------------

    def _keep_latest(self, frame: QVideoFrame) -> None:
        self._latest = frame  # painted by the timer, at most 15 times a second

    def _paint_preview(self) -> None:
        frame, self._latest = self._latest, None
        if frame is None or not self.preview.isVisible():
            return
        image: QImage = frame.toImage()
        if image.isNull():
            return
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def close_camera(self) -> None:
        """Call when the workspace closes: the camera light goes off."""
        self._close_camera()
