"""A project compiled for mixing: each playing clip as a segment of a PCM array on the timeline.

The plan is built once (in the UI or worker thread, never in the audio callback) and then only
read, except for `TrackControls`: per-track gains and audibility in preallocated arrays that the
mixer reads at the start of every block. The live engine applies mute, solo, gain and pan by
writing those arrays (`TrackControls.sync` or `set_track`) without recompiling; the change is
heard from the next block. Moving, trimming or fading clips changes segments: recompile and swap
the plan.

Pan law (`pan_gains`), with θ = (pan + 1)·π/4, pan in [-1, +1]:
- mono sources are panned at constant power with −3 dB at the centre: L = cos θ, R = sin θ,
  so L² + R² = 1 at every position and a centred mono clip plays at 0.7071 in each channel;
- stereo sources are balanced: both channels at unity in the centre, and the side the pan moves
  away from falls along the same curve normalised to the centre: L = min(1, √2·cos θ),
  R = min(1, √2·sin θ). Full right mutes the left channel and leaves the right untouched, so a
  stereo mix is not made quieter by merely being in the centre.

Fades (`fade_gains`), for a fade of F samples over a clip of L samples, k the 0-based sample of
the clip: the fade-in multiplies sample k < F by c(k / F) and the fade-out multiplies sample
k ≥ L − F by c((L − 1 − k) / F), where c(x) = x (LINEAR, the default) or sin(x·π/2)
(EQUAL_POWER). The fade-out is the fade-in reversed in time, both reach exactly 0 at the clip's
outer sample, and a fade is clamped to the clip's length; when fade-in and fade-out overlap
both apply (their gains multiply). LINEAR is the default because a clip split and overlapped
with itself (the usual edit on one performance) then crossfades at constant amplitude;
EQUAL_POWER suits crossfades between unrelated material.

A clip's trims are clamped to its media's length (a decoder may return a few samples fewer than
the project thought); the clamped clip is what plays and what fades are measured on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from ..media.probe import NO_SOUND_IN_VIDEO, MediaError
from ..project.model import MediaRef, Project

Resolver = Callable[[MediaRef], np.ndarray]
"""Gives a media's PCM: (frames, channels) float32 at the project rate, 1 or 2 channels."""

MONO, STEREO = 0, 1  # the second axis of TrackControls.gains: which law a source gets


class FadeShape(StrEnum):
    LINEAR = "linear"
    EQUAL_POWER = "equal-power"


def db_to_gain(db: float) -> float:
    return 0.0 if db == -math.inf else 10.0 ** (db / 20.0)


def pan_gains(pan: float, channels: int) -> tuple[float, float]:
    """(left, right) gains of the pan law above, for a mono (1) or stereo (2) source."""
    theta = (min(1.0, max(-1.0, pan)) + 1.0) * math.pi / 4.0
    left, right = math.cos(theta), math.sin(theta)
    if channels == 1:
        return left, right
    return min(1.0, math.sqrt(2.0) * left), min(1.0, math.sqrt(2.0) * right)


def fade_gains(steps: np.ndarray, length: int, shape: FadeShape) -> np.ndarray:
    """c(steps / length) in place, steps being k for a fade-in and L − 1 − k for a fade-out.

    The mixer calls this on its own float32 buffers, for the rows of a block that a fade
    covers. Gains are computed there rather than kept as a precomputed ramp per fade: a
    ramp costs memory per distinct fade length (12 bytes a sample with its interleaved copy,
    ~1 MB for a 2 s fade), which a long project with hand-dragged fades would multiply, while
    computing costs two or three ufunc passes on fade rows only, and allocates nothing."""
    np.divide(steps, length, out=steps)
    if shape is FadeShape.EQUAL_POWER:
        np.multiply(steps, math.pi / 2.0, out=steps)
        np.sin(steps, out=steps)
    return steps


@dataclass(frozen=True, slots=True)
class Segment:
    """One clip as the mixer plays it: timeline samples [start, end) are source rows
    [src_start, src_start + end - start), times `gain`, the fades and the track's gains."""

    track: int  # index into TrackControls
    law: int  # MONO or STEREO
    source: np.ndarray  # (frames, 1 | 2) float32, often a memory map
    src_start: int
    start: int
    end: int
    gain: float  # the clip's gain, linear
    fade_in: int  # samples, clamped to the length
    fade_out: int

    @property
    def length(self) -> int:
        return self.end - self.start


class TrackControls:
    """Per-track gains and audibility in arrays allocated once: the live-changing part of a plan.

    `gains[t, law]` is the (left, right) gain of track t for mono (law 0) or stereo (law 1)
    sources, the track gain and pan law folded in; `audible[t]` is mute/solo resolved. Writers
    (the UI thread) replace a few elements in place; the audio thread may read a block's gains
    half-updated, which only delays the change by one block.
    """

    def __init__(self, track_ids: tuple[str, ...]) -> None:
        self.track_ids = track_ids
        self.index = {track_id: i for i, track_id in enumerate(track_ids)}
        self.gains = np.zeros((len(track_ids), 2, 2), dtype=np.float32)
        self.audible = np.zeros(len(track_ids), dtype=bool)

    def set_track(self, index: int, gain_db: float, pan: float) -> None:
        gain = db_to_gain(gain_db)
        for law, channels in ((MONO, 1), (STEREO, 2)):
            left, right = pan_gains(pan, channels)
            self.gains[index, law, 0] = gain * left
            self.gains[index, law, 1] = gain * right

    def sync(self, project: Project) -> None:
        """Copies gain, pan, mute and solo of the plan's tracks from the project."""
        for track in project.tracks:
            index = self.index.get(track.id)
            if index is not None:
                self.set_track(index, track.gain_db, track.pan)
                self.audible[index] = project.is_audible(track)


@dataclass(frozen=True)
class MixPlan:
    sample_rate: int
    segments: tuple[Segment, ...]  # sorted by start
    controls: TrackControls
    fade_shape: FadeShape
    end: int  # the project's end: the timeline sample after its last playing clip

    @property
    def max_segment_length(self) -> int:
        return max((s.length for s in self.segments), default=0)


def _as_pcm(array: np.ndarray, ref: MediaRef) -> np.ndarray:
    if array.ndim == 1:
        array = array.reshape(-1, 1)
    if array.ndim != 2 or array.shape[1] not in (1, 2):
        raise ValueError(f"{ref.path}: PCM must be (frames, 1 | 2), not {array.shape}")
    if array.dtype != np.float32:
        array = array.astype(np.float32)
    return array


def _resolve(resolver: Resolver, ref: MediaRef) -> np.ndarray | None:
    """The media's PCM; None for a video with no sound (its picture still plays)."""
    try:
        return _as_pcm(resolver(ref), ref)
    except MediaError as exc:
        if exc.problem == NO_SOUND_IN_VIDEO:
            return None
        raise


def compile_plan(
    project: Project, resolver: Resolver, *, fade_shape: FadeShape = FadeShape.LINEAR
) -> MixPlan:
    """Every track's sound as segments, audible or not: a video track's clips are heard too (a
    camera take's voice, the animator's own clip), except a video with no sound at all.

    Muted tracks are compiled too, so that unmuting needs no recompile. The resolver is called
    once per distinct media.
    """
    tracks = list(project.tracks)
    controls = TrackControls(tuple(t.id for t in tracks))
    controls.sync(project)
    sources: dict[MediaRef, np.ndarray | None] = {}
    segments = []
    for index, track in enumerate(tracks):
        for clip in track.playing_clips():
            if clip.media not in sources:
                sources[clip.media] = _resolve(resolver, clip.media)
            if (source := sources[clip.media]) is None:
                continue
            src_start = min(max(clip.trim_in, 0), len(source))
            src_end = min(max(clip.trim_out, src_start), len(source))
            length = src_end - src_start
            if length <= 0:
                continue
            start = clip.position + (src_start - clip.trim_in)
            segments.append(
                Segment(
                    track=index,
                    law=MONO if source.shape[1] == 1 else STEREO,
                    source=source,
                    src_start=src_start,
                    start=start,
                    end=start + length,
                    gain=db_to_gain(clip.gain_db),
                    fade_in=min(max(clip.fade_in, 0), length),
                    fade_out=min(max(clip.fade_out, 0), length),
                )
            )
    segments.sort(key=lambda s: (s.start, s.track))
    return MixPlan(project.sample_rate, tuple(segments), controls, fade_shape, project.end())
