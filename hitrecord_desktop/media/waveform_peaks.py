"""Multi-resolution min/max summaries of a track, for drawing its waveform at any zoom.

Level 0 holds the min and max of every `BASE_BUCKET` samples per channel; each further level
reduces the one before by `LEVEL_FACTOR`. `PeaksBuilder` fills level 0 in the same streaming pass
that writes the PCM cache; `WaveformPeaks.columns` answers "N pixel columns of (min, max) for this
sample range" from the coarsest level that still has at least one bucket per column, and from the
PCM itself when zoomed in closer than one bucket per column.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BASE_BUCKET = 256
LEVEL_FACTOR = 8
MIN_LEVEL_BUCKETS = 16  # stop adding levels once a level is this small


class PeaksBuilder:
    """Takes (frames, channels) float32 blocks in order; `finish()` gives the peaks."""

    def __init__(self, channels: int, bucket: int = BASE_BUCKET) -> None:
        self.channels = channels
        self.bucket = bucket
        self.frames = 0
        self._carry = np.zeros((0, channels), np.float32)
        self._mins: list[np.ndarray] = []
        self._maxs: list[np.ndarray] = []

    def add(self, block: np.ndarray) -> None:
        self.frames += len(block)
        if len(self._carry):
            block = np.concatenate([self._carry, block])
        whole = len(block) - len(block) % self.bucket
        if whole:
            shaped = block[:whole].reshape(-1, self.bucket, self.channels)
            self._mins.append(shaped.min(axis=1))
            self._maxs.append(shaped.max(axis=1))
        self._carry = block[whole:].copy()

    def finish(self) -> WaveformPeaks:
        if len(self._carry):
            self._mins.append(self._carry.min(axis=0, keepdims=True))
            self._maxs.append(self._carry.max(axis=0, keepdims=True))
            self._carry = self._carry[:0]
        empty = np.zeros((0, self.channels), np.float32)
        mins = np.concatenate(self._mins) if self._mins else empty
        maxs = np.concatenate(self._maxs) if self._maxs else empty
        return WaveformPeaks.from_base(mins, maxs, self.frames, self.bucket)


@dataclass(frozen=True)
class WaveformPeaks:
    """Per level: bucket size in samples, and (buckets, channels) float32 mins and maxs."""

    frames: int
    bucket_sizes: tuple[int, ...]
    mins: tuple[np.ndarray, ...]
    maxs: tuple[np.ndarray, ...]

    @property
    def channels(self) -> int:
        return self.mins[0].shape[1]

    @classmethod
    def from_base(
        cls, mins: np.ndarray, maxs: np.ndarray, frames: int, bucket: int = BASE_BUCKET
    ) -> WaveformPeaks:
        sizes, level_mins, level_maxs = [bucket], [mins], [maxs]
        while len(level_mins[-1]) > MIN_LEVEL_BUCKETS:
            starts = np.arange(0, len(level_mins[-1]), LEVEL_FACTOR)
            level_mins.append(np.minimum.reduceat(level_mins[-1], starts, axis=0))
            level_maxs.append(np.maximum.reduceat(level_maxs[-1], starts, axis=0))
            sizes.append(sizes[-1] * LEVEL_FACTOR)
        return cls(frames, tuple(sizes), tuple(level_mins), tuple(level_maxs))

    @classmethod
    def from_pcm(cls, pcm: np.ndarray, bucket: int = BASE_BUCKET) -> WaveformPeaks:
        builder = PeaksBuilder(pcm.shape[1], bucket)
        for start in range(0, len(pcm), 1 << 20):
            builder.add(np.asarray(pcm[start : start + (1 << 20)]))
        return builder.finish()

    def save(self, path: str | os.PathLike[str]) -> None:
        arrays = {"frames": np.array(self.frames), "bucket_sizes": np.array(self.bucket_sizes)}
        for i, (lo, hi) in enumerate(zip(self.mins, self.maxs, strict=True)):
            arrays[f"min{i}"], arrays[f"max{i}"] = lo, hi
        with open(path, "wb") as handle:
            np.savez(handle, **arrays)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> WaveformPeaks:
        with np.load(Path(path)) as data:
            sizes = tuple(int(s) for s in data["bucket_sizes"])
            return cls(
                int(data["frames"]),
                sizes,
                tuple(data[f"min{i}"] for i in range(len(sizes))),
                tuple(data[f"max{i}"] for i in range(len(sizes))),
            )

    def level_for(self, samples_per_column: float) -> int | None:
        """The coarsest level with at least one bucket per column; None below the base bucket."""
        usable = [i for i, size in enumerate(self.bucket_sizes) if size <= samples_per_column]
        return usable[-1] if usable else None

    def columns(
        self, start: int, end: int, width: int, pcm: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(mins, maxs), each (width, channels) float32, of samples [start, end) in `width` columns.

        Column i covers samples from start + i·(end−start)/width, rounded down to the level's
        buckets. Past the end of the track a column is 0. Zoomed in below one base bucket per
        column, `pcm` (the cached frames) must be given and is read directly.
        """
        if width <= 0 or end <= start:
            raise ValueError("columns needs width > 0 and end > start")
        edges = start + np.arange(width + 1, dtype=np.float64) * ((end - start) / width)
        mins = np.zeros((width, self.channels), np.float32)
        maxs = np.zeros((width, self.channels), np.float32)
        inside = edges[:-1] < self.frames
        count = int(inside.sum())
        if count == 0 or edges[-1] <= 0:
            return mins, maxs
        level = self.level_for((end - start) / width)
        if level is None:
            if pcm is None:
                raise ValueError("zoomed in below the base bucket: pass the PCM frames")
            lo, hi = _reduce(pcm, edges[: count + 1], self.frames)
        else:
            size = self.bucket_sizes[level]
            lo, hi = _reduce_levels(self.mins[level], self.maxs[level], edges[: count + 1], size)
        mins[:count], maxs[:count] = lo, hi
        return mins, maxs


def _reduce(data: np.ndarray, edges: np.ndarray, frames: int) -> tuple:
    """Min/max of PCM samples between column edges (each column at least one sample)."""
    first = np.clip(np.floor(edges[:-1]).astype(np.int64), 0, frames - 1)
    if len(first) > 1 and np.any(np.diff(first) == 0):
        # More columns than samples: each column shows the sample under it.
        values = np.asarray(data[first])
        return values, values
    last = int(min(frames, max(np.ceil(edges[-1]), first[-1] + 1)))
    window = np.asarray(data[first[0] : last])
    offsets = first - first[0]
    return np.minimum.reduceat(window, offsets, axis=0), np.maximum.reduceat(
        window, offsets, axis=0
    )


def _reduce_levels(
    level_min: np.ndarray, level_max: np.ndarray, edges: np.ndarray, size: int
) -> tuple:
    buckets = len(level_min)
    first = np.clip(np.floor(edges[:-1] / size).astype(np.int64), 0, buckets - 1)
    last = int(min(buckets, max(np.ceil(edges[-1] / size), first[-1] + 1)))
    offsets = first - first[0]
    return (
        np.minimum.reduceat(level_min[first[0] : last], offsets, axis=0),
        np.maximum.reduceat(level_max[first[0] : last], offsets, axis=0),
    )
