"""Screenshot of the transport and the recorder panel while recording, meters showing level.

`capture(out_dir)` writes `recorder.png`. Under the test services (HITRECORD_TEST_PULSE) it
records for real over the backing track with a tone played into the null sink, so the meters
show what vmic hears; elsewhere it feeds meter readings through the same widgets.
    SCREENSHOT_DIR=/tmp/shots .ci/with-test-services python -m tests.ui.screens_recorder
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from hitrecord_desktop.audio.calibration import CalibrationResult
from hitrecord_desktop.audio.latency_status import key_for
from hitrecord_desktop.audio.transport_display import MeterReading, TransportState
from hitrecord_desktop.project.commands import AddTake
from hitrecord_desktop.project.model import Clip, Dropout, MediaOrigin, MediaRef, Take
from hitrecord_desktop.ui.recorder_panel import RecorderPanel
from hitrecord_desktop.ui.transport_bar import TransportBar
from tests.audio.live_support import RATE
from tests.ui.audio_support import PULSE, dispose, make_bridge, make_document, tone_into_vsink

FILE_NAME = "recorder.png"


def _wait(app: QApplication, condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return bool(condition())


def _old_takes(document) -> None:  # type: ignore[no-untyped-def]
    """Two earlier takes with real files (a quiet hum), the second with a dropout."""
    vocal = document.project.tracks[0]
    folder = document.store.takes_dir
    folder.mkdir(parents=True, exist_ok=True)
    for n, dropouts in ((1, ()), (2, (Dropout(RATE * 3, "input-overflow"),))):
        frames = RATE * (6 + n)
        hum = 0.1 * np.sin(2 * np.pi * 196.0 * np.arange(frames) / RATE)
        sf.write(folder / f"take-{n}.wav", hum.astype(np.float32), RATE, subtype="FLOAT")
        media = MediaRef(MediaOrigin.TAKE, f"takes/take-{n}.wav", frames=frames)
        clip = Clip(media, 0, 0, frames)
        take = Take(f"Take {n}", clip, f"2026-11-23T17:0{n}:12+00:00", dropouts)
        document.execute(AddTake(vocal.id, take))


def capture(out_dir: Path) -> None:
    app = QApplication.instance() or QApplication([])
    out_dir.mkdir(parents=True, exist_ok=True)
    live = bool(os.environ.get("HITRECORD_TEST_PULSE"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        document = make_document(tmp_path, bpm=96.0)
        _old_takes(document)
        bridge = make_bridge(document, tmp_path)
        window = QWidget()
        window.setWindowTitle("HitRecord — Vocals wanted")
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = TransportBar(bridge, document, window)
        panel = RecorderPanel(bridge, document, window)
        layout.addWidget(bar)
        layout.addWidget(panel)
        window.resize(860, 600)
        window.show()
        if live and _wait(app, lambda: bridge.ready, 30):
            key = key_for(PULSE)
            bridge.latency_store.save(
                CalibrationResult(key, 1623, 0.93, 3328, "2026-11-23T17:00:00+00:00")
            )
            bridge.refresh_latency()
            bridge.set_count_in_enabled(False)
            bridge.set_click_enabled(True)
            with tone_into_vsink(tmp_path, level=0.12):
                bar.record_action.trigger()
                _wait(app, lambda: bridge.state is TransportState.RECORDING, 30)
                _wait(app, lambda: bridge.position > int(3.0 * RATE), 30)
                panel.input_meter.reset_clip()  # as the singer would after the first peak
                _wait(app, lambda: bridge.position > int(4.3 * RATE), 30)
                _wait(app, lambda: False, 0.3)
                window.grab().save(str(out_dir / FILE_NAME))
                bar.record_action.trigger()
                _wait(app, lambda: bridge.state is TransportState.STOPPED, 30)
        else:  # no sound server: the same widgets, fed by hand
            _wait(app, lambda: not bridge.busy, 10)
            panel.error_label.hide()  # "no device" is true here, but not the state shown
            bridge.state_changed.emit(TransportState.RECORDING.value)
            bridge.position_changed.emit(int(4.37 * RATE))
            reading = MeterReading((-7.2, -9.8), (-15.5, -17.9), (False, False))
            for _ in range(3):
                bridge.meters_changed.emit(reading, MeterReading.silent(2))
                _wait(app, lambda: False, 0.05)
            window.grab().save(str(out_dir / FILE_NAME))
        window.close()
        dispose(bridge)
        window.deleteLater()


if __name__ == "__main__":
    capture(Path(os.environ.get("SCREENSHOT_DIR", "screenshots")))
