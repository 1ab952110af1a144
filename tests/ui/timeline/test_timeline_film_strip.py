"""Video clips on the timeline show a film strip: pictures decoded off the GUI thread by the real
keyframe thumbnailer, drawn along the clip and drawn again when zooming; bad video gives words,
not a crash."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from PySide6.QtGui import QImage

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.media.video_thumbnails import VideoThumbnails
from hitrecord_desktop.project.media_clips import media_for_file
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track, TrackKind
from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.ui.project_document import ProjectDocument
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.timeline import PeaksSource, ThumbnailSource, TimelineWidget
from hitrecord_desktop.ui.timeline.clip_item import TITLE_HEIGHT

RATE = 48_000
BRIGHT = (0x20, 0xE0, 0x40)  # a green no track colour or theme comes near


@pytest.fixture(scope="module")
def bright_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("film") / "bright.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-y",
         "-f", "lavfi", "-i", "color=c=0x20E040:size=320x180:rate=25:duration=6",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-shortest",
         str(path)],
        check=True, timeout=120,
    )  # fmt: skip
    return path


def _open(qtbot, tmp_path: Path, media: MediaRef, thumbnails: bool):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    clip = Clip(media, position=RATE, trim_in=0, trim_out=media.frames)
    project = Project(
        title="Film", tracks=[Track("Picture", TrackKind.VIDEO, clips=[clip])], sample_rate=RATE
    )
    tasks = TaskRunner(app)
    document = ProjectDocument(project, ProjectStore(tmp_path / "project"), tasks, autosave=False)
    peaks = PeaksSource(PcmCache(tmp_path / "cache"), tasks, app)
    source = (
        ThumbnailSource(VideoThumbnails(tmp_path / "thumbs"), tasks, app) if thumbnails else None
    )
    widget = TimelineWidget(document, tasks, peaks, None, source)
    qtbot.addWidget(widget)
    widget.resize(1200, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_zoom(1000.0, 0)
    widget.view.horizontalScrollBar().setValue(0)
    return widget, tasks, clip, source


def _settled(qtbot, widget: TimelineWidget) -> QImage:  # type: ignore[no-untyped-def]
    """Paints until nothing is loading any more, then grabs the lanes."""

    def done() -> bool:
        widget.view.grab()  # paints, which asks for what shows
        return widget.timeline.waveforms_complete

    qtbot.waitUntil(done, timeout=20_000)
    return widget.view.viewport().grab().toImage()


def _bright_share(image: QImage, widget: TimelineWidget, clip: Clip) -> float:
    """Of one pixel row across the clip, just below its title bar: how much is the video."""
    item = widget.timeline.clip_item(clip.id)
    rect = widget.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    ratio = image.devicePixelRatio()
    y = round((rect.top() + TITLE_HEIGHT + 8) * ratio)
    left, right = round((rect.left() + 4) * ratio), round((rect.right() - 4) * ratio)
    right = min(right, image.width() - 1)
    pixels = np.array([image.pixelColor(x, y).getRgb()[:3] for x in range(left, right)])
    near = np.abs(pixels - np.array(BRIGHT)).max(axis=1) < 40
    return float(near.mean())


def test_video_clips_show_their_pictures_and_keep_them_when_zooming(
    qtbot, tmp_path: Path, bright_video: Path
) -> None:  # type: ignore[no-untyped-def]
    media = media_for_file(bright_video, PcmCache(tmp_path / "cache"), RATE)
    assert media.has_video

    plain, tasks, clip, _ = _open(qtbot, tmp_path / "plain", media, thumbnails=False)
    assert _bright_share(_settled(qtbot, plain), plain, clip) < 0.05  # waveform only
    tasks.wait(10_000)

    widget, tasks, clip, source = _open(qtbot, tmp_path / "strip", media, thumbnails=True)
    assert _bright_share(_settled(qtbot, widget), widget, clip) > 0.9
    assert list((tmp_path / "strip" / "thumbs").rglob("*.npy"))  # cached on disk too

    widget.set_zoom(250.0, 0)  # four times closer: new slots, the same keyframes
    assert _bright_share(_settled(qtbot, widget), widget, clip) > 0.9
    assert source is not None and source.failure(media, RATE) is None
    tasks.wait(10_000)


def test_an_unreadable_video_clip_gives_words_not_a_crash(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00\x00\x00\x18ftypisom" + b"garbage" * 400)
    media = MediaRef(MediaOrigin.FILE, str(junk), frames=4 * RATE, has_video=True)
    widget, tasks, clip, source = _open(qtbot, tmp_path, media, thumbnails=True)
    assert source is not None
    with qtbot.waitSignal(source.thumbnails_failed, timeout=20_000) as failed:
        widget.view.grab()
    assert str(junk) in failed.args[1] and "read" in failed.args[1]
    image = _settled(qtbot, widget)
    assert _bright_share(image, widget, clip) < 0.05
    assert source.failure(media, RATE) == failed.args[1]
    tasks.wait(10_000)
