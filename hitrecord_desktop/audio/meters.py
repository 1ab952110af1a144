"""Per-channel peak and RMS meters with a clip flag, computed in the audio callback into arrays
allocated once, read by the UI on a timer.

Memory model: the callback is the only writer; it stores each channel's new value with one
element assignment per array (numpy writes a float32 or bool in one store). A reader at 30 Hz
may see channel 1 from this block and channel 2 from the previous one, or a peak from this block
beside an RMS from the last: each value is still a real measurement no older than one block
(5 ms), which a meter drawn 30 times a second cannot show. No lock, no copy in the callback.
`clipped` is sticky until the UI calls `reset_clip()` (a plain store of False: if it races with
the callback setting True, the flag shows again on the next clipping block).
"""

from __future__ import annotations

import math

import numpy as np

CLIP_LEVEL = 0.999  # float samples at or above this are taken as clipped


class Meters:
    def __init__(self, channels: int, block_frames: int, rate: int, *, release_s: float = 0.3):
        self.channels = channels
        self.peak = np.zeros(channels, np.float32)  # with a release, linear
        self.rms = np.zeros(channels, np.float32)  # over ~release_s, linear
        self.clipped = np.zeros(channels, bool)
        self.blocks = 0  # blocks metered so far; the UI can tell a stalled stream by it
        self._abs = np.zeros((block_frames, channels), np.float32)
        self._block_peak = np.zeros(channels, np.float32)
        self._block_ms = np.zeros(channels, np.float32)
        self._ms = np.zeros(channels, np.float32)
        self._clip_block = np.zeros(channels, bool)
        self._rate = rate
        self._release_s = release_s
        self._decay_cache: dict[int, float] = {}
        self.decay_for(block_frames)

    def decay_for(self, frames: int) -> float:
        decay = self._decay_cache.get(frames)
        if decay is None:  # computed once per block size; the callback sees one or two sizes
            decay = math.exp(-frames / (self._release_s * self._rate))
            self._decay_cache[frames] = decay
        return decay

    def update(self, block: np.ndarray) -> None:
        """Meters a (frames, channels) float32 block. Allocation-free: ufuncs write into the
        scratch arrays above."""
        frames = len(block)
        if frames == 0:
            return
        scratch = self._abs[:frames]
        np.abs(block, out=scratch)
        np.maximum.reduce(scratch, axis=0, out=self._block_peak)
        np.greater_equal(self._block_peak, CLIP_LEVEL, out=self._clip_block)
        np.logical_or(self.clipped, self._clip_block, out=self.clipped)
        decay = self.decay_for(frames)
        np.multiply(self.peak, decay, out=self.peak)
        np.maximum(self.peak, self._block_peak, out=self.peak)
        np.square(block, out=scratch)
        np.add.reduce(scratch, axis=0, out=self._block_ms)
        np.multiply(self._block_ms, (1.0 - decay) / frames, out=self._block_ms)
        np.multiply(self._ms, decay, out=self._ms)
        np.add(self._ms, self._block_ms, out=self._ms)
        np.sqrt(self._ms, out=self.rms)
        self.blocks += 1

    def reset_clip(self) -> None:
        self.clipped[:] = False

    def snapshot(self) -> tuple[list[float], list[float], list[bool]]:
        """(peak dBFS, RMS dBFS, clipped) per channel, for the UI thread."""

        def db(value: float) -> float:
            return 20.0 * math.log10(value) if value > 1e-9 else -math.inf

        return (
            [db(float(v)) for v in self.peak],
            [db(float(v)) for v in self.rms],
            [bool(v) for v in self.clipped],
        )
