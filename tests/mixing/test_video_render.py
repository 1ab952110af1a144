"""The animator's preview render, checked by decoding what it wrote: codecs, frame count and
duration, the right source picture at each time (the pictures carry their frame numbers), black
where no clip plays, and the mix's tone where its clip sits."""

from __future__ import annotations

import math
import threading
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.media.probe import MediaError
from hitrecord_desktop.mixing.offline_render import RenderCancelled, render_project
from hitrecord_desktop.mixing.video_render import has_video, render_video
from hitrecord_desktop.project.model import (
    Clip,
    MediaOrigin,
    MediaRef,
    Project,
    Track,
    TrackKind,
)
from tests.support.video_clips import read_code, write_video

RATE = 48_000
TONE_HZ = 1000


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sources")
    return {
        "a": write_video(folder / "a.mp4", 3, fps=24, size=(320, 240), colour=(200, 30, 30)),
        "b": write_video(folder / "b.mp4", 3, fps=30, size=(640, 360), colour=(30, 30, 200)),
    }


def _video(path: Path, position: float, trim_in: float, trim_out: float) -> Clip:
    media = MediaRef(MediaOrigin.FILE, str(path), frames=3 * RATE, has_video=True)
    return Clip(
        media, position=round(position * RATE), trim_in=round(trim_in * RATE),
        trim_out=round(trim_out * RATE),
    )  # fmt: skip


def _sound(known: dict[MediaRef, np.ndarray], tmp_path: Path):  # type: ignore[no-untyped-def]
    """The tone from memory; every other media through the real PCM cache (the coded videos
    have no sound: the cache says so, and the mix leaves them out)."""
    cache = PcmCache(tmp_path.with_name(tmp_path.name + "-pcm"))
    return lambda ref: known[ref] if ref in known else cache.pcm_for(ref, RATE)


def _tone_media() -> tuple[MediaRef, np.ndarray]:
    t = np.arange(RATE) / RATE
    pcm = (0.5 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)[:, None]
    return MediaRef(MediaOrigin.FILE, "/virtual/tone.wav", frames=RATE), pcm


def _project(sources: dict[str, Path]) -> tuple[Project, dict[MediaRef, np.ndarray]]:
    """Timeline: A plays 0–3 s on the lower video track; B's [0.5, 1.5) covers 1–2 s on the
    upper one; a muted track's B would cover 2–3 s but does not show; 3–4 s has no picture, only
    the tone (the audio clip that makes the project 4 s long)."""
    tone, pcm = _tone_media()
    tracks = [
        Track("Muted", kind=TrackKind.VIDEO, mute=True, clips=[_video(sources["b"], 2, 0, 1)]),
        Track("Top", kind=TrackKind.VIDEO, clips=[_video(sources["b"], 1, 0.5, 1.5)]),
        Track("Base", kind=TrackKind.VIDEO, clips=[_video(sources["a"], 0, 0, 3)]),
        Track("Sound", clips=[Clip(tone, position=3 * RATE, trim_in=0, trim_out=RATE)]),
    ]
    return Project(title="Paper Boats", tracks=tracks, sample_rate=RATE), {tone: pcm}


def _decode(path: Path) -> tuple[list[np.ndarray], np.ndarray, dict]:
    with av.open(str(path)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        facts = {
            "codecs": (video.codec_context.name, audio.codec_context.name),
            "pix_fmt": video.codec_context.pix_fmt,
            "size": (video.codec_context.width, video.codec_context.height),
            "rate": video.average_rate,
            "duration": float(container.duration / av.time_base),
        }
        pictures = [f.to_ndarray(format="rgb24") for f in container.decode(video)]
        container.seek(0)
        sound = np.concatenate(
            [f.to_ndarray()[0] for f in container.decode(container.streams.audio[0])]
        )
    return pictures, sound, facts


def test_the_render_shows_the_top_most_unmuted_clip_with_the_mix(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    project, pcm = _project(sources)
    assert has_video(project)
    out = tmp_path / "renders" / "paper-boats.mp4"
    out.parent.mkdir()
    fractions: list[float] = []
    report = render_video(project, _sound(pcm, tmp_path), out, progress=fractions.append)
    assert sorted(p.name for p in out.parent.iterdir()) == ["paper-boats.mp4"]  # no leftovers
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert (report.width, report.height, report.fps, report.frames) == (640, 360, 30, 120)
    assert abs(report.seconds - 4.0) < 1e-9

    pictures, sound, facts = _decode(out)
    assert facts["codecs"] == ("h264", "aac") and facts["pix_fmt"] == "yuv420p"
    assert facts["size"] == (640, 360) and facts["rate"] == 30
    assert abs(facts["duration"] - 4.0) < 0.1, facts["duration"]
    assert len(pictures) == 120
    data = out.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")  # +faststart: playable while downloading

    for n, picture in enumerate(pictures):
        t = n / 30
        if t < 1 or 2 <= t < 3:  # A, 4:3 in a 16:9 frame: black bars at the sides
            assert picture[:, :70].mean() < 20 and picture[:, -70:].mean() < 20, n
            assert read_code(picture[:, 80:560]) == math.floor(t * 24 + 1e-6), n
        elif t < 2:  # B from its 0.5 s, filling the frame
            assert read_code(picture) == round((t - 1 + 0.5) * 30), n
        else:
            assert picture.mean() < 20, n  # nothing plays: black

    # The tone's clip sits at 3 s: silence before, the tone from there on, as loud as in the
    # offline render's own mix of the project (AAC's priming trimmed by the decoder).
    mix_path = tmp_path / "mix.wav"
    render_project(project, _sound(pcm, tmp_path), mix_path, format="wav-float")
    mix = sf.read(mix_path, dtype="float32")[0][:, 0]

    def rms(signal: np.ndarray, a: float, b: float) -> float:
        part = signal[round(a * RATE) : round(b * RATE)]
        return float(np.sqrt(np.mean(part**2)))

    assert rms(sound, 0.2, 2.9) < 1e-3
    assert rms(mix, 3.1, 3.9) > 0.2
    assert abs(rms(sound, 3.1, 3.9) - rms(mix, 3.1, 3.9)) < 0.01
    onset = int(np.argmax(np.abs(sound) > 0.05))
    assert abs(onset - 3 * RATE) < RATE // 100, onset / RATE
    window = sound[round(3.2 * RATE) : round(3.7 * RATE)]
    peak_hz = np.argmax(np.abs(np.fft.rfft(window))) * RATE / len(window)
    assert abs(peak_hz - TONE_HZ) < 5


def test_a_rotated_phone_video_is_rendered_upright(tmp_path: Path) -> None:
    """Stored landscape, tagged to turn a quarter: the render is portrait by default."""
    import subprocess

    stored = write_video(tmp_path / "stored.mp4", 1, size=(320, 160), colour=(0, 0, 0))
    phone = tmp_path / "phone.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(stored), "-c", "copy",
         "-metadata:s:v:0", "rotate=90", str(phone)],
        check=True, timeout=60,
    )  # fmt: skip
    media = MediaRef(MediaOrigin.FILE, str(phone), frames=RATE, has_video=True)
    project = Project(
        title="Phone",
        tracks=[Track("V", kind=TrackKind.VIDEO, clips=[Clip(media, 0, 0, RATE)])],
        sample_rate=RATE,
    )
    out = tmp_path / "phone-render.mp4"
    report = render_video(project, lambda ref: np.zeros((RATE, 1), np.float32), out)
    assert (report.width, report.height) == (160, 320)
    pictures, _sound, _facts = _decode(out)
    # The code bars ran across the stored picture's top half; turned a quarter anticlockwise
    # they run up its left half: white bars (set bits of frame 0 are none: all black) — so
    # check with a later frame, whose low bits are set, that the bars are on the left.
    later = pictures[7]  # frame 7: bits 0..2 set, the last three bars white
    assert later[:40, :80].mean() > 150 and later[:40, 80:].mean() < 40


def test_a_missing_video_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    gone = tmp_path / "gone.mp4"
    project = Project(
        title="x",
        tracks=[Track("V", kind=TrackKind.VIDEO, clips=[_video(gone, 0, 0, 1)])],
        sample_rate=RATE,
    )
    with pytest.raises(MediaError, match="no such file") as caught:
        render_video(project, lambda ref: np.zeros((RATE, 1), np.float32), tmp_path / "o.mp4")
    assert str(gone) in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_corrupt_video_is_named(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00\x00\x00\x18ftypisom" + b"garbage" * 500)
    project = Project(
        title="x",
        tracks=[Track("V", kind=TrackKind.VIDEO, clips=[_video(junk, 0, 0, 1)])],
        sample_rate=RATE,
    )
    with pytest.raises(MediaError) as caught:
        render_video(project, lambda ref: np.zeros((RATE, 1), np.float32), tmp_path / "o.mp4")
    assert str(junk) in str(caught.value) and "read" in caught.value.problem
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.mp4"]


def test_cancel_leaves_no_file(sources: dict[str, Path], tmp_path: Path) -> None:
    project, pcm = _project(sources)
    cancel = threading.Event()

    def progress(fraction: float) -> None:
        if fraction > 0.3:
            cancel.set()

    out = tmp_path / "cancelled.mp4"
    with pytest.raises(RenderCancelled):
        render_video(project, _sound(pcm, tmp_path), out, progress=progress, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_the_sound_of_a_clip_on_a_video_track_is_mixed_a_silent_video_is_not(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    """A camera take's voice or the animator's own clip sit on a video track: heard, not lost."""
    from hitrecord_desktop.mixing.mix_plan import compile_plan

    voiced = write_video(tmp_path / "voiced.mp4", 2.0, tone_hz=440.0)
    project = Project(
        title="Camera take",
        tracks=[
            Track("Camera", kind=TrackKind.VIDEO, clips=[_video(voiced, 1, 0, 2)]),
            Track("Silent", kind=TrackKind.VIDEO, clips=[_video(sources["a"], 0, 0, 3)]),
        ],
        sample_rate=RATE,
    )
    plan = compile_plan(project, _sound({}, tmp_path))
    assert [(s.track, s.start) for s in plan.segments] == [(0, RATE)]
    mix_path = tmp_path / "mix.wav"
    render_project(project, _sound({}, tmp_path), mix_path, format="wav-float")
    mix, _ = sf.read(mix_path, dtype="float32")
    assert np.abs(mix[: RATE - 2400]).max() < 1e-4  # nothing before the camera clip
    level = np.sqrt(np.mean(mix[RATE + 4800 : 2 * RATE, 0] ** 2))
    assert level > 0.05, level  # the tone
    project.tracks[0].mute = True
    render_project(project, _sound({}, tmp_path), mix_path, format="wav-float")
    assert np.abs(sf.read(mix_path, dtype="float32")[0]).max() < 1e-4
