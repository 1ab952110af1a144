"""Pictures of a video file by time, for a render: decoded forward, seeking only on jumps, each
scaled (and turned upright) into a letterboxed frame of the output's size.

FFmpeg's swscale does the scaling and the pixel-format change (PyAV's `reformat`); numpy only
pastes a fitted picture onto black bars and turns phone videos by their display matrix.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import av
import numpy as np

from .probe import MediaError

SEEK_AHEAD_S = 2.0  # further than this past the current picture, seeking beats decoding forward
BLACK_Y, BLACK_UV = 16, 128  # black in yuv420p's limited range


def fit_into(shown: tuple[int, int], box: tuple[int, int], grow: bool = True) -> tuple[int, int]:
    """The largest even size of `shown`'s aspect that fits in `box` (not larger than `shown`
    when `grow` is False)."""
    width, height = shown
    scale = min(box[0] / width, box[1] / height)
    if not grow:
        scale = min(scale, 1.0)
    fitted_w = max(2, round(width * scale / 2) * 2)
    fitted_h = max(2, round(height * scale / 2) * 2)
    return min(fitted_w, box[0] - box[0] % 2), min(fitted_h, box[1] - box[1] % 2)


def black_frame(width: int, height: int) -> av.VideoFrame:
    return _yuv_frame(*_black_planes(width, height))


def _black_planes(width: int, height: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y = np.full((height, width), BLACK_Y, dtype=np.uint8)
    u = np.full((height // 2, width // 2), BLACK_UV, dtype=np.uint8)
    return y, u, u.copy()


def _yuv_frame(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> av.VideoFrame:
    width = y.shape[1]
    packed = np.concatenate((y.ravel(), u.ravel(), v.ravel())).reshape(-1, width)
    return av.VideoFrame.from_ndarray(packed, format="yuv420p")


def _planes(frame: av.VideoFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width, height = frame.width, frame.height
    flat = frame.to_ndarray().ravel()
    luma, chroma = width * height, (width // 2) * (height // 2)
    y = flat[:luma].reshape(height, width)
    u = flat[luma : luma + chroma].reshape(height // 2, width // 2)
    v = flat[luma + chroma : luma + 2 * chroma].reshape(height // 2, width // 2)
    return y, u, v


class _Timed(NamedTuple):
    """A decoded picture and its time in the media, noted when it was decoded."""

    frame: av.VideoFrame
    seconds: float


class FrameReader:
    """The picture showing at a time of one video file. Raises MediaError naming the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise MediaError(path, "no such file" if not path.exists() else "is not a file")
        try:
            self._container = av.open(str(path))
        except av.FFmpegError as error:
            raise MediaError(path, f"not a video FFmpeg can read ({_words(error)})") from None
        try:
            if not self._container.streams.video:
                raise MediaError(path, "has no video stream")
            self._stream = self._container.streams.video[0]
            self._stream.thread_type = "AUTO"
            self._base = self._stream.time_base or 0
            self._start = self._stream.start_time or 0
            rate = self._stream.average_rate or self._stream.guessed_rate
            self.fps = float(rate) if rate else 0.0
            self._decoder = self._container.decode(self._stream)
            self._current: _Timed | None = None
            self._next: _Timed | None = self._pull()
            if self._next is None:
                raise MediaError(path, "has no picture that can be decoded")
        except BaseException:
            self._container.close()
            raise
        first = self._next.frame
        self.rotation = round((first.rotation or 0) / 90) % 4  # quarter turns, anticlockwise
        width, height = first.width, first.height
        self.display_size = (height, width) if self.rotation % 2 else (width, height)
        self._made: tuple[av.VideoFrame, tuple[int, int], av.VideoFrame] | None = None

    def close(self) -> None:
        """Frees the decoder and its pictures before the container: left to the collector,
        a threaded decoder outliving its closed container can be freed on any thread."""
        self._decoder.close()
        self._current = self._next = None
        self._made = None
        self._container.close()

    def frame_at(self, seconds: float, width: int, height: int) -> av.VideoFrame:
        """The picture showing at `seconds` of the media, letterboxed into width x height
        yuv420p. The same frame object comes back while the picture does not change; the
        caller may set its pts (the reader keeps each picture's time apart)."""
        try:
            picture = self._picture_at(seconds)
        except av.FFmpegError as error:
            raise MediaError(self.path, f"the video cannot be decoded ({_words(error)})") from None
        if picture is None:
            raise MediaError(self.path, f"no picture could be decoded at {seconds:.2f} s")
        made = self._made
        if made is not None and made[0] is picture and made[1] == (width, height):
            return made[2]
        frame = self._letterboxed(picture, width, height)
        self._made = (picture, (width, height), frame)
        return frame

    # -- decoding ------------------------------------------------------------------------

    def _time(self, frame: av.VideoFrame) -> float:
        if frame.pts is None or not self._base:
            return float(frame.time or 0.0)
        return float((frame.pts - self._start) * self._base)

    def _pull(self) -> _Timed | None:
        frame = next(self._decoder, None)
        return None if frame is None else _Timed(frame, self._time(frame))

    def _seek(self, seconds: float) -> None:
        target = self._start + int(seconds / self._base) if self._base else 0
        self._decoder.close()
        self._container.seek(max(0, target), stream=self._stream, backward=True)
        self._decoder = self._container.decode(self._stream)
        self._current, self._next = None, self._pull()

    def _picture_at(self, seconds: float) -> av.VideoFrame | None:
        shown = self._current if self._current is not None else self._next
        going_back = self._current is not None and seconds < self._current.seconds - 1e-6
        if shown is None or going_back or seconds > shown.seconds + SEEK_AHEAD_S:
            self._seek(seconds)
        while self._next is not None and self._next.seconds <= seconds + 1e-6:
            self._current, self._next = self._next, self._pull()
        # Before the first picture (a stream that starts late): show the first one.
        shown = self._current if self._current is not None else self._next
        return None if shown is None else shown.frame

    # -- scaling -------------------------------------------------------------------------

    def _letterboxed(self, picture: av.VideoFrame, width: int, height: int) -> av.VideoFrame:
        fitted_w, fitted_h = fit_into(self.display_size, (width, height))
        if self.rotation:
            stored = (fitted_h, fitted_w) if self.rotation % 2 else (fitted_w, fitted_h)
            rgb = picture.reformat(width=stored[0], height=stored[1], format="rgb24")
            turned = np.ascontiguousarray(np.rot90(rgb.to_ndarray(), self.rotation))
            fitted = av.VideoFrame.from_ndarray(turned, format="rgb24").reformat(format="yuv420p")
        else:
            fitted = picture.reformat(width=fitted_w, height=fitted_h, format="yuv420p")
        if (fitted_w, fitted_h) == (width, height):
            return fitted
        y, u, v = _black_planes(width, height)
        left, top = (width - fitted_w) // 4 * 2, (height - fitted_h) // 4 * 2
        fy, fu, fv = _planes(fitted)
        y[top : top + fitted_h, left : left + fitted_w] = fy
        u[top // 2 : (top + fitted_h) // 2, left // 2 : (left + fitted_w) // 2] = fu
        v[top // 2 : (top + fitted_h) // 2, left // 2 : (left + fitted_w) // 2] = fv
        return _yuv_frame(y, u, v)


def _words(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)
