"""Waveform peaks against a plain numpy min/max of the same samples."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import numpy as np
import pytest

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.media.waveform_peaks import (
    BASE_BUCKET,
    LEVEL_FACTOR,
    PeaksBuilder,
    WaveformPeaks,
)


@pytest.fixture(scope="module")
def signal() -> np.ndarray:
    rng = np.random.default_rng(11)
    frames = 1_000_003  # not a multiple of any bucket
    data = rng.uniform(-0.5, 0.5, (frames, 2)).astype(np.float32)
    data[123_456, 0] = 0.99  # a spike to find at every zoom
    data[777_777, 1] = -0.98
    return data


def reference(data: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo = np.stack([data[a:b].min(axis=0) for a, b in itertools.pairwise(edges)])
    hi = np.stack([data[a:b].max(axis=0) for a, b in itertools.pairwise(edges)])
    return lo, hi


def test_streaming_builder_equals_whole_array(signal: np.ndarray) -> None:
    builder = PeaksBuilder(2)
    position = 0
    for size in [1, 255, 256, 1000, 70_000, 3] * 20 + [len(signal)]:
        builder.add(signal[position : position + size])
        position += size
        if position >= len(signal):
            break
    streamed = builder.finish()
    whole = WaveformPeaks.from_pcm(signal)
    assert streamed.frames == whole.frames == len(signal)
    assert streamed.bucket_sizes == whole.bucket_sizes
    for a, b in zip(streamed.mins + streamed.maxs, whole.mins + whole.maxs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_every_level_matches_numpy(signal: np.ndarray) -> None:
    peaks = WaveformPeaks.from_pcm(signal)
    assert peaks.bucket_sizes[:3] == (BASE_BUCKET, BASE_BUCKET * LEVEL_FACTOR, BASE_BUCKET * 64)
    for size, lo, hi in zip(peaks.bucket_sizes, peaks.mins, peaks.maxs, strict=True):
        edges = np.append(np.arange(0, len(signal), size), len(signal))
        ref_lo, ref_hi = reference(signal, edges)
        np.testing.assert_array_equal(lo, ref_lo)
        np.testing.assert_array_equal(hi, ref_hi)


@pytest.mark.parametrize("width", [1, 37, 800, 2000])
@pytest.mark.parametrize("span", [(0, 1_000_003), (100_000, 200_000), (123_000, 124_000)])
def test_columns_match_numpy_on_bucket_edges(
    signal: np.ndarray, width: int, span: tuple[int, int]
) -> None:
    peaks = WaveformPeaks.from_pcm(signal)
    start, end = span
    lo, hi = peaks.columns(start, end, width, pcm=signal)
    spp = (end - start) / width
    level = peaks.level_for(spp)
    size = 1 if level is None else peaks.bucket_sizes[level]
    # Each column covers whole buckets: its edges are rounded down to the level's bucket size.
    edges = start + np.arange(width + 1) * spp
    edges = (np.floor(edges / size) * size).astype(np.int64)
    edges[-1] = min(len(signal), int(np.ceil((start + width * spp) / size) * size))
    if size == 1:
        edges[:-1] = np.floor(start + np.arange(width) * spp).astype(np.int64)
    if spp < 1:  # more columns than samples: each column shows the sample under it
        ref_lo = ref_hi = signal[edges[:-1]]
    else:
        ref_lo, ref_hi = reference(signal, edges)
    np.testing.assert_array_equal(lo, ref_lo)
    np.testing.assert_array_equal(hi, ref_hi)
    if start <= 123_456 < end:
        assert hi[:, 0].max() == pytest.approx(0.99)


def test_zoomed_in_beyond_one_sample_per_column(signal: np.ndarray) -> None:
    peaks = WaveformPeaks.from_pcm(signal)
    lo, hi = peaks.columns(123_450, 123_460, 40, pcm=signal)
    np.testing.assert_array_equal(lo, hi)
    np.testing.assert_array_equal(lo[::4], signal[123_450:123_460])
    with pytest.raises(ValueError, match="pass the PCM"):
        peaks.columns(0, 100, 50)


def test_past_the_end_is_silence(signal: np.ndarray) -> None:
    peaks = WaveformPeaks.from_pcm(signal)
    lo, hi = peaks.columns(900_000, 1_100_000, 100, pcm=signal)
    assert (lo[60:] == 0).all() and (hi[60:] == 0).all()
    assert (hi[:45] > 0).all()


def test_cache_stores_peaks_of_the_cached_pcm(tmp_path: Path, signal: np.ndarray) -> None:
    import soundfile

    source = tmp_path / "noise.flac"
    soundfile.write(source, signal[:200_000], 48_000)
    cached = PcmCache(tmp_path / "cache").get_or_decode(source, 48_000)
    stored = cached.peaks()
    fresh = WaveformPeaks.from_pcm(np.asarray(cached.frames))
    assert stored.frames == len(cached.frames)
    for a, b in zip(stored.mins + stored.maxs, fresh.mins + fresh.maxs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_ten_minutes_draw_at_any_zoom_without_waiting() -> None:
    frames = 10 * 60 * 48_000
    base = frames // BASE_BUCKET + 1
    rng = np.random.default_rng(1)
    lo = -rng.random((base, 2), dtype=np.float32)
    peaks = WaveformPeaks.from_base(lo, -lo, frames)
    pcm = np.zeros((frames, 2), np.float32)
    started = time.perf_counter()
    for span in (frames, frames // 10, frames // 1000, 48_000, 2_000):
        for offset in range(0, frames - span + 1, max(1, (frames - span) // 10)):
            peaks.columns(offset, offset + span, 2000, pcm=pcm)
    per_draw = (time.perf_counter() - started) / 55
    assert per_draw < 0.005, per_draw
