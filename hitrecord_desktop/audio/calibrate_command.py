"""`hitrecord-desktop calibrate`: measures the round trip of an input/output pair and stores it."""

from __future__ import annotations

import argparse
import sys

from ..paths import AppPaths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", help="input device: its number or part of its name")
    parser.add_argument("--output", help="output device: its number or part of its name")
    parser.add_argument("--rate", type=int, default=48_000, help="sample rate (default 48000)")
    parser.add_argument(
        "--blocksize", type=int, default=256, help="frames per callback (default 256)"
    )
    parser.add_argument("--host-api", help="e.g. ALSA, JACK, WASAPI, Core Audio (part of the name)")
    parser.add_argument(
        "--input-channel", type=int, default=1, help="the input channel to listen on (from 1)"
    )


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    # Imported here: sounddevice lists the devices when imported.
    from .calibration import CalibrationError, calibrate
    from .latency_store import LatencyStore

    try:
        import sounddevice as sd
    except OSError as exc:  # no PortAudio library
        print(f"calibrate: {exc}", file=sys.stderr)
        return 1
    try:
        result = calibrate(
            args.input,
            args.output,
            args.rate,
            args.blocksize,
            host_api=args.host_api,
            input_channel=args.input_channel,
            on_stream_started=lambda: print("playing a test signal (about 6 s)...", flush=True),
        )
    except (CalibrationError, sd.PortAudioError, ValueError) as exc:
        print(f"calibrate: {exc}", file=sys.stderr)
        return 1
    print(result.key.describe())
    print(f"round trip: {result.round_trip_samples} samples ({result.round_trip_ms:.1f} ms)")
    print(f"confidence: {result.confidence:.2f}")
    print(
        f"PortAudio reports: {result.reported_latency_samples} samples "
        f"({result.reported_latency_ms:.1f} ms); the measured round trip is the one used"
    )
    if result.inverted:
        print("note: the signal came back with its polarity inverted")
    advice = result.advice()
    if advice:
        print(f"warning: {advice}")
    store = LatencyStore.for_paths(paths)
    try:
        store.save(result)
    except OSError as exc:
        print(f"calibrate: could not store the result in {store.path}: {exc}", file=sys.stderr)
        return 1
    print(f"stored in {store.path}")
    return 0
