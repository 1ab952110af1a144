"""A small waveform picture's data for a whole media file: one (min, max) per pixel column.

Decoded once through the PCM cache at the project rate, so a contribution previewed in the browser
and later added to a project is decoded only once. Runs on a worker thread, never the GUI's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..project.model import DEFAULT_SAMPLE_RATE
from .decoding import Cancel
from .pcm_cache import PcmCache


@dataclass(frozen=True)
class WaveformThumbnail:
    """`mins` and `maxs` are (columns,) float32 in -1..1, all channels folded into one."""

    mins: np.ndarray
    maxs: np.ndarray
    duration_s: float

    @property
    def columns(self) -> int:
        return len(self.mins)


def thumbnail_of_file(
    path: Path,
    pcm_cache: PcmCache,
    columns: int,
    sample_rate: int = DEFAULT_SAMPLE_RATE,
    cancel: Cancel = None,
) -> WaveformThumbnail:
    """Raises MediaError for a file with no usable audio."""
    cached = pcm_cache.get_or_decode(path, sample_rate, cancel=cancel)
    frames = len(cached.frames)
    mins, maxs = cached.peaks().columns(0, frames, columns, pcm=cached.frames)
    return WaveformThumbnail(
        np.clip(mins.min(axis=1), -1.0, 1.0).astype(np.float32),
        np.clip(maxs.max(axis=1), -1.0, 1.0).astype(np.float32),
        cached.duration_s,
    )
