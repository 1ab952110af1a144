"""The recorder panel over real devices: one click picks the active take (undo restores it),
the input meter shows a tone played into vmic, calibration runs off the GUI thread and the
status shows the measured figure."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from PySide6.QtCore import Qt, QTimer

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.project.commands import AddTake
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Take
from hitrecord_desktop.ui.level_meter import deflection
from hitrecord_desktop.ui.recorder_panel import RecorderPanel
from tests.audio.live_support import JACK_API, RATE, connect_jack_loopback, needs_jack, needs_pulse
from tests.ui.audio_support import dispose, make_bridge, make_document, tone_into_vsink

pytestmark = [needs_pulse, pytest.mark.timeout(120)]

WAIT_MS = 20_000


@pytest.fixture
def panel(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    document = make_document(tmp_path)
    bridge = make_bridge(document, tmp_path)
    widget = RecorderPanel(bridge, document)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: bridge.ready, timeout=WAIT_MS)
    yield widget
    dispose(bridge, widget)


def _take(name: str, position: int) -> Take:
    media = MediaRef(MediaOrigin.TAKE, f"takes/{name}.wav", frames=RATE)
    return Take(name, Clip(media, position, 0, RATE), "2026-11-23T17:00:00+00:00")


def test_clicking_a_take_makes_it_active_and_undo_restores_it(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    document = panel.document
    vocal = document.project.tracks[0]
    first, second = _take("Take 1", 0), _take("Take 2", 0)
    document.execute(AddTake(vocal.id, first))
    document.execute(AddTake(vocal.id, second))
    view = panel.takes_view
    assert view.topLevelItemCount() == 2 and vocal.active_take_id == second.id
    assert view.topLevelItem(1).text(0) == "●"
    rect = view.visualItemRect(view.topLevelItem(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert vocal.active_take_id == first.id
    assert view.topLevelItem(0).text(0) == "●" and view.topLevelItem(1).text(0) == "○"
    document.undo_stack.undo()
    assert vocal.active_take_id == second.id
    assert view.topLevelItem(1).text(0) == "●"
    # Delete through the button, undo brings it back.
    view.setCurrentItem(view.topLevelItem(0))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [t.id for t in vocal.takes] == [second.id]
    document.undo_stack.undo()
    assert [t.id for t in vocal.takes] == [first.id, second.id]


@needs_jack
def test_a_take_with_dropouts_shows_a_clear_warning(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A real input overflow: the JACK dummy backend, the callback stalled once mid-take."""
    document = make_document(tmp_path)
    choice = DeviceChoice(JACK_API, "system", "system", (1, 2), RATE, 256)
    bridge = make_bridge(document, tmp_path, choice)
    panel = RecorderPanel(bridge, document)
    qtbot.addWidget(panel)
    panel.show()
    try:
        qtbot.waitUntil(lambda: bridge.ready, timeout=WAIT_MS)
        bridge.set_count_in_enabled(False)
        engine = bridge.engine
        engine.after_open = connect_jack_loopback
        engine.test_stall_at_take_frame, engine.test_stall_s = RATE // 2, 0.08
        with qtbot.waitSignal(bridge.take_finished, timeout=60_000) as finished:
            bridge.record()
            qtbot.waitUntil(lambda: bridge.position > RATE, timeout=WAIT_MS)
            bridge.stop()
        take, dropouts = finished.args
        assert dropouts and dropouts[0].kind == "input-overflow"
        assert panel.dropout_warning.isVisible()
        assert take.name in panel.dropout_warning.text()
        assert panel.takes_view.topLevelItem(0).text(4) == str(len(dropouts))
    finally:
        dispose(bridge)


def test_the_input_meter_shows_a_tone_played_into_vmic(qtbot, panel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    meter = panel.input_meter
    assert meter.peak_db[0] == -math.inf
    readings = []
    panel.bridge.meters_changed.connect(lambda inp, _out: readings.append(inp))
    with tone_into_vsink(tmp_path, level=0.5):
        qtbot.mouseClick(panel.metering_box, Qt.MouseButton.LeftButton)
        assert panel.bridge.input_metering
        qtbot.waitUntil(lambda: meter.peak_db[0] > -12.0, timeout=WAIT_MS)
    peak = meter.peak_db[0]
    assert -9.0 < peak < 0.5, peak  # a 0.5 sine peaks at -6 dBFS
    assert meter.rms_db[0] < peak
    assert deflection(peak) > 0.7
    panel.metering_box.click()
    assert not panel.bridge.input_metering
    # Metering off: the meter falls to silence rather than holding the last reading.
    qtbot.waitUntil(lambda: meter.peak_db[0] == -math.inf, timeout=WAIT_MS)


def test_calibrate_runs_off_the_gui_thread_and_shows_the_figure(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    bridge = panel.bridge
    qtbot.waitUntil(lambda: "Not calibrated" in panel.latency_label.text(), timeout=WAIT_MS)
    ticks: list[float] = []
    heartbeat = QTimer(panel, interval=20)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()
    failures: list[str] = []
    finished: list[object] = []
    bridge.calibration_failed.connect(failures.append)
    bridge.calibration_finished.connect(finished.append)
    for attempt in range(3):  # PulseAudio can glitch a measurement on a loaded machine
        started = time.monotonic()
        qtbot.mouseClick(panel.calibrate_button, Qt.MouseButton.LeftButton)
        assert time.monotonic() - started < 1.0, "the click returned at once"
        assert panel.calibration_busy.isVisible() and not panel.calibrate_button.isEnabled()
        qtbot.waitUntil(lambda n=attempt: len(finished) + len(failures) > n, timeout=60_000)
        if finished:
            break
        assert "Calibration failed" in panel.latency_label.text()
        print("calibration failed, trying again:", failures[-1])
    assert finished, failures
    result = finished[0]
    # The GUI timer kept ticking during the ~6 s measurement: the event loop was free.
    assert len([t for t in ticks if t > started]) > 50
    assert f"{result.round_trip_ms:.1f} ms" in panel.latency_label.text()
    assert panel.calibrate_button.isEnabled() and not panel.calibration_busy.isVisible()
    assert bridge.latency_store.lookup(result.key) == result
