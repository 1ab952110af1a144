"""Waveform pictures cut in tiles of fixed width, drawn once per zoom level and reused.

Tiles are aligned to the media's sample 0 (not to the clip), so moving, trimming or splitting a
clip reuses every tile, and clips cut from the same media share them. Scrolling only blits
pixmaps; a tile is drawn (numpy straight into a QImage) the first time it comes into view.
"""

from __future__ import annotations

import time
from collections import OrderedDict

import numpy as np

from PySide6.QtGui import QColor, QImage, QPixmap

from .peaks_source import LoadedPeaks

TILE_WIDTH = 512
SILENCE = 1e-3  # a column quieter than this (peak to peak) draws nothing
DEFAULT_BUDGET = 96 * 1024 * 1024  # bytes of pixmaps kept
FRAME_BUDGET_S = 0.012  # time to draw new tiles per paint; the rest come on the next pass


class WaveformTiles:
    """An LRU of tile pixmaps keyed by media, zoom, tile, height and colour."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET) -> None:
        self._tiles: OrderedDict[tuple, QPixmap | None] = OrderedDict()
        self._bytes = 0
        self._budget = budget_bytes
        self._spent = 0.0  # seconds spent drawing new tiles in this paint
        self.deferred = False  # a tile was left out of the last paint for lack of time

    def begin_frame(self) -> None:
        """Starts a paint pass: new tiles are drawn until its time budget is spent, so the
        arrival of many waveforms at once never stalls one frame."""
        self._spent = 0.0
        self.deferred = False

    def clear(self) -> None:
        self._tiles.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._tiles)

    def tile(
        self,
        key: str,
        loaded: LoadedPeaks,
        samples_per_pixel: float,
        index: int,
        height: int,
        color: QColor,
        ratio: float = 1.0,
    ) -> QPixmap | None:
        """Tile `index` (TILE_WIDTH logical pixels from the media's start); None past its end
        or when it is all silence."""
        cache_key = (key, samples_per_pixel, index, height, color.rgba(), ratio)
        if cache_key in self._tiles:
            self._tiles.move_to_end(cache_key)
            return self._tiles[cache_key]
        if self._spent > FRAME_BUDGET_S:
            self.deferred = True
            return None
        started = time.perf_counter()
        pixmap = _draw_tile(loaded, samples_per_pixel, index, height, color, ratio)
        self._spent += time.perf_counter() - started
        self._tiles[cache_key] = pixmap
        if pixmap is not None:
            self._bytes += pixmap.width() * pixmap.height() * 4
        while self._bytes > self._budget and self._tiles:
            _, old = self._tiles.popitem(last=False)
            if old is not None:
                self._bytes -= old.width() * old.height() * 4
        return pixmap


def _draw_tile(
    loaded: LoadedPeaks, spp: float, index: int, height: int, color: QColor, ratio: float
) -> QPixmap | None:
    peaks = loaded.peaks
    start = index * TILE_WIDTH * spp
    if start >= peaks.frames or height <= 2:
        return None
    width_px = max(1, round(TILE_WIDTH * ratio))
    height_px = max(1, round(height * ratio))
    end = start + TILE_WIDTH * spp
    pcm = loaded.pcm if peaks.level_for(spp / ratio) is None else None
    if pcm is None and peaks.level_for(spp / ratio) is None:
        # Zoomed in past the peaks and the PCM is not at hand: draw from the base bucket.
        width_px = max(1, int((end - start) / peaks.bucket_sizes[0]))
    mins, maxs = peaks.columns(int(start), int(end), width_px, pcm)
    lo = mins.min(axis=1)
    hi = maxs.max(axis=1)
    if width_px != round(TILE_WIDTH * ratio):
        stretch = np.linspace(0, width_px - 1, round(TILE_WIDTH * ratio)).astype(np.int64)
        lo, hi = lo[stretch], hi[stretch]
        width_px = len(lo)
    loud = (hi - lo) > SILENCE
    if not loud.any():
        return None
    half = (height_px - 1) / 2.0
    top = np.floor(half - np.clip(hi, -1, 1) * half).astype(np.int32)
    bottom = np.ceil(half - np.clip(lo, -1, 1) * half).astype(np.int32)
    rows = np.arange(height_px, dtype=np.int32)[:, None]
    mask = (rows >= top[None, :]) & (rows <= bottom[None, :]) & loud[None, :]
    premultiplied = QColor(color)
    alpha = premultiplied.alpha() / 255.0
    argb = (
        (premultiplied.alpha() << 24)
        | (round(premultiplied.red() * alpha) << 16)
        | (round(premultiplied.green() * alpha) << 8)
        | round(premultiplied.blue() * alpha)
    )
    pixels = np.where(mask, np.uint32(argb), np.uint32(0)).astype(np.uint32)
    pixels = np.ascontiguousarray(pixels)
    image = QImage(
        pixels.data, width_px, height_px, width_px * 4, QImage.Format.Format_ARGB32_Premultiplied
    ).copy()
    image.setDevicePixelRatio(ratio)
    return QPixmap.fromImage(image)
