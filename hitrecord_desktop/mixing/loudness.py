"""Streaming loudness (ITU-R BS.1770-4 / EBU R 128) and true-peak meters for the offline render.

pyloudnorm measures a whole signal held in memory; a render is measured block by block instead,
so memory stays bounded: the K-weighting biquads carry their state from block to block
(scipy's `sosfilt` with `zi`), and what is kept is one energy per 100 ms step (8 bytes per
100 ms: ~0.3 MB for an hour), from which the gated 400 ms blocks (75 % overlap) and the 3 s
short-term windows of the loudness range are formed at the end.
"""

from __future__ import annotations

import math
from array import array

import numpy as np
import soxr


def _sosfilt():  # type: ignore[no-untyped-def]
    """scipy.signal costs ~1.3 s to import: loaded at the first measured block (a render or a
    take, on a worker thread), not when the app starts."""
    from scipy.signal import sosfilt

    return sosfilt


ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
LRA_RELATIVE_GATE_LU = -20.0
TRUE_PEAK_OVERSAMPLING = 4


def k_weighting_sos(sample_rate: int) -> np.ndarray:
    """The two K-weighting biquads (high shelf, then high pass) at any rate.

    The analogue prototypes fitted by Brecht De Man (as libebur128 uses them), which give the
    coefficients tabled in BS.1770-4 at 48 kHz exactly and the same response at other rates.
    """
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / sample_rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh**0.4996667741545416
    a0 = 1.0 + k / q + k * k
    shelf = [
        (vh + vb * k / q + k * k) / a0,
        2.0 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0,
        1.0,
        2.0 * (k * k - 1.0) / a0,
        (1.0 - k / q + k * k) / a0,
    ]
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / sample_rate)
    a0 = 1.0 + k / q + k * k
    high_pass = [1.0, -2.0, 1.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    return np.array([shelf, high_pass])


def _lufs(mean_square: float) -> float:
    return -0.691 + 10.0 * math.log10(mean_square) if mean_square > 0 else -math.inf


class LoudnessMeter:
    """Integrated loudness and loudness range of a stream of (frames, channels) blocks.

    Channel weights are 1 (left and right; BS.1770 weighs only surround channels otherwise).
    """

    def __init__(self, sample_rate: int, channels: int = 2) -> None:
        self.sample_rate = sample_rate
        self._sos = k_weighting_sos(sample_rate)
        self._zi = np.zeros((self._sos.shape[0], 2, channels))
        self._step = max(1, round(sample_rate / 10))  # 100 ms
        self._partial = 0.0  # energy of the step being filled
        self._partial_frames = 0
        self._steps = array("d")  # energy (summed over channels) of each complete 100 ms step

    def add(self, block: np.ndarray) -> None:
        filtered, self._zi = _sosfilt()(self._sos, block, axis=0, zi=self._zi)
        energy = np.einsum("ij,ij->i", filtered, filtered)  # per frame, summed over channels
        step, i = self._step, 0
        if self._partial_frames:
            take = min(step - self._partial_frames, len(energy))
            self._partial += float(energy[:take].sum())
            self._partial_frames += take
            i = take
            if self._partial_frames == step:
                self._steps.append(self._partial)
                self._partial, self._partial_frames = 0.0, 0
        whole = (len(energy) - i) // step
        if whole:
            sums = energy[i : i + whole * step].reshape(whole, step).sum(axis=1)
            self._steps.extend(sums.tolist())
            i += whole * step
        if i < len(energy):
            self._partial = float(energy[i:].sum())
            self._partial_frames = len(energy) - i

    def _windows(self, steps_per_window: int) -> np.ndarray:
        """Mean square of every window of that many steps, hopping one step (100 ms)."""
        steps = np.frombuffer(self._steps, dtype=np.float64)
        if len(steps) < steps_per_window:
            return np.zeros(0)
        sums = np.convolve(steps, np.ones(steps_per_window), mode="valid")
        return sums / (steps_per_window * self._step)

    def integrated(self) -> float:
        """Gated integrated loudness in LUFS; -inf when everything is below the absolute gate."""
        blocks = self._windows(4)  # 400 ms blocks, 75 % overlap
        with np.errstate(divide="ignore"):
            loudness = -0.691 + 10.0 * np.log10(blocks)
        gated = blocks[loudness >= ABSOLUTE_GATE_LUFS]
        if not len(gated):
            return -math.inf
        relative = _lufs(float(gated.mean())) + RELATIVE_GATE_LU
        gated = blocks[(loudness >= ABSOLUTE_GATE_LUFS) & (loudness > relative)]
        return _lufs(float(gated.mean())) if len(gated) else -math.inf

    def loudness_range(self) -> float | None:
        """EBU Tech 3342 loudness range in LU from 3 s windows; None when there are none."""
        windows = self._windows(30)
        with np.errstate(divide="ignore"):
            loudness = -0.691 + 10.0 * np.log10(windows)
        gated = loudness[loudness >= ABSOLUTE_GATE_LUFS]
        if not len(gated):
            return None
        relative = _lufs(float(windows[loudness >= ABSOLUTE_GATE_LUFS].mean()))
        gated = gated[gated >= relative + LRA_RELATIVE_GATE_LU]
        if not len(gated):
            return None
        low, high = np.percentile(gated, [10, 95])
        return float(high - low)


class PeakMeter:
    """Sample peak, true peak (4× oversampled, as BS.1770-4 Annex 2) and samples over full scale.

    The oversampling is soxr's streaming resampler (high quality, linear phase): it keeps its
    filter state across blocks, runs in C without the GIL, and costs about one numpy pass per
    output sample, where a 48-tap polyphase FIR in numpy would take dozens of passes.
    """

    def __init__(self, sample_rate: int, channels: int = 2) -> None:
        self._resampler = soxr.ResampleStream(
            sample_rate,
            sample_rate * TRUE_PEAK_OVERSAMPLING,
            channels,
            dtype="float32",
            quality="HQ",
        )
        self.sample_peak = 0.0
        self.true_peak = 0.0
        self.over_full_scale = 0  # channel samples with |x| > 1
        self._channels = channels

    def _true(self, upsampled: np.ndarray) -> None:
        if len(upsampled):
            peak = float(max(upsampled.max(), -upsampled.min()))
            self.true_peak = max(self.true_peak, peak)

    def add(self, block: np.ndarray) -> None:
        peak = float(max(block.max(), -block.min())) if len(block) else 0.0
        self.sample_peak = max(self.sample_peak, peak)
        if peak > 1.0:
            self.over_full_scale += int(np.count_nonzero(np.abs(block) > 1.0))
        self._true(self._resampler.resample_chunk(block))

    def finish(self) -> None:
        self._true(
            self._resampler.resample_chunk(np.zeros((0, self._channels), np.float32), last=True)
        )
        # The original samples are part of the oversampled signal: never report less.
        self.true_peak = max(self.true_peak, self.sample_peak)


def to_db(amplitude: float) -> float:
    return 20.0 * math.log10(amplitude) if amplitude > 0 else -math.inf
