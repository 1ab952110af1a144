"""How much a round trip moves from stream to stream: measured vs PortAudio's reported figure.

Usage (inside the test services): .ci/with-test-services python -m benchmarks.latency_spread [N]
Tells whether one stored calibration can place takes within a per-stream tolerance.
"""

from __future__ import annotations

import os
import subprocess
import sys

from hitrecord_desktop.audio.calibration import CalibrationError, calibrate


def _connect_jack() -> None:
    def number(port: str) -> int:
        return int(port.rsplit("_", 1)[1])

    ports = subprocess.run(["jack_lsp"], capture_output=True, text=True, check=True).stdout.split()
    ins = sorted((p for p in ports if p.startswith("PortAudio:in_")), key=number)
    outs = sorted((p for p in ports if p.startswith("PortAudio:out_")), key=number)
    for port_in, port_out in zip(ins, outs, strict=False):
        subprocess.run(["jack_connect", port_out, port_in], check=True)
        for capture in (p for p in ports if p.startswith("system:capture_")):
            subprocess.run(["jack_disconnect", capture, port_in], capture_output=True)


def measure(label: str, runs: int, **kwargs) -> None:
    trips, gaps = [], []
    for run in range(runs):
        try:
            r = calibrate(**kwargs)
        except CalibrationError as exc:
            print(f"{label} #{run + 1}: {exc}")
            continue
        trips.append(r.round_trip_samples)
        gaps.append(r.reported_latency_samples - r.round_trip_samples)
        print(
            f"{label} #{run + 1}: measured {r.round_trip_samples} (reps {r.repetition_samples}), "
            f"reported {r.reported_latency_samples}, confidence {r.confidence:.2f}, "
            f"xruns {r.xruns}"
        )
    if trips:
        print(
            f"{label}: {len(trips)}/{runs} measured, min {min(trips)} max {max(trips)} "
            f"spread {max(trips) - min(trips)}; reported - measured: {gaps}"
        )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    if os.environ.get("HITRECORD_TEST_JACK") == "1":
        measure(
            "JACK 512",
            min(runs, 5),
            input_device="system",
            output_device="system",
            sample_rate=48_000,
            block_size=512,
            host_api="JACK",
            on_stream_started=_connect_jack,
        )
    if os.environ.get("HITRECORD_TEST_PULSE") == "1":
        measure(
            "Pulse 256 high",
            runs,
            input_device="pulse",
            output_device="pulse",
            sample_rate=48_000,
            block_size=256,
            host_api="ALSA",
        )
        measure(
            "Pulse 256 low",
            runs,
            input_device="pulse",
            output_device="pulse",
            sample_rate=48_000,
            block_size=256,
            host_api="ALSA",
            latency="low",
        )


if __name__ == "__main__":
    main()
