"""The Qt video view: a picture from libVLC's callbacks painted fitted with black bars, words
when there is nothing to show; the bridge picks the clip under the playhead."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from PySide6.QtGui import QImage

from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track, TrackKind
from hitrecord_desktop.ui.video.video_bridge import clip_at, has_video
from hitrecord_desktop.ui.video.video_view import VideoView
from hitrecord_desktop.video.video_player import PAUSED, VideoPlayer
from tests.support.frame_code import code_image, read_code, write_coded_video


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return (
        data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
        .reshape(image.height(), image.width(), 4)
        .copy()
    )


def test_view_paints_the_latest_frame_fitted(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    video = write_coded_video(tmp_path / "coded.mp4", seconds=4)
    player = VideoPlayer()
    try:
        view = VideoView(player.frames)
        qtbot.addWidget(view)
        view.resize(640, 240)  # wider than 4:3: black bars left and right
        view.set_message("")
        view.show()
        player.open(video, start_ms=1500)
        qtbot.waitUntil(lambda: player.state == PAUSED, timeout=10_000)
        qtbot.waitUntil(lambda: read_code(player.frames.latest().pixels) == 45, timeout=3000)
        qtbot.waitUntil(lambda: view.repaints > 0, timeout=2000)
        time.sleep(0.05)
        qtbot.wait(60)
        shot = _pixels(view.grab().toImage())
        assert shot.shape[:2] == (240, 640)
        assert shot[:, :100, :3].max() < 20 and shot[:, -100:, :3].max() < 20  # black bars
        assert read_code(shot[:, 160:480]) == 45
        assert view.accessibleName()
    finally:
        player.close()


def test_view_says_when_there_is_nothing_to_show(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(320, 180)
    view.set_message("No video at the playhead")
    shot = _pixels(view.grab().toImage())
    assert shot[:, :, :3].max() > 100  # the words are drawn, light on black
    assert (shot[:, :, :3] < 20).mean() > 0.8


def test_bridge_picks_the_top_unmuted_video_clip() -> None:
    def clip(at: int, length: int) -> Clip:
        return Clip(MediaRef(MediaOrigin.FILE, "v.mp4", has_video=True), at, 0, length)

    top, below, muted = clip(100, 50), clip(0, 1000), clip(0, 1000)
    project = Project("p", tracks=[
        Track("audio"),
        Track("muted", TrackKind.VIDEO, mute=True, clips=[muted]),
        Track("top", TrackKind.VIDEO, clips=[top]),
        Track("below", TrackKind.VIDEO, clips=[below]),
    ])  # fmt: skip
    assert clip_at(project, 120) is top
    assert clip_at(project, 10) is below
    assert clip_at(project, 2000) is None
    assert has_video(project) and not has_video(Project("audio only", tracks=[Track("a")]))
    assert read_code(code_image(1234, 64, 48)) == 1234
