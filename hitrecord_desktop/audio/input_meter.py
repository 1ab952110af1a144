"""Input metering while the transport is stopped: an input-only stream into `Meters`.

The engine meters its input only while it has a duplex stream (recording, or playing with
monitoring). A singer sets the input gain before pressing record, so the recorder panel needs
levels while nothing plays: this opens the chosen input alone. Close it before the engine opens
its own stream (an exclusive device cannot be opened twice).
"""

from __future__ import annotations

import contextlib

import numpy as np
import sounddevice as sd

from . import devices
from .devices import AudioDeviceError, DeviceChoice
from .meters import Meters


class InputMeter:
    def __init__(self, choice: DeviceChoice, input_index: int) -> None:
        self.channels = choice.input_channels
        self._pairs = tuple((k, c - 1) for k, c in enumerate(choice.input_channels))
        self.meters = Meters(len(self.channels), choice.block_size, choice.sample_rate)
        self._block = np.zeros((choice.block_size, len(self.channels)), np.float32)
        self._oversize = np.zeros((0, len(self.channels)), np.float32)
        self._stream: sd.InputStream | None = None
        self._choice = choice
        self._index = input_index

    def start(self) -> None:
        if self._stream is not None:
            return
        try:
            stream = sd.InputStream(
                device=self._index,
                channels=max(self.channels),
                samplerate=self._choice.sample_rate,
                blocksize=self._choice.block_size,
                dtype="float32",
                latency="high",
                callback=self._callback,
            )
            devices.stream_opened()
            self._stream = stream
            stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self.stop()
            raise AudioDeviceError(f"cannot meter the input: {exc}") from exc

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        with contextlib.suppress(sd.PortAudioError):
            stream.stop()
            stream.close()
        devices.stream_closed()

    @property
    def running(self) -> bool:
        return self._stream is not None

    def _callback(self, indata, frames, _time, _status) -> None:
        if frames > len(self._block):
            return
        block = self._block[:frames]
        for k, c in self._pairs:
            np.copyto(block[:, k], indata[:, c])
        self.meters.update(block)
