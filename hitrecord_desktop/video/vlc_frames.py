"""libVLC's decoded frames, copied into memory any thread can read (no Qt).

libVLC's video callbacks ("vmem") decode into a buffer we own, as 32-bit BGRA ("RV32"). Traps
measured on these machines (shared/HEADLESS.md): python-vlc declares the format callback's
`chroma` as `c_char_p`, so writing "RV32" into it never reaches libVLC, which then writes I420
and corrupts the heap; we declare that callback's type ourselves with `POINTER(c_char)`. Pitch
and line count are rounded up to 32 and the buffer is aligned, as decoders write in whole
blocks. The ctypes callback objects live as long as this object, which must outlive the player.

The callbacks run on libVLC's video output thread: they touch nothing but this object. On each
displayed picture the visible part is copied, under a lock, into the "latest frame" with a
running number, so a reader (the GUI timer) repaints only when the number moved.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

ALIGN = 32
CHROMA = b"RV32"

# The format callback as libVLC declares it: chroma is a writable char[4], not a C string.
FormatCb = ctypes.CFUNCTYPE(
    ctypes.c_uint,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.POINTER(ctypes.c_char),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
)
CleanupCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
LockCb = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
UnlockCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
DisplayCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


def _cropped(decoded: tuple[int, int], visible: tuple[int, int] | None) -> tuple[int, int]:
    """The visible part of a decoded picture. libVLC reports the stored size, but turns the
    pictures of a rotated (phone) video upright itself, so the visible size swaps too; the
    padding of the decoder's buffer ends up right of or below the picture either way."""
    w, h = decoded
    if visible is None:
        return w, h
    vw, vh = visible
    if (w < vw or h < vh) and w >= vh and h >= vw:
        vw, vh = vh, vw
    return min(w, vw), min(h, vh)


def _round_up(value: int, step: int) -> int:
    return -(-value // step) * step


@dataclass(frozen=True)
class Frame:
    """One displayed picture: BGRA rows of `width` pixels (`pixels` is height x width x 4)."""

    number: int  # counts displayed pictures since the buffer was made
    pixels: np.ndarray
    shown_at: float  # time.monotonic() when libVLC displayed it (libVLC tells no media time:
    # `VideoPlayer.media_time_ms(shown_at)` gives it by the player's clock)

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


class FrameBuffer:
    """Receives one libVLC player's pictures; `attach(player)` before `play()`."""

    def __init__(self, on_frame: Callable[[int], None] | None = None) -> None:
        """`on_frame(number)` is called on libVLC's thread after each copy: keep it tiny."""
        self._on_frame = on_frame
        self._lock = threading.Lock()
        self._decode: np.ndarray | None = None  # libVLC writes here (pitch x lines)
        self._size = (0, 0)  # width, height from the format callback
        self._pitch = 0
        self._latest: np.ndarray | None = None  # the last displayed picture, cropped
        self._number = 0
        self._shown_at = 0.0
        self._visible: tuple[int, int] | None = None  # the size libVLC reports, when smaller
        # Kept alive as long as the buffer: libVLC calls them until the player is released.
        self._callbacks = (
            FormatCb(self._format),
            CleanupCb(self._cleanup),
            LockCb(self._lock_picture),
            UnlockCb(self._unlock_picture),
            DisplayCb(self._display),
        )

    def attach(self, player: Any) -> None:
        """Routes `player`'s video into this buffer (python-vlc MediaPlayer)."""
        import vlc  # the adapter's one libVLC import; the rest of the module is plain ctypes

        fmt, cleanup, lock, unlock, display = self._callbacks
        vlc.libvlc_video_set_format_callbacks(player, ctypes.cast(fmt, vlc.VideoFormatCb), cleanup)
        vlc.libvlc_video_set_callbacks(player, lock, unlock, display, None)

    def reset(self) -> None:
        """Forgets the last picture (a new media is opened): readers see no frame until the
        next one is displayed. The number keeps counting, so no reader mistakes old for new."""
        with self._lock:
            self._latest = None
            self._visible = None

    def set_visible_size(self, width: int, height: int) -> None:
        """The size libVLC reports for the video (`video_get_size`): pictures are cropped to it
        when the decoder's buffer is larger (H.264 1080p decodes 1088 lines)."""
        with self._lock:
            self._visible = (width, height) if width > 0 and height > 0 else None
            latest = self._latest
            if self._visible is not None and latest is not None:
                w, h = _cropped((latest.shape[1], latest.shape[0]), self._visible)
                self._latest = latest[:h, :w].copy()

    @property
    def number(self) -> int:
        """The number of the latest picture (cheap: the GUI timer polls it)."""
        return self._number

    @property
    def decoded_size(self) -> tuple[int, int]:
        return self._size

    @property
    def picture_size(self) -> tuple[int, int]:
        """Width and height of the pictures readers get (the decoded size, cropped)."""
        with self._lock:
            return _cropped(self._size, self._visible)

    def latest(self, newer_than: int = -1) -> Frame | None:
        """A copy of the latest picture, or None when there is none newer than `newer_than`."""
        with self._lock:
            if self._latest is None or self._number <= newer_than:
                return None
            return Frame(self._number, self._latest.copy(), self._shown_at)

    # -- libVLC's video output thread ------------------------------------------------------

    def _format(self, _opaque, chroma, width, height, pitches, lines) -> int:  # type: ignore[no-untyped-def]
        w, h = int(width[0]), int(height[0])
        ctypes.memmove(chroma, CHROMA, 4)
        pitch = _round_up(w * 4, ALIGN)
        rows = _round_up(h, ALIGN)
        pitches[0], lines[0] = pitch, rows
        raw = np.zeros(pitch * rows + ALIGN, np.uint8)
        skip = (-raw.ctypes.data) % ALIGN
        with self._lock:
            self._decode = raw[skip : skip + pitch * rows].reshape(rows, pitch)
            self._size = (w, h)
            self._pitch = pitch
            self._latest = None  # nothing decoded in this format yet
        return 1  # one picture buffer

    def _cleanup(self, _opaque) -> None:  # type: ignore[no-untyped-def]
        pass  # the buffer stays until the next format or until this object goes

    def _lock_picture(self, _opaque, planes):  # type: ignore[no-untyped-def]
        decode = self._decode
        planes[0] = decode.ctypes.data if decode is not None else None
        return None

    def _unlock_picture(self, _opaque, _picture, _planes) -> None:  # type: ignore[no-untyped-def]
        pass

    def _display(self, _opaque, _picture) -> None:  # type: ignore[no-untyped-def]
        shown = time.monotonic()
        with self._lock:
            decode = self._decode
            if decode is None:
                return
            w, h = _cropped(self._size, self._visible)
            picture = decode[:h, : w * 4].reshape(h, w, 4)
            latest = self._latest
            if latest is None or latest.shape != picture.shape:
                latest = self._latest = np.empty_like(picture)
            np.copyto(latest, picture)
            self._number += 1
            self._shown_at = shown
            number = self._number
        if self._on_frame is not None:
            self._on_frame(number)
