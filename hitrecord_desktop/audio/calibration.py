"""Measuring the round trip of an input/output pair: play a sweep, record it back, find it.

The recorder places a take earlier by the measured round trip, so it lands where the performer
meant it. PortAudio's reported latency is kept beside the measurement for comparison only: through
ALSA's pulse plugin it can be 560-1020 samples short after a start-up underrun (HEADLESS.md).

sounddevice (importing it lists the devices) and the measurement (scipy) are imported inside
`calibrate`: the result types here are also used by the store and the engine.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# A round trip above this is flagged. The stored compensation puts the take in the right place,
# but the performer still hears the backing track late by the output latency and, when
# monitoring through the app, themself late by the whole round trip: 20 ms is about 7 m of air,
# where players start to feel the lag and drag behind the beat.
NOTICEABLE_MS = 20.0
BLUETOOTH_MS = 100.0  # Bluetooth audio adds 100-300 ms; wired devices on a sound server rarely do

SETTLE_SECONDS = 0.3  # the stream runs silent this long before the test signal starts


class CalibrationError(Exception):
    """The round trip could not be measured; the message tells the user what to do."""


@dataclass(frozen=True)
class LatencyKey:
    """What a round trip depends on: a different key is a device change and needs a new one."""

    host_api: str
    input_name: str
    output_name: str
    sample_rate: int
    block_size: int

    def describe(self) -> str:
        return (
            f"{self.input_name} → {self.output_name} ({self.host_api}, {self.sample_rate} Hz, "
            f"block size {self.block_size})"
        )


@dataclass(frozen=True)
class CalibrationResult:
    key: LatencyKey
    round_trip_samples: int
    confidence: float
    reported_latency_samples: int  # PortAudio's input + output latency, for comparison
    measured_at: str  # ISO 8601, UTC
    inverted: bool = False  # the signal came back with its polarity flipped
    repetition_samples: tuple[int, ...] = ()
    xruns: int = 0  # callbacks with an over- or underflow while the sweep played

    @property
    def round_trip_ms(self) -> float:
        return 1000.0 * self.round_trip_samples / self.key.sample_rate

    @property
    def reported_latency_ms(self) -> float:
        return 1000.0 * self.reported_latency_samples / self.key.sample_rate

    @property
    def noticeable(self) -> bool:
        """A round trip a performer hears (see NOTICEABLE_MS)."""
        return self.round_trip_ms > NOTICEABLE_MS

    def advice(self) -> str | None:
        """What to tell the user about a noticeable round trip, with its likely causes."""
        if not self.noticeable:
            return None
        ms = self.round_trip_ms
        if ms > BLUETOOTH_MS:
            cause = (
                "this is typical of Bluetooth headphones or speakers (they add 100-300 ms): "
                "use wired ones to play along"
            )
        else:
            cause = (
                "likely causes: a large buffer size, the sound server's buffering "
                "(PulseAudio, PipeWire, Windows shared mode) or a USB device's safety buffer; "
                "try a smaller block size or a JACK/ASIO/Core Audio device"
            )
        return (
            f"a {ms:.0f} ms round trip is one a performer hears; takes are still placed "
            f"correctly, but playing along will feel late. {cause[0].upper()}{cause[1:]}."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "host_api": self.key.host_api,
            "input_name": self.key.input_name,
            "output_name": self.key.output_name,
            "sample_rate": self.key.sample_rate,
            "block_size": self.key.block_size,
            "round_trip_samples": self.round_trip_samples,
            "confidence": self.confidence,
            "reported_latency_samples": self.reported_latency_samples,
            "measured_at": self.measured_at,
            "inverted": self.inverted,
            "repetition_samples": list(self.repetition_samples),
            "xruns": self.xruns,
        }

    @classmethod
    def from_json(cls, data: Any) -> CalibrationResult:
        """Raises ValueError when `data` is not what to_json wrote."""
        if not isinstance(data, dict):
            raise ValueError("a stored result must be a JSON object")
        try:
            key = LatencyKey(
                _typed(data, "host_api", str),
                _typed(data, "input_name", str),
                _typed(data, "output_name", str),
                _typed(data, "sample_rate", int),
                _typed(data, "block_size", int),
            )
            repetitions = data.get("repetition_samples", [])
            if not (isinstance(repetitions, list) and all(type(r) is int for r in repetitions)):
                raise ValueError("repetition_samples must be a list of integers")
            return cls(
                key=key,
                round_trip_samples=_typed(data, "round_trip_samples", int),
                confidence=float(_typed(data, "confidence", (int, float))),
                reported_latency_samples=_typed(data, "reported_latency_samples", int),
                measured_at=_typed(data, "measured_at", str),
                inverted=bool(data.get("inverted", False)),
                repetition_samples=tuple(repetitions),
                xruns=int(data.get("xruns", 0)),
            )
        except KeyError as exc:
            raise ValueError(f"a stored result lacks {exc}") from None


def _typed(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ValueError(f"{name} has the wrong type ({type(value).__name__})")
    return value


def resolve_device(spec: int | str | None, kind: str, host_api: str | None = None) -> int:
    """A device index from an index, a name (or part of one), or None for the default."""
    from .devices import AudioDeviceError, find_device  # loads PortAudio: only when measuring

    try:
        return find_device(spec, kind, host_api)
    except AudioDeviceError as exc:
        raise CalibrationError(str(exc)) from None


class _Duplex:
    """What the callback touches: preallocated arrays and counters, nothing allocated per call."""

    def __init__(self, play: np.ndarray, input_channel: int) -> None:
        self.play = play
        self.recorded = np.zeros_like(play)
        self.total = len(play)
        self.channel = input_channel - 1
        self.position = 0
        self.armed = False
        self.xruns = 0

    def callback(self, indata: np.ndarray, outdata: np.ndarray, frames: int, _time, status) -> None:
        if status and self.armed:
            self.xruns += 1
        position = self.position
        if not self.armed or position >= self.total:
            outdata.fill(0)
            return
        n = min(frames, self.total - position)
        outdata[:n] = self.play[position : position + n, None]  # every output channel
        outdata[n:] = 0
        self.recorded[position : position + n] = indata[:n, self.channel]
        self.position = position + n


def calibrate(
    input_device: int | str | None,
    output_device: int | str | None,
    sample_rate: int,
    block_size: int,
    host_api: str | None = None,
    input_channel: int = 1,
    *,
    latency: str | float = "high",
    settle_seconds: float = SETTLE_SECONDS,
    min_confidence: float | None = None,
    on_stream_started: Callable[[], None] | None = None,
    glitch_retries: int = 1,
) -> CalibrationResult:
    """Plays the test signal on `output_device`, records `input_device`, measures the round trip.

    `on_stream_started` runs each time a stream runs, before the signal plays (tests connect
    JACK ports there). Raises CalibrationError when the signal was not heard clearly.
    The round trip depends on `latency` as much as on the block size (PulseAudio: ~1030-1540
    samples with 'low', ~2300-3330 with 'high'): the engine must open its streams the same way.
    """
    import sounddevice as sd

    from .latency_measure import HEARD_CONFIDENCE, find_delay, make_test_signal

    if min_confidence is None:
        min_confidence = HEARD_CONFIDENCE
    input_index = resolve_device(input_device, "input", host_api)
    output_index = resolve_device(output_device, "output", host_api)
    input_info = sd.query_devices(input_index)
    output_info = sd.query_devices(output_index)
    if not 1 <= input_channel <= input_info["max_input_channels"]:
        raise CalibrationError(
            f"{input_info['name']} has {input_info['max_input_channels']} input channels, "
            f"not a channel {input_channel}"
        )
    key = LatencyKey(
        host_api=sd.query_hostapis(input_info["hostapi"])["name"],
        input_name=input_info["name"],
        output_name=output_info["name"],
        sample_rate=int(sample_rate),
        block_size=int(block_size),
    )
    test_signal = make_test_signal(key.sample_rate)
    stream_args = {
        "samplerate": sample_rate,
        "blocksize": block_size,
        "device": (input_index, output_index),
        "channels": (input_channel, min(2, output_info["max_output_channels"])),
        "dtype": "float32",
        "latency": latency,
    }
    # A stream that glitched once (the repetitions disagree) is measured once more before the
    # person is asked to try again: a busy desktop drops a block now and then.
    for attempt in range(glitch_retries + 1):
        duplex = _Duplex(test_signal.samples, input_channel)
        reported = _play_through(sd, duplex, stream_args, key, settle_seconds, on_stream_started)
        estimate = find_delay(test_signal, duplex.recorded, key.sample_rate)
        if estimate.confidence < min_confidence:
            raise CalibrationError(
                f"did not hear the test signal clearly (confidence {estimate.confidence:.2f}): "
                "turn the speakers up and put the microphone near them, or connect the output "
                "to the input with a loopback cable, then try again"
            )
        if estimate.consistent:
            break
        if attempt == glitch_retries:
            raise CalibrationError(
                "the test signal came back at different delays "
                f"({', '.join(map(str, estimate.repetition_samples))} samples): the stream "
                "glitched; close other audio programs and try again"
            )
        log.info("calibration glitched (%s samples); measuring again",
                 estimate.repetition_samples)  # fmt: skip
    return CalibrationResult(
        key=key,
        round_trip_samples=estimate.samples,
        confidence=round(estimate.confidence, 3),
        reported_latency_samples=round((reported[0] + reported[1]) * sample_rate),
        measured_at=datetime.now(UTC).isoformat(timespec="seconds"),
        inverted=estimate.inverted,
        repetition_samples=estimate.repetition_samples,
        xruns=duplex.xruns,
    )


def _play_through(
    sd: Any,
    duplex: _Duplex,
    stream_args: dict[str, Any],
    key: LatencyKey,
    settle_seconds: float,
    on_stream_started: Callable[[], None] | None,
) -> tuple[float, float]:
    """Runs one duplex pass of the test signal; returns the latency PortAudio reported."""
    try:
        stream = sd.Stream(callback=duplex.callback, **stream_args)
    except sd.PortAudioError as exc:
        raise CalibrationError(f"could not open {key.describe()}: {exc}") from None
    with stream:
        reported = stream.latency
        if on_stream_started is not None:
            on_stream_started()
        # Silence first: a start-up underrun must not land in the measurement.
        time.sleep(settle_seconds)
        duplex.armed = True
        rate = stream_args["samplerate"]
        deadline = time.monotonic() + duplex.total / rate + 5.0
        while duplex.position < duplex.total:
            if time.monotonic() > deadline or not stream.active:
                raise CalibrationError(
                    f"the audio stream stopped delivering audio ({key.describe()}); "
                    "is the device in use by another program?"
                )
            time.sleep(0.02)
    return reported
