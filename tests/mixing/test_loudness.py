"""The streaming loudness and true-peak meters against pyloudnorm and known signals."""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm
import pytest

from hitrecord_desktop.mixing.loudness import LoudnessMeter, PeakMeter, k_weighting_sos, to_db


def _stream(meter: LoudnessMeter | PeakMeter, signal: np.ndarray, sizes=(4801, 333, 17000)):
    i, k = 0, 0
    while i < len(signal):
        n = sizes[k % len(sizes)]
        meter.add(np.ascontiguousarray(signal[i : i + n], dtype=np.float32))
        i, k = i + n, k + 1


def _signals(rate: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(5)
    t = np.arange(rate * 12) / rate
    sine = 0.3 * np.sin(2 * np.pi * 997 * t)
    quiet_then_loud = rng.standard_normal((len(t), 2)) * 0.005
    quiet_then_loud[len(t) // 2 :] *= 40  # the quiet half falls under the relative gate
    return {
        "pink-ish noise": np.cumsum(rng.standard_normal((len(t), 2)), axis=0) * 1e-3 % 0.5 - 0.25,
        "white noise": rng.standard_normal((len(t), 2)) * 0.1,
        "sine left, bass right": np.stack([sine, 0.5 * np.sin(2 * np.pi * 60 * t)], axis=1),
        "quiet then loud": quiet_then_loud,
        "music-like": np.stack([sine * (1 + np.sin(t)), sine * np.cos(t * 0.5)], axis=1),
    }


@pytest.mark.parametrize("rate", [48_000, 44_100])
def test_integrated_loudness_matches_pyloudnorm(rate: int) -> None:
    """Within 0.1 LU of pyloudnorm's default meter, whose K-weighting is designed from round
    parameters and reads ~0.04 LU lower than BS.1770's tabled filter; within 0.001 LU of its
    "DeMan" filter, the one that reproduces the table and that the streaming meter uses."""
    default, de_man = pyloudnorm.Meter(rate), pyloudnorm.Meter(rate, filter_class="DeMan")
    for signal in _signals(rate).values():
        signal = signal.astype(np.float32)
        meter = LoudnessMeter(rate)
        _stream(meter, signal)
        whole = signal.astype(np.float64)
        assert meter.integrated() == pytest.approx(default.integrated_loudness(whole), abs=0.1)
        assert meter.integrated() == pytest.approx(de_man.integrated_loudness(whole), abs=1e-3)


def test_k_weighting_at_48k_is_the_tabled_filter() -> None:
    """The coefficients of BS.1770-4's Tables 1 and 2."""
    sos = k_weighting_sos(48_000)
    shelf = [1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241,
             0.73248077421585]  # fmt: skip
    high_pass = [1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621]
    np.testing.assert_allclose(sos[0, [0, 1, 2, 4, 5]], shelf, atol=1e-9)
    np.testing.assert_allclose(sos[1, [0, 1, 2, 4, 5]], high_pass, atol=1e-9)


def test_loudness_range_close_to_pyloudnorm() -> None:
    rate = 48_000
    rng = np.random.default_rng(9)
    sections = [rng.standard_normal((rate * 6, 2)) * a for a in (0.02, 0.1, 0.05, 0.2)]
    signal = np.concatenate(sections).astype(np.float32)
    meter = LoudnessMeter(rate)
    _stream(meter, signal)
    want = pyloudnorm.Meter(rate).loudness_range(signal.astype(np.float64))
    assert meter.loudness_range() == pytest.approx(want, abs=1.0)


def test_silence_is_minus_infinity() -> None:
    meter = LoudnessMeter(48_000)
    meter.add(np.zeros((48_000, 2), dtype=np.float32))
    assert meter.integrated() == -math.inf
    assert meter.loudness_range() is None


def test_true_peak_finds_an_inter_sample_peak() -> None:
    """A sine at fs/4 with a 45° phase has samples at ±0.707 of its amplitude: a sample peak
    3 dB under the true one."""
    rate = 48_000
    n = np.arange(rate)
    sine = np.sin(2 * np.pi * n / 4 + np.pi / 4)
    meter = PeakMeter(rate)
    _stream(meter, np.stack([sine, 0.5 * sine], axis=1))
    meter.finish()
    assert to_db(meter.sample_peak) == pytest.approx(-3.01, abs=0.01)
    assert to_db(meter.true_peak) == pytest.approx(0.0, abs=0.1)
    assert meter.over_full_scale == 0


def test_samples_over_full_scale_are_counted() -> None:
    block = np.array([[0.5, 1.5], [-1.2, 1.0], [0.0, -1.0]], dtype=np.float32)
    meter = PeakMeter(48_000)
    meter.add(block)
    meter.finish()
    assert meter.over_full_scale == 2
    assert meter.sample_peak == pytest.approx(1.5)
