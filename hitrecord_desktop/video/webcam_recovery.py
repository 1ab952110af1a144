"""Finds webcam takes cut short by a crash and finishes them: whole fragments remuxed into an
ordinary MP4, with the engine's sound of the take (repaired first, as any audio take) muxed in.

Runs before the audio takes' recovery, so that a webcam take's sound file is claimed here (its
journal marked "recovered") and not put back on the video track as an audio take. Nothing is
deleted: the fragmented file and the WAV stay beside the new MP4.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..audio import take_journal
from ..audio.take_recovery import RecoveryError, find_orphaned_takes, recover
from ..project.model import Clip, MediaOrigin, MediaRef, Take
from . import webcam_journal as wj
from .take_mux import TakeMuxError, finish_take

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrphanedWebcamTake:
    journal_path: Path
    journal: dict
    reason: str

    @property
    def take_path(self) -> Path:
        return self.journal_path.with_name(str(self.journal.get("file", "")))


@dataclass(frozen=True)
class RecoveredWebcamTake:
    """A webcam take finished after a crash, with what is needed to put it back on its track
    (the same fields `recover_command.put_back` reads from an audio take)."""

    path: Path  # the new MP4
    fragments_path: Path  # the file as the crash left it (kept)
    journal_path: Path
    frames: int  # pictures
    seconds: float
    sample_rate: int
    take_id: str
    project_id: str
    track_id: str
    position: int
    latency_offset: int
    started_at: str
    audio_path: Path | None

    def to_take(self, name: str = "Recovered camera take") -> Take:
        length = round(self.seconds * self.sample_rate)
        media = MediaRef(MediaOrigin.TAKE, str(self.path), frames=length, has_video=True)
        clip = Clip(media, self.position, 0, length, latency_offset=self.latency_offset)
        return Take(name=name, clip=clip, recorded_at=self.started_at, id=self.take_id)


def find_orphaned_webcam_takes(folders: Path | Iterable[Path]) -> list[OrphanedWebcamTake]:
    """Webcam journals in these folders still "recording" whose process is gone, oldest first."""
    if isinstance(folders, str | os.PathLike):
        folders = [Path(folders)]
    found = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*" + wj.SUFFIX)):
            try:
                data = wj.read(path)
            except (OSError, ValueError) as exc:
                log.warning("skipping unreadable webcam journal %s: %s", path, exc)
                continue
            if data.get("state") != take_journal.RECORDING:
                continue
            if take_journal.is_process_alive(data.get("writer", {})):
                continue
            found.append(OrphanedWebcamTake(path, data, "its recording process ended"))
    return sorted(found, key=lambda o: str(o.journal.get("started_at", "")))


def recover_webcam_take(orphan: OrphanedWebcamTake) -> RecoveredWebcamTake:
    """Finishes an orphaned webcam take into `<take id>.mp4` and marks its journal recovered."""
    data = orphan.journal
    folder = orphan.journal_path.parent
    fragments = orphan.take_path
    if not fragments.is_file():
        raise RecoveryError(f"{fragments}: the webcam take's file is missing")
    rate = int(data.get("sample_rate", 48_000))
    position = int(data.get("position", 0))
    audio_path, audio_offset = _claim_sound(folder, data, position, rate)
    target = wj.final_path(folder, str(data.get("take_id", fragments.stem)))
    try:
        muxed = finish_take(fragments, target, audio_file=audio_path, audio_offset_s=audio_offset)
    except (TakeMuxError, OSError) as exc:
        raise RecoveryError(f"{fragments}: cannot recover the pictures: {exc}") from exc
    wj.write(
        orphan.journal_path,
        {
            **data,
            "state": take_journal.RECOVERED,
            "previous_state": data.get("state"),
            "frames": muxed.frames,
            "recovered_file": target.name,
            "recovered_at": take_journal.utc_now(),
        },
    )
    return RecoveredWebcamTake(
        path=target,
        fragments_path=fragments,
        journal_path=orphan.journal_path,
        frames=muxed.frames,
        seconds=muxed.duration,
        sample_rate=rate,
        take_id=str(data.get("take_id", "")),
        project_id=str(data.get("project_id", "")),
        track_id=str(data.get("track_id", "")),
        position=position,
        latency_offset=int(data.get("latency_offset", 0)),
        started_at=str(data.get("started_at", "")),
        audio_path=audio_path,
    )


def _claim_sound(folder: Path, data: dict, position: int, rate: int) -> tuple[Path | None, float]:
    """The engine's WAV of the take, repaired if its writer died too, and where it starts
    relative to the pictures (seconds); (None, 0) when the take has no such sound."""
    name = str(data.get("audio_file") or "")
    if data.get("sound") != wj.SOUND_ENGINE or not name:
        return None, 0.0
    wav = folder / name
    audio_journal = take_journal.journal_path_for(wav)
    for orphan in find_orphaned_takes(folder):
        if orphan.journal_path == audio_journal:
            try:
                recover(orphan)
            except (RecoveryError, OSError) as exc:
                log.warning("the sound of webcam take %s is lost: %s", data.get("take_id"), exc)
                return None, 0.0
    try:
        audio_position = int(take_journal.read_journal(audio_journal).get("position", position))
    except (OSError, ValueError):
        audio_position = position
    if not wav.is_file():
        return None, 0.0
    return wav, (audio_position - position) / rate


def rescue_webcam_takes(folders: list[Path]) -> tuple[list[RecoveredWebcamTake], list[str]]:
    """Recovers every orphaned webcam take; (the recovered, what failed in words)."""
    recovered, problems = [], []
    for orphan in find_orphaned_webcam_takes(folders):
        try:
            recovered.append(recover_webcam_take(orphan))
        except (RecoveryError, OSError) as exc:
            problems.append(f"{orphan.take_path.name}: {exc}")
    return recovered, problems
