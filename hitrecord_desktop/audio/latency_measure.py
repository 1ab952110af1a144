"""Measuring a round trip: a test signal, and finding it again in a recording (pure numpy/scipy).

The test signal is an exponential sine sweep (Farina), repeated a few times with silence between.
A sweep rather than an MLS because a loopback through real speakers and a microphone distorts and
the two devices' clocks may differ: a sweep's harmonic distortion lands *before* the main peak
(away from it) and it tolerates a small clock mismatch, where an MLS turns both into spurious
peaks spread over the whole response. Correlating with the sweep weighted by its instantaneous
frequency (the inverse filter) whitens the result, so the peak stays a few samples wide even after
a low-pass, and the integer peak is exact.

Each repetition is found on its own; their agreement is part of the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SWEEP_SECONDS = 1.0
GAP_SECONDS = 0.25  # silence after each sweep; a repetition's period bounds the delay we can find
LEAD_IN_SECONDS = 0.25
REPETITIONS = 3
LEVEL = 0.3  # about -10 dBFS: clearly heard through speakers, far from clipping
FADE_SECONDS = 0.005
LOW_HZ = 100.0

# Peak ratios (main peak over the largest other one) mapped to confidence 0 and 1. Noise alone
# gives ~1.0-1.4 over a window of a repetition's period; a heard sweep gives tens to thousands.
NOISE_RATIO = 2.0
CLEAR_RATIO = 8.0
# Repetitions agree when within 0.5 ms of the stacked delay: PulseAudio moved 3 samples within one
# stream (3324, 3324, 3327), two devices' clocks drift; a glitch moves a block or more.
AGREEMENT_SECONDS = 0.0005
HEARD_CONFIDENCE = 0.5
WHITENING = 0.5  # below this, the test signal was not heard


@dataclass(frozen=True)
class TestSignal:
    """The signal to play: `samples` (mono float32), the sweep, and where each repetition starts."""

    __test__ = False  # not a pytest test class

    samples: np.ndarray
    sweep: np.ndarray
    starts: tuple[int, ...]
    period: int  # samples from one sweep's start to the next; the largest findable delay is less
    rate: int

    @property
    def max_delay(self) -> int:
        return self.period - 1


@dataclass(frozen=True)
class DelayEstimate:
    """Where the test signal came back, and how sure we are."""

    samples: int  # the delay of the repetitions stacked; meaningless unless `heard`
    confidence: float  # 0..1: peak clarity times the share of repetitions that agree with it
    peak_ratio: float  # main peak over the largest other peak, repetitions stacked
    consistent: bool  # every repetition on its own within AGREEMENT_SECONDS of `samples`
    inverted: bool  # the signal came back with its polarity flipped
    repetition_samples: tuple[int, ...]
    repetition_ratios: tuple[float, ...]

    @property
    def heard(self) -> bool:
        return self.confidence >= HEARD_CONFIDENCE

    def describe(self) -> str:
        if not self.heard:
            return "did not hear the test signal"
        parts = [f"{self.samples} samples, confidence {self.confidence:.2f}"]
        if not self.consistent:
            parts.append(f"repetitions disagree: {list(self.repetition_samples)}")
        if self.inverted:
            parts.append("polarity inverted")
        return "; ".join(parts)


def exponential_sweep(
    rate: int, seconds: float = SWEEP_SECONDS, low_hz: float = LOW_HZ
) -> np.ndarray:
    """A sine sweep from `low_hz` to 40 % of the rate, exponential in frequency, with fades."""
    high_hz = 0.4 * rate
    n = round(seconds * rate)
    t = np.arange(n) / rate
    span = seconds / np.log(high_hz / low_hz)
    sweep = np.sin(2 * np.pi * low_hz * span * (np.exp(t / span) - 1.0))
    fade = max(1, round(FADE_SECONDS * rate))
    ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(fade) / fade)  # raised cosine: no click
    sweep[:fade] *= ramp
    sweep[-fade:] *= ramp[::-1]
    return sweep


def make_test_signal(
    rate: int,
    repetitions: int = REPETITIONS,
    level: float = LEVEL,
    sweep_seconds: float = SWEEP_SECONDS,
    gap_seconds: float = GAP_SECONDS,
    lead_in_seconds: float = LEAD_IN_SECONDS,
) -> TestSignal:
    """Lead-in silence, then `repetitions` sweeps a period apart, then a period of silence to catch
    the last one's return."""
    if repetitions < 1:
        raise ValueError("at least one repetition")
    sweep = exponential_sweep(rate, sweep_seconds)
    period = len(sweep) + round(gap_seconds * rate)
    lead = round(lead_in_seconds * rate)
    starts = tuple(lead + k * period for k in range(repetitions))
    samples = np.zeros(lead + repetitions * period + period, dtype=np.float32)
    for start in starts:
        samples[start : start + len(sweep)] = level * sweep
    return TestSignal(samples, sweep.astype(np.float32), starts, period, rate)


def _matched_filter(sweep: np.ndarray, rate: int) -> np.ndarray:
    """The sweep weighted by its instantaneous frequency: a sweep spends time ∝ 1/f per Hz, so
    this weighting flattens the correlation's spectrum (the inverse filter, read forwards)."""
    n = len(sweep)
    seconds = n / rate
    span = seconds / np.log(0.4 * rate / LOW_HZ)
    weight = np.exp(WHITENING * np.arange(n) / rate / span)
    template = sweep * weight
    return template / np.sqrt(np.sum(template**2))


def _ratio_confidence(ratio: float) -> float:
    if ratio == float("inf"):
        return 1.0
    if not ratio > NOISE_RATIO:
        return 0.0
    return float(min(1.0, np.log(ratio / NOISE_RATIO) / np.log(CLEAR_RATIO / NOISE_RATIO)))


def _peak(window: np.ndarray, rate: int) -> tuple[int, float, float]:
    """The largest peak's index, its ratio to the largest one outside its main lobe, its sign."""
    magnitude = np.abs(window)
    at = int(np.argmax(magnitude))
    peak = float(magnitude[at])
    exclusion = max(48, int(rate * 0.002))  # the main lobe and its nearest sidelobes
    rest = magnitude.copy()
    # Circular: the next repetition's main lobe is exactly a period later, so a delay near 0 puts
    # its left half at this window's end.
    rest[(at + np.arange(-exclusion, exclusion + 1)) % len(rest)] = 0.0
    second = float(np.max(rest))
    if peak <= 0.0:
        return at, 0.0, 0.0  # digital silence
    return at, (peak / second if second > 0.0 else float("inf")), float(np.sign(window[at]))


def find_delay(played: TestSignal, recorded: np.ndarray, rate: int) -> DelayEstimate:
    """Where each repetition of `played` is in `recorded` (sample-aligned with `played`'s start).

    Robust to gain, DC offset, noise, a low-pass and polarity; a delay must be below
    `played.max_delay`.
    """
    if rate != played.rate:
        raise ValueError(f"the test signal was made for {played.rate} Hz, not {rate} Hz")
    recorded = np.asarray(recorded, dtype=np.float64).reshape(-1)
    need = played.starts[-1] + played.period
    if len(recorded) < need:
        recorded = np.concatenate([recorded, np.zeros(need - len(recorded))])
    recorded = recorded - np.mean(recorded)  # a DC offset would correlate with the fades
    template = _matched_filter(played.sweep.astype(np.float64), rate)
    # response[n] = sum_m recorded[n + m] * template[m]: a peak at n = start + delay
    from scipy import signal as sps  # ~1.3 s to import: only when a latency is measured

    response = sps.correlate(recorded, template, mode="valid", method="fft")
    windows = np.stack([response[start : start + played.period] for start in played.starts])
    # The repetitions stacked: their peaks add coherently, the noise does not (+4.8 dB for three).
    stacked_at, ratio, sign = _peak(windows.sum(axis=0), rate)
    delays = [_peak(window, rate)[0] for window in windows]
    ratios = [_peak(window, rate)[1] for window in windows]
    tolerance = max(2, round(AGREEMENT_SECONDS * rate))
    agreeing = [abs(d - stacked_at) <= tolerance for d in delays]
    confidence = _ratio_confidence(ratio) * sum(agreeing) / len(delays)
    return DelayEstimate(
        samples=stacked_at,
        confidence=confidence,
        peak_ratio=ratio,
        consistent=all(agreeing),
        inverted=sign < 0,
        repetition_samples=tuple(delays),
        repetition_ratios=tuple(ratios),
    )
