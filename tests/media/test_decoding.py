"""Every format of the corpus decodes to the right rate, channels, length and content."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

from hitrecord_desktop.media.decoding import decode_blocks
from hitrecord_desktop.media.pcm_cache import CachedPcm, PcmCache
from hitrecord_desktop.media.probe import probe
from tests.media.conftest import CLICK_SECONDS, GOOD, Corpus, Sample

RATE = 48_000


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> PcmCache:
    return PcmCache(tmp_path_factory.mktemp("pcm-cache"))


@pytest.fixture(scope="module")
def speech_at_48k(corpus: Corpus) -> np.ndarray:
    """espeak-ng's WAV resampled by ffmpeg (not by us): the reference for the speech files."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(corpus / "espeak.wav"), "-ar", str(RATE), "-ac", "1",
         "-f", "f32le", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, np.float32)


def dominant_hz(signal: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(signal * np.hanning(len(signal))))
    return float(np.argmax(spectrum) * rate / len(signal))


def best_lag(a: np.ndarray, b: np.ndarray, max_lag: int = 64) -> tuple[int, float]:
    """The lag of b against a with the highest normalised correlation, and that correlation."""
    n = min(len(a), len(b)) - 2 * max_lag
    best = (0, -1.0)
    for lag in range(-max_lag, max_lag + 1):
        x = a[max_lag : max_lag + n]
        y = b[max_lag + lag : max_lag + lag + n]
        corr = float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y) + 1e-12))
        best = max(best, (lag, corr), key=lambda item: item[1])
    return best


@pytest.mark.parametrize("name", sorted(GOOD))
def test_probe_finds_format_by_content(corpus: Corpus, name: str) -> None:
    sample = corpus.good[name]
    info = probe(corpus / name)
    assert (info.container, info.codec) == (sample.container, sample.codec)
    assert (info.sample_rate, info.channels) == (sample.rate, sample.channels)
    if sample.video:
        assert info.video is not None
        assert info.video.codec == sample.video
        assert (info.video.width, info.video.height, info.video.fps) == (160, 120, 25.0)
        assert info.video.duration_s == pytest.approx(2.0, abs=0.05)
    else:
        assert info.video is None


@pytest.mark.parametrize("name", sorted(GOOD))
def test_decodes_to_project_rate_with_right_content(
    corpus: Corpus, cache: PcmCache, speech_at_48k: np.ndarray, name: str
) -> None:
    sample: Sample = corpus.good[name]
    cached: CachedPcm = cache.get_or_decode(corpus / name, RATE)
    pcm = np.asarray(cached.frames)
    assert pcm.dtype == np.float32
    assert cached.sample_rate == RATE
    assert cached.channels == (1 if sample.channels == 1 else 2)
    assert cached.source.channels == sample.channels
    assert np.isfinite(pcm).all()

    if sample.duration_s > 0:
        # Lossy codecs may keep up to one codec frame of end padding; see test_encoder_padding.
        assert len(pcm) == pytest.approx(sample.duration_s * RATE, abs=1100)

    kind = sample.kind
    if kind == "click":
        click = int(np.argmax(np.abs(pcm[:, 1])))
        assert abs(click - CLICK_SECONDS * RATE) <= 3, click
        assert dominant_hz(pcm[:, 0], RATE) == pytest.approx(440, abs=2)
    elif kind.startswith("sine:"):
        left, right = (float(f) for f in kind.split(":")[1:])
        assert dominant_hz(pcm[:, 0], RATE) == pytest.approx(left, abs=2)
        assert dominant_hz(pcm[:, -1], RATE) == pytest.approx(right, abs=2)
        peak = np.abs(pcm[RATE // 10 : -RATE // 10]).max()
        assert 0.5 < peak <= 1.01  # sox's sine (at -3 dB) keeps its level
    elif kind.startswith("centre-sine:"):
        hz = float(kind.split(":")[1])
        assert dominant_hz(pcm[:, 0], RATE) == pytest.approx(hz, abs=2)
        # BS.775: the centre goes to both sides at -3 dB, normalised by 1 + 2·√½.
        np.testing.assert_allclose(pcm[:, 0], pcm[:, 1], atol=1e-3)
        expected = 0.3 * 0.70710678 / (1 + 2 * 0.70710678)
        middle = pcm[RATE // 4 : -RATE // 4, 0]
        assert np.abs(middle).max() == pytest.approx(expected, rel=0.05)
    elif kind == "speech":
        mono = pcm[:, 0]
        assert len(mono) == pytest.approx(len(speech_at_48k), abs=1100)
        lag, corr = best_lag(speech_at_48k, mono)
        assert abs(lag) <= 3, lag
        assert corr > 0.9, corr
    else:
        raise AssertionError(kind)


def test_resampling_keeps_a_sine_clean(corpus: Corpus, cache: PcmCache) -> None:
    """96 kHz → 48 kHz with soxr: the 1 kHz sine keeps its level, with nothing else audible."""
    source, _ = soundfile.read(corpus / "sine96_mono_s24.wav", dtype="float32")
    level = np.abs(source).max()
    pcm = np.asarray(cache.get_or_decode(corpus / "sine96_mono_s24.wav", RATE).frames)[:, 0]
    middle = pcm[RATE // 4 : -RATE // 4]
    t = np.arange(len(middle)) / RATE
    # Fit the sine and look at what is left over.
    basis = np.stack([np.sin(2 * np.pi * 1000 * t), np.cos(2 * np.pi * 1000 * t)], axis=1)
    coeffs, *_ = np.linalg.lstsq(basis, middle, rcond=None)
    residual = middle - basis @ coeffs
    assert np.hypot(*coeffs) == pytest.approx(level, rel=0.001)
    assert 20 * np.log10(np.sqrt(np.mean(residual**2)) + 1e-12) < -90


def test_cache_of_another_rate_is_its_own_entry(corpus: Corpus, cache: PcmCache) -> None:
    a = cache.get_or_decode(corpus / "click44.mp3", 48_000)
    b = cache.get_or_decode(corpus / "click44.mp3", 44_100)
    assert a.path != b.path
    assert len(b.frames) == pytest.approx(len(a.frames) * 44_100 / 48_000, abs=2)
    assert abs(int(np.argmax(np.abs(b.frames[:, 1]))) - round(CLICK_SECONDS * 44_100)) <= 2


@pytest.mark.parametrize("codec", ["pcm_u8", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f64le"])
def test_every_sample_format_through_pyav(corpus: Corpus, tmp_path: Path, codec: str) -> None:
    """PCM in Matroska goes through PyAV: each integer and float sample format scales right."""
    source = corpus / "sine44_stereo.flac"
    target = tmp_path / f"{codec}.mkv"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-i", str(source), "-c:a", codec, str(target)],
        check=True, capture_output=True,
    )  # fmt: skip
    expected, _ = soundfile.read(source, dtype="float32")
    decoded = np.concatenate(list(decode_blocks(target)))
    assert probe(target).backend == "pyav"
    assert decoded.shape == expected.shape
    tolerance = 1 / 100 if codec == "pcm_u8" else 1e-4
    np.testing.assert_allclose(decoded, expected, atol=tolerance)
