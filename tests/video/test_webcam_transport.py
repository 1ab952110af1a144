"""A take with the camera, through the transport as the person records: the recorder panel's
camera choice (the synthetic camera standing in for one), the record button, the count-in, and
the take on the armed video track, undoable; without an armed video track, a clear message."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from PySide6.QtMultimedia import QMediaDevices

from hitrecord_desktop.audio.transport_display import TransportState
from hitrecord_desktop.project.model import Track, TrackKind
from hitrecord_desktop.ui.recorder_panel import RecorderPanel
from hitrecord_desktop.ui.transport_bar import TransportBar
from hitrecord_desktop.ui.video.camera_microphone import CameraMicrophone
from hitrecord_desktop.video.frame_source import SyntheticFrameSource
from hitrecord_desktop.video.webcam_journal import SOUND_CAMERA
from hitrecord_desktop.video.webcam_take import CameraPlan
from tests.audio.live_support import RATE, needs_pulse
from tests.ui.audio_support import dispose, make_bridge, make_document, tone_into_vsink

from .webcam_support import read_back

pytestmark = [needs_pulse, pytest.mark.timeout(120)]

WAIT_MS = 20_000


@pytest.fixture
def setup(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    document = make_document(tmp_path)
    camera = Track("Camera", kind=TrackKind.VIDEO, armed=True)
    document.project.tracks.append(camera)
    bridge = make_bridge(document, tmp_path)
    bar = TransportBar(bridge, document)
    panel = RecorderPanel(bridge, document)
    qtbot.addWidget(bar)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: bridge.ready, timeout=WAIT_MS)
    yield document, bridge, bar, panel, camera
    dispose(bridge)


def test_record_with_the_camera_puts_the_take_on_the_video_track(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    document, bridge, bar, _panel, camera = setup
    source = SyntheticFrameSource(320, 240, 30)
    # The panel would hand over the real camera; these machines have none.
    bridge.camera_plan = lambda _project: CameraPlan(camera.id, source)
    with qtbot.waitSignal(bridge.take_finished, timeout=60_000) as finished:
        bar.record_action.trigger()
        qtbot.waitUntil(lambda: bridge.state is TransportState.RECORDING, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: bridge.position > int(2.5 * RATE), timeout=WAIT_MS)
        bar.record_action.trigger()
    take, _dropouts = finished.args
    assert [t.id for t in camera.takes] == [take.id] and camera.active_take_id == take.id
    vocal = document.project.tracks[0]
    assert vocal.takes == []  # the sound is in the camera take, not a take of its own
    media = take.clip.media
    assert media.has_video and media.path.endswith(".mp4")
    assert take.clip.position == 0  # from the playhead, after the one-bar count-in
    back = read_back(document.store.folder / media.path)
    assert back.codecs == {"video": "h264", "audio": "aac"}
    assert len(back.numbers) >= 30
    document.undo_stack.undo()
    assert camera.takes == []


def test_without_an_armed_video_track_the_panel_says_so(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    _document, bridge, bar, panel, camera = setup
    camera.armed = False
    panel.webcam.state = "ready"  # as if a camera were there
    panel.webcam.record_video.setEnabled(True)
    panel.webcam.record_video.setChecked(True)
    with qtbot.waitSignal(bridge.message, timeout=5_000) as said:
        bar.record_action.trigger()
    assert "Arm a video track" in said.args[0]
    assert bridge.state is TransportState.STOPPED


def test_the_camera_microphone_through_qt_multimedia(qtbot, setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Qt's audio input on PulseAudio's vmic (a tone played into the null sink comes back on
    it) as the camera's microphone: the take's sound is that tone."""
    document, bridge, bar, _panel, camera = setup
    device = QMediaDevices.defaultAudioInput()
    assert not device.isNull(), "Qt sees no audio input (is vmic the default source?)"
    microphone = CameraMicrophone(device)
    bridge.camera_plan = lambda _project: CameraPlan(
        camera.id, SyntheticFrameSource(320, 240, 30), SOUND_CAMERA, 0.0, microphone
    )
    with (
        tone_into_vsink(tmp_path, level=0.5, seconds=20.0),
        qtbot.waitSignal(bridge.take_finished, timeout=60_000) as finished,
    ):
        bar.record_action.trigger()
        qtbot.waitUntil(lambda: bridge.state is TransportState.RECORDING, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: bridge.position > int(2.5 * RATE), timeout=WAIT_MS)
        bar.record_action.trigger()
    take, _dropouts = finished.args
    path = document.store.folder / take.clip.media.path
    back = read_back(path)
    assert back.codecs == {"video": "h264", "audio": "aac"}
    assert microphone.samples > RATE
    with av.open(str(path)) as container:
        sound = np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])
    middle = sound[len(sound) // 4 : len(sound) * 3 // 4]
    assert float(np.sqrt(np.mean(middle**2))) > 0.1  # the tone, not silence
