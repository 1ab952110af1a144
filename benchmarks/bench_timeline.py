"""Timeline redraw while scrolling a 32-track, 10-minute project, and its memory.

A child process (offscreen, 1600x1000) opens a project of 32 tracks with five 2-minute clips
each (160 clips, each its own media key, so every clip draws its own waveform tiles; peaks made
with WaveformPeaks.from_pcm from numpy-generated audio), then scrolls right step by step,
repainting the viewport each step. Baseline, in the same child: the same scroll over a bare
QGraphicsView holding the same number of plain rectangles. Memory: the child's RSS after the
project is open and painted, against a child that only shows a bare 1600x1000 window.

The video case: the same project with every fourth track a video track whose clips draw a film
strip (a keyframe picture every 2 s, put in memory as the thumbnail loader leaves them) under
their waveform, scrolled the same way, against the same plain-rectangle baseline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

TRACKS = 32
CLIPS_PER_TRACK = 5
CLIP_SECONDS = 120
DISTINCT_MEDIA = 8
RATE = 48_000
SIZE = (1600, 1000)
FRAMES = 240
STEP_PIXELS = 40
VISIBLE_SECONDS = 30  # the zoom: half a minute across the lanes
VIDEO_EVERY = 4  # in the video case, tracks 0, 4, 8 … hold video clips
KEYFRAME_SECONDS = 2


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _scroll_fps(view, frames: int = FRAMES) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Frames per second, and how many frames left a waveform tile for the next paint."""
    from PySide6.QtWidgets import QApplication

    tiles = getattr(getattr(view, "timeline", None), "tiles", None)
    bar = view.horizontalScrollBar()
    bar.setValue(0)
    QApplication.processEvents()
    postponed = 0
    started = time.perf_counter()
    for _ in range(frames):
        bar.setValue(bar.value() + STEP_PIXELS)
        view.viewport().repaint()
        postponed += bool(tiles is not None and tiles.deferred)
    elapsed = time.perf_counter() - started
    QApplication.processEvents()
    return frames / elapsed, postponed


def _make_peaks():  # type: ignore[no-untyped-def]
    import numpy as np

    from hitrecord_desktop.media.waveform_peaks import WaveformPeaks

    frames = CLIP_SECONDS * RATE
    t = np.arange(frames, dtype=np.float32) / RATE
    out = []
    for i in range(DISTINCT_MEDIA):
        envelope = np.exp(-4.0 * ((t * (1 + i * 0.25)) % 0.5)).astype(np.float32)
        pcm = (0.8 * envelope * np.sin(2 * np.pi * (90 + 30 * i) * t)).astype(np.float32)
        out.append(WaveformPeaks.from_pcm(pcm[:, None]))
    return out


def child_bare() -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    window.grab()
    return {"rss_mib": rss_mib()}


def _put_pictures(app, tracks, height: int):  # type: ignore[no-untyped-def]
    """A film-strip source holding a picture per keyframe of every video clip's media."""
    import numpy as np

    from hitrecord_desktop.ui.timeline import ThumbnailSource
    from hitrecord_desktop.ui.timeline.peaks_source import media_key
    from hitrecord_desktop.ui.timeline.thumbnail_source import to_qimage

    # Each clip here is its own media (the worst case): all its pictures fit in memory.
    source = ThumbnailSource(None, None, app, budget_bytes=256 * 1024 * 1024)
    rng = np.random.default_rng(7)
    keyframes = tuple(float(t) for t in range(0, CLIP_SECONDS, KEYFRAME_SECONDS))
    width = round(height * 16 / 9)
    for track in tracks:
        for clip in track.clips:
            if clip.media.has_video:
                shades = rng.integers(0, 255, (len(keyframes), 1, 1, 3), dtype=np.uint8)
                images = {
                    t: to_qimage(np.broadcast_to(shade, (height, width, 3)).copy())
                    for t, shade in zip(keyframes, shades, strict=True)
                }
                source.put(media_key(clip.media, RATE), keyframes, images)
    return source


def child_timeline(video: bool = False) -> dict:
    import tempfile

    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QBrush, QColor
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow

    from hitrecord_desktop.project.model import (
        Clip,
        MediaOrigin,
        MediaRef,
        Project,
        Track,
        TrackKind,
    )
    from hitrecord_desktop.project.project_store import ProjectStore
    from hitrecord_desktop.ui.project_document import ProjectDocument
    from hitrecord_desktop.ui.tasks import TaskRunner
    from hitrecord_desktop.ui.timeline import PeaksSource, TimelineWidget
    from hitrecord_desktop.ui.timeline.peaks_source import media_key

    app = QApplication([])
    app.setStyle("Fusion")
    peaks = _make_peaks()
    frames = CLIP_SECONDS * RATE
    tracks = []
    for n in range(TRACKS):
        clips = []
        pictures = video and n % VIDEO_EVERY == 0
        for k in range(CLIPS_PER_TRACK):
            media = MediaRef(
                MediaOrigin.FILE,
                f"/bench/t{n}-c{k}.{'mp4' if pictures else 'wav'}",
                frames=frames,
                title=f"Part {k + 1}",
                author=f"artist{n}",
                has_video=pictures,
            )
            clips.append(Clip(media, position=k * frames, trim_in=0, trim_out=frames))
        kind = TrackKind.VIDEO if pictures else TrackKind.AUDIO
        tracks.append(Track(name=f"Track {n + 1}", kind=kind, clips=clips))
    project = Project(title="Bench", tracks=tracks)
    source = PeaksSource(None, None, app)
    for n, track in enumerate(tracks):
        for k, clip in enumerate(track.clips):
            source.put(media_key(clip.media, RATE), peaks[(n + k) % DISTINCT_MEDIA])
    scratch = tempfile.mkdtemp()
    tasks = TaskRunner(app)
    body = 84 - 2 * 3 - 16 - 4  # the default lane's clip body under its title, in pixels
    thumbnails = _put_pictures(app, tracks, body) if video else None
    rss_before = rss_mib()  # Qt, numpy, the model and its peaks: the project before the view
    started = time.perf_counter()
    document = ProjectDocument(project, ProjectStore(Path(scratch)), tasks, autosave=False)
    window = QMainWindow()
    widget = TimelineWidget(document, tasks, source, None, thumbnails)
    window.setCentralWidget(widget)
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    width = widget.view.viewport().width()
    widget.set_zoom(VISIBLE_SECONDS * RATE / width, 0)
    widget.view.grab()
    app.processEvents()
    open_seconds = time.perf_counter() - started
    rss_open = rss_mib()
    fps, postponed = _scroll_fps(widget.view)
    rss_scrolled = rss_mib()
    tiles = len(widget.timeline.tiles)

    scene = QGraphicsScene()
    height = widget.timeline.geometry.track_height
    spp = widget.samples_per_pixel
    scene.setSceneRect(widget.timeline.sceneRect())
    for n in range(TRACKS):
        for k in range(CLIPS_PER_TRACK):
            rect = scene.addRect(QRectF(k * frames / spp, n * height + 3, frames / spp, height - 6))
            rect.setBrush(QBrush(QColor(70, 120, 200)))
    plain = QGraphicsView(scene)
    window.setCentralWidget(plain)
    app.processEvents()
    baseline_fps, _ = _scroll_fps(plain)
    return {
        "fps": fps,
        "baseline_fps": baseline_fps,
        "open_s": open_seconds,
        "rss_open_mib": rss_open,
        "rss_before_mib": rss_before,
        "rss_scrolled_mib": rss_scrolled,
        "tiles": tiles,
        "postponed": postponed,
    }


def _child(mode: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_timeline", mode],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout
    return json.loads(out.splitlines()[-1])


def run() -> list[dict]:
    bare = _child("bare")
    timeline = _child("timeline")
    video = _child("video")
    shape = f"{TRACKS} tracks x 10 min, {SIZE[0]}x{SIZE[1]}"
    return [
        {
            "name": f"Timeline scroll redraw with film strips ({shape}, every "
            f"{VIDEO_EVERY}th track video; baseline: plain rectangles)",
            "value": video["fps"],
            "unit": "frames/s",
            "baseline": video["baseline_fps"],
            "target": ">= 30",
        },
        {
            "name": f"Timeline scroll redraw ({shape}; baseline: plain rectangles; "
            f"{timeline['postponed']}/{FRAMES} frames postponed a waveform tile)",
            "value": timeline["fps"],
            "unit": "frames/s",
            "baseline": timeline["baseline_fps"],
            "target": ">= 30",
        },
        {
            "name": f"Timeline open and first paint ({shape})",
            "value": timeline["open_s"],
            "unit": "s",
            "target": "< 1 s",
        },
        {
            "name": f"RSS with the timeline open ({shape}; baseline: bare window)",
            "value": timeline["rss_open_mib"],
            "unit": "MiB",
            "baseline": bare["rss_mib"],
        },
        {
            "name": "RSS the timeline itself adds (open and painted, over the loaded project)",
            "value": timeline["rss_open_mib"] - timeline["rss_before_mib"],
            "unit": "MiB",
        },
        {
            "name": f"RSS after scrolling {FRAMES * STEP_PIXELS} px "
            f"({timeline['tiles']} waveform tiles kept)",
            "value": timeline["rss_scrolled_mib"],
            "unit": "MiB",
            "baseline": bare["rss_mib"],
        },
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("bare", "timeline", "video"):
        mode = sys.argv[1]
        result = child_bare() if mode == "bare" else child_timeline(video=mode == "video")
        print(json.dumps(result))
    else:
        for row in run():
            print(row)
