"""The calibration seen from a device choice: is this setup measured, and measure it.

The key must be the one the engine asks the store for (`AudioEngine._setup_key`: host API of
the output device, device names, rate, block size), or a calibration would never be found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sounddevice as sd

from .calibration import CalibrationResult, LatencyKey, calibrate
from .devices import AudioDeviceError, DeviceChoice
from .latency_store import LatencyStore


def key_for(choice: DeviceChoice) -> LatencyKey:
    """Raises AudioDeviceError when the chosen devices cannot be found."""
    inp, out = choice.resolve()
    if inp is None or out is None:
        raise AudioDeviceError("choose an input and an output device to measure the latency")
    inp_info, out_info = sd.query_devices(inp), sd.query_devices(out)
    host = sd.query_hostapis(out_info["hostapi"])["name"]
    return LatencyKey(
        host, inp_info["name"], out_info["name"], choice.sample_rate, choice.block_size
    )


def stored_result(store: LatencyStore, choice: DeviceChoice) -> CalibrationResult | None:
    """The stored calibration of this setup, None when never measured or devices are missing."""
    try:
        return store.lookup(key_for(choice))
    except AudioDeviceError:
        return None


def calibrate_and_store(
    store: LatencyStore,
    choice: DeviceChoice,
    on_stream_started: Callable[[], None] | None = None,
) -> CalibrationResult:
    """Measures the chosen pair (about 6 s; blocks) and stores the result under the engine's
    key. Raises CalibrationError or AudioDeviceError with a message for the user."""
    key = key_for(choice)
    inp, out = choice.resolve()
    result = calibrate(
        inp,
        out,
        choice.sample_rate,
        choice.block_size,
        input_channel=choice.input_channels[0],
        on_stream_started=on_stream_started,
    )
    if result.key != key:  # calibrate names the host API after the input device
        result = replace(result, key=key)
    store.save(result)
    return result
