"""The transport: play/stop, record, loop, return to start, click, count-in, tempo and clocks.

A thin view over `AudioBridge`: its actions call the bridge, its state comes back through the
bridge's signals. The QActions are public (`actions_by_name`) so the main window can put them in
its menus; their shortcuts work anywhere in the window.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..audio.transport_display import TransportState, format_bar_beat, format_time
from ..project.commands import SetTempo
from ..project.events import Subject
from .audio_bridge import AudioBridge
from .project_document import ProjectDocument

MIN_BPM, MAX_BPM = 20.0, 400.0


class TransportBar(QToolBar):
    """Toolbar with the transport actions, the tempo box and the time and bar:beat clocks."""

    def __init__(
        self, bridge: AudioBridge, document: ProjectDocument, parent: QWidget | None = None
    ) -> None:
        super().__init__(QCoreApplication.translate("TransportBar", "Transport"), parent)
        self.setObjectName("transport_bar")
        self.setAccessibleName(QCoreApplication.translate("TransportBar", "Transport"))
        self.setMovable(False)
        self.bridge = bridge
        self.document = document
        style = self.style()
        icon = style.standardIcon
        sp = QStyle.StandardPixmap
        self.to_start_action = self._action(
            QCoreApplication.translate("TransportBar", "Return to Start"),
            "Home",
            icon(sp.SP_MediaSkipBackward),
            bridge.return_to_start,
        )
        self.play_action = self._action(
            QCoreApplication.translate("TransportBar", "Play"),
            "Space",
            icon(sp.SP_MediaPlay),
            bridge.toggle_play,
        )
        self.stop_action = self._action(
            QCoreApplication.translate("TransportBar", "Stop"),
            "Shift+Space",
            icon(sp.SP_MediaStop),
            bridge.stop,
        )
        self.record_action = self._action(
            QCoreApplication.translate("TransportBar", "Record"),
            "R",
            _record_icon(self),
            bridge.record,
        )
        self.record_action.setCheckable(True)
        self.addSeparator()
        self.loop_action = self._toggle(
            QCoreApplication.translate("TransportBar", "Loop"), "L", bridge.set_loop_enabled
        )
        self.click_action = self._toggle(
            QCoreApplication.translate("TransportBar", "Click"), "C", bridge.set_click_enabled
        )
        self.count_in_action = self._toggle(
            QCoreApplication.translate("TransportBar", "Count-in"), "K", bridge.set_count_in_enabled
        )
        self.addSeparator()
        self.tempo_box = QDoubleSpinBox(self)
        self.tempo_box.setRange(MIN_BPM, MAX_BPM)
        self.tempo_box.setDecimals(1)
        self.tempo_box.setSuffix(QCoreApplication.translate("TransportBar", " BPM"))
        self.tempo_box.setKeyboardTracking(False)
        self.tempo_box.setAccessibleName(QCoreApplication.translate("TransportBar", "Tempo"))
        self.tempo_box.setToolTip(
            QCoreApplication.translate("TransportBar", "Tempo in beats per minute")
        )
        self.tempo_box.valueChanged.connect(self._tempo_edited)
        tempo_label = QLabel(QCoreApplication.translate("TransportBar", "&Tempo"), self)
        tempo_label.setMargin(6)
        tempo_label.setBuddy(self.tempo_box)
        self.addWidget(tempo_label)
        self.addWidget(self.tempo_box)
        self.addSeparator()
        self.addWidget(self._clocks())
        self.actions_by_name = {
            "to_start": self.to_start_action,
            "play": self.play_action,
            "stop": self.stop_action,
            "record": self.record_action,
            "loop": self.loop_action,
            "click": self.click_action,
            "count_in": self.count_in_action,
        }
        for name, action in self.actions_by_name.items():  # not from the translated text
            action.setObjectName(f"transport_{name}")
        bridge.position_changed.connect(self._show_position)
        bridge.state_changed.connect(self._show_state)
        bridge.options_changed.connect(self._show_options)
        document.changed.connect(self._project_changed)
        self._show_tempo()
        self._show_options()
        self._show_state(bridge.state.value)
        self._show_position(bridge.position)

    def _action(self, text: str, key: str, icon, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(icon, text, self)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            shortcut = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(
                QCoreApplication.translate("TransportBar", "%s (%s)") % (text, shortcut)
            )
        else:
            action.setToolTip(text)
        action.triggered.connect(lambda _checked=False: self._trigger(slot))
        self.addAction(action)
        button = self.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(text)
        return action

    def _trigger(self, slot) -> None:  # type: ignore[no-untyped-def]
        slot()
        self._show_state(self.bridge.state.value)  # a refused record leaves the button up

    def _toggle(self, text: str, key: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(QCoreApplication.translate("TransportBar", "%s (%s)") % (text, key))
        action.toggled.connect(slot)
        self.addAction(action)
        button = self.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(text)
        return action

    def _clocks(self) -> QWidget:
        box = QFrame(self)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setObjectName("transport_clocks")
        layout = QHBoxLayout(box)
        layout.setContentsMargins(10, 2, 10, 2)
        layout.setSpacing(16)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        big = QFont(mono)
        big.setPointSizeF(mono.pointSizeF() * 1.5)
        big.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.8)
        self.time_label = QLabel(box)
        self.bar_beat_label = QLabel(box)
        self.state_label = QLabel(box)
        for label, caption, name in (
            (
                self.time_label,
                QCoreApplication.translate("TransportBar", "Time"),
                QCoreApplication.translate("TransportBar", "Time position"),
            ),
            (
                self.bar_beat_label,
                QCoreApplication.translate("TransportBar", "Bar.Beat"),
                QCoreApplication.translate("TransportBar", "Bar and beat position"),
            ),
        ):
            label.setFont(big)
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            column = QVBoxLayout()
            column.setSpacing(0)
            title = QLabel(caption, box)
            title.setFont(small)
            title.setEnabled(False)
            column.addWidget(title)
            column.addWidget(label)
            layout.addLayout(column)
        self.state_label.setAccessibleName(
            QCoreApplication.translate("TransportBar", "Transport state")
        )
        self.state_label.setMinimumWidth(90)
        layout.addWidget(self.state_label)
        return box

    # -- from the bridge and the document ----------------------------------------------------

    def _show_position(self, sample: int) -> None:
        rate = self.document.project.sample_rate
        tempo = self.document.project.tempo
        time_text = format_time(sample, rate)
        if self.time_label.text() != time_text:
            self.time_label.setText(time_text)
        beat_text = format_bar_beat(sample, rate, tempo)
        if self.bar_beat_label.text() != beat_text:
            self.bar_beat_label.setText(beat_text)

    def _show_state(self, value: str) -> None:
        state = TransportState(value)
        recording = state is TransportState.RECORDING
        rolling = state in (TransportState.PLAYING, TransportState.RECORDING)
        self.record_action.blockSignals(True)
        self.record_action.setChecked(recording)
        self.record_action.blockSignals(False)
        self.play_action.setText(
            QCoreApplication.translate("TransportBar", "Stop")
            if rolling
            else QCoreApplication.translate("TransportBar", "Play")
        )
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if rolling else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_action.setIcon(self.style().standardIcon(icon))
        busy = state in (TransportState.STARTING, TransportState.STOPPING)
        self.record_action.setEnabled(not busy or recording)
        self.tempo_box.setEnabled(not recording)
        texts = {
            TransportState.STOPPED: QCoreApplication.translate("TransportBar", "Stopped"),
            TransportState.STARTING: QCoreApplication.translate("TransportBar", "Starting…"),
            TransportState.PLAYING: QCoreApplication.translate("TransportBar", "Playing"),
            TransportState.RECORDING: QCoreApplication.translate("TransportBar", "● Recording"),
            TransportState.STOPPING: QCoreApplication.translate("TransportBar", "Saving take…"),
        }
        self.state_label.setText(texts[state])
        color = "#e53935" if recording else ""
        self.state_label.setStyleSheet(f"color: {color}; font-weight: bold;" if color else "")

    def _show_options(self) -> None:
        bridge = self.bridge
        for action, on in (
            (self.loop_action, bridge.loop_enabled),
            (self.click_action, bridge.click_enabled),
            (self.count_in_action, bridge.count_in_enabled),
        ):
            if action.isChecked() != on:
                action.blockSignals(True)
                action.setChecked(on)
                action.blockSignals(False)

    def _project_changed(self, changes) -> None:  # type: ignore[no-untyped-def]
        if any(c.subject is Subject.TEMPO for c in changes):
            self._show_tempo()
            self._show_position(self.bridge.position)

    def _show_tempo(self) -> None:
        bpm = self.document.project.tempo.bpm
        if abs(self.tempo_box.value() - bpm) > 1e-9:
            self.tempo_box.blockSignals(True)
            self.tempo_box.setValue(bpm)
            self.tempo_box.blockSignals(False)

    def _tempo_edited(self, bpm: float) -> None:
        tempo = self.document.project.tempo
        if abs(tempo.bpm - bpm) > 1e-9:
            self.document.execute(SetTempo(dataclasses.replace(tempo, bpm=bpm)))


def _record_icon(widget: QWidget) -> QIcon:
    """A red dot: the one record symbol every musician knows (the style has none)."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.GlobalColor.red)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(5, 5, size - 10, size - 10)
    painter.end()
    return QIcon(pixmap)
