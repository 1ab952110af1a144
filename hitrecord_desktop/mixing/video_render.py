"""The animator's preview render: the project's video tracks and the mix, in one H.264/AAC MP4.

At each output frame the picture is the top-most unmuted video track's clip playing there
(black where none plays), scaled to fit the output and letterboxed. The sound is the offline
render's mix (offline_render.py, measured as usual), rendered first to a float WAV beside the
target and encoded to AAC in step with the pictures, so the muxer never holds more than a few
packets. Clip positions and trims are samples at the project rate; frame n shows timeline sample
`start + n * rate / fps`.

H.264 (libx264, in PyAV's wheel) in yuv420p with +faststart plays in every browser and on the
platform's players. The file appears only complete: written under a temporary name, renamed at
the end; a cancelled or failed render leaves nothing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import soundfile as sf

from ..atomic_files import publish, temp_path_beside
from ..media.probe import MediaError
from ..media.video_frames import FrameReader, black_frame, fit_into
from ..project.model import Clip, Project, TrackKind
from .mix_plan import FadeShape, Resolver
from .offline_render import CancelToken, RenderCancelled, RenderReport, render_project

DEFAULT_SIZE = (1280, 720)
MAX_SIZE = (1920, 1080)
DEFAULT_FPS = 30
MAX_FPS = 60
AUDIO_SHARE = 0.1  # of the progress bar: the mix; the rest is pictures
AUDIO_BIT_RATE = 192_000
AAC_FRAME = 1024


@dataclass(frozen=True)
class VideoRenderReport:
    path: Path
    width: int
    height: int
    fps: int
    frames: int  # video frames written
    elapsed: float
    audio: RenderReport

    @property
    def seconds(self) -> float:
        return self.audio.seconds

    @property
    def integrated_lufs(self) -> float:
        return self.audio.integrated_lufs

    @property
    def realtime_factor(self) -> float:
        return self.seconds / self.elapsed if self.elapsed > 0 else float("inf")


def has_video(project: Project) -> bool:
    """Whether the project has a video track with a clip: its render is then a video."""
    return any(t.kind is TrackKind.VIDEO and t.playing_clips() for t in project.tracks)


def video_layers(project: Project) -> list[list[Clip]]:
    """The playing clips of each unmuted video track, top-most track first."""
    return [t.playing_clips() for t in project.tracks if t.kind is TrackKind.VIDEO and not t.mute]


def clip_at(layers: list[list[Clip]], sample: int) -> Clip | None:
    for clips in layers:
        for clip in clips:
            if clip.position <= sample < clip.end and clip.length > 0:
                return clip
    return None


def render_video(
    project: Project,
    resolver: Resolver,
    out_path: Path | str,
    *,
    media_folder: Path | None = None,
    size: tuple[int, int] | None = None,
    fps: int | None = None,
    start: int = 0,
    end: int | None = None,
    preset: str = "veryfast",
    progress: Callable[[float], None] | None = None,
    cancel: CancelToken | None = None,
    fade_shape: FadeShape = FadeShape.LINEAR,
) -> VideoRenderReport:
    """Renders timeline samples [start, end) (end: the project's end) to an MP4.

    Raises MediaError naming the file when a video clip's media is missing or unreadable,
    RenderCancelled when `cancel` is set, ValueError for a bad range or size."""
    started = time.perf_counter()
    out_path = Path(out_path)
    rate = project.sample_rate
    end = project.end() if end is None else end
    if start < 0 or end <= start:
        raise ValueError(f"bad render range [{start}, {end}): nothing to render")
    layers = video_layers(project)
    readers = _open_readers(layers, media_folder)
    try:
        width, height, fps = _output_shape(readers, size, fps)
        audio_wav = temp_path_beside(out_path, suffix=".mix.wav")
        temp = temp_path_beside(out_path, suffix=".part.mp4")
        finished = False
        try:
            report = render_project(
                project,
                resolver,
                audio_wav,
                format="wav-float",
                start=start,
                end=end,
                progress=(lambda f: progress(AUDIO_SHARE * f)) if progress else None,
                cancel=cancel,
                fade_shape=fade_shape,
            )
            frames = _encode(
                temp, audio_wav, layers, readers, (width, height), fps,
                start, end, rate, preset, progress, cancel,
            )  # fmt: skip
            publish(temp, out_path, sync=False)  # a render can be made again: no fsync
            finished = True
        finally:
            for leftover in (audio_wav, *(() if finished else (temp,))):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
    finally:
        for reader in readers.values():
            reader.close()
    if progress is not None:
        progress(1.0)
    return VideoRenderReport(
        out_path, width, height, fps, frames, time.perf_counter() - started, report
    )


def _open_readers(layers: list[list[Clip]], folder: Path | None) -> dict[str, FrameReader]:
    """One reader per distinct media file, opened up front so a bad file fails before any
    work is done, with the file's name in the error."""
    readers: dict[str, FrameReader] = {}
    try:
        for clips in layers:
            for clip in clips:
                key = clip.media.path
                if key not in readers:
                    path = Path(key)
                    if folder is not None and not path.is_absolute():
                        path = folder / path
                    readers[key] = FrameReader(path)
    except MediaError:
        for reader in readers.values():
            reader.close()
        raise
    return readers


def _output_shape(
    readers: dict[str, FrameReader], size: tuple[int, int] | None, fps: int | None
) -> tuple[int, int, int]:
    first = next(iter(readers.values()), None)
    if size is None:
        size = DEFAULT_SIZE if first is None else fit_into(first.display_size, MAX_SIZE, False)
    width, height = size
    if width < 16 or height < 16 or width > 4096 or height > 4096:
        raise ValueError(f"a video of {width}x{height} pixels cannot be rendered")
    if fps is None:
        fps = round(first.fps) if first is not None and first.fps > 0 else DEFAULT_FPS
    fps = min(MAX_FPS, max(1, fps))
    return width - width % 2, height - height % 2, fps


def _encode(
    temp: Path,
    audio_wav: Path,
    layers: list[list[Clip]],
    readers: dict[str, FrameReader],
    size: tuple[int, int],
    fps: int,
    start: int,
    end: int,
    rate: int,
    preset: str,
    progress: Callable[[float], None] | None,
    cancel: CancelToken | None,
) -> int:
    width, height = size
    count = max(1, round((end - start) * fps / rate))
    options = {"movflags": "+faststart"}
    with (
        av.open(str(temp), "w", format="mp4", options=options) as container,
        sf.SoundFile(audio_wav) as mix,
    ):
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": preset, "crf": "23"}
        audio = container.add_stream("aac", rate=rate, layout="stereo")
        audio.bit_rate = AUDIO_BIT_RATE
        black = black_frame(width, height)
        audio_sent = 0
        reported = -1.0
        for n in range(count):
            if cancel is not None and cancel.is_set():
                raise RenderCancelled(f"render of {temp.name} cancelled")
            sample = start + round(n * rate / fps)
            clip = clip_at(layers, sample)
            if clip is None:
                frame = black  # re-sent with a new pts: the encoder copies the pixels
            else:
                media_s = (sample - clip.position + clip.trim_in) / rate
                frame = readers[clip.media.path].frame_at(media_s, width, height)
            frame.pts = n
            frame.time_base = Fraction(1, fps)
            # A decoded picture keeps its I/P/B type, which libx264 would obey: let it choose.
            frame.pict_type = av.video.frame.PictureType.NONE
            for packet in video.encode(frame):
                container.mux(packet)
            # Sound up to the end of this picture, so both streams advance together.
            due = min(end - start, round((n + 1) * rate / fps))
            audio_sent = _send_audio(container, audio, mix, audio_sent, due, rate)
            done = AUDIO_SHARE + (1 - AUDIO_SHARE) * (n + 1) / count
            if progress is not None and done - reported >= 0.005:
                progress(done)
                reported = done
        _send_audio(container, audio, mix, audio_sent, end - start, rate, flush=True)
        for packet in video.encode(None):
            container.mux(packet)
        for packet in audio.encode(None):
            container.mux(packet)
    return count


def _send_audio(
    container: av.container.OutputContainer,
    stream: av.AudioStream,
    mix: sf.SoundFile,
    sent: int,
    due: int,
    rate: int,
    flush: bool = False,
) -> int:
    """Encodes the mix's samples [sent, due) in AAC-sized frames (a short last one on flush)."""
    while due - sent >= AAC_FRAME or (flush and due > sent):
        frames = min(AAC_FRAME, due - sent)
        block = mix.read(frames, dtype="float32", always_2d=True)
        if len(block) == 0:
            break
        planar = np.ascontiguousarray(np.clip(block, -1.0, 1.0).T)
        frame = av.AudioFrame.from_ndarray(planar, format="fltp", layout="stereo")
        frame.sample_rate = rate
        frame.pts = sent
        frame.time_base = Fraction(1, rate)
        for packet in stream.encode(frame):
            container.mux(packet)
        sent += len(block)
    return sent
