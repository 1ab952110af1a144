"""The project file: round trip of every field, migration, the schema, and broken files."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from hitrecord_desktop.project.file_errors import ProjectFileError
from hitrecord_desktop.project.file_format import (
    FORMAT_VERSION,
    decode_project,
    encode_project,
    schema_text,
)
from hitrecord_desktop.project.model import (
    Clip,
    MediaOrigin,
    MediaRef,
    Project,
    SampleRange,
    Tempo,
    TrackKind,
)
from tests.project.builders import full_project

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"


def _field_values(obj: object, seen: dict[str, bool]) -> None:
    """seen["Class.field"] becomes True once any instance of that field is not its default."""
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = None if f.default is dataclasses.MISSING else f.default
        where = f"{type(obj).__name__}.{f.name}"
        seen[where] = seen.get(where, False) or (f.name == "id" or value != default)
        for item in value if isinstance(value, list | tuple) else [value]:
            if dataclasses.is_dataclass(item):
                _field_values(item, seen)


def test_fixture_sets_every_field() -> None:
    """So the round trip below really covers every field (a new field must be added there)."""
    seen: dict[str, bool] = {}
    _field_values(full_project(), seen)
    assert [where for where, set_somewhere in seen.items() if not set_somewhere] == []


def test_round_trip_keeps_every_field() -> None:
    project = full_project()
    data = encode_project(project)
    loaded, version = decode_project(data)
    assert loaded == project and version == FORMAT_VERSION
    assert encode_project(loaded) == data  # stable bytes: saves of an unchanged project match


def test_file_is_documented_shape() -> None:
    doc = json.loads(encode_project(full_project()))
    assert (doc["format"], doc["version"]) == ("hitrecord-project", 2)
    clip = doc["project"]["tracks"][0]["clips"][0]
    assert clip["position"] == 1000 and isinstance(clip["position"], int)
    assert clip["media"]["contribution_id"] == 7


def test_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / "resources" / "project.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: make project-schema"


def test_version_1_file_is_upgraded() -> None:
    project, version = decode_project((DATA / "project-v1.json").read_bytes(), "v1")
    assert version == 1
    assert (project.title, project.challenge_id) == ("Night Bus (draft)", 3)
    assert project.sample_rate == 48000
    assert project.tempo == Tempo(96.0, 3, 4)
    assert project.markers.loop == SampleRange(96_000, 504_000)
    assert project.markers.punch is None and project.markers.cues == []
    music, vox, film = project.tracks
    assert (music.gain_db, vox.pan, vox.mute, film.kind) == (-3.0, -0.3, True, TrackKind.VIDEO)
    assert music.clips[0] == Clip(
        MediaRef(
            MediaOrigin.CONTRIBUTION,
            "/home/ann/.cache/HitRecordDesktop/contributions/7.flac",
            contribution_id=7,
        ),
        position=0,
        trim_in=24_000,
        trim_out=1_440_000,
        fade_out=96_000,
        id="clip-backing",
    )
    # 4.123456 s × 48000 = 197925.888 samples: rounded to the nearest sample.
    assert (vox.clips[0].position, vox.clips[0].fade_in) == (197_926, 480)
    assert vox.clips[0].media == MediaRef(MediaOrigin.FILE, "takes/vox-1.wav")
    assert film.clips[0].media.has_video
    assert all(t.takes == [] and t.active_take_id is None for t in project.tracks)
    # Saved again, it is a version 2 file that loads to the same project.
    assert decode_project(encode_project(project)) == (project, 2)


def _broken(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ProjectFileError) as caught:
        decode_project(data, "my.json")
    return str(caught.value)


def _valid_doc() -> dict:
    return json.loads(encode_project(full_project()))


def _edited(change) -> str:
    doc = _valid_doc()
    change(doc)
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "my.json: the file is empty"),
        ("  \n", "my.json: the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "my.json: not a text file: byte 0 is not UTF-8"),
        ("[1, 2]", "my.json: not a HitRecord project: the file holds a list, not an object"),
        ('{"title": "x"}', 'my.json: not a HitRecord project: it has no "format"'),
        ('{"format": "hitrecord-settings"}', "my.json: format: is 'hitrecord-settings', not"),
        ('{"format": "hitrecord-project"}', "my.json: version: required field is missing"),
        ('{"format": "hitrecord-project", "version": "2"}', "version: must be a whole number"),
        (
            '{"format": "hitrecord-project", "version": 3, "project": {}}',
            "my.json: version: made by a newer HitRecord Desktop (format version 3; this one "
            "reads versions up to 2). Update the app to open it.",
        ),
        ('{"format": "hitrecord-project", "version": 0}', "unknown format version 0"),
        (
            '{"format": "hitrecord-project", "version": 2, "project": {"ti',
            "(Unterminated string starting at) at line 1, column 59",
        ),
        ('{"format": "hitrecord-project", "version": NaN}', "NaN is not a number JSON allows"),
    ],
)
def test_broken_files_say_what_is_wrong(text: str | bytes, expected: str) -> None:
    assert expected in _broken(text)


def test_truncated_file_names_line_and_column() -> None:
    data = encode_project(full_project())
    message = _broken(data[: len(data) // 2])
    assert message.startswith("my.json: not valid JSON (")
    assert "at line " in message and "column" in message and "cut short" in message


def test_wrong_type_names_the_field_path() -> None:
    def change(doc: dict) -> None:
        doc["project"]["tracks"][1]["clips"][0]["trim_out"] = "20s"

    assert _broken(_edited(change)) == (
        "my.json: project.tracks[1].clips[0].trim_out: must be a whole number (got '20s')"
    )


def test_field_name_typo_is_named_with_a_suggestion() -> None:
    def change(doc: dict) -> None:
        clip = doc["project"]["tracks"][0]["clips"][0]
        clip["trim_ot"] = clip.pop("trim_out")

    message = _broken(_edited(change))
    assert "project.tracks[0].clips[0].trim_ot: unknown field (did you mean 'trim_out'?)" in message
    assert "project.tracks[0].clips[0].trim_out: required field is missing" in message


def test_rule_breaks_are_named() -> None:
    def negative_trim(doc: dict) -> None:
        doc["project"]["tracks"][0]["clips"][0]["trim_in"] = -5

    def trim_order(doc: dict) -> None:
        doc["project"]["tracks"][0]["clips"][0]["trim_out"] = 100

    def pan(doc: dict) -> None:
        doc["project"]["tracks"][0]["pan"] = 3

    def active(doc: dict) -> None:
        doc["project"]["tracks"][0]["active_take_id"] = "gone"

    def duplicate(doc: dict) -> None:
        doc["project"]["tracks"][1]["id"] = doc["project"]["tracks"][0]["id"]

    def audio_on_video(doc: dict) -> None:
        doc["project"]["tracks"][1]["clips"][0]["media"]["has_video"] = False

    assert "project.tracks[0].clips[0].trim_in: Input should be greater than or equal to 0" in (
        _broken(_edited(negative_trim))
    )
    assert (
        "project.tracks[0].clips[0].trim_out: trim_out (100) must be after trim_in (200)"
        in _broken(_edited(trim_order))
    )
    assert "project.tracks[0].pan: pan must be between -1 (left) and 1 (right) (got 3" in (
        _broken(_edited(pan))
    )
    assert "project.tracks[0].active_take_id: no take of this track has id 'gone'" in (
        _broken(_edited(active))
    )
    assert "id 't1' is used twice: at tracks[0].id and at tracks[1].id" in (
        _broken(_edited(duplicate))
    )
    assert "project.tracks[1].clips: clips[0]: a video track cannot hold audio-only media" in (
        _broken(_edited(audio_on_video))
    )


def test_broken_version_1_file_names_the_old_field() -> None:
    doc = json.loads((DATA / "project-v1.json").read_text())
    doc["project"]["tracks"][0]["clips"][0]["position"] = "zero"
    assert _broken(json.dumps(doc)) == (
        "my.json: project.tracks[0].clips[0].position: must be a number (got 'zero') "
        "(format version 1)"
    )


def test_many_problems_are_summarised() -> None:
    def change(doc: dict) -> None:
        for track in doc["project"]["tracks"]:
            for name in ("gain_db", "pan", "mute", "solo", "armed"):
                track[name] = "?"

    assert "… and 5 more problems" in _broken(_edited(change))


def test_a_model_that_breaks_the_rules_is_not_saved() -> None:
    project = Project("Bad")
    project.sample_rate = 7
    with pytest.raises(ValueError, match="not valid, not saving"):
        encode_project(project)


def test_version_1_fades_that_fill_a_clip_still_fit_after_rounding() -> None:
    doc = json.loads((DATA / "project-v1.json").read_text())
    rate = doc["project"]["sample_rate"]
    first = doc["project"]["tracks"][0]["clips"][0]
    # Rounded one by one: trim_in 0.6 -> 1, trim_out rate + 0.4 -> rate: 47,999 samples long,
    # while the fade, 48,000 samples in seconds, filled it.
    first["trim_in"], first["trim_out"] = 0.6 / rate, (rate + 0.4) / rate
    first["fade_in"], first["fade_out"] = (rate - 0.2) / rate, 0.0
    project, _ = decode_project(json.dumps(doc).encode(), "v1")
    clip = project.tracks[0].clips[0]
    assert clip.length == rate - 1 and clip.fade_in == clip.length
