"""The camera's microphone as the sound of a webcam take, through Qt Multimedia's QAudioSource.

Chosen when the person picks "Camera microphone": the sound then runs on the camera's clock, not
the project's (it is placed by capture time, like the pictures). Qt delivers it on the thread
this object lives on (the GUI thread) in chunks of ~10-40 ms, read and handed on as float32
arrays stamped with the monotonic time of their first sample; no audio callback of ours runs.
`start()` may be called from any thread (the audio bridge's worker): it is carried over to this
object's thread by a queued signal, as QAudioSource must be driven from its own thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from PySide6.QtCore import QIODevice, QObject, Qt, Signal
from PySide6.QtMultimedia import QAudio, QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices

Deliver = Callable[[np.ndarray, float], None]  # (frames, channels) float32, monotonic seconds


def camera_microphone_for(camera_name: str) -> QAudioDevice:
    """The audio input whose name shares the camera's (a webcam's own microphone), else the
    system's default input."""
    words = {w.lower() for w in camera_name.split() if len(w) > 2}
    for device in QMediaDevices.audioInputs():
        if words & {w.lower() for w in device.description().split()}:
            return device
    return QMediaDevices.defaultAudioInput()


class CameraMicrophone(QObject):
    """`start(deliver)` from any thread, `stop()` likewise; `failed` says why it stopped."""

    failed = Signal(str)
    _start_requested = Signal(object)
    _stop_requested = Signal()

    def __init__(
        self, device: QAudioDevice, rate: int = 48_000, channels: int = 2, parent=None
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.device = device
        self.rate, self.channels = rate, channels
        self._source: QAudioSource | None = None
        self._io: QIODevice | None = None
        self._deliver: Deliver | None = None
        self.samples = 0
        queued = Qt.ConnectionType.QueuedConnection
        self._start_requested.connect(self._start, queued)
        self._stop_requested.connect(self._stop, queued)

    def start(self, deliver: Deliver) -> None:
        self._start_requested.emit(deliver)

    def stop(self) -> None:
        self._deliver = None  # nothing more is handed on from now, whatever Qt still delivers
        self._stop_requested.emit()

    def _start(self, deliver: Deliver) -> None:
        fmt = QAudioFormat()
        fmt.setSampleRate(self.rate)
        fmt.setChannelCount(self.channels)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Float)
        if self.device.isNull() or not self.device.isFormatSupported(fmt):
            self.failed.emit(self.tr("The camera's microphone cannot record 48 kHz sound."))
            return
        self._deliver = deliver
        self._source = QAudioSource(self.device, fmt, self)
        self._source.stateChanged.connect(self._state_changed)
        self._io = self._source.start()
        self._io.readyRead.connect(self._read)

    def _read(self) -> None:
        io, deliver = self._io, self._deliver
        if io is None:
            return
        data = io.readAll().data()
        now = time.monotonic()
        frames = len(data) // (4 * self.channels)
        if frames == 0 or deliver is None:
            return
        samples = np.frombuffer(data[: frames * 4 * self.channels], np.float32)
        self.samples += frames
        deliver(samples.reshape(frames, self.channels).copy(), now - frames / self.rate)

    def _state_changed(self, state: QAudio.State) -> None:
        source = self._source
        if source is None or state != QAudio.State.StoppedState or self._deliver is None:
            return
        if source.error() != QAudio.Error.NoError:
            self.failed.emit(self.tr("The camera's microphone stopped: %s") % source.error())

    def _stop(self) -> None:
        source, self._source, self._io = self._source, None, None
        if source is not None:
            source.stop()
            source.deleteLater()
