"""The latency store, the result's flags, and the duplex callback driven without a device."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from hitrecord_desktop.audio.calibration import CalibrationResult, LatencyKey, _Duplex
from hitrecord_desktop.audio.latency_measure import find_delay, make_test_signal
from hitrecord_desktop.audio.latency_store import LatencyStore, stored_round_trip
from hitrecord_desktop.paths import AppPaths

KEY = LatencyKey("ALSA", "pulse", "pulse", 48_000, 256)


def result(key: LatencyKey = KEY, samples: int = 1601) -> CalibrationResult:
    return CalibrationResult(
        key=key,
        round_trip_samples=samples,
        confidence=0.98,
        reported_latency_samples=3328,
        measured_at="2026-11-23T12:00:00+00:00",
        repetition_samples=(samples, samples, samples + 1),
    )


def test_saved_result_is_found_again_by_key(tmp_path: Path) -> None:
    store = LatencyStore(tmp_path / "config" / "latency.json")
    assert store.lookup(KEY) is None
    store.save(result())
    other = LatencyKey("JACK Audio Connection Kit", "system", "system", 48_000, 512)
    store.save(result(other, 1024))
    again = LatencyStore(store.path)
    assert again.lookup(KEY) == result()
    assert again.lookup(other) == result(other, 1024)
    assert json.loads(store.path.read_text())["version"] == 1
    assert [p.name for p in store.path.parent.iterdir()] == ["latency.json"]  # no temp files left


def test_a_new_measurement_replaces_the_old_one(tmp_path: Path) -> None:
    store = LatencyStore(tmp_path / "latency.json")
    store.save(result(samples=1601))
    store.save(result(samples=1625))
    assert len(store.load()) == 1
    assert store.lookup(KEY).round_trip_samples == 1625


@pytest.mark.parametrize(
    "change",
    [
        {"host_api": "JACK Audio Connection Kit"},
        {"input_name": "USB Audio"},
        {"output_name": "Bluetooth headphones"},
        {"sample_rate": 44_100},
        {"block_size": 512},
    ],
)
def test_a_device_change_finds_nothing(tmp_path: Path, change: dict) -> None:
    store = LatencyStore(tmp_path / "latency.json")
    store.save(result())
    fields = {
        "host_api": KEY.host_api,
        "input_name": KEY.input_name,
        "output_name": KEY.output_name,
        "sample_rate": KEY.sample_rate,
        "block_size": KEY.block_size,
    }
    assert stored_round_trip(store, **fields) == 1601
    assert stored_round_trip(store, **{**fields, **change}) is None


def test_stored_round_trip_from_app_paths(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "c", tmp_path / "d", tmp_path / "k", tmp_path / "l")
    assert stored_round_trip(paths, "ALSA", "pulse", "pulse", 48_000, 256) is None
    LatencyStore.for_paths(paths).save(result())
    assert (tmp_path / "c" / "latency.json").exists()
    assert stored_round_trip(paths, "ALSA", "pulse", "pulse", 48_000, 256) == 1601


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '{"results": {}}',
        '{"results": [{"host_api": "ALSA"}]}',
        '{"results": [{"host_api": "ALSA", "input_name": "pulse", "output_name": "pulse", '
        '"sample_rate": "48000", "block_size": 256, "round_trip_samples": 1, '
        '"confidence": 1, "reported_latency_samples": 1, "measured_at": "x"}]}',
    ],
)
def test_a_broken_file_is_set_aside(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "latency.json"
    path.write_text(text)
    store = LatencyStore(path)
    with caplog.at_level(logging.WARNING):
        assert store.lookup(KEY) is None
    assert (tmp_path / "latency.broken.json").read_text() == text
    assert not path.exists()
    assert "broken" in caplog.text
    store.save(result())  # and the store works again
    assert store.lookup(KEY) == result()


def test_noticeable_round_trips_are_flagged_with_causes() -> None:
    assert not result(samples=480).noticeable  # 10 ms
    assert result(samples=480).advice() is None
    pulse = result(samples=1601)  # 33 ms
    assert pulse.noticeable
    assert "buffer" in pulse.advice()
    assert "Bluetooth" not in pulse.advice()
    bluetooth = result(samples=9600)  # 200 ms
    assert bluetooth.round_trip_ms == pytest.approx(200.0)
    assert "Bluetooth" in bluetooth.advice()


def test_the_callback_records_aligned_with_what_it_plays() -> None:
    """Drives the duplex callback as PortAudio would, through a loopback `delay` samples late."""
    test_signal = make_test_signal(48_000)
    duplex = _Duplex(test_signal.samples, input_channel=2)
    block, delay = 256, 700
    wire = np.zeros(len(test_signal.samples) + delay + 20 * block, dtype=np.float32)
    out = np.zeros((block, 2), dtype=np.float32)
    written = 0
    for _ in range(5):  # before arming: silence out, nothing recorded
        duplex.callback(np.ones((block, 2), np.float32), out, block, None, None)
        assert not out.any()
    duplex.armed = True
    while duplex.position < duplex.total:
        indata = np.zeros((block, 2), dtype=np.float32)
        indata[:, 1] = wire[written : written + block]
        duplex.callback(indata, out, block, None, None)
        assert np.array_equal(out[:, 0], out[:, 1])
        wire[written + delay : written + delay + block] += out[:, 0]
        written += block
    estimate = find_delay(test_signal, duplex.recorded, 48_000)
    assert (estimate.samples, estimate.confidence) == (delay, 1.0)


def test_the_store_loads_without_qt_scipy_or_portaudio() -> None:
    """The engine reads stored round trips at start-up: that must not import the heavy parts."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for name in ('PySide6', 'scipy', 'sounddevice'): sys.modules[name] = None\n"
        "from hitrecord_desktop.audio.latency_store import stored_round_trip\n"
        "from hitrecord_desktop.audio.calibration import CalibrationResult\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
