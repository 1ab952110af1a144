"""Real audio and real projects for the timeline's tests, screenshots and benchmark.

Tones are written with soundfile and decoded by the app's own PCM cache, so waveforms come from
the real pipeline. `loud` lists (start_s, end_s) stretches; everything else is digital silence,
which lets a test say where pixels must and must not be.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

from hitrecord_desktop.project.model import (
    Clip,
    MediaOrigin,
    MediaRef,
    Project,
    SampleRange,
    Take,
    Tempo,
    Track,
)

RATE = 48_000


def tone(
    seconds: float,
    loud: list[tuple[float, float]],
    freq: float = 220.0,
    rate: int = RATE,
    amplitude: float = 0.8,
) -> np.ndarray:
    """(frames, 1) float32: a tone with a plucked envelope inside `loud`, silence elsewhere."""
    frames = int(seconds * rate)
    t = np.arange(frames, dtype=np.float32) / rate
    out = np.zeros(frames, np.float32)
    for start, end in loud:
        a, b = int(start * rate), min(frames, int(end * rate))
        local = t[: b - a]
        envelope = np.exp(-3.0 * (local % 0.5)) * (0.55 + 0.45 * np.sin(local * 1.3))
        out[a:b] = amplitude * envelope * np.sin(2 * np.pi * freq * local)
    return out[:, None]


def write_tone(path: Path, seconds: float, loud: list[tuple[float, float]], **kwargs) -> MediaRef:  # type: ignore[no-untyped-def]
    """Writes a WAV file and returns a MediaRef to it (length known, hash left to the cache)."""
    pcm = tone(seconds, loud, **kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(path, pcm, RATE, subtype="FLOAT")
    return MediaRef(MediaOrigin.FILE, str(path), frames=len(pcm), title=path.stem)


def clip_of(
    media: MediaRef,
    position_s: float,
    clip_id: str | None = None,
    trim_in_s: float = 0.0,
    length_s: float | None = None,
) -> Clip:
    trim_in = int(trim_in_s * RATE)
    trim_out = media.frames if length_s is None else trim_in + int(length_s * RATE)
    clip = Clip(media, position=int(position_s * RATE), trim_in=trim_in, trim_out=trim_out)
    if clip_id:
        clip.id = clip_id
    return clip


def band_project(media_dir: Path) -> Project:
    """A small song: backing track by a community member, guitar, drums, a vocal with takes."""
    from dataclasses import replace

    backing = replace(
        write_tone(media_dir / "backing.wav", 24, [(0, 24)], freq=110),
        origin=MediaOrigin.CONTRIBUTION,
        contribution_id=41,
        title="Backing track in A minor",
        author="mira_k",
    )
    guitar = replace(
        write_tone(media_dir / "guitar.wav", 10, [(0.5, 4), (5, 9.5)], freq=330),
        title="Rhythm guitar",
    )
    drums = replace(
        write_tone(
            media_dir / "drums.wav",
            16,
            [(i * 0.5, i * 0.5 + 0.12) for i in range(32)],
            freq=80,
            amplitude=0.95,
        ),
        origin=MediaOrigin.CONTRIBUTION,
        contribution_id=57,
        title="Brushed kit",
        author="sam.d",
    )
    take1 = replace(
        write_tone(media_dir / "take1.wav", 8, [(0.3, 7.5)], freq=440, amplitude=0.6),
        origin=MediaOrigin.TAKE,
        title="Verse vocal",
    )
    take2 = replace(
        write_tone(media_dir / "take2.wav", 8, [(0.2, 7.8)], freq=440),
        origin=MediaOrigin.TAKE,
        title="Verse vocal",
    )
    vocal = Track(name="Lead vocal", armed=True)
    vocal.takes = [
        Take("Take 1", clip_of(take1, 8.0, "take-1"), "2026-11-23T10:00:00Z"),
        Take("Take 2", clip_of(take2, 8.0, "take-2"), "2026-11-23T10:05:00Z"),
    ]
    vocal.active_take_id = vocal.takes[1].id
    project = Project(
        title="Vocals wanted",
        challenge_id=7,
        tempo=Tempo(bpm=120),
        tracks=[
            Track(name="Backing (mira_k)", clips=[clip_of(backing, 0, "backing")]),
            Track(
                name="Rhythm guitar",
                gain_db=-3.0,
                pan=-0.4,
                clips=[clip_of(guitar, 2.0, "guitar"), clip_of(guitar, 14.0, "guitar-2", 5, 4.5)],
            ),
            Track(
                name="Drums",
                solo=False,
                mute=False,
                clips=[clip_of(drums, 0, "drums-1", 0, 8), clip_of(drums, 8, "drums-2", 8, 8)],
            ),
            vocal,
            Track(name="Harmony", mute=True, pan=0.3, clips=[clip_of(take1, 16.0, "harmony")]),
        ],
    )
    project.markers.loop = SampleRange(8 * RATE, 16 * RATE)
    project.markers.punch = SampleRange(10 * RATE, 14 * RATE)
    return project
