"""Upgrades of older project files, one version step at a time, on the raw JSON.

Each old version keeps its own frozen pydantic models: a broken old file gets a message naming
the field as that version spelled it. Never edit a migration once released; add the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hitrecord_desktop.project.file_errors import (
    FieldProblem,
    ProjectFileError,
    problems_from_validation,
)

# Version 1: the first draft. Times in seconds (floats), no takes, no punch or cues, media as a
# flat path plus an optional contribution id, no media length or hash.


class _V1(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


class ClipV1(_V1):
    id: str = Field(min_length=1)
    media_path: str = Field(min_length=1)
    contribution_id: int | None = None
    position: float = Field(ge=0)
    trim_in: float = Field(ge=0)
    trim_out: float = Field(ge=0)
    gain_db: float = 0.0
    fade_in: float = Field(default=0.0, ge=0)
    fade_out: float = Field(default=0.0, ge=0)


class TrackV1(_V1):
    id: str = Field(min_length=1)
    name: str
    kind: Literal["audio", "video"] = "audio"
    gain_db: float = 0.0
    pan: float = 0.0
    mute: bool = False
    solo: bool = False
    clips: list[ClipV1] = Field(default_factory=list)


class LoopV1(_V1):
    start: float = Field(ge=0)
    end: float = Field(ge=0)


class ProjectV1(_V1):
    id: str = Field(min_length=1)
    title: str
    challenge_id: int | None = None
    sample_rate: int = 48_000
    bpm: float = 120.0
    beats_per_bar: int = 4
    loop: LoopV1 | None = None
    tracks: list[TrackV1] = Field(default_factory=list)


class FileV1(_V1):
    format: Literal["hitrecord-project"]
    version: Literal[1]
    project: ProjectV1


def migrate_1_to_2(raw: dict[str, Any], source: str) -> dict[str, Any]:
    """Seconds become samples (rounded to the nearest), media becomes a MediaRef, tracks get an
    empty take list. Video media is recognised by the clip sitting on a video track."""
    try:
        old = FileV1.model_validate(raw)
    except ValidationError as exc:
        problems = [
            FieldProblem(p.path, f"{p.message} (format version 1)")
            for p in problems_from_validation(exc)
        ]
        raise ProjectFileError(source, problems) from None
    p = old.project
    rate = p.sample_rate

    def samples(seconds: float) -> int:
        return round(seconds * rate)

    def clip(c: ClipV1, video: bool) -> dict[str, Any]:
        media: dict[str, Any] = {
            "origin": "contribution" if c.contribution_id is not None else "file",
            "path": c.media_path,
            "contribution_id": c.contribution_id,
            "has_video": video,
        }
        trim_in, trim_out = samples(c.trim_in), samples(c.trim_out)
        # Rounded one by one, fades that filled the clip in seconds can overrun it by a sample:
        # fit them to the length the rounded trims give.
        length = max(0, trim_out - trim_in)
        fade_in = min(samples(c.fade_in), length)
        fade_out = min(samples(c.fade_out), length - fade_in)
        return {
            "id": c.id,
            "media": media,
            "position": samples(c.position),
            "trim_in": trim_in,
            "trim_out": trim_out,
            "gain_db": c.gain_db,
            "fade_in": fade_in,
            "fade_out": fade_out,
        }

    loop = None if p.loop is None else {"start": samples(p.loop.start), "end": samples(p.loop.end)}
    return {
        "format": "hitrecord-project",
        "version": 2,
        "project": {
            "id": p.id,
            "title": p.title,
            "challenge_id": p.challenge_id,
            "sample_rate": rate,
            "tempo": {"bpm": p.bpm, "beats_per_bar": p.beats_per_bar, "beat_unit": 4},
            "tracks": [
                {
                    "id": t.id,
                    "name": t.name,
                    "kind": t.kind,
                    "gain_db": t.gain_db,
                    "pan": t.pan,
                    "mute": t.mute,
                    "solo": t.solo,
                    "clips": [clip(c, t.kind == "video") for c in t.clips],
                }
                for t in p.tracks
            ],
            "markers": {"punch": None, "loop": loop, "cues": []},
        },
    }


# MIGRATIONS[n] turns a version-n file into a version-(n+1) file.
MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {1: migrate_1_to_2}
