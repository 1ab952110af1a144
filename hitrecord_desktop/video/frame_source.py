"""Where a webcam take's pictures come from: an interface, and a synthetic source drawn with numpy.

The recorder only ever sees a `FrameSource`: the camera through Qt Multimedia in the app
(`ui/video/camera_source.py`), `SyntheticFrameSource` in tests and "no camera" demos, so CI runs
the real encoder and muxer. Each frame carries the time it was captured on `time.monotonic()`'s
clock: the take coordinator maps that clock to timeline samples through the audio engine.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

# Pixel layouts a source may deliver (PyAV's names): packed RGB, RGBA or BGRA, YUV 4:2:0.
RGB24, RGBA, BGRA, YUV420P, NV12 = "rgb24", "rgba", "bgra", "yuv420p", "nv12"
PIXEL_FORMATS = (RGB24, RGBA, BGRA, YUV420P, NV12)

NUMBER_BITS = 16  # the synthetic source writes the frame number in this many blocks


@dataclass(frozen=True)
class FrameFormat:
    width: int
    height: int
    fps: float
    pixel_format: str = RGB24

    def describe(self) -> str:
        return f"{self.width}×{self.height} at {self.fps:g} fps"


@dataclass(frozen=True)
class Frame:
    """One picture. `pixels` is (height, width, channels) for packed formats, or the whole
    planar buffer as (height * 3 // 2, width) for YUV 4:2:0; `timestamp` is monotonic seconds."""

    pixels: np.ndarray
    pixel_format: str
    timestamp: float
    index: int  # counted by the source from 0; a gap means the source dropped frames


FrameCallback = Callable[[Frame], None]
ClosedCallback = Callable[[str | None], None]  # None: stopped on request; else what went wrong


class FrameSource(Protocol):
    """Delivers frames on a thread of its own until stopped. `on_frame` must return quickly
    (copy and queue); `on_closed` is called once when the source ends, with an error or None."""

    @property
    def format(self) -> FrameFormat: ...

    def start(self, on_frame: FrameCallback, on_closed: ClosedCallback) -> None: ...

    def stop(self) -> None: ...


def encode_number(pixels: np.ndarray, number: int) -> None:
    """Draws `number` as NUMBER_BITS black or white blocks along the top of an RGB picture, big
    enough to survive lossy compression."""
    height, width = pixels.shape[:2]
    block_w, block_h = width // NUMBER_BITS, max(8, height // 16)
    for bit in range(NUMBER_BITS):
        on = (number >> bit) & 1
        pixels[:block_h, bit * block_w : (bit + 1) * block_w] = 255 if on else 0


def decode_number(rgb: np.ndarray) -> int:
    """The number `encode_number` drew, read back from a (decoded) RGB picture."""
    height, width = rgb.shape[:2]
    block_w, block_h = width // NUMBER_BITS, max(8, height // 16)
    number = 0
    for bit in range(NUMBER_BITS):
        block = rgb[
            block_h // 4 : block_h * 3 // 4,
            bit * block_w + block_w // 4 : (bit + 1) * block_w - block_w // 4,
        ]
        if float(block.mean()) > 127:
            number |= 1 << bit
    return number


class SyntheticFrameSource:
    """Frames at `fps` on its own thread: a bar moving across a gradient, the frame number in
    blocks at the top. `fail_after` frames, it ends with an error (to test a camera unplugged)."""

    def __init__(
        self,
        width: int = 320,
        height: int = 240,
        fps: float = 30.0,
        *,
        fail_after: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if width < NUMBER_BITS * 4 or height < 32 or width % 2 or height % 2:
            raise ValueError(
                f"a synthetic picture needs an even size of at least 64×32, not {width}×{height}"
            )
        if not 1 <= fps <= 240:
            raise ValueError(f"frame rate {fps:g} is out of range (1-240 fps)")
        self._format = FrameFormat(width, height, fps, RGB24)
        self._fail_after = fail_after
        self._clock = clock
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.timestamps: list[float] = []  # capture time of each frame delivered, by index
        x = np.linspace(0, 255, width, dtype=np.float32)
        y = np.linspace(0, 255, height, dtype=np.float32)[:, None]
        self._background = np.stack(
            [np.broadcast_to(x, (height, width)), np.broadcast_to(y, (height, width)),
             np.full((height, width), 96, np.float32)],
            axis=2,
        ).astype(np.uint8)  # fmt: skip

    @property
    def format(self) -> FrameFormat:
        return self._format

    def picture(self, index: int) -> np.ndarray:
        """Frame `index` as the source draws it (a new array each time: it is handed away)."""
        pixels = self._background.copy()
        width = self._format.width
        bar = max(4, width // 20)
        x = (index * 4) % (width - bar)
        pixels[:, x : x + bar] = (255, 255, 0)
        encode_number(pixels, index)
        return pixels

    def start(self, on_frame: FrameCallback, on_closed: ClosedCallback) -> None:
        if self._thread is not None:
            raise RuntimeError("the source is already started")
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_frame, on_closed), name="synthetic-frames", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _run(self, on_frame: FrameCallback, on_closed: ClosedCallback) -> None:
        period = 1.0 / self._format.fps
        next_at = self._clock()
        index = 0
        error = None
        while not self._stopping.is_set():
            if self._fail_after is not None and index >= self._fail_after:
                error = "the synthetic camera stopped delivering frames"
                break
            pixels = self.picture(index)
            now = self._clock()
            self.timestamps.append(now)
            on_frame(Frame(pixels, RGB24, now, index))
            index += 1
            next_at += period
            wait = next_at - self._clock()
            if wait < -period:  # far behind (a loaded machine): skip ahead, as a camera would
                next_at = self._clock()
            elif wait > 0:
                self._stopping.wait(wait)
        on_closed(error)
