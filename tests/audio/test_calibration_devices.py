"""Calibration on real streams: JACK's dummy backend (exact) and PulseAudio's loopback (realistic).

Run inside `.ci/with-test-services`, which sets HITRECORD_TEST_JACK / HITRECORD_TEST_PULSE.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hitrecord_desktop import cli

needs_pulse = pytest.mark.skipif(
    os.environ.get("HITRECORD_TEST_PULSE") != "1",
    reason="needs the test PulseAudio (HITRECORD_TEST_PULSE=1): run under .ci/with-test-services",
)
needs_jack = pytest.mark.skipif(
    os.environ.get("HITRECORD_TEST_JACK") != "1",
    reason="needs the test JACK server (HITRECORD_TEST_JACK=1): run under .ci/with-test-services",
)

JACK = "JACK Audio Connection Kit"


# PulseAudio on a shared two-core machine now and then stalls a fresh stream long enough that
# the test signal is missed or comes back glitched; the person would press Calibrate again, so
# the Pulse tests do too, once. JACK's tests, sample-exact, get no second go.
PULSE_ATTEMPTS = 2


def _port_number(port: str) -> int:
    return int(port.rsplit("_", 1)[1])


def connect_jack_loopback() -> None:
    """Wires the open stream's outputs to its inputs, and the dummy capture ports away.

    PortAudio numbers its JACK ports on from the previous stream's (in_0, then in_1...), so pair
    the ports that exist now in order.
    """
    ports = subprocess.run(["jack_lsp"], capture_output=True, text=True, check=True).stdout.split()
    inputs = sorted((p for p in ports if p.startswith("PortAudio:in_")), key=_port_number)
    outputs = sorted((p for p in ports if p.startswith("PortAudio:out_")), key=_port_number)
    assert inputs and outputs, ports
    for port_in, port_out in zip(inputs, outputs, strict=False):
        subprocess.run(["jack_connect", port_out, port_in], check=True)
        for capture in (p for p in ports if p.startswith("system:capture_")):
            subprocess.run(["jack_disconnect", capture, port_in], capture_output=True)


@needs_jack
def test_jack_round_trip_is_exact_and_repeatable() -> None:
    from hitrecord_desktop.audio.calibration import calibrate

    results = [
        calibrate(
            "system",
            "system",
            48_000,
            512,
            host_api="JACK",
            on_stream_started=connect_jack_loopback,
        )
        for _ in range(3)
    ]
    trips = [r.round_trip_samples for r in results]
    # JACK's 512-frame period plus PortAudio's own 512-frame block: measured 1024 every time
    assert trips == [1024, 1024, 1024]
    for r in results:
        assert r.key.host_api == JACK
        assert r.repetition_samples == (1024, 1024, 1024)
        assert r.confidence == 1.0
        assert not r.inverted
        assert r.reported_latency_samples == 1024
        assert r.xruns == 0


@needs_jack
def test_jack_round_trip_follows_the_block_size() -> None:
    from hitrecord_desktop.audio.calibration import calibrate

    result = calibrate(
        "system", "system", 48_000, 256, host_api="JACK", on_stream_started=connect_jack_loopback
    )
    assert result.round_trip_samples == 512 + 256


@needs_jack
def test_unconnected_jack_input_did_not_hear() -> None:
    from hitrecord_desktop.audio.calibration import CalibrationError, calibrate

    with pytest.raises(CalibrationError, match="did not hear the test signal") as caught:
        calibrate("system", "system", 48_000, 512, host_api="JACK")
    assert "loopback cable" in str(caught.value)


@needs_pulse
def test_pulse_round_trip_is_plausible_and_stored(tmp_path: Path) -> None:
    from hitrecord_desktop.audio.calibration import CalibrationError, calibrate
    from hitrecord_desktop.audio.latency_store import LatencyStore, stored_round_trip

    for attempt in range(PULSE_ATTEMPTS):
        try:
            result = calibrate("pulse", "pulse", 48_000, 256, host_api="ALSA")
            break
        except CalibrationError:
            if attempt == PULSE_ATTEMPTS - 1:
                raise
    assert 1000 <= result.round_trip_samples <= 4000, result
    assert result.confidence >= 0.9, result
    assert result.noticeable  # PulseAudio's buffering is well over 20 ms
    store = LatencyStore(tmp_path / "latency.json")
    store.save(result)
    assert store.lookup(result.key) == result
    key = result.key
    assert (
        stored_round_trip(store, key.host_api, "pulse", "pulse", 48_000, 256)
        == result.round_trip_samples
    )
    assert stored_round_trip(store, key.host_api, "pulse", "pulse", 48_000, 512) is None


@needs_pulse
def test_cli_calibrate_prints_and_stores(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hitrecord_desktop.audio.latency_store import stored_round_trip
    from hitrecord_desktop.paths import app_paths

    for _attempt in range(PULSE_ATTEMPTS):
        status = cli.main(
            ["calibrate", "--host-api", "ALSA", "--input", "pulse", "--output", "pulse"]
        )
        out, err = capsys.readouterr()
        if status == 0 or "try again" not in err:
            break
    assert status == 0, err
    lines = {line.split(":")[0]: line for line in out.splitlines()}
    trip = int(lines["round trip"].split()[2])
    assert 1000 <= trip <= 4000
    assert f"({trip / 48:.1f} ms)" in lines["round trip"]
    assert float(lines["confidence"].split()[1]) >= 0.9
    assert out.startswith("playing a test signal")
    assert "PortAudio reports" in lines
    assert "a performer hears" in lines["warning"]
    assert stored_round_trip(app_paths(), "ALSA", "pulse", "pulse", 48_000, 256) == trip


def test_cli_nonexistent_device_is_one_line(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["calibrate", "--input", "no such microphone"])
    out, err = capsys.readouterr()
    assert status == 1
    assert err.splitlines() == ["calibrate: no input device matches 'no such microphone'"]
    assert out == ""  # not even "playing a test signal"
    assert not (isolated_home / "config" / "latency.json").exists()
