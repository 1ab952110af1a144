"""Encodes a webcam take as it is recorded: H.264 (+ AAC) in a fragmented MP4 that survives kill -9.

Why PyAV's libx264 and not Qt's recorder: the FFmpeg inside the Qt wheels has no H.264 encoder,
and `QMediaRecorder` asked for H.264 silently records MPEG-4 Part 2, which browsers and phones do
not play. PyAV's wheel carries libx264, and H.264/AAC in MP4 plays everywhere (VP9/Opus WebM
would too, but encodes several times slower on two cores).

Crash safety: the file is a fragmented MP4 (`frag_keyframe+empty_moov+default_base_moof`): an
empty header, then one self-contained fragment per keyframe, written out packet by packet
(`flush_packets`). With a keyframe every `gop_seconds` (0.5 s) a process killed mid-take leaves
every fragment but the one being filled; `take_mux` cuts the file after its last whole fragment
and remuxes it into an ordinary MP4. x264 runs with `tune=zerolatency` (no look-ahead, no
B-frames), so a frame is in the file as soon as it is encoded.

Timing: each frame's presentation time comes from its capture time (in seconds from the take's
start, chosen by the caller), in a 1/90000 time base, so an uneven camera is recorded as it was
seen instead of being stretched to a nominal rate.

Threads: `submit()` is called on the camera's thread and only puts the frame in a bounded queue;
when the queue is full the frame is dropped and counted, never waited for. One worker thread,
started by `start()` and ended by `stop()`, encodes and writes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from .frame_source import Frame, FrameFormat

log = logging.getLogger(__name__)

TIME_BASE = Fraction(1, 90_000)
FRAGMENTED_MP4 = {
    "movflags": "frag_keyframe+empty_moov+default_base_moof",
    "flush_packets": "1",
    # Without a cap the muxer holds video back for up to 10 s waiting for audio to interleave.
    "max_interleave_delta": "200000",
}
SYNC_EVERY_S = 1.0  # fsync the file this often (kill -9 loses nothing written; a power cut might)
_STOP = None


class WebcamWriteError(Exception):
    """The take file cannot be created or the encoder cannot start; nothing was recorded."""


@dataclass(frozen=True)
class LiveAudioFormat:
    """Sound encoded along with the pictures (the camera's microphone)."""

    sample_rate: int = 48_000
    channels: int = 2


@dataclass(frozen=True)
class WriterResult:
    path: Path
    frames: int  # pictures written
    dropped: int  # pictures the encoder could not keep up with (the queue was full)
    late: int  # pictures with a time not after the previous one, skipped
    audio_samples: int
    audio_dropped: int  # chunks of sound
    duration: float  # seconds from 0 to the end of the last picture
    error: str | None = None


class WebcamWriter:
    """One take: `start()`, `submit()` from the camera's thread, `stop()`."""

    def __init__(
        self,
        path: Path,
        video: FrameFormat,
        *,
        audio: LiveAudioFormat | None = None,
        gop_seconds: float = 0.5,
        queue_seconds: float = 1.0,
        preset: str | None = None,
        crf: int = 23,
    ) -> None:
        self.path = Path(path)
        self.video = video
        self.audio = audio
        self._gop = max(1, round(video.fps * gop_seconds))
        # Sound comes in chunks of ~10-20 ms: room for them on top of the pictures.
        room = round(video.fps * queue_seconds) + (round(100 * queue_seconds) if audio else 0)
        self._queue: queue.Queue = queue.Queue(maxsize=max(2, room))
        if preset is None:  # two cores keep up with 720p30 on veryfast, beyond that not always
            preset = "veryfast" if video.width * video.height <= 1280 * 720 else "ultrafast"
        self._codec_options = {"preset": preset, "tune": "zerolatency", "crf": str(crf)}
        self._thread: threading.Thread | None = None
        self._container = None
        self._vstream = None
        self._astream = None
        self.frames = 0
        self.dropped = 0
        self.late = 0
        self.audio_samples = 0
        self.audio_dropped = 0  # chunks of sound dropped (the queue was full)
        self.queue_peak = 0
        self.encode_seconds = 0.0  # time the worker spent encoding (for the benchmark)
        self._last_pts = -1
        self._audio_next: int | None = None
        self._end_pts = 0
        self.error: str | None = None

    def pending(self) -> int:
        """Items waiting for the encoder."""
        return self._queue.qsize()

    @property
    def failed(self) -> bool:
        return self.error is not None

    def start(self) -> None:
        """Creates the file and the encoder; raises WebcamWriteError when it cannot."""
        fmt = self.video
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            container = av.open(str(self.path), "w", format="mp4", options=FRAGMENTED_MP4)
        except (OSError, av.FFmpegError) as exc:
            raise WebcamWriteError(f"cannot create the take file {self.path}: {exc}") from exc
        try:
            rate = Fraction(fmt.fps).limit_denominator(1001)
            options = {**self._codec_options, "g": str(self._gop), "keyint_min": str(self._gop)}
            vstream = container.add_stream("libx264", rate=rate, options=options)
            vstream.width, vstream.height = fmt.width, fmt.height
            vstream.pix_fmt = "yuv420p"
            vstream.time_base = TIME_BASE
            vstream.codec_context.time_base = TIME_BASE
            if self.audio is not None:
                layout = "mono" if self.audio.channels == 1 else "stereo"
                self._astream = container.add_stream(
                    "aac", rate=self.audio.sample_rate, layout=layout
                )
            container.start_encoding()
        except (av.FFmpegError, ValueError) as exc:
            with contextlib.suppress(Exception):
                container.close()
            raise WebcamWriteError(f"cannot start the H.264 encoder: {exc}") from exc
        self._container, self._vstream = container, vstream
        self._thread = threading.Thread(target=self._run, name="webcam-writer", daemon=True)
        self._thread.start()

    # -- the camera's side ---------------------------------------------------------------------

    def submit(self, frame: Frame, seconds: float) -> bool:
        """Queues a picture shown `seconds` after the take's start; False when it was dropped."""
        return self._put(("v", frame, seconds))

    def submit_audio(self, samples: np.ndarray, seconds: float) -> bool:
        """Queues (frames, channels) float32 sound starting `seconds` after the take's start."""
        if self._astream is None:
            raise RuntimeError("this take records no sound of its own")
        return self._put(("a", samples, seconds))

    def _put(self, item: tuple) -> bool:
        if self.error is not None or self._thread is None:
            return False
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            if item[0] == "v":
                self.dropped += 1
            else:
                self.audio_dropped += 1
            return False
        depth = self._queue.qsize()
        if depth > self.queue_peak:
            self.queue_peak = depth
        return True

    # -- the worker ----------------------------------------------------------------------------

    def _run(self) -> None:
        synced = time.monotonic()
        fd = None
        with contextlib.suppress(OSError):
            fd = os.open(self.path, os.O_RDONLY)
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    break
                if self.error is not None:
                    continue  # drain: the camera keeps calling until stopped
                began = time.perf_counter()
                try:
                    if item[0] == "v":
                        self._encode_frame(item[1], item[2])
                    else:
                        self._encode_audio(item[1], item[2])
                except (av.FFmpegError, OSError, ValueError) as exc:
                    self.error = f"writing the take failed: {exc}"
                    log.error("%s: %s", self.path, self.error)
                self.encode_seconds += time.perf_counter() - began
                if fd is not None and time.monotonic() - synced > SYNC_EVERY_S:
                    with contextlib.suppress(OSError):
                        os.fsync(fd)
                    synced = time.monotonic()
        finally:
            if fd is not None:
                os.close(fd)

    def _encode_frame(self, frame: Frame, seconds: float) -> None:
        pts = round(seconds / TIME_BASE)
        if pts <= self._last_pts:
            self.late += 1
            return
        self._last_pts = pts
        # Packed RGB/BGRA and planar YUV alike; the encoder converts to yuv420p itself.
        picture = av.VideoFrame.from_ndarray(frame.pixels, format=frame.pixel_format)
        picture.pts = pts
        picture.time_base = TIME_BASE
        for packet in self._vstream.encode(picture):
            self._container.mux(packet)
        self.frames += 1
        self._end_pts = pts + round(1 / (self.video.fps * TIME_BASE))

    def _encode_audio(self, samples: np.ndarray, seconds: float) -> None:
        rate = self.audio.sample_rate
        start = round(seconds * rate)
        # Sound is a clock of its own: chunks follow one another sample by sample unless the
        # source skipped (a gap of more than 50 ms), which then shows as a gap in the file.
        if self._audio_next is not None and abs(start - self._audio_next) < rate // 20:
            start = self._audio_next
        if start < 0:
            samples = samples[-start:]
            start = 0
        if len(samples) == 0:
            return
        planar = samples.T.astype(np.float32, copy=False)
        if planar.shape[0] != self.audio.channels:  # a mono microphone into stereo, or back
            planar = np.repeat(planar[:1], self.audio.channels, axis=0)
        planar = np.ascontiguousarray(planar)
        chunk = av.AudioFrame.from_ndarray(
            planar, format="fltp", layout="mono" if self.audio.channels == 1 else "stereo"
        )
        chunk.sample_rate = rate
        chunk.pts = start
        chunk.time_base = Fraction(1, rate)
        for packet in self._astream.encode(chunk):
            self._container.mux(packet)
        self._audio_next = start + len(samples)
        self.audio_samples += len(samples)

    # -- ending --------------------------------------------------------------------------------

    def stop(self) -> WriterResult:
        """Encodes what is queued, flushes the encoders and closes the file."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join()
        container, self._container = self._container, None
        if container is not None:
            try:
                if self.error is None:
                    for stream in (self._vstream, self._astream):
                        if stream is not None:
                            for packet in stream.encode(None):
                                container.mux(packet)
            except (av.FFmpegError, OSError) as exc:
                self.error = f"finishing the take failed: {exc}"
            finally:
                with contextlib.suppress(av.FFmpegError, OSError):
                    container.close()
        return WriterResult(
            path=self.path,
            frames=self.frames,
            dropped=self.dropped,
            late=self.late,
            audio_samples=self.audio_samples,
            audio_dropped=self.audio_dropped,
            duration=float(self._end_pts * TIME_BASE),
            error=self.error,
        )
