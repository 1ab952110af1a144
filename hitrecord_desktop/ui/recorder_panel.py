"""The recorder panel: input device and channels, live input meters, monitoring, latency status
with calibration, the dropout warning after a take, and the takes of the record track.

A view over `AudioBridge` (devices, meters, calibration) and `ProjectDocument` (takes: choosing
the active one and deleting go through the undo stack).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..audio.devices import DeviceChoice, list_devices
from ..audio.transport_display import format_time
from ..project.commands import RemoveTake, SetActiveTake
from ..project.events import Subject
from ..project.model import Take, Track
from .audio_bridge import AudioBridge
from .level_meter import LevelMeter
from .project_document import ProjectDocument
from .video.webcam_panel import WebcamPanel

WARNING_STYLE = (
    "QLabel { background: #5a3d00; color: #ffe08a; border: 1px solid #c98a00;"
    " border-radius: 4px; padding: 6px; }"
)
ERROR_STYLE = "QLabel { color: #ef5350; }"


def channel_options(max_channels: int) -> list[tuple[str, tuple[int, ...]]]:
    """Mono inputs, then stereo pairs, as an interface's front panel counts them."""
    options = [
        (QCoreApplication.translate("RecorderPanel", "Input %d (mono)") % c, (c,))
        for c in range(1, max_channels + 1)
    ]
    options += [
        (
            QCoreApplication.translate("RecorderPanel", "Inputs %d+%d (stereo)") % (c, c + 1),
            (c, c + 1),
        )
        for c in range(1, max_channels, 2)
    ]
    return options


class RecorderPanel(QWidget):
    """See the module docstring. `set_track(track_id)` shows another track's takes."""

    def __init__(
        self, bridge: AudioBridge, document: ProjectDocument, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recorder_panel")
        self.setAccessibleName(QCoreApplication.translate("RecorderPanel", "Recorder"))
        self.bridge = bridge
        self.document = document
        self._track_id: str | None = None
        self._filling = False
        layout = QVBoxLayout(self)
        layout.addWidget(self._input_group())
        layout.addWidget(self._latency_group())
        self.dropout_warning = QLabel(self)
        self.dropout_warning.setWordWrap(True)
        self.dropout_warning.setStyleSheet(WARNING_STYLE)
        self.dropout_warning.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Dropout warning")
        )
        self.dropout_warning.hide()
        layout.addWidget(self.dropout_warning)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Audio problem")
        )
        self.error_label.hide()
        layout.addWidget(self.error_label)
        layout.addWidget(self._takes_group(), 1)
        self.webcam = WebcamPanel(self)  # the camera for takes with video
        layout.addWidget(self.webcam)
        bridge.camera_plan = self.webcam.camera_plan
        bridge.meters_changed.connect(self._show_meters)
        bridge.take_finished.connect(self._take_finished)
        bridge.message.connect(self.show_problem)
        bridge.device_changed.connect(self._fill_devices)
        bridge.latency_changed.connect(self._show_latency)
        bridge.calibration_started.connect(self._calibration_started)
        bridge.calibration_finished.connect(self._calibration_ended)
        bridge.calibration_failed.connect(self._calibration_failed)
        bridge.options_changed.connect(self._show_options)
        document.changed.connect(self._project_changed)
        self._fill_devices()
        self._show_options()
        self._fill_takes()

    # -- building ----------------------------------------------------------------------------

    def _input_group(self) -> QGroupBox:
        group = QGroupBox(QCoreApplication.translate("RecorderPanel", "Input"), self)
        form = QFormLayout(group)
        self.device_box = QComboBox(group)
        self.device_box.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Input device")
        )
        self.device_box.setToolTip(
            QCoreApplication.translate(
                "RecorderPanel", "The audio interface or microphone to record from"
            )
        )
        self.device_box.activated.connect(self._device_chosen)
        self.channel_box = QComboBox(group)
        self.channel_box.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Input channels")
        )
        self.channel_box.activated.connect(self._channels_chosen)
        form.addRow(QCoreApplication.translate("RecorderPanel", "&Device:"), self.device_box)
        form.addRow(QCoreApplication.translate("RecorderPanel", "C&hannels:"), self.channel_box)
        switches = QHBoxLayout()
        self.metering_box = QCheckBox(
            QCoreApplication.translate("RecorderPanel", "Show input &level"), group
        )
        self.metering_box.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Show input level")
        )
        self.metering_box.setToolTip(
            QCoreApplication.translate(
                "RecorderPanel", "Meter the input while stopped, to set your gain"
            )
        )
        self.metering_box.toggled.connect(self.bridge.set_input_metering)
        self.monitor_box = QCheckBox(
            QCoreApplication.translate("RecorderPanel", "&Monitor input"), group
        )
        self.monitor_box.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Monitor input")
        )
        self.monitor_box.setToolTip(
            QCoreApplication.translate(
                "RecorderPanel",
                "Hear yourself through the app while playing and recording (use headphones)",
            )
        )
        self.monitor_box.toggled.connect(self.bridge.set_monitoring)
        switches.addWidget(self.metering_box)
        switches.addWidget(self.monitor_box)
        switches.addStretch(1)
        form.addRow(switches)
        self.input_meter = LevelMeter(2, group)
        self.input_meter.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Input level")
        )
        self.input_meter.clip_reset.connect(self.bridge.reset_clip)
        form.addRow(QCoreApplication.translate("RecorderPanel", "Level:"), self.input_meter)
        return group

    def _latency_group(self) -> QGroupBox:
        group = QGroupBox(QCoreApplication.translate("RecorderPanel", "Latency"), self)
        row = QHBoxLayout(group)
        self.latency_label = QLabel(QCoreApplication.translate("RecorderPanel", "Checking…"), group)
        self.latency_label.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Latency status")
        )
        self.latency_label.setWordWrap(True)
        self.calibrate_button = QPushButton(
            QCoreApplication.translate("RecorderPanel", "&Calibrate…"), group
        )
        self.calibrate_button.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Calibrate latency")
        )
        self.calibrate_button.setToolTip(
            QCoreApplication.translate(
                "RecorderPanel", "Play a test signal and measure how late it comes back (about 6 s)"
            )
        )
        self.calibrate_button.clicked.connect(self.bridge.calibrate)
        self.calibration_busy = QProgressBar(group)
        self.calibration_busy.setRange(0, 0)  # busy: the core gives no progress
        self.calibration_busy.setMaximumWidth(120)
        self.calibration_busy.setTextVisible(False)
        self.calibration_busy.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Calibrating")
        )
        self.calibration_busy.hide()
        row.addWidget(self.latency_label, 1)
        row.addWidget(self.calibration_busy)
        row.addWidget(self.calibrate_button)
        return group

    def _takes_group(self) -> QGroupBox:
        self.takes_group = QGroupBox(QCoreApplication.translate("RecorderPanel", "Takes"), self)
        column = QVBoxLayout(self.takes_group)
        self.takes_view = QTreeWidget(self.takes_group)
        self.takes_view.setAccessibleName(QCoreApplication.translate("RecorderPanel", "Takes"))
        self.takes_view.setToolTip(
            QCoreApplication.translate(
                "RecorderPanel", "Click a take to make it the one that plays"
            )
        )
        self.takes_view.setHeaderLabels(
            [
                QCoreApplication.translate("RecorderPanel", "Active"),
                QCoreApplication.translate("RecorderPanel", "Take"),
                QCoreApplication.translate("RecorderPanel", "Length"),
                QCoreApplication.translate("RecorderPanel", "Recorded"),
                QCoreApplication.translate("RecorderPanel", "Dropouts"),
            ]
        )
        self.takes_view.setRootIsDecorated(False)
        self.takes_view.setAlternatingRowColors(True)
        self.takes_view.setUniformRowHeights(True)
        self.takes_view.itemClicked.connect(self._take_clicked)
        self.takes_view.itemActivated.connect(self._take_clicked)
        # Room for a few takes whatever else the panel shows (a wrapped dropout warning took it
        # all once: the list shrank to 2 pixels and no take could be clicked).
        rows = self.takes_view.fontMetrics().height() + 6
        self.takes_view.setMinimumHeight(self.takes_view.header().sizeHint().height() + 3 * rows)
        column.addWidget(self.takes_view)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.delete_button = QPushButton(
            QCoreApplication.translate("RecorderPanel", "&Delete Take"), self.takes_group
        )
        self.delete_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon))
        self.delete_button.setAccessibleName(
            QCoreApplication.translate("RecorderPanel", "Delete take")
        )
        self.delete_button.setToolTip(
            QCoreApplication.translate(
                "RecorderPanel", "Remove the selected take from the track (Del)"
            )
        )
        self.delete_button.clicked.connect(self.delete_selected_take)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.takes_view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected_take)
        buttons.addWidget(self.delete_button)
        column.addLayout(buttons)
        return self.takes_group

    # -- devices -----------------------------------------------------------------------------

    def _fill_devices(self, *_: object) -> None:
        choice = self.bridge.choice
        self._filling = True
        self.device_box.clear()
        self.device_box.addItem(
            QCoreApplication.translate("RecorderPanel", "System default"), (None, None, 2)
        )
        try:
            inputs = [d for d in list_devices() if d.max_input_channels > 0]
        except Exception as exc:  # PortAudio gone: say so, keep the panel usable
            inputs = []
            self.show_problem(
                QCoreApplication.translate("RecorderPanel", "Cannot list audio devices: %s") % exc
            )
        for device in inputs:
            label = f"{device.name} — {device.host_api}"
            self.device_box.addItem(
                label, (device.host_api, device.name, device.max_input_channels)
            )
        current = 0
        for i in range(self.device_box.count()):
            api, name, _ = self.device_box.itemData(i)
            if name == choice.input_device and (api == choice.host_api or name is None):
                current = i
        self.device_box.setCurrentIndex(current)
        self._fill_channels()
        self._filling = False

    def _fill_channels(self) -> None:
        _, _, max_channels = self.device_box.currentData()
        self.channel_box.clear()
        for label, channels in channel_options(max(1, max_channels)):
            self.channel_box.addItem(label, channels)
        wanted = tuple(self.bridge.choice.input_channels)
        for i in range(self.channel_box.count()):
            if tuple(self.channel_box.itemData(i)) == wanted:  # Qt hands tuples back as lists
                self.channel_box.setCurrentIndex(i)
        self.input_meter.set_channels(len(self.channel_box.currentData() or (1, 2)))

    def _device_chosen(self, _index: int) -> None:
        api, name, max_channels = self.device_box.currentData()
        choice = self.bridge.choice
        channels = choice.input_channels
        if max(channels) > max_channels:
            channels = (1, 2) if max_channels >= 2 else (1,)
        output = choice.output_device if api == choice.host_api else None
        new = dataclasses.replace(
            choice, host_api=api, input_device=name, output_device=output, input_channels=channels
        )
        self._choose(new)

    def _channels_chosen(self, _index: int) -> None:
        channels = self.channel_box.currentData()
        if channels:
            self._choose(dataclasses.replace(self.bridge.choice, input_channels=tuple(channels)))

    def _choose(self, choice: DeviceChoice) -> None:
        if self._filling or choice == self.bridge.choice:
            return
        self.error_label.hide()
        self.latency_label.setText(QCoreApplication.translate("RecorderPanel", "Checking…"))
        self.bridge.set_choice(choice)

    def _show_options(self) -> None:
        for box, on in (
            (self.metering_box, self.bridge.input_metering),
            (self.monitor_box, self.bridge.monitoring),
        ):
            if box.isChecked() != on:
                box.blockSignals(True)
                box.setChecked(on)
                box.blockSignals(False)

    def _show_meters(self, reading, _output) -> None:  # type: ignore[no-untyped-def]
        self.input_meter.set_levels(reading.peak_db, reading.rms_db, reading.clipped)

    # -- latency -----------------------------------------------------------------------------

    def _show_latency(self, result) -> None:  # type: ignore[no-untyped-def]
        if result is None:
            self.latency_label.setText(
                QCoreApplication.translate(
                    "RecorderPanel",
                    "Not calibrated for these devices. Calibrate once so takes land on the beat.",
                )
            )
            self.latency_label.setToolTip("")
            return
        text = QCoreApplication.translate(
            "RecorderPanel",
            "Calibrated: %.1f ms round trip (%d samples); takes are moved back by it.",
        ) % (
            result.round_trip_ms,
            result.round_trip_samples,
        )
        advice = result.advice()
        self.latency_label.setText(text + (" ⚠" if advice else ""))
        self.latency_label.setToolTip(advice or result.key.describe())

    def _calibration_started(self) -> None:
        self.calibrate_button.setEnabled(False)
        self.calibration_busy.show()
        self.latency_label.setText(
            QCoreApplication.translate("RecorderPanel", "Calibrating: playing a test signal…")
        )

    def _calibration_ended(self, _result: object = None) -> None:
        self.calibrate_button.setEnabled(True)
        self.calibration_busy.hide()

    def _calibration_failed(self, error: str) -> None:
        self._calibration_ended()
        self.latency_label.setText(
            QCoreApplication.translate("RecorderPanel", "Calibration failed: %s") % error
        )

    # -- problems and dropouts ---------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _take_finished(self, take: Take, dropouts) -> None:  # type: ignore[no-untyped-def]
        if not dropouts:
            self.dropout_warning.hide()
            return
        rate = self.document.project.sample_rate
        first = format_time(take.clip.position + dropouts[0].position, rate)
        self.dropout_warning.setText(
            QCoreApplication.translate(
                "RecorderPanel",
                "⚠ %(name)s has %(count)d dropout(s), the first at %(at)s: the computer could "
                "not keep up and the take has gaps. Close other programs or choose a larger "
                "buffer size, then record it again.",
            )
            % {"name": take.name, "count": len(dropouts), "at": first}
        )
        self.dropout_warning.show()

    # -- takes -------------------------------------------------------------------------------

    def set_track(self, track_id: str | None) -> None:
        """Shows the takes of this track (the timeline's selection); None: the record track."""
        self._track_id = track_id
        self.bridge.selected_track_id = track_id
        self._fill_takes()

    def track(self) -> Track | None:
        project = self.document.project
        chosen = next((t for t in project.tracks if t.id == self._track_id), None)
        return chosen or self.bridge.record_track()

    def _project_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if any(c.subject in (Subject.TAKE, Subject.TRACK, Subject.TRACK_ORDER) for c in changes):
            self._fill_takes()

    def _fill_takes(self) -> None:
        track = self.track()
        view = self.takes_view
        selected = self.selected_take_id()
        view.clear()
        if track is None:
            self.takes_group.setTitle(
                QCoreApplication.translate("RecorderPanel", "Takes (arm a track to record)")
            )
            self.delete_button.setEnabled(False)
            return
        self.takes_group.setTitle(
            QCoreApplication.translate("RecorderPanel", "Takes on “%s”") % track.name
        )
        rate = self.document.project.sample_rate
        bold = view.font()
        bold.setBold(True)
        for take in track.takes:
            active = take.id == track.active_take_id
            item = QTreeWidgetItem(
                [
                    "●" if active else "○",
                    take.name,
                    format_time(take.clip.length, rate),
                    take.recorded_at.replace("T", " ").removesuffix("+00:00"),
                    str(len(take.dropouts)) if take.dropouts else "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, take.id)
            uploaded = take.clip.media.contribution_id
            if uploaded is not None:
                item.setText(
                    1, QCoreApplication.translate("RecorderPanel", "%s (uploaded)") % take.name
                )
                item.setToolTip(
                    1,
                    QCoreApplication.translate(
                        "RecorderPanel", "On the platform as contribution %d"
                    )
                    % uploaded,
                )
            item.setToolTip(
                0,
                QCoreApplication.translate("RecorderPanel", "Playing")
                if active
                else QCoreApplication.translate("RecorderPanel", "Click to play this take"),
            )
            if active:
                for column in range(view.columnCount()):
                    item.setFont(column, bold)
            view.addTopLevelItem(item)
            if take.id == selected:
                view.setCurrentItem(item)
        for column in range(view.columnCount()):
            view.resizeColumnToContents(column)
        self.delete_button.setEnabled(bool(track.takes))

    def selected_take_id(self) -> str | None:
        item = self.takes_view.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _take_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        track = self.track()
        take_id = item.data(0, Qt.ItemDataRole.UserRole)
        if track is not None and take_id != track.active_take_id:
            self.document.execute(SetActiveTake(track.id, take_id))

    def delete_selected_take(self) -> None:
        track, take_id = self.track(), self.selected_take_id()
        if track is not None and take_id is not None:
            self.document.execute(RemoveTake(track.id, take_id))
