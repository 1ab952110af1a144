"""The transport over the real engine on the PulseAudio null sink: playing moves the playhead,
a take recorded through the transport (with count-in) lands in the project with its lineage and
the backing track's audio in its file, and a device that does not exist is said, not raised."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.transport_display import TransportState
from hitrecord_desktop.project.model import MediaOrigin
from hitrecord_desktop.ui.recorder_panel import RecorderPanel
from hitrecord_desktop.ui.transport_bar import TransportBar
from tests.audio.live_support import RATE, find_bursts, needs_pulse, take_audio
from tests.ui.audio_support import BACKING_ID, PULSE, dispose, make_bridge, make_document

pytestmark = [needs_pulse, pytest.mark.timeout(120)]

WAIT_MS = 20_000  # a loaded 2-core machine: PulseAudio streams can stall 1-2 s at start


@pytest.fixture
def workspace(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    document = make_document(tmp_path)
    bridge = make_bridge(document, tmp_path)
    bar = TransportBar(bridge, document)
    panel = RecorderPanel(bridge, document)
    qtbot.addWidget(bar)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: bridge.ready, timeout=WAIT_MS)
    yield document, bridge, bar, panel
    dispose(bridge, bar, panel)


def _wait_state(qtbot, bridge, state: TransportState) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bridge.state is state, timeout=WAIT_MS)


def test_play_moves_the_position_signal_forward(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    _, bridge, bar, _ = workspace
    seen: list[int] = []
    bridge.position_changed.connect(seen.append)
    bar.play_action.trigger()
    _wait_state(qtbot, bridge, TransportState.PLAYING)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] > RATE // 2, timeout=WAIT_MS)
    assert seen == sorted(seen), "the playhead only moves forward while playing"
    assert bar.time_label.text() != "0:00.000"
    bar.play_action.trigger()  # Space toggles: stop
    _wait_state(qtbot, bridge, TransportState.STOPPED)
    stopped_at = bridge.position
    assert stopped_at > RATE // 2
    bar.to_start_action.trigger()
    qtbot.waitUntil(lambda: bar.time_label.text() == "0:00.000", timeout=WAIT_MS)
    assert bar.bar_beat_label.text() == "1.1.000"


def test_play_pressed_while_the_device_opens_plays_once_it_is_open(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    """Choosing the device again opens a new stream on the worker; Space pressed meanwhile
    plays when it is open (it used to be dropped), and a second press takes that back."""
    _, bridge, bar, _ = workspace
    bridge.set_choice(PULSE)
    assert bridge.busy
    bar.play_action.trigger()
    assert bridge.state is TransportState.STOPPED  # not yet: the device is still opening
    _wait_state(qtbot, bridge, TransportState.PLAYING)
    bar.play_action.trigger()
    _wait_state(qtbot, bridge, TransportState.STOPPED)
    bridge.set_choice(PULSE)
    bar.play_action.trigger()
    bar.play_action.trigger()  # changed their mind before the device was open
    qtbot.waitUntil(lambda: not bridge.busy, timeout=WAIT_MS)
    qtbot.wait(300)
    assert bridge.state is TransportState.STOPPED


def test_a_take_recorded_with_count_in_joins_the_project_with_lineage(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    document, bridge, bar, panel = workspace
    vocal = document.project.tracks[0]
    positions: list[int] = []
    bridge.position_changed.connect(positions.append)
    assert bar.count_in_action.isChecked()  # on by default: one bar at 240 BPM = 1 s
    ticks: list[float] = []
    heartbeat = QTimer(bar, interval=10)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()
    with qtbot.waitSignal(bridge.take_finished, timeout=60_000) as finished:
        bar.record_action.trigger()
        _wait_state(qtbot, bridge, TransportState.RECORDING)
        qtbot.waitUntil(lambda: bridge.position > int(2.2 * RATE), timeout=WAIT_MS)
        bar.record_action.trigger()
    heartbeat.stop()
    take, dropouts = finished.args
    # Opening the duplex stream and its pre-roll take ~1-3 s, closing ~0.5 s: all of it off
    # the GUI thread, so the event loop never stalled for anything like that long.
    gaps = np.diff(ticks)
    assert len(ticks) > 100 and float(gaps.max()) < 0.5, float(gaps.max())
    assert min(positions) < 0, "the count-in runs before the take's start"
    assert [t.id for t in vocal.takes] == [take.id] and vocal.active_take_id == take.id
    assert dropouts == take.dropouts
    media = take.clip.media
    assert media.origin is MediaOrigin.TAKE
    assert [e.contribution_id for e in media.built_on] == [BACKING_ID]
    assert media.built_on[0].offset_samples == take.clip.position
    path = document.folder / media.path
    assert path.exists()
    audio = take_audio(path)[:, 0]
    assert len(audio) > RATE  # at least a second was recorded after the count-in
    assert float(np.sqrt(np.mean(audio**2))) > 0.01, "the backing track came back on vmic"
    # The bursts of the backing track (every 0.5 s) are where the timeline says.
    found = find_bursts(audio, 2, min_gap=RATE // 4)
    for at in found:
        timeline = take.clip.position + at
        assert abs(timeline - round(timeline / (RATE // 2)) * (RATE // 2)) < 480, found
    assert panel.takes_view.topLevelItemCount() == 1
    assert bar.record_action.isChecked() is False


def test_an_invalid_device_shows_a_message_and_the_app_keeps_working(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    _, bridge, bar, panel = workspace
    messages: list[str] = []
    bridge.message.connect(messages.append)
    gone = DeviceChoice("ALSA", "no such interface", "no such interface", (1,), RATE, 256)
    bridge.set_choice(gone)
    qtbot.waitUntil(lambda: bool(messages), timeout=WAIT_MS)
    assert "no such interface" in messages[-1]
    assert panel.error_label.isVisible() or not panel.isVisible()
    assert panel.error_label.text() == messages[-1]
    bar.play_action.trigger()  # no device: said, not raised
    qtbot.waitUntil(lambda: len(messages) >= 2, timeout=WAIT_MS)
    assert bridge.state is TransportState.STOPPED
    bridge.set_choice(PULSE)
    qtbot.waitUntil(lambda: bridge.ready, timeout=WAIT_MS)
    bar.play_action.trigger()
    qtbot.waitUntil(lambda: bridge.position > RATE // 4, timeout=WAIT_MS)
    bar.stop_action.trigger()
    _wait_state(qtbot, bridge, TransportState.STOPPED)


def test_the_keyboard_drives_the_transport(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    _, bridge, bar, panel = workspace
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(bar)
    layout.addWidget(panel)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    panel.takes_view.setFocus()  # shortcuts work wherever the focus is in the window
    for key, action in ((Qt.Key.Key_L, bar.loop_action), (Qt.Key.Key_C, bar.click_action)):
        before = action.isChecked()
        qtbot.keyClick(panel.takes_view, key)
        assert action.isChecked() is not before
    assert bridge.loop_enabled and bridge.click_enabled
    qtbot.keyClick(panel.takes_view, Qt.Key.Key_K)
    assert not bridge.count_in_enabled
    qtbot.keyClick(panel.takes_view, Qt.Key.Key_Space)
    _wait_state(qtbot, bridge, TransportState.PLAYING)
    qtbot.keyClick(panel.takes_view, Qt.Key.Key_Space)
    _wait_state(qtbot, bridge, TransportState.STOPPED)
    qtbot.keyClick(panel.takes_view, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: bridge.position == 0, timeout=WAIT_MS)
    for action in bar.actions_by_name.values():
        assert action.toolTip() and action.text()
        button = bar.widgetForAction(action)
        assert button is not None and button.accessibleName()
    for widget in (bar, panel):  # the fixture closes them: give them back first
        widget.setParent(None)
