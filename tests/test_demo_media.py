"""The synthesised demo media: files decode as promised, sound like music, and are reproducible."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop.server import demo_media, demo_music
from hitrecord_desktop.server.demo_media import FILE_NAMES, MediaInfo, generate_all

AUDIO = {  # key: (sample rate, channels, seconds, libsndfile format, subtype, MIME type)
    "night_bus_backing": (48_000, 2, 20.0, "FLAC", "PCM_16", "audio/flac"),
    "night_bus_harmony": (44_100, 1, 15.0, "OGG", "VORBIS", "audio/ogg"),
    "night_bus_lead_guide": (48_000, 1, 12.5, "MP3", "MPEG_LAYER_III", "audio/mpeg"),
    "paper_boats_music_a": (48_000, 2, 6.0, "WAV", "PCM_24", "audio/wav"),
    "paper_boats_music_b": (48_000, 2, 6.0, "FLAC", "PCM_16", "audio/flac"),
}
VIDEO = {  # key: (width, height, fps, frames, has sound)
    "lighthouse_short_film": (640, 360, 24, 192, True),
    "paper_boats_animation": (480, 270, 24, 144, False),
}
LOSSLESS = {"night_bus_backing", "paper_boats_music_a", "paper_boats_music_b"}


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, MediaInfo]:
    return generate_all(tmp_path_factory.mktemp("demo-media"))


@pytest.fixture(scope="module")
def media_again(tmp_path_factory: pytest.TempPathFactory) -> dict[str, MediaInfo]:
    """A second, independent run (one worker this time), for the determinism checks."""
    return generate_all(tmp_path_factory.mktemp("demo-media-again"), workers=1)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_generate_all_writes_every_file_under_its_stable_name(media: dict[str, MediaInfo]) -> None:
    assert set(media) == set(AUDIO) | set(VIDEO) == set(FILE_NAMES)
    for key, info in media.items():
        assert info.path.name == FILE_NAMES[key]
        assert info.path.stat().st_size > 10_000
        assert info.kind == ("video" if key in VIDEO else "audio")
    with pytest.raises(dataclasses.FrozenInstanceError):
        media["night_bus_backing"].duration_seconds = 1.0  # type: ignore[misc]


@pytest.mark.parametrize("key", sorted(AUDIO))
def test_audio_decodes_with_promised_format(media: dict[str, MediaInfo], key: str) -> None:
    rate, channels, seconds, fmt, subtype, mime = AUDIO[key]
    info = media[key]
    assert (info.media_type, info.sample_rate) == (mime, rate)
    assert info.duration_seconds == pytest.approx(seconds, abs=1e-6)
    header = sf.info(info.path)
    assert (header.format, header.subtype, header.samplerate, header.channels) == (
        fmt,
        subtype,
        rate,
        channels,
    )
    samples, sr = sf.read(info.path, always_2d=True)
    assert sr == rate and samples.shape[1] == channels
    assert len(samples) / sr == pytest.approx(seconds, abs=0.1)


@pytest.mark.parametrize("key", sorted(AUDIO))
def test_audio_is_loud_but_never_clips(media: dict[str, MediaInfo], key: str) -> None:
    samples, _ = sf.read(media[key].path, always_2d=True)
    peak = np.max(np.abs(samples))
    assert np.sqrt(np.mean(samples**2)) > 0.05  # clearly not silence
    assert 0.8 < peak < 0.999  # mastered near -1 dBFS, headroom kept even after lossy coding
    assert np.count_nonzero(np.abs(samples) >= 0.999) == 0
    edge = 1e-3 if key in LOSSLESS else 0.02  # faded to silence at both ends: no click
    assert np.max(np.abs(samples[:16])) < edge and np.max(np.abs(samples[-16:])) < edge


def _band_share(samples: np.ndarray, sr: int, low: float, high: float) -> float:
    power = np.abs(np.fft.rfft(samples.mean(axis=1))) ** 2
    freqs = np.fft.rfftfreq(len(samples), 1 / sr)
    return float(power[(freqs >= low) & (freqs < high)].sum() / power.sum())


def test_backing_track_has_bass_and_highs(media: dict[str, MediaInfo]) -> None:
    samples, sr = sf.read(media["night_bus_backing"].path, always_2d=True)
    assert _band_share(samples, sr, 30, 200) > 0.3  # kick and bass
    assert 0.05 < _band_share(samples, sr, 200, 2000) < 0.6  # chords
    assert _band_share(samples, sr, 5000, 16000) > 0.002  # hats and snare wires
    left, right = samples.T
    assert np.corrcoef(left, right)[0, 1] < 0.99  # really stereo: panning and reverb


@pytest.mark.parametrize(
    ("key", "bpm", "bars"), [("night_bus_backing", 96, 8), ("paper_boats_music_b", 160, 4)]
)
def test_drums_play_on_the_tempo_grid(
    media: dict[str, MediaInfo], key: str, bpm: float, bars: int
) -> None:
    samples, sr = sf.read(media[key].path, always_2d=True)
    spectrum = np.fft.rfft(samples.mean(axis=1))
    spectrum[np.fft.rfftfreq(len(samples), 1 / sr) < 5000] = 0  # hats and snare wires only
    highs = np.fft.irfft(spectrum, len(samples))
    hop = sr // 200
    level = np.sqrt(np.add.reduceat(highs**2, np.arange(0, len(highs), hop)) / hop)
    rise = np.maximum(np.diff(level), 0)
    hits = 1 + np.flatnonzero(
        (rise[1:-1] > rise[:-2]) & (rise[1:-1] >= rise[2:]) & (rise[1:-1] > 0.2 * rise.max())
    )
    eighth = 30 / bpm
    off_grid = ((hits * hop / sr) / eighth + 0.5) % 1 - 0.5
    assert len(hits) > 0.7 * bars * 8
    assert np.mean(np.abs(off_grid * eighth) < 0.01) > 0.9


def test_the_two_paper_boats_pieces_differ(media: dict[str, MediaInfo]) -> None:
    a, _ = sf.read(media["paper_boats_music_a"].path, always_2d=True)
    b, _ = sf.read(media["paper_boats_music_b"].path, always_2d=True)
    assert a.shape == b.shape
    assert abs(np.corrcoef(a.mean(axis=1), b.mean(axis=1))[0, 1]) < 0.2


def _pitches(mono: np.ndarray, sr: int) -> np.ndarray:
    """MIDI pitch of each voiced 4096-sample frame, by harmonic product spectrum."""
    size, hop = 4096, 2048
    frames = np.lib.stride_tricks.sliding_window_view(mono, size)[::hop] * np.hanning(size)
    loud = np.sqrt(np.mean(frames**2, axis=1))
    frames = frames[loud > 0.3 * loud.max()]
    spectrum = np.abs(np.fft.rfft(frames, 8 * size))
    product = spectrum[:, : spectrum.shape[1] // 3].copy()
    for k in (2, 3):
        product *= spectrum[:, ::k][:, : product.shape[1]]
    freqs = np.fft.rfftfreq(8 * size, 1 / sr)[: product.shape[1]]
    product[:, (freqs < 100) | (freqs > 1000)] = 0
    return 69 + 12 * np.log2(freqs[np.argmax(product, axis=1)] / 440)


@pytest.mark.parametrize(
    ("key", "notes"),
    [
        ("night_bus_harmony", demo_music.NIGHT_BUS_HARMONY_NOTES),
        ("night_bus_lead_guide", demo_music.NIGHT_BUS_LEAD_NOTES),
    ],
)
def test_vocal_lines_sing_the_written_notes_in_a_minor(
    media: dict[str, MediaInfo], key: str, notes: list[demo_music.Note]
) -> None:
    samples, sr = sf.read(media[key].path)
    pitches = _pitches(samples, sr)
    assert len(pitches) > 20
    nearest = np.round(pitches).astype(int)
    in_key = np.isin(nearest % 12, sorted(demo_music.A_MINOR))
    written = np.isin(nearest, [note for _, _, note in notes])
    assert in_key.mean() > 0.9 and written.mean() > 0.85
    assert np.median(np.abs(pitches - nearest)) < 0.2  # in tune, despite vibrato


def test_layering_offsets_fall_on_bars(media: dict[str, MediaInfo]) -> None:
    bar = demo_music.NIGHT_BUS.at(1)
    assert bar == 2.5
    for key, layers in demo_media.LAYERED_ON.items():
        assert key in media
        for base, offset in layers:
            assert base in media
            assert offset >= 0 and (offset / bar).is_integer()
    harmony_on_backing = dict(demo_media.LAYERED_ON["night_bus_harmony"])["night_bus_backing"]
    assert round(harmony_on_backing * 48_000) == 240_000  # bar 3, as `built_on` will say


def _luma(frame: av.VideoFrame) -> np.ndarray:
    plane = frame.planes[0]
    rows = np.frombuffer(plane, np.uint8).reshape(frame.height, plane.line_size)
    return rows[:, : frame.width].astype(np.int16)


def _read_timecode(luma: np.ndarray, fps: int, scale: int) -> int:
    """The frame number burned into the picture (layout as demo_media.timecode draws it)."""
    h, w = luma.shape
    th, tw = 5 * scale, 44 * scale
    y, x = h - th - 4 * scale & ~1, w - tw - 4 * scale & ~1
    bits = luma[y + scale // 2 : y + th : scale, x + scale // 2 : x + tw : scale] > 128
    glyphs = {g.tobytes(): ch for ch, g in demo_media._GLYPHS.items()}
    text = "".join(
        glyphs.get(bits[:, 4 * i : 4 * i + 4].astype(int).tobytes(), "?") for i in range(11)
    )
    hours, minutes, seconds, frames = (int(part) for part in text.split(":"))
    return ((hours * 60 + minutes) * 60 + seconds) * fps + frames


@pytest.mark.parametrize("key", sorted(VIDEO))
def test_video_decodes_with_promised_format(media: dict[str, MediaInfo], key: str) -> None:
    width, height, fps, count, has_sound = VIDEO[key]
    info = media[key]
    assert info.media_type == "video/mp4"
    assert info.duration_seconds == pytest.approx(count / fps)
    assert info.sample_rate == (48_000 if has_sound else None)
    with av.open(str(info.path)) as container:
        video = container.streams.video[0]
        assert video.codec_context.name == "h264"
        assert (video.width, video.height, video.average_rate) == (width, height, fps)
        assert video.format.name == "yuv420p"
        assert container.duration / 1e6 == pytest.approx(count / fps, abs=0.1)
        assert len(container.streams.audio) == int(has_sound)
        scale = 2 if width >= 640 else 1
        previous, decoded, motion = None, 0, []
        for frame in container.decode(video=0):
            luma = _luma(frame)
            assert _read_timecode(luma, fps, scale) == decoded  # no frame dropped or repeated
            if previous is not None:  # the picture itself moves, not just the timecode
                change = np.abs(luma - previous)[: height - 12 * scale]
                assert np.count_nonzero(change) > 1000
                motion.append(change.mean())
            previous, decoded = luma, decoded + 1
        assert decoded == count
        assert np.median(motion) > 0.2


def test_film_sound_is_aac_for_the_whole_film(media: dict[str, MediaInfo]) -> None:
    with av.open(str(media["lighthouse_short_film"].path)) as container:
        stream = container.streams.audio[0]
        assert (stream.codec_context.name, stream.rate, stream.channels) == ("aac", 48_000, 2)
        sound = np.concatenate([f.to_ndarray() for f in container.decode(audio=0)], axis=1)
    assert sound.shape[1] / 48_000 == pytest.approx(demo_media.LIGHTHOUSE_SECONDS, abs=0.1)
    assert np.sqrt(np.mean(sound**2)) > 0.05 and np.max(np.abs(sound)) < 0.999


@pytest.mark.skipif(shutil.which("ffprobe") is None, reason="ffprobe not installed")
@pytest.mark.parametrize("key", sorted(VIDEO))
def test_ffprobe_agrees_about_the_video(media: dict[str, MediaInfo], key: str) -> None:
    width, height, fps, count, has_sound = VIDEO[key]
    path = media[key].path
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        check=True,
        text=True,
    )
    streams = {s["codec_type"]: s for s in json.loads(probe.stdout)["streams"]}
    video = streams["video"]
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", width, height)
    assert (video["pix_fmt"], video["r_frame_rate"]) == ("yuv420p", f"{fps}/1")
    assert int(video["nb_read_frames"]) == count
    assert ("audio" in streams) == has_sound


def test_two_runs_write_identical_bytes(
    media: dict[str, MediaInfo], media_again: dict[str, MediaInfo]
) -> None:
    for key in FILE_NAMES:
        assert _digest(media[key].path) == _digest(media_again[key].path), key
    for key in AUDIO:  # and so, of course, identical samples
        first, _ = sf.read(media[key].path)
        second, _ = sf.read(media_again[key].path)
        assert np.array_equal(first, second)


def _ogg_pages(data: bytes) -> list[bytes]:
    pages, pos = [], 0
    while pos < len(data):
        assert data[pos : pos + 4] == b"OggS"
        segments = data[pos + 26]
        end = pos + 27 + segments + sum(data[pos + 27 : pos + 27 + segments])
        pages.append(data[pos:end])
        pos = end
    return pages


def test_ogg_serial_is_fixed_and_checksums_match_libogg(
    media: dict[str, MediaInfo], tmp_path: Path
) -> None:
    plain = tmp_path / "plain.ogg"  # as libsndfile writes it: random serial, libogg's CRCs
    sf.write(plain, np.sin(np.arange(44_100) * 0.05) * 0.5, 44_100, format="OGG")
    for page in _ogg_pages(plain.read_bytes()):
        crc = int.from_bytes(page[22:26], "little")
        assert demo_media._ogg_crc(page[:22] + bytes(4) + page[26:]) == crc
    pages = _ogg_pages(media["night_bus_harmony"].path.read_bytes())
    assert len(pages) > 2
    for page in pages:
        assert int.from_bytes(page[14:18], "little") == demo_media._OGG_SERIAL
        crc = int.from_bytes(page[22:26], "little")
        assert demo_media._ogg_crc(page[:22] + bytes(4) + page[26:]) == crc
