"""The journal beside a webcam take being recorded, so that recovery can finish it after a crash.

`<take id>.webcam.json` sits in the takes folder next to the fragmented file being written. Its
name is not the audio journals' (`*.journal.json`), so the audio scan never mistakes it for an
audio take; the engine's sound file of the take has its own audio journal, which this one names.
Written atomically, with the writer process named, by `take_journal`'s functions.
"""

from __future__ import annotations

from pathlib import Path

from ..audio import take_journal as journal

SUFFIX = ".webcam.json"
FRAGMENTS_SUFFIX = ".webcam.mp4"
VERSION = 1

# Sound of a webcam take.
SOUND_ENGINE = "engine"  # the audio engine records it (same sample clock as the project)
SOUND_CAMERA = "camera"  # the camera's microphone, encoded into the file as it comes
SOUND_NONE = "none"
SOUNDS = (SOUND_ENGINE, SOUND_CAMERA, SOUND_NONE)


def journal_path(folder: Path, take_id: str) -> Path:
    return folder / f"{take_id}{SUFFIX}"


def fragments_path(folder: Path, take_id: str) -> Path:
    return folder / f"{take_id}{FRAGMENTS_SUFFIX}"


def final_path(folder: Path, take_id: str) -> Path:
    return folder / f"{take_id}.mp4"


def new_journal(
    *,
    take_id: str,
    project_id: str,
    track_id: str,
    position: int,
    latency_offset: int,
    sample_rate: int,
    sound: str,
    audio_file: str,
    width: int,
    height: int,
    fps: float,
    take_name: str,
) -> dict:
    return {
        "version": VERSION,
        "kind": "webcam",
        "take_id": take_id,
        "project_id": project_id,
        "track_id": track_id,
        "position": position,
        "latency_offset": latency_offset,
        "sample_rate": sample_rate,
        "sound": sound,
        "audio_file": audio_file,
        "file": take_id + FRAGMENTS_SUFFIX,
        "final_file": take_id + ".mp4",
        "width": width,
        "height": height,
        "fps": fps,
        "take_name": take_name,
        "state": journal.RECORDING,
        "started_at": journal.utc_now(),
        "writer": journal.process_identity(),
    }


def write(path: Path, data: dict) -> None:
    journal.write_journal(path, data)


def read(path: Path) -> dict:
    return journal.read_journal(path)
