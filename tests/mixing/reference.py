"""An independent reference mix in float64: whole arrays, one clip at a time, the pan law and
fade formulas written out from their documentation rather than taken from the mixer."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import soundfile as sf

from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, TrackKind


def reference_mix(
    project: Project,
    sources: dict[str, np.ndarray],
    start: int = 0,
    end: int | None = None,
    equal_power: bool = False,
) -> np.ndarray:
    end = project.end() if end is None else end
    out = np.zeros((end - start, 2))
    any_solo = any(t.solo for t in project.tracks)
    for track in project.tracks:
        if track.kind != TrackKind.AUDIO or track.mute or (any_solo and not track.solo):
            continue
        theta = (track.pan + 1) * math.pi / 4
        track_gain = 10 ** (track.gain_db / 20)
        for clip in track.playing_clips():
            source = np.asarray(sources[clip.media.path], dtype=np.float64)
            if source.ndim == 1:
                source = source[:, None]
            first = min(max(clip.trim_in, 0), len(source))
            last = min(max(clip.trim_out, first), len(source))
            length = last - first
            if length == 0:
                continue
            k = np.arange(length)
            envelope = np.ones(length)
            fade_in = min(clip.fade_in, length)
            fade_out = min(clip.fade_out, length)
            x_in = k[:fade_in] / fade_in if fade_in else k[:0]
            x_out = (length - 1 - k[length - fade_out :]) / fade_out if fade_out else k[:0]
            if equal_power:
                x_in, x_out = np.sin(x_in * math.pi / 2), np.sin(x_out * math.pi / 2)
            envelope[:fade_in] *= x_in
            envelope[length - fade_out :] *= x_out
            audio = source[first:last] * envelope[:, None] * 10 ** (clip.gain_db / 20)
            if source.shape[1] == 1:
                stereo = audio * [math.cos(theta), math.sin(theta)]
            else:
                balance = [
                    min(1, math.sqrt(2) * math.cos(theta)),
                    min(1, math.sqrt(2) * math.sin(theta)),
                ]
                stereo = audio * balance
            position = clip.position + first - clip.trim_in
            lo, hi = max(position, start), min(position + length, end)
            if lo < hi:
                out[lo - start : hi - start] += track_gain * stereo[lo - position : hi - position]
    return out


def write_raw(path: Path, pcm: np.ndarray) -> np.ndarray:
    """Writes float32 PCM as a headerless file with soundfile and maps it, as the PCM cache
    hands media to the mixer."""
    pcm = np.asarray(pcm, dtype=np.float32)
    if pcm.ndim == 1:
        pcm = pcm[:, None]
    sf.write(path, pcm, 48_000, format="RAW", subtype="FLOAT", endian="LITTLE")
    return np.memmap(path, dtype="<f4", mode="r").reshape(-1, pcm.shape[1])


def media(path: str | Path, frames: int = 0) -> MediaRef:
    return MediaRef(MediaOrigin.FILE, str(path), frames=frames)


def clip(path: str | Path, position: int, trim_in: int, trim_out: int, **kwargs: object) -> Clip:
    return Clip(media(path), position=position, trim_in=trim_in, trim_out=trim_out, **kwargs)


def render_in_blocks(mixer: object, start: int, end: int, sizes: list[int]) -> np.ndarray:
    """Renders [start, end) with the mixer in blocks cycling through `sizes`."""
    out = np.zeros((end - start, 2), dtype=np.float32)
    position, i = start, 0
    while position < end:
        n = min(sizes[i % len(sizes)], end - position)
        block = np.empty((n, 2), dtype=np.float32)
        mixer.render_block(position, block)  # type: ignore[attr-defined]
        out[position - start : position - start + n] = block
        position += n
        i += 1
    return out
