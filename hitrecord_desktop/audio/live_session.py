"""What `play` and `record` share: the device choice of this machine and the terminal meter."""

from __future__ import annotations

import math
import sys
from typing import TextIO

from ..paths import AppPaths


def device_choice(paths: AppPaths, args, stream: TextIO = sys.stderr):
    """The remembered choice with the command line's overrides; notices go to `stream`."""
    from .devices import ChoiceStore, DeviceChoice, usable_choice

    choice, notices = usable_choice(ChoiceStore(paths.config_dir).load())
    for notice in notices:
        print(f"note: {notice}", file=stream)
    overrides = {}
    for name in ("host_api", "input_device", "output_device", "sample_rate", "block_size"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "channels", None):
        overrides["input_channels"] = tuple(int(c) for c in args.channels.split(","))
    return DeviceChoice(**{**choice.__dict__, **overrides}) if overrides else choice


def add_device_arguments(parser) -> None:
    parser.add_argument("--host-api", help="e.g. ALSA or 'JACK Audio Connection Kit'")
    parser.add_argument("--input-device", help="input device name (default: remembered)")
    parser.add_argument("--output-device", help="output device name (default: remembered)")
    parser.add_argument("--channels", help="input channels counted from 1, e.g. 2 or 1,2")
    parser.add_argument("--sample-rate", type=int, help="Hz (default: remembered, 48000)")
    parser.add_argument("--block-size", type=int, help="frames per callback (default 256)")


def meter_bar(db: float, width: int = 30) -> str:
    filled = 0 if math.isinf(db) else max(0, min(width, round((db + 60.0) / 60.0 * width)))
    return "#" * filled + "-" * (width - filled)


def meter_line(meters, seconds: float) -> str:
    peaks, rms, clipped = meters.snapshot()
    parts = [
        f"{i + 1}:[{meter_bar(p)}] {p:6.1f} dB peak {r:6.1f} dB RMS{' CLIP' if c else ''}"
        for i, (p, r, c) in enumerate(zip(peaks, rms, clipped, strict=True))
    ]
    return f"\r{seconds:7.2f} s " + "  ".join(parts)
