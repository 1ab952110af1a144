"""Preview video render speed: a 1-minute 720p30 project (one video clip, one audio track) to
H.264/AAC MP4, in times real time.

The source is FFmpeg's testsrc2 pattern with a sine, encoded by PyAV's libx264 once per run. The
baseline, measured in the same run on the same source: a plain PyAV transcode of it to H.264 and
AAC with the same preset and size (decode, encode, mux; no mix, no scaling, no timeline logic).
The ratio says what the render's own work (the offline mix, picking the clip of each frame,
letterboxing) costs over transcoding alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import av
import numpy as np

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.mixing.video_render import render_video
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track, TrackKind

SECONDS = 60
FPS = 30
SIZE = (1280, 720)
RATE = 48_000
PRESET = "veryfast"
RUNS = 2  # interleaved, the best of each kept: the two shared cores are noisy


def make_source(path: Path) -> Path:
    """testsrc2 at 720p30 and a 440 Hz sine, H.264/AAC, from FFmpeg's own lavfi sources."""
    width, height = SIZE
    pattern = f"testsrc2=size={width}x{height}:rate={FPS}:duration={SECONDS}"
    with (
        av.open(pattern, format="lavfi") as pictures,
        av.open(f"sine=frequency=440:duration={SECONDS}", format="lavfi") as tone,
        av.open(str(path), "w") as out,
    ):
        video = out.add_stream("libx264", rate=FPS)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "ultrafast", "crf": "20"}
        audio = out.add_stream("aac", rate=RATE, layout="mono")
        for frame in pictures.decode(video=0):
            for packet in video.encode(frame.reformat(format="yuv420p")):
                out.mux(packet)
        for packet in video.encode(None):
            out.mux(packet)
        for frame in tone.decode(audio=0):
            frame.pts = None
            for packet in audio.encode(frame):
                out.mux(packet)
        for packet in audio.encode(None):
            out.mux(packet)
    return path


def transcode_seconds(source: Path, out_path: Path) -> float:
    """The baseline: decode both streams, encode H.264 (same preset) and AAC, mux."""
    started = time.perf_counter()
    with av.open(str(source)) as src, av.open(str(out_path), "w") as out:
        in_video, in_audio = src.streams.video[0], src.streams.audio[0]
        in_video.thread_type = "AUTO"
        video = out.add_stream("libx264", rate=FPS)
        video.width, video.height, video.pix_fmt = *SIZE, "yuv420p"
        video.options = {"preset": PRESET, "crf": "23"}
        audio = out.add_stream("aac", rate=RATE, layout="stereo")
        for packet in src.demux(in_video, in_audio):
            for frame in packet.decode():
                if packet.stream is in_video:
                    frame.pict_type = av.video.frame.PictureType.NONE
                    for encoded in video.encode(frame):
                        out.mux(encoded)
                else:
                    frame.pts = None
                    for encoded in audio.encode(frame):
                        out.mux(encoded)
        for stream in (video, audio):
            for encoded in stream.encode(None):
                out.mux(encoded)
    return time.perf_counter() - started


def render_seconds(source: Path, out_path: Path) -> float:
    frames = SECONDS * RATE
    t = np.arange(frames) / RATE
    pcm = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)[:, None]
    music = MediaRef(MediaOrigin.FILE, "/bench/music.wav", frames=frames)
    film = MediaRef(MediaOrigin.FILE, str(source), frames=frames, has_video=True)
    project = Project(
        title="bench",
        sample_rate=RATE,
        tracks=[
            Track("picture", TrackKind.VIDEO, clips=[Clip(film, 0, 0, frames)]),
            Track("music", clips=[Clip(music, 0, 0, frames)]),
        ],
    )
    cache = PcmCache(out_path.parent / "pcm")  # the film's sound, as the app finds it
    known = {music: pcm}

    def sound(ref: MediaRef) -> np.ndarray:
        return known[ref] if ref in known else cache.pcm_for(ref, RATE)

    started = time.perf_counter()
    report = render_video(project, sound, out_path, size=SIZE, fps=FPS, preset=PRESET)
    elapsed = time.perf_counter() - started
    assert report.frames == SECONDS * FPS
    return elapsed


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="hitrecord-bench-video-") as folder:
        root = Path(folder)
        source = make_source(root / "source.mp4")
        baselines, renders = [], []
        for _ in range(RUNS):
            baselines.append(transcode_seconds(source, root / "transcoded.mp4"))
            renders.append(render_seconds(source, root / "render.mp4"))
        baseline, render = min(baselines), min(renders)
    render_x, transcode_x = SECONDS / render, SECONDS / baseline
    return [
        {
            "name": f"preview video render, 1 min {SIZE[1]}p{FPS} + mix to H.264/AAC "
            f"({PRESET}), × real time (vs a plain PyAV transcode of the source)",
            "value": round(render_x, 2),
            "unit": "x",
            "baseline": round(transcode_x, 2),
            "ratio": round(render_x / transcode_x, 2),
            "target": "≥ 1 x (faster than playing it)",
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
