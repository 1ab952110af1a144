"""Choosing a stream's round trip, and the live modules' layering."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from hitrecord_desktop.audio import round_trip


def test_probe_found_after_its_emission_and_not_in_noise() -> None:
    captured = np.random.default_rng(1).normal(0, 0.001, 20_000).astype(np.float32)
    captured[100] = 0.9  # a click from an earlier stream, before the probe
    captured[5_000 + 3_326] = 0.4
    assert round_trip.from_probe(captured, 5_000, 9_000) == 3_326
    assert round_trip.from_probe(np.zeros(20_000, np.float32), 5_000, 9_000) is None
    noisy = np.random.default_rng(2).normal(0, 0.1, 20_000).astype(np.float32)
    assert round_trip.from_probe(noisy, 5_000, 9_000) is None


def test_time_info_kept_only_when_steady() -> None:
    steady = np.array([np.nan, 0.1, 0.016, 0.016, 0.016, 0.016])
    assert round_trip.from_time_info(steady[1:], 48_000) == 768
    drifting = np.array([0.3, 0.31, 0.5, 0.7, 0.2])
    assert round_trip.from_time_info(drifting, 48_000) is None


def test_sources_in_order_and_all_recorded() -> None:
    chosen = round_trip.choose(probe=None, calibrated=3_300, reported=3_328, time_info=None)
    assert (chosen.samples, chosen.source) == (3_300, "calibrated")
    assert chosen.candidates == {"calibrated": 3_300, "reported": 3_328}
    chosen = round_trip.choose(probe=2_305, calibrated=3_300, reported=3_328, time_info=99)
    assert (chosen.samples, chosen.source) == (2_305, "stream-probe")


def test_live_modules_import_without_qt() -> None:
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6', 'vlc'):\n"
        "    sys.modules[name] = None\n"
        "import hitrecord_desktop.audio.engine, hitrecord_desktop.audio.devices\n"
        "import hitrecord_desktop.audio.record_command, hitrecord_desktop.audio.play_command\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
