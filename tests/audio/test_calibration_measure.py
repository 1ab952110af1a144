"""find_delay on synthetic recordings: known delays come back exactly, silence is not 'heard'."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal as sps

from hitrecord_desktop.audio.latency_measure import (
    HEARD_CONFIDENCE,
    find_delay,
    make_test_signal,
)

RATE = 48_000


def loopback(
    played: np.ndarray,
    delay: int,
    *,
    gain: float = 0.05,
    snr_db: float = -10.0,
    dc: float = 0.01,
    cutoff_hz: float | None = 8000.0,
    invert: bool = False,
    seed: int = 0,
) -> np.ndarray:
    """What a quiet, noisy, slightly dull loopback would record: the same length as `played`.

    `snr_db` compares white noise (to Nyquist) with the signal while it plays.
    """
    rng = np.random.default_rng(seed)
    heard = np.concatenate([np.zeros(delay), played])[: len(played)].astype(np.float64)
    if cutoff_hz is not None:
        # zero-phase, so the true delay stays an exact integer
        sos = sps.butter(2, cutoff_hz, fs=RATE, output="sos")
        heard = sps.sosfiltfilt(sos, heard)
    heard *= -gain if invert else gain
    signal_rms = np.sqrt(np.mean(heard[np.abs(heard) > 1e-3 * gain] ** 2))  # while it plays
    noise = rng.standard_normal(len(heard)) * signal_rms * 10 ** (-snr_db / 20)
    return heard + noise + dc


DELAYS = [0, 1, 511, 512, 1601, 9000]


@pytest.mark.parametrize("delay", DELAYS)
def test_known_delays_come_back_exactly(delay: int) -> None:
    """Quiet (-26 dB), a DC offset, a mild low-pass (8 kHz) and noise at -10 dB SNR."""
    test_signal = make_test_signal(RATE)
    recorded = loopback(test_signal.samples, delay, seed=delay)
    estimate = find_delay(test_signal, recorded, RATE)
    assert estimate.samples == delay
    assert estimate.repetition_samples == (delay,) * 3
    assert estimate.consistent
    assert not estimate.inverted
    assert estimate.heard
    assert estimate.confidence > 0.9, estimate


@pytest.mark.parametrize("delay", DELAYS)
def test_noise_at_minus_20_db_still_finds_the_exact_delay(delay: int) -> None:
    test_signal = make_test_signal(RATE)
    recorded = loopback(test_signal.samples, delay, snr_db=-20, cutoff_hz=None, seed=100 + delay)
    estimate = find_delay(test_signal, recorded, RATE)
    assert estimate.samples == delay
    assert estimate.heard, estimate


def test_clean_loopback_is_certain() -> None:
    test_signal = make_test_signal(RATE)
    recorded = loopback(test_signal.samples, 1601, snr_db=200, dc=0, cutoff_hz=None)
    estimate = find_delay(test_signal, recorded, RATE)
    assert (estimate.samples, estimate.confidence) == (1601, 1.0)


def test_inverted_polarity_is_reported() -> None:
    test_signal = make_test_signal(RATE)
    recorded = loopback(test_signal.samples, 777, invert=True)
    estimate = find_delay(test_signal, recorded, RATE)
    assert estimate.samples == 777
    assert estimate.inverted
    assert estimate.confidence > 0.9


def test_other_rates_and_a_single_repetition() -> None:
    test_signal = make_test_signal(44_100, repetitions=1)
    played = test_signal.samples
    recorded = np.concatenate([np.zeros(300), played])[: len(played)] * 0.2
    estimate = find_delay(test_signal, recorded, 44_100)
    assert estimate.samples == 300
    assert estimate.heard


def test_digital_silence_is_not_heard() -> None:
    test_signal = make_test_signal(RATE)
    estimate = find_delay(test_signal, np.zeros(len(test_signal.samples)), RATE)
    assert estimate.confidence == 0.0
    assert not estimate.heard
    assert estimate.describe() == "did not hear the test signal"


@pytest.mark.parametrize("seed", range(5))
def test_noise_alone_is_not_heard(seed: int) -> None:
    test_signal = make_test_signal(RATE)
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal(len(test_signal.samples)) * 0.01 + 0.003
    estimate = find_delay(test_signal, noise, RATE)
    assert estimate.confidence < HEARD_CONFIDENCE / 2, estimate
    assert not estimate.heard


def test_repetitions_that_disagree_are_not_trusted() -> None:
    test_signal = make_test_signal(RATE)
    played = test_signal.samples
    # the first sweep comes back 1000 samples late, the others 1600: a glitch mid-measurement
    recorded = np.concatenate([np.zeros(1600), played])[: len(played)].copy()
    first = test_signal.starts[0]
    recorded[first : first + test_signal.period] = 0.0
    shifted = first + 1000
    recorded[shifted : shifted + len(test_signal.sweep)] += 0.3 * test_signal.sweep
    estimate = find_delay(test_signal, recorded, RATE)
    assert estimate.samples == 1600
    assert estimate.repetition_samples == (1000, 1600, 1600)
    assert not estimate.consistent
    # stacked, the stray sweep is a second peak half the main one's height: not a clear answer
    assert estimate.peak_ratio == pytest.approx(2, rel=0.05)
    assert not estimate.heard


def test_signal_shape() -> None:
    test_signal = make_test_signal(RATE)
    samples = test_signal.samples
    assert samples.dtype == np.float32
    assert np.max(np.abs(samples)) <= 0.3 + 1e-6
    assert samples[: test_signal.starts[0]].any() == 0  # lead-in is silence
    start = test_signal.starts[0]
    # faded in: no click at the first sample
    assert abs(samples[start]) < 1e-6
    assert np.max(np.abs(samples[start : start + 10])) < 0.01
    assert len(samples) >= test_signal.starts[-1] + 2 * test_signal.period - 1
