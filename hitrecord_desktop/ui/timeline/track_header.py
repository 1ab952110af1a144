"""Track headers: name, mute, solo, record-arm, gain and pan of each track, beside its lane.

Each control executes its edit command; gain and pan drags merge into one undo step through the
commands' merge_id. A header updates itself from the project when the document says the track
changed (undo, redo, another view), without emitting edits back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...project.commands import (
    RemoveTrack,
    RenameTrack,
    SetArmed,
    SetMute,
    SetSolo,
    SetTrackGain,
    SetTrackPan,
)
from ...project.model import Track
from ..project_document import ProjectDocument
from .geometry import punch_color

GAIN_STEPS_PER_DB = 2  # the slider counts half decibels
GAIN_MIN_DB, GAIN_MAX_DB = -60, 12
HEADER_WIDTH = 236


# palette(...) keeps the theme's colours; only the checked state needs to stand out.
HEADER_STYLE = (
    "QToolButton:checked { background: palette(highlight);"
    " color: palette(highlighted-text); border-radius: 3px; }"
)


class TrackHeader(QWidget):
    """The controls of one track."""

    remove_requested = Signal(str)

    def __init__(
        self,
        document: ProjectDocument,
        track: Track,
        color: QColor,
        height: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.track_id = track.id
        self.color = color
        self.setFixedHeight(height)
        self.setAutoFillBackground(False)
        self.setStyleSheet(HEADER_STYLE)
        self.name = QLineEdit(track.name)
        self.name.setFrame(False)
        self.name.editingFinished.connect(self._rename)
        self.mute = self._toggle(self.tr("M"), self.tr("Mute"), SetMute)
        self.solo = self._toggle(self.tr("S"), self.tr("Solo"), SetSolo)
        self.arm = self._toggle(self.tr("R"), self.tr("Record arm"), SetArmed)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.track_id))
        self.gain = QSlider(Qt.Orientation.Horizontal)
        self.gain.setRange(GAIN_MIN_DB * GAIN_STEPS_PER_DB, GAIN_MAX_DB * GAIN_STEPS_PER_DB)
        self.gain.setPageStep(6 * GAIN_STEPS_PER_DB)
        self.gain.valueChanged.connect(self._gain_moved)
        self.gain_label = QLabel()
        self.gain_label.setMinimumWidth(44)
        self.pan = QSlider(Qt.Orientation.Horizontal)
        self.pan.setRange(-100, 100)
        self.pan.setPageStep(10)
        self.pan.setMaximumWidth(56)
        self.pan.valueChanged.connect(self._pan_moved)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addWidget(self.name, 1)
        for button in (self.mute, self.solo, self.arm, self.remove):
            top.addWidget(button)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setSpacing(4)
        bottom.addWidget(self.gain, 1)
        bottom.addWidget(self.gain_label)
        bottom.addWidget(self.pan)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 6, 6)
        column.setSpacing(4)
        column.addLayout(top)
        column.addLayout(bottom)
        column.addStretch(1)
        self.refresh(track)

    def restyle(self) -> None:
        """Takes the application's palette again. Widgets under a style sheet get no palette
        change when the theme switches: they kept the old theme's colours (dark headers in the
        light theme) until their style sheet was set anew."""
        self.setStyleSheet("")
        self.setStyleSheet(HEADER_STYLE)
        self.refresh(self.document.project.track(self.track_id))

    def _toggle(self, text: str, name: str, command: type) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(name)
        button.setFixedWidth(24)
        button.toggled.connect(lambda on: self.document.execute(command(self.track_id, on)))
        return button

    def refresh(self, track: Track) -> None:
        """Shows the track's values without executing edits."""
        blockers = [
            QSignalBlocker(w)
            for w in (self.name, self.mute, self.solo, self.arm, self.gain, self.pan)
        ]
        if not self.name.hasFocus():
            self.name.setText(track.name)
            self.name.setCursorPosition(0)  # a long name shows its start, not its end
        self.mute.setChecked(track.mute)
        self.solo.setChecked(track.solo)
        self.arm.setChecked(track.armed)
        self.gain.setValue(round(track.gain_db * GAIN_STEPS_PER_DB))
        self.pan.setValue(round(track.pan * 100))
        del blockers
        self._label_gain(track.gain_db)
        red = punch_color(self.palette())
        self.arm.setStyleSheet(
            f"QToolButton:checked {{ background: {red.name()}; color: palette(highlighted-text); }}"
        )
        name = track.name
        self.name.setAccessibleName(self.tr("Name of track {0}").format(name))
        self.mute.setAccessibleName(self.tr("Mute {0}").format(name))
        self.solo.setAccessibleName(self.tr("Solo {0}").format(name))
        self.arm.setAccessibleName(self.tr("Record-arm {0}").format(name))
        self.remove.setAccessibleName(self.tr("Remove track {0}").format(name))
        self.remove.setToolTip(self.tr("Remove track"))
        self.gain.setAccessibleName(self.tr("Gain of {0}").format(name))
        self.gain.setToolTip(self.tr("Gain: {0:+.1f} dB").format(track.gain_db))
        self.pan.setAccessibleName(self.tr("Pan of {0}").format(name))
        self.pan.setToolTip(self.tr("Pan: {0:+.0f}").format(track.pan * 100))
        self.setAccessibleName(self.tr("Track {0}").format(name))
        self.update()

    def _label_gain(self, gain_db: float) -> None:
        self.gain_label.setText(self.tr("{0:+.1f} dB").format(gain_db))

    def _rename(self) -> None:
        text = self.name.text().strip()
        try:
            track = self.document.project.track(self.track_id)
        except KeyError:  # the track was removed (an undo) while its name field had focus
            return
        if text and text != track.name:
            self.document.execute(RenameTrack(self.track_id, text))
        else:
            self.name.setText(track.name)

    def _gain_moved(self, value: int) -> None:
        gain_db = value / GAIN_STEPS_PER_DB
        self._label_gain(gain_db)
        self.document.execute(SetTrackGain(self.track_id, gain_db))

    def _pan_moved(self, value: int) -> None:
        self.document.execute(SetTrackPan(self.track_id, value / 100))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Button))
        painter.fillRect(0, 0, 4, self.height(), self.color)
        if self.arm.isChecked():
            painter.fillRect(4, 0, 2, self.height(), punch_color(palette))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())


class TrackHeaders(QWidget):
    """The column of headers, one per lane, kept in the project's track order."""

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.headers: dict[str, TrackHeader] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addStretch(1)
        self.setFixedWidth(HEADER_WIDTH)
        self.setAccessibleName(self.tr("Track headers"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the theme switched
            for header in self.headers.values():
                header.restyle()
        super().changeEvent(event)

    def sync(self, colors: list[QColor], height: int, extra_height: int) -> None:
        """One header per track, in order; existing headers are kept (focus, edits in progress)."""
        project = self.document.project
        wanted = [t.id for t in project.tracks]
        for track_id in [t for t in self.headers if t not in wanted]:
            header = self.headers.pop(track_id)
            header.setParent(None)
            header.deleteLater()
        for index, track in enumerate(project.tracks):
            header = self.headers.get(track.id)
            if header is None:
                header = self.headers[track.id] = TrackHeader(
                    self.document, track, colors[index], height, self
                )
                header.remove_requested.connect(self._remove)
            self._layout.removeWidget(header)
            self._layout.insertWidget(index, header)
            header.color = colors[index]
            header.setFixedHeight(height)
            header.refresh(track)
        self.setFixedHeight(height * len(project.tracks) + extra_height)

    def refresh(self, track_id: str) -> None:
        header = self.headers.get(track_id)
        if header is not None:
            header.refresh(self.document.project.track(track_id))

    def _remove(self, track_id: str) -> None:
        self.document.execute(RemoveTrack(track_id))
