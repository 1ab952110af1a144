"""What the transport shows (clock, bar:beat, meter readings) and which edits the live plan
follows without a recompile: Qt-free, so they import with PySide6 blocked."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np

from hitrecord_desktop.audio.meters import Meters
from hitrecord_desktop.audio.transport_display import (
    MeterReading,
    format_bar_beat,
    format_time,
)
from hitrecord_desktop.mixing.live_changes import controls_only
from hitrecord_desktop.project.events import Action, Change, Subject
from hitrecord_desktop.project.model import Tempo

RATE = 48_000


def test_clock_and_bar_beat() -> None:
    assert format_time(0, RATE) == "0:00.000"
    assert format_time(RATE * 61 + RATE // 2, RATE) == "1:01.500"
    assert format_time(-RATE // 4, RATE) == "-0:00.250"
    tempo = Tempo(bpm=120.0)  # a beat is 24,000 samples, a bar 96,000
    assert format_bar_beat(0, RATE, tempo) == "1.1.000"
    assert format_bar_beat(96_000 + 24_000 + 12_000, RATE, tempo) == "2.2.480"
    assert format_bar_beat(-24_000, RATE, tempo) == "-1.4.000"  # the count-in's last beat


def test_meter_reading_of_a_sine() -> None:
    meters = Meters(2, 256, RATE)
    t = np.arange(256) / RATE
    block = np.zeros((256, 2), np.float32)
    block[:, 0] = 0.5 * np.sin(2 * np.pi * 1000 * t)
    for _ in range(200):
        meters.update(block)
    reading = MeterReading.of(meters, 2)
    assert -6.5 < reading.peak_db[0] < -5.5
    assert reading.rms_db[0] < reading.peak_db[0]
    assert reading.peak_db[1] == -math.inf and reading.clipped == (False, False)
    assert MeterReading.silent(1).loudest_db == -math.inf


def test_only_track_controls_skip_the_recompile() -> None:
    gain = Change(Subject.TRACK, Action.CHANGED, "t", fields=("gain_db",))
    active = Change(Subject.TRACK, Action.CHANGED, "t", fields=("active_take_id",))
    moved = Change(Subject.CLIP, Action.CHANGED, "c", "t", fields=("position",))
    assert controls_only((gain,))
    assert not controls_only((gain, active))
    assert not controls_only((moved,))
    assert not controls_only(())


def test_core_modules_import_without_qt() -> None:
    code = (
        "import sys\nsys.modules['PySide6'] = None\nsys.modules['shiboken6'] = None\n"
        "import hitrecord_desktop.audio.transport_display\n"
        "import hitrecord_desktop.mixing.live_changes\nprint('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
