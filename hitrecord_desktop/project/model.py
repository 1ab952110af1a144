"""The project: tracks of clips on a timeline, for one challenge.

Plain mutable data with no Qt and no I/O. Every position and length is an integer count of samples
at the project's sample rate, so that a clip lands on the same sample in the live engine, the
timeline view and the offline render. Edits go through `project.commands`, which keep the old
values for undo; code outside that module reads this model but does not mutate it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_SAMPLE_RATE = 48_000


def new_id() -> str:
    """A random id for projects, tracks, clips and takes: unique across machines, never reused."""
    return uuid.uuid4().hex


class TrackKind(StrEnum):
    AUDIO = "audio"
    VIDEO = "video"


class MediaOrigin(StrEnum):
    """Where a clip's media came from; decides how it counts in lineage."""

    TAKE = "take"  # recorded in this app
    CONTRIBUTION = "contribution"  # a platform contribution (its cached download)
    FILE = "file"  # the user's own file, imported
    RENDER = "render"  # a mixdown made by this app


@dataclass(frozen=True)
class LineageEntry:
    """One contribution a piece was built on, as the platform's `built_on` spells it.

    `offset_samples` is where the new piece starts, measured from the start of the contribution
    (positive when the new piece comes in later), in samples at `sample_rate`.
    """

    contribution_id: int
    offset_samples: int
    sample_rate: int = DEFAULT_SAMPLE_RATE

    def to_json(self) -> dict:
        return {
            "contribution_id": self.contribution_id,
            "offset_samples": self.offset_samples,
            "sample_rate": self.sample_rate,
        }


@dataclass(frozen=True)
class MediaRef:
    """A piece of media a clip plays.

    `path` is the file on this machine (the take, the imported file, or the downloaded
    contribution); `sha256` is its content hash once known (the PCM cache key). A platform
    contribution, or a take once it has been uploaded, has a `contribution_id`. Media made here
    and not yet on the platform carries its own `built_on`, so lineage walks through it.
    `frames` is its length in samples at the project rate, 0 while unknown.
    """

    origin: MediaOrigin
    path: str
    sha256: str = ""
    contribution_id: int | None = None
    title: str = ""
    author: str = ""
    built_on: tuple[LineageEntry, ...] = ()
    frames: int = 0
    has_video: bool = False


@dataclass
class Clip:
    """A stretch of media placed on the timeline.

    The clip plays source samples `[trim_in, trim_out)` starting at timeline sample `position`.
    `latency_offset` is how many samples earlier the take was placed than the input arrived, to
    cancel the measured round trip: recorded for reference only, never baked into the audio.
    """

    media: MediaRef
    position: int
    trim_in: int
    trim_out: int
    gain_db: float = 0.0
    fade_in: int = 0
    fade_out: int = 0
    latency_offset: int = 0
    id: str = field(default_factory=new_id)

    @property
    def length(self) -> int:
        return self.trim_out - self.trim_in

    @property
    def end(self) -> int:
        """The timeline sample just after the clip's last one."""
        return self.position + self.length

    @property
    def media_start(self) -> int:
        """Where the media's sample 0 sits on the timeline (before the clip, when trimmed)."""
        return self.position - self.trim_in

    def overlaps(self, start: int, end: int) -> bool:
        return self.position < end and start < self.end and self.length > 0


@dataclass(frozen=True)
class Dropout:
    """An input overflow or output underflow during a take, at a sample of the take."""

    position: int
    kind: str  # "input-overflow" | "output-underflow"


@dataclass
class Take:
    """One press of record: its clip, when it was made, and what went wrong while it was made."""

    name: str
    clip: Clip
    recorded_at: str  # ISO 8601, UTC
    dropouts: tuple[Dropout, ...] = ()
    id: str = field(default_factory=new_id)


@dataclass
class Track:
    """A lane of clips with its own gain, pan, mute and solo, and the takes recorded on it.

    What plays is `clips` plus the active take's clip; the other takes are kept, silent, so the
    performer can pick another one later.
    """

    name: str
    kind: TrackKind = TrackKind.AUDIO
    gain_db: float = 0.0
    pan: float = 0.0  # -1 left … +1 right
    mute: bool = False
    solo: bool = False
    armed: bool = False
    clips: list[Clip] = field(default_factory=list)
    takes: list[Take] = field(default_factory=list)
    active_take_id: str | None = None
    id: str = field(default_factory=new_id)

    @property
    def active_take(self) -> Take | None:
        return next((t for t in self.takes if t.id == self.active_take_id), None)

    def playing_clips(self) -> list[Clip]:
        """The clips this track plays, in timeline order: its own and the active take's."""
        take = self.active_take
        clips = [*self.clips, take.clip] if take is not None else list(self.clips)
        return sorted(clips, key=lambda c: (c.position, c.id))

    def all_clips(self) -> list[Clip]:
        """Every clip of the track, the silent takes' included."""
        return [*self.clips, *(t.clip for t in self.takes)]


@dataclass
class Tempo:
    """Tempo and meter, for the click, the count-in, the bar ruler and beat snapping."""

    bpm: float = 120.0
    beats_per_bar: int = 4
    beat_unit: int = 4

    def samples_per_beat(self, sample_rate: int) -> float:
        return sample_rate * 60.0 / self.bpm

    def samples_per_bar(self, sample_rate: int) -> float:
        return self.samples_per_beat(sample_rate) * self.beats_per_bar

    def bar_beat(self, sample: int, sample_rate: int) -> tuple[int, int, float]:
        """(bar, beat, fraction of the beat) at a sample, bars and beats counted from 1."""
        beats = sample / self.samples_per_beat(sample_rate)
        whole = int(beats // 1)
        return whole // self.beats_per_bar + 1, whole % self.beats_per_bar + 1, beats - whole


@dataclass(frozen=True)
class SampleRange:
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Marker:
    position: int
    name: str
    id: str = field(default_factory=new_id)


@dataclass
class Markers:
    """Punch-in/out and loop ranges (None when not set), plus named cue markers."""

    punch: SampleRange | None = None
    loop: SampleRange | None = None
    cues: list[Marker] = field(default_factory=list)


@dataclass
class Project:
    """What a user works on for one challenge."""

    title: str
    challenge_id: int | None = None
    sample_rate: int = DEFAULT_SAMPLE_RATE
    tempo: Tempo = field(default_factory=Tempo)
    tracks: list[Track] = field(default_factory=list)
    markers: Markers = field(default_factory=Markers)
    id: str = field(default_factory=new_id)

    def track(self, track_id: str) -> Track:
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(f"no track {track_id}")

    def find_clip(self, clip_id: str) -> tuple[Track, Clip]:
        """The clip with this id and its track, whether placed or a take's."""
        for track in self.tracks:
            for clip in track.all_clips():
                if clip.id == clip_id:
                    return track, clip
        raise KeyError(f"no clip {clip_id}")

    def is_audible(self, track: Track) -> bool:
        """Mute wins; when any track is soloed only soloed tracks play."""
        if track.mute:
            return False
        any_solo = any(t.solo for t in self.tracks)
        return track.solo or not any_solo

    def end(self) -> int:
        """The timeline sample after the last playing clip (0 for an empty project)."""
        return max(
            (c.end for t in self.tracks for c in t.playing_clips()),
            default=0,
        )
