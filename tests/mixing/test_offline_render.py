"""render_project to real files, read back; the report; cancel, failure and progress."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop.mixing.offline_render import RenderCancelled, render_project
from hitrecord_desktop.project.model import Project, Track
from tests.mixing.reference import clip, reference_mix, write_raw

RATE = 48_000
LSB = 2.0**-23


@pytest.fixture
def mix(tmp_path: Path) -> tuple[Project, dict[str, np.ndarray]]:
    """Three tracks over 2.5 s: mono and stereo sources, fades, gains and pans."""
    rng = np.random.default_rng(11)
    t = np.arange(RATE * 2) / RATE
    sources = {
        "voice": write_raw(tmp_path / "voice.raw", 0.4 * np.sin(2 * np.pi * 220 * t)),
        "music": write_raw(tmp_path / "music.raw", rng.uniform(-0.3, 0.3, (RATE * 2, 2))),
    }
    project = Project(
        title="mix",
        tracks=[
            Track("v", gain_db=-2, pan=-0.5, clips=[clip("voice", 1234, 100, 90_000, fade_in=999)]),
            Track("m", pan=0.25, clips=[clip("music", 0, 0, 96_000, fade_out=24_000)]),
            Track("m2", gain_db=-9, clips=[clip("music", 40_001, 5, 80_000, gain_db=3)]),
        ],
    )
    return project, sources


def _resolver(sources: dict[str, np.ndarray]):
    return lambda ref: sources[ref.path]


@pytest.mark.parametrize("suffix", [".wav", ".flac"])
def test_lossless_renders_read_back_within_24_bit_rounding(mix, tmp_path: Path, suffix) -> None:
    project, sources = mix
    out = tmp_path / f"mix{suffix}"
    report = render_project(project, _resolver(sources), out, block_frames=4097)
    info = sf.info(out)
    assert (info.samplerate, info.channels, info.subtype) == (RATE, 2, "PCM_24")
    got, _ = sf.read(out, dtype="float64")
    want = reference_mix(project, sources)
    assert report.frames == len(got) == len(want) == project.end()
    np.testing.assert_allclose(got, want, atol=LSB / 2 + 1e-6)
    assert not list(tmp_path.glob(".*.part"))


def test_float_wav_is_the_mix_itself(mix, tmp_path: Path) -> None:
    project, sources = mix
    out = tmp_path / "mix.wav"
    render_project(project, _resolver(sources), out, format="wav-float", start=1000, end=50_000)
    got, _ = sf.read(out, dtype="float32")
    assert sf.info(out).subtype == "FLOAT"
    np.testing.assert_allclose(got, reference_mix(project, sources, 1000, 50_000), atol=1e-6)


@pytest.mark.parametrize("suffix", [".ogg", ".opus", ".mp3", ".m4a"])
def test_previews_decode_to_the_right_duration(mix, tmp_path: Path, suffix: str) -> None:
    project, sources = mix
    out = tmp_path / f"mix{suffix}"
    report = render_project(project, _resolver(sources), out)
    with av.open(str(out)) as container:
        decoded = [frame.to_ndarray() for frame in container.decode(audio=0)]
    frames = sum(d.shape[-1] for d in decoded)
    # Encoders add priming and pad the last packet: up to ~2 frames of 1152 (MP3) or 1024.
    assert report.frames <= frames + 64
    assert abs(frames - report.frames) <= 3000
    level = max(float(np.abs(d).max()) for d in decoded)
    assert 0.2 < level < 1.0


def test_report_loudness_and_peaks(mix, tmp_path: Path) -> None:
    import pyloudnorm

    project, sources = mix
    # pyloudnorm also counts a last 400 ms block that runs past the end (zero-padded), where
    # BS.1770 takes whole blocks: a length of whole 100 ms steps makes the two agree.
    end = 24 * 4800
    report = render_project(project, _resolver(sources), tmp_path / "mix.wav", end=end)
    want = reference_mix(project, sources, 0, end)
    lufs = pyloudnorm.Meter(RATE, filter_class="DeMan").integrated_loudness(want)
    assert report.integrated_lufs == pytest.approx(lufs, abs=0.01)
    assert report.sample_peak_dbfs == pytest.approx(20 * np.log10(np.abs(want).max()), abs=1e-3)
    assert report.true_peak_dbtp >= report.sample_peak_dbfs
    assert not report.clipped and report.clipped_samples == 0
    assert report.seconds == pytest.approx(end / RATE)


def test_overs_are_clipped_in_pcm_and_flagged(tmp_path: Path) -> None:
    loud = write_raw(tmp_path / "loud.raw", np.full((1000, 2), 0.9))
    project = Project(
        title="loud",
        tracks=[Track(name, clips=[clip("loud", 0, 0, 1000)]) for name in ("a", "b")],
    )
    out = tmp_path / "loud.wav"
    report = render_project(project, lambda ref: loud, out)
    got, _ = sf.read(out, dtype="float64")
    assert report.clipped and report.clipped_samples == 2000
    np.testing.assert_allclose(got, 1.0 - LSB)  # clipped to full scale, not wrapped around


def test_inter_sample_peak_is_flagged(tmp_path: Path) -> None:
    n = np.arange(RATE)
    sine = np.sin(2 * np.pi * n / 4 + np.pi / 4) * 0.98  # samples at -3.2 dBFS
    source = write_raw(tmp_path / "sine.raw", sine)
    project = Project(title="tp", tracks=[Track("a", clips=[clip("sine", 0, 0, RATE)])])
    report = render_project(project, lambda ref: source, tmp_path / "tp.flac")
    assert report.sample_peak_dbfs < -6.0  # −3 dB from the phase, −3 dB from the centre pan
    assert report.clipped_samples == 0
    # Pan law: mono in the centre plays at 0.7071, so the true peak is 0.98 · 0.7071.
    assert report.true_peak_dbtp == pytest.approx(20 * np.log10(0.98 * np.sqrt(0.5)), abs=0.1)
    assert not report.clipped
    project.tracks[0].pan = 1.0  # hard right: unity, the true peak of 0.98 is over −1 dBTP
    report = render_project(project, lambda ref: source, tmp_path / "tp.flac")
    assert report.sample_peak_dbfs == pytest.approx(20 * np.log10(0.98 * np.sqrt(0.5)), abs=0.01)
    assert report.true_peak_dbtp > -1.0 and report.clipped and report.clipped_samples == 0


def test_progress_rises_to_one(mix, tmp_path: Path) -> None:
    project, sources = mix
    seen: list[float] = []
    render_project(project, _resolver(sources), tmp_path / "mix.wav", block_frames=1000,
                   progress=seen.append)  # fmt: skip
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 10


def test_cancel_leaves_no_file_and_keeps_an_old_one(mix, tmp_path: Path) -> None:
    project, sources = mix
    out = tmp_path / "mix.wav"
    out.write_bytes(b"the previous render")
    cancel = threading.Event()

    def progress(fraction: float) -> None:
        if fraction > 0.3:
            cancel.set()

    with pytest.raises(RenderCancelled):
        render_project(project, _resolver(sources), out, block_frames=1000,
                       progress=progress, cancel=cancel)  # fmt: skip
    assert out.read_bytes() == b"the previous render"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".raw") == ["mix.wav"]


def test_failure_leaves_no_file(mix, tmp_path: Path) -> None:
    project, sources = mix
    project.sample_rate = 44_100
    with pytest.raises(ValueError, match="Opus"):
        render_project(project, _resolver(sources), tmp_path / "mix.opus")

    def broken(ref):
        raise OSError("disk gone")

    with pytest.raises(OSError):
        render_project(project, broken, tmp_path / "mix.wav")
    assert not [p for p in tmp_path.iterdir() if p.suffix != ".raw"]


def test_unknown_suffix_is_refused(mix, tmp_path: Path) -> None:
    project, sources = mix
    with pytest.raises(ValueError, match=r"\.wav"):
        render_project(project, _resolver(sources), tmp_path / "mix.xyz")
    assert not [p for p in tmp_path.iterdir() if p.suffix != ".raw"]


def test_empty_project_renders_an_empty_file(tmp_path: Path) -> None:
    report = render_project(Project(title="empty"), lambda ref: None, tmp_path / "e.wav")
    assert report.frames == 0 and sf.info(tmp_path / "e.wav").frames == 0
    assert report.integrated_lufs == float("-inf")
