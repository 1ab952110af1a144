"""The project file: versioned JSON, validated by pydantic models, to and from the model.

`{"format": "hitrecord-project", "version": 2, "project": {...}}` — resources/project-format.md
says what each field means and resources/project.schema.json is generated from these models.
Unknown fields are refused rather than dropped: a typo in a hand-edited file would otherwise
silently lose the value the person meant to set.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from hitrecord_desktop.project import rules
from hitrecord_desktop.project.file_errors import (
    FieldProblem,
    ProjectFileError,
    problems_from_validation,
)
from hitrecord_desktop.project.migrations import MIGRATIONS
from hitrecord_desktop.project.model import (
    Clip,
    Dropout,
    LineageEntry,
    Marker,
    Markers,
    MediaOrigin,
    MediaRef,
    Project,
    SampleRange,
    Take,
    Tempo,
    Track,
    TrackKind,
)

FORMAT_NAME = "hitrecord-project"
FORMAT_VERSION = 2
SCHEMA_ID = "https://hitrecord.invalid/schemas/project.schema.json"

Samples = Annotated[int, Field(ge=0, description="samples at the project's sample rate")]
Id = Annotated[str, Field(min_length=1, max_length=64)]


def _check(problem: str | None) -> None:
    if problem is not None:
        raise ValueError(problem)


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False, frozen=True)


class LineageModel(_Strict):
    contribution_id: int = Field(ge=1)
    offset_samples: int = Field(
        description="where the new piece starts, from the start of the contribution"
    )
    sample_rate: int = Field(ge=rules.MIN_SAMPLE_RATE, le=rules.MAX_SAMPLE_RATE)


class MediaModel(_Strict):
    origin: Literal["take", "contribution", "file", "render"]
    path: str = Field(min_length=1, description="the media file on this machine")
    sha256: str = Field(default="", pattern=r"^([0-9a-f]{64})?$")
    contribution_id: int | None = Field(default=None, ge=1)
    title: str = ""
    author: str = ""
    built_on: list[LineageModel] = Field(
        default_factory=list, description="lineage of media not uploaded yet"
    )
    frames: Samples = Field(default=0, description="length in samples; 0 while unknown")
    has_video: bool = False


class ClipModel(_Strict):
    id: Id
    media: MediaModel
    position: Samples = Field(description="timeline sample where the clip starts")
    trim_in: Samples = Field(description="first source sample played")
    trim_out: int = Field(description="source sample after the last one played")
    gain_db: float = 0.0
    fade_in: Samples = 0
    fade_out: Samples = 0
    latency_offset: int = Field(
        default=0, description="samples the take was moved earlier when recorded (not baked in)"
    )

    @field_validator("trim_out")
    @classmethod
    def _trim(cls, value: int, info: ValidationInfo) -> int:
        media, trim_in = info.data.get("media"), info.data.get("trim_in")
        if trim_in is not None:
            _check(rules.trim_problem(trim_in, value, media.frames if media else 0))
        return value

    @field_validator("gain_db")
    @classmethod
    def _gain(cls, value: float) -> float:
        _check(rules.gain_problem(value))
        return value

    @field_validator("fade_out")
    @classmethod
    def _fades(cls, value: int, info: ValidationInfo) -> int:
        d = info.data
        if {"trim_in", "trim_out", "fade_in"} <= d.keys():
            _check(rules.fades_problem(d["fade_in"], value, d["trim_out"] - d["trim_in"]))
        return value


class DropoutModel(_Strict):
    position: Samples
    kind: Literal["input-overflow", "output-underflow"]


class TakeModel(_Strict):
    id: Id
    name: str
    clip: ClipModel
    recorded_at: str = Field(description="ISO 8601, UTC")
    dropouts: list[DropoutModel] = Field(default_factory=list)


class TrackModel(_Strict):
    id: Id
    name: str
    kind: Literal["audio", "video"] = "audio"
    gain_db: float = 0.0
    pan: float = Field(default=0.0, description="-1 left … +1 right")
    mute: bool = False
    solo: bool = False
    armed: bool = False
    clips: list[ClipModel] = Field(default_factory=list)
    takes: list[TakeModel] = Field(default_factory=list)
    active_take_id: str | None = Field(default=None, description="the take that plays, if any")

    @field_validator("gain_db")
    @classmethod
    def _gain(cls, value: float) -> float:
        _check(rules.gain_problem(value))
        return value

    @field_validator("pan")
    @classmethod
    def _pan(cls, value: float) -> float:
        _check(rules.pan_problem(value))
        return value

    @field_validator("clips", "takes")
    @classmethod
    def _video_media(cls, value: list, info: ValidationInfo) -> list:
        if info.data.get("kind") == "video":
            for index, item in enumerate(value):
                media = item.media if isinstance(item, ClipModel) else item.clip.media
                if not media.has_video:
                    raise ValueError(
                        f"{info.field_name}[{index}]: a video track cannot hold audio-only media"
                    )
        return value

    @field_validator("active_take_id")
    @classmethod
    def _active(cls, value: str | None, info: ValidationInfo) -> str | None:
        takes = info.data.get("takes")
        if value is not None and takes is not None and value not in {t.id for t in takes}:
            raise ValueError(f"no take of this track has id {value!r}")
        return value


class TempoModel(_Strict):
    bpm: float = 120.0
    beats_per_bar: int = 4
    beat_unit: int = 4

    @model_validator(mode="after")
    def _tempo(self) -> TempoModel:
        _check(rules.tempo_problem(self.bpm, self.beats_per_bar, self.beat_unit))
        return self


class RangeModel(_Strict):
    start: Samples
    end: int

    @field_validator("end")
    @classmethod
    def _end(cls, value: int, info: ValidationInfo) -> int:
        if "start" in info.data:
            _check(rules.range_problem(info.data["start"], value))
        return value


class CueModel(_Strict):
    id: Id
    position: Samples
    name: str


class MarkersModel(_Strict):
    punch: RangeModel | None = None
    loop: RangeModel | None = None
    cues: list[CueModel] = Field(default_factory=list)


class ProjectModel(_Strict):
    id: Id
    title: str
    challenge_id: int | None = Field(default=None, ge=1)
    sample_rate: int = Field(
        default=48_000, ge=rules.MIN_SAMPLE_RATE, le=rules.MAX_SAMPLE_RATE, description="Hz"
    )
    tempo: TempoModel = Field(default_factory=TempoModel)
    tracks: list[TrackModel] = Field(default_factory=list)
    markers: MarkersModel = Field(default_factory=MarkersModel)

    @model_validator(mode="after")
    def _unique_ids(self) -> ProjectModel:
        seen: dict[str, str] = {self.id: "id"}
        places: list[tuple[str, str]] = []
        for t, track in enumerate(self.tracks):
            places.append((track.id, f"tracks[{t}].id"))
            places += [(c.id, f"tracks[{t}].clips[{i}].id") for i, c in enumerate(track.clips)]
            for i, take in enumerate(track.takes):
                places.append((take.id, f"tracks[{t}].takes[{i}].id"))
                places.append((take.clip.id, f"tracks[{t}].takes[{i}].clip.id"))
        places += [(m.id, f"markers.cues[{i}].id") for i, m in enumerate(self.markers.cues)]
        for value, where in places:
            if value in seen:
                raise ValueError(f"id {value!r} is used twice: at {seen[value]} and at {where}")
            seen[value] = where
        return self


class ProjectFileModel(_Strict):
    """The whole file."""

    model_config = ConfigDict(title="HitRecord Desktop project")

    format: Literal["hitrecord-project"]
    version: Literal[2]
    project: ProjectModel


# Model ⇄ file model.


def _media_model(m: MediaRef) -> MediaModel:
    return MediaModel(
        origin=m.origin.value,
        path=m.path,
        sha256=m.sha256,
        contribution_id=m.contribution_id,
        title=m.title,
        author=m.author,
        built_on=[LineageModel(**e.to_json()) for e in m.built_on],
        frames=m.frames,
        has_video=m.has_video,
    )


def _clip_model(c: Clip) -> ClipModel:
    return ClipModel(
        id=c.id,
        media=_media_model(c.media),
        position=c.position,
        trim_in=c.trim_in,
        trim_out=c.trim_out,
        gain_db=c.gain_db,
        fade_in=c.fade_in,
        fade_out=c.fade_out,
        latency_offset=c.latency_offset,
    )


def _range_model(r: SampleRange | None) -> RangeModel | None:
    return None if r is None else RangeModel(start=r.start, end=r.end)


def to_file_model(project: Project) -> ProjectFileModel:
    """Validates on the way out too: a bug that corrupts the model fails the save, not the load."""
    tracks = [
        TrackModel(
            id=t.id,
            name=t.name,
            kind=t.kind.value,
            gain_db=t.gain_db,
            pan=t.pan,
            mute=t.mute,
            solo=t.solo,
            armed=t.armed,
            clips=[_clip_model(c) for c in t.clips],
            takes=[
                TakeModel(
                    id=k.id,
                    name=k.name,
                    clip=_clip_model(k.clip),
                    recorded_at=k.recorded_at,
                    dropouts=[DropoutModel(position=d.position, kind=d.kind) for d in k.dropouts],
                )
                for k in t.takes
            ],
            active_take_id=t.active_take_id,
        )
        for t in project.tracks
    ]
    markers = project.markers
    return ProjectFileModel(
        format=FORMAT_NAME,
        version=FORMAT_VERSION,
        project=ProjectModel(
            id=project.id,
            title=project.title,
            challenge_id=project.challenge_id,
            sample_rate=project.sample_rate,
            tempo=TempoModel(
                bpm=project.tempo.bpm,
                beats_per_bar=project.tempo.beats_per_bar,
                beat_unit=project.tempo.beat_unit,
            ),
            tracks=tracks,
            markers=MarkersModel(
                punch=_range_model(markers.punch),
                loop=_range_model(markers.loop),
                cues=[CueModel(id=m.id, position=m.position, name=m.name) for m in markers.cues],
            ),
        ),
    )


def _media(m: MediaModel) -> MediaRef:
    return MediaRef(
        origin=MediaOrigin(m.origin),
        path=m.path,
        sha256=m.sha256,
        contribution_id=m.contribution_id,
        title=m.title,
        author=m.author,
        built_on=tuple(LineageEntry(**e.model_dump()) for e in m.built_on),
        frames=m.frames,
        has_video=m.has_video,
    )


def _clip(c: ClipModel) -> Clip:
    values = c.model_dump(exclude={"media"})
    return Clip(media=_media(c.media), **values)


def _range(r: RangeModel | None) -> SampleRange | None:
    return None if r is None else SampleRange(r.start, r.end)


def from_file_model(doc: ProjectFileModel) -> Project:
    p = doc.project
    return Project(
        id=p.id,
        title=p.title,
        challenge_id=p.challenge_id,
        sample_rate=p.sample_rate,
        tempo=Tempo(**p.tempo.model_dump()),
        tracks=[
            Track(
                id=t.id,
                name=t.name,
                kind=TrackKind(t.kind),
                gain_db=t.gain_db,
                pan=t.pan,
                mute=t.mute,
                solo=t.solo,
                armed=t.armed,
                clips=[_clip(c) for c in t.clips],
                takes=[
                    Take(
                        id=k.id,
                        name=k.name,
                        clip=_clip(k.clip),
                        recorded_at=k.recorded_at,
                        dropouts=tuple(Dropout(d.position, d.kind) for d in k.dropouts),
                    )
                    for k in t.takes
                ],
                active_take_id=t.active_take_id,
            )
            for t in p.tracks
        ],
        markers=Markers(
            punch=_range(p.markers.punch),
            loop=_range(p.markers.loop),
            cues=[Marker(id=m.id, position=m.position, name=m.name) for m in p.markers.cues],
        ),
    )


# Bytes ⇄ model.


def encode_project(project: Project) -> bytes:
    """The file's bytes: UTF-8 JSON, indented so a diff or a hand edit stays readable."""
    try:
        doc = to_file_model(project)
    except ValidationError as exc:
        raise ValueError(f"the project is not valid, not saving it: {exc}") from exc
    text = json.dumps(doc.model_dump(mode="json"), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_json(data: bytes, source: str) -> Any:
    if not data.strip():
        raise ProjectFileError.single(source, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError.single(
            source, f"not a text file: byte {exc.start} is not UTF-8 (binary data?)"
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ProjectFileError.single(
            source,
            f"not valid JSON ({exc.msg}) at line {exc.lineno}, column {exc.colno}"
            " (was the file cut short or edited by hand?)",
        ) from None
    except ValueError as exc:
        raise ProjectFileError.single(source, f"not valid JSON: {exc}") from None


def _file_version(data: Any, source: str) -> int:
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string"}.get(type(data), "a single value")
        raise ProjectFileError.single(
            source, f"not a HitRecord project: the file holds {kind}, not an object"
        )
    if data.get("format") != FORMAT_NAME:
        if "format" not in data:
            message = f'not a HitRecord project: it has no "format": "{FORMAT_NAME}"'
            raise ProjectFileError.single(source, message)
        got = data["format"]
        raise ProjectFileError.single(source, f"is {got!r}, not {FORMAT_NAME!r}", "format")
    version = data.get("version")
    if "version" not in data:
        raise ProjectFileError.single(source, "required field is missing", "version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError.single(
            source, f"must be a whole number (got {version!r})", "version"
        )
    if version > FORMAT_VERSION:
        raise ProjectFileError.single(
            source,
            f"made by a newer HitRecord Desktop (format version {version}; this one reads "
            f"versions up to {FORMAT_VERSION}). Update the app to open it.",
            "version",
        )
    if version < 1:
        raise ProjectFileError.single(source, f"unknown format version {version}", "version")
    return version


def decode_project(data: bytes, source: str = "project file") -> tuple[Project, int]:
    """The project in `data`, and the format version it was stored in (older ones migrated).

    Raises ProjectFileError naming `source`, the field and the problem.
    """
    raw = _parse_json(data, source)
    version = _file_version(raw, source)
    found = version
    while version < FORMAT_VERSION:
        raw = MIGRATIONS[version](raw, source)
        version += 1
    try:
        doc = ProjectFileModel.model_validate(raw)
    except ValidationError as exc:
        problems = problems_from_validation(exc)
        if found != FORMAT_VERSION:
            note = f" (after upgrading the file from format version {found})"
            problems = [FieldProblem(p.path, p.message + note) for p in problems]
        raise ProjectFileError(source, problems) from None
    return from_file_model(doc), found


def project_json_schema() -> dict[str, Any]:
    """The JSON Schema of the current format (resources/project.schema.json is this)."""
    schema = ProjectFileModel.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "description": (
            "A HitRecord Desktop project. All positions and lengths are integer samples at "
            "project.sample_rate. See resources/project-format.md."
        ),
    }


def schema_text() -> str:
    return json.dumps(project_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
