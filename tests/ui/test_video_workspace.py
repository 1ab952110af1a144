"""The workspace's video wiring, for real: a project with a frame-coded clip on a video track, the
AudioBridge on the PulseAudio null sink, and VideoBridge + VideoView built as ui/workspace.py
builds them. Playing through the bridge paints advancing frames that match the heard transport
position; stopped, seeking shows the playhead's frame (scrubbing); outside the clip the view
says there is no video."""

from __future__ import annotations

import itertools
import math
import time
from pathlib import Path

import numpy as np
import pytest

from PySide6.QtGui import QImage

from hitrecord_desktop.audio.transport_display import TransportState
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Track, TrackKind
from hitrecord_desktop.ui.video.video_bridge import VideoBridge
from hitrecord_desktop.ui.video.video_view import VideoView
from tests.audio.live_support import RATE, needs_pulse
from tests.support.frame_code import read_code, write_coded_video
from tests.ui.audio_support import dispose, make_bridge, make_document

pytestmark = [needs_pulse, pytest.mark.timeout(120)]

FPS = 30
WAIT_MS = 20_000  # a loaded 2-core machine: PulseAudio streams can stall 1-2 s at start
CLIP_AT = RATE  # the clip covers the timeline from 1 s to 5 s
CLIP_LENGTH = 4 * RATE


def _shot(view: VideoView) -> np.ndarray:
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).copy()


def _frame_at(sample: float) -> int:
    return math.floor((sample - CLIP_AT) * FPS / RATE + 1e-6)


def test_workspace_video_follows_the_transport(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = make_document(tmp_path)
    video = write_coded_video(tmp_path / "coded.mp4", seconds=5, fps=FPS)
    ref = MediaRef(MediaOrigin.FILE, str(video), frames=CLIP_LENGTH, has_video=True)
    document.project.tracks.append(
        Track("Video", TrackKind.VIDEO, clips=[Clip(ref, CLIP_AT, 0, CLIP_LENGTH)])
    )
    bridge = make_bridge(document, tmp_path)
    view = VideoView()
    videos = VideoBridge(bridge, document, view)
    view.resize(320, 240)  # the clip's own shape: no bars, the whole grab is the picture
    view.show()
    try:
        qtbot.waitUntil(lambda: bridge.ready, timeout=WAIT_MS)
        assert view.message == "No video at the playhead"  # the playhead (0 s) is before it

        for seconds in (2.0, 3.5, 1.5):  # stopped: the picture follows the playhead
            bridge.seek(int(seconds * RATE))
            want = _frame_at(seconds * RATE)
            qtbot.waitUntil(lambda w=want: not view.message and read_code(_shot(view)) == w,
                            timeout=5000)  # fmt: skip

        bridge.seek(int(1.2 * RATE))
        bridge.play()
        qtbot.waitUntil(lambda: bridge.state is TransportState.PLAYING, timeout=WAIT_MS)
        clock = videos._sync.clock
        rows: list[tuple[int, int]] = []  # (frame painted, frame the heard playhead is in)
        qtbot.waitUntil(lambda: clock.heard() > 2.0 * RATE, timeout=WAIT_MS)  # past the stall
        # Two seconds of sound, however long PulseAudio takes to play them on a busy machine
        # (a stalled stream holds the picture too: that is following the sound).
        end = time.monotonic() + 8.0
        until = min(clock.heard() + 2.0 * RATE, 4.8 * RATE)
        while time.monotonic() < end and clock.heard() < until:
            qtbot.wait(50)
            painted = read_code(_shot(view))
            rows.append((painted, _frame_at(clock.heard())))
        bridge.stop()
        qtbot.waitUntil(lambda: bridge.state is TransportState.STOPPED, timeout=WAIT_MS)
        print("painted - heard, frames:", [p - h for p, h in rows])
        assert len(rows) >= 20
        assert rows[-1][0] - rows[0][0] >= 30  # the picture advanced with the sound (~2 s)
        # No jump back of its own: the picture goes back only as far as the heard playhead did
        # (the audio clock re-fits its line now and then).
        assert all(b - a >= (hb - ha) - 2 for (a, ha), (b, hb) in itertools.pairwise(rows))
        assert max(abs(p - h) for p, h in rows) <= 2

        bridge.seek(int(3.0 * RATE))  # scrubbing after playing
        qtbot.waitUntil(lambda: not view.message and read_code(_shot(view)) == 60, timeout=5000)

        bridge.seek(int(0.5 * RATE))  # before the clip
        qtbot.waitUntil(lambda: view.message == "No video at the playhead", timeout=5000)
        shot = _shot(view)
        assert (shot[:, :, :3] < 20).mean() > 0.8  # words on black, not the last picture
    finally:
        videos.close()
        dispose(bridge, view)
        videos.deleteLater()
