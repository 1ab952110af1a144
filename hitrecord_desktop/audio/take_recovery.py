"""Finds takes whose recording was cut short (kill -9, a crash, a power cut, a full disk) and
makes them loadable again, placed where they were being recorded.

A take is orphaned when its journal still says "recording" and the process named in it is gone,
or when it was stopped by a full disk before its FLAC could be repaired. Repairs never delete
or overwrite audio: a WAV gets its size fields patched (and a trailing partial frame cut), a W64
is read as is, and a FLAC is decoded to its last good frame and re-encoded into a new file next
to the old one, which is kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from ..project.model import Clip, Dropout, MediaOrigin, MediaRef, Take
from . import take_journal as journal

log = logging.getLogger(__name__)

_COARSE_BLOCK = 4096
_FINE_BLOCK = 64  # near a cut-off end, read in small steps to keep every decodable frame


class RecoveryError(Exception):
    """An orphaned take that cannot be made readable (its file is gone or unreadable)."""


@dataclass(frozen=True)
class OrphanedTake:
    journal_path: Path
    take_path: Path
    journal: dict
    reason: str  # why it is orphaned, in words


@dataclass(frozen=True)
class RepairedFile:
    path: Path
    frames: int


@dataclass(frozen=True)
class RecoveredTake:
    """A take made loadable again, with what is needed to put it back on its track."""

    path: Path  # the file to load (a new file for a repaired FLAC)
    original_path: Path  # the file as the crash left it (kept)
    journal_path: Path
    frames: int
    sample_rate: int
    channels: int
    take_id: str
    project_id: str
    track_id: str
    position: int  # timeline sample where the take starts
    latency_offset: int
    started_at: str
    dropouts: tuple[Dropout, ...]

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate

    def to_take(self, name: str = "Recovered take") -> Take:
        """The take as the project model holds it, on the timeline where it was recorded."""
        media = MediaRef(origin=MediaOrigin.TAKE, path=str(self.path), frames=self.frames)
        clip = Clip(
            media=media,
            position=self.position,
            trim_in=0,
            trim_out=self.frames,
            latency_offset=self.latency_offset,
        )
        return Take(
            name=name,
            clip=clip,
            recorded_at=self.started_at,
            dropouts=self.dropouts,
            id=self.take_id,
        )


# -- finding -----------------------------------------------------------------------------


def find_orphaned_takes(folders: Path | Iterable[Path]) -> list[OrphanedTake]:
    """Journals in these folders whose take needs recovering, oldest first."""
    if isinstance(folders, str | os.PathLike):
        folders = [Path(folders)]
    found = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for journal_path in sorted(folder.glob("*" + journal.JOURNAL_SUFFIX)):
            try:
                data = journal.read_journal(journal_path)
            except (OSError, ValueError) as exc:
                log.warning("skipping unreadable journal %s: %s", journal_path, exc)
                continue
            reason = _orphan_reason(data)
            if reason is not None:
                take_path = journal_path.with_name(str(data.get("file", "")))
                found.append(OrphanedTake(journal_path, take_path, data, reason))
    return sorted(found, key=lambda o: str(o.journal.get("started_at", "")))


def _orphan_reason(data: dict) -> str | None:
    state = data.get("state")
    if state == journal.RECORDING:
        if journal.is_process_alive(data.get("writer", {})):
            return None  # being recorded right now by a live process
        return "its recording process ended without finishing it"
    if data.get("needs_repair") and state != journal.RECOVERED:
        return f"it was {state} before it could be repaired"
    return None


# -- repairing ---------------------------------------------------------------------------


def recover(orphan: OrphanedTake) -> RecoveredTake:
    """Makes an orphaned take loadable and marks its journal "recovered"."""
    data = orphan.journal
    path = orphan.take_path
    if not path.is_file():
        raise RecoveryError(f"{path}: the take's file is missing")
    file_format = data.get("format", path.suffix.lstrip("."))
    try:
        if file_format == "flac":
            repaired = repair_flac(path)
            loadable, frames = repaired.path, repaired.frames
        elif file_format == "wav":
            frames = patch_wav_sizes(path)
            loadable = path
        else:
            loadable, frames = path, _readable_frames(path)
    except (OSError, sf.LibsndfileError, ValueError) as exc:
        raise RecoveryError(f"{path}: cannot repair: {exc}") from exc
    dropouts = tuple(Dropout(d["position"], d["kind"]) for d in data.get("dropouts", []))
    updated = {
        **data,
        "state": journal.RECOVERED,
        "previous_state": data.get("state"),
        "needs_repair": False,
        "frames": frames,
        "recovered_file": loadable.name,
        "recovered_at": journal.utc_now(),
    }
    journal.write_journal(orphan.journal_path, updated)
    return RecoveredTake(
        path=loadable,
        original_path=path,
        journal_path=orphan.journal_path,
        frames=frames,
        sample_rate=int(data.get("sample_rate", 48_000)),
        channels=int(data.get("channels", 2)),
        take_id=str(data.get("take_id", "")),
        project_id=str(data.get("project_id", "")),
        track_id=str(data.get("track_id", "")),
        position=int(data.get("position", 0)),
        latency_offset=int(data.get("latency_offset", 0)),
        started_at=str(data.get("started_at", "")),
        dropouts=dropouts,
    )


def _readable_frames(path: Path) -> int:
    """Frames libsndfile reads from the file, checked by reading its last block."""
    with sf.SoundFile(path) as handle:
        frames = handle.frames
        if frames:
            handle.seek(max(0, frames - _COARSE_BLOCK))
            handle.read(_COARSE_BLOCK, dtype="int32")
    return frames


def _wav_chunks(header: bytes) -> dict[bytes, tuple[int, int]]:
    """{chunk id: (offset of its data, declared size)} for the chunks in `header`."""
    chunks = {}
    offset = 12
    while offset + 8 <= len(header):
        chunk_id = header[offset : offset + 4]
        size = struct.unpack_from("<I", header, offset + 4)[0]
        chunks.setdefault(chunk_id, (offset + 8, size))
        if chunk_id == b"data":
            break
        offset += 8 + size + (size & 1)
    return chunks


def patch_wav_sizes(path: Path) -> int:
    """Makes the RIFF and data sizes of a WAV match the audio in it; returns its frames.

    A header that libsndfile kept updated is already right and is left alone (checked). One that
    lags (killed between a write and its header update) or says 0 (a plain WAV killed) is set
    from the file length, cutting a trailing partial frame.
    """
    with path.open("r+b") as handle:
        header = handle.read(65536)
        if header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            raise ValueError(f"{path} is not a RIFF/WAVE file")
        chunks = _wav_chunks(header)
        if b"fmt " not in chunks or b"data" not in chunks:
            raise ValueError(f"{path} has no fmt or data chunk")
        fmt_offset, _ = chunks[b"fmt "]
        block_align = struct.unpack_from("<H", header, fmt_offset + 12)[0]
        data_offset, declared = chunks[b"data"]
        file_length = os.fstat(handle.fileno()).st_size
        whole = (file_length - data_offset) // block_align * block_align
        end = data_offset + declared + (declared & 1)
        if declared <= whole and (end == file_length or _chunk_follows(handle, end, file_length)):
            frames = declared // block_align  # a complete header (maybe with chunks after data)
        else:
            handle.seek(data_offset - 4)
            handle.write(struct.pack("<I", whole))
            handle.seek(4)
            handle.write(struct.pack("<I", data_offset + whole - 8))
            handle.truncate(data_offset + whole)  # only a partial frame goes
            handle.flush()
            os.fsync(handle.fileno())
            frames = whole // block_align
    if _readable_frames(path) != frames:
        raise ValueError(f"{path}: still unreadable after patching its header")
    return frames


def _chunk_follows(handle: object, offset: int, file_length: int) -> bool:
    """Whether a well-formed chunk header sits at `offset` (a finished file's trailing chunk)."""
    if offset + 8 > file_length:
        return False
    handle.seek(offset)
    head = handle.read(8)
    chunk_id, size = head[:4], struct.unpack_from("<I", head, 4)[0]
    return all(32 <= b < 127 for b in chunk_id) and offset + 8 + size <= file_length


def _new_name(path: Path, suffix: str) -> Path:
    candidate = path.with_name(f"{path.stem}.{suffix}{path.suffix}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{suffix}-{counter}{path.suffix}")
        counter += 1
    return candidate


def repair_flac(path: Path) -> RepairedFile:
    """Decodes a FLAC to its last good frame into a new file `<stem>.recovered.flac`.

    A killed FLAC has no length in its STREAMINFO and a cut-off last frame, so libsndfile fails
    near its end: read in large blocks until that, then again in small ones from there. The new
    file is verified (length and a hash of every sample) before it is returned; the old file is
    kept either way.
    """
    with sf.SoundFile(path) as source:
        rate, channels = source.samplerate, source.channels
    good = _decodable_frames(path, _COARSE_BLOCK, None)
    target = _new_name(path, "recovered")
    digest = hashlib.blake2b()
    written = 0
    try:
        with (
            sf.SoundFile(path) as source,
            sf.SoundFile(target, "x", rate, channels, "PCM_24", format="FLAC") as out,
        ):
            buffer = np.empty((_COARSE_BLOCK, channels), np.int32)
            for step, limit in ((_COARSE_BLOCK, good), (_FINE_BLOCK, None)):
                while limit is None or written < limit:
                    want = step if limit is None else min(step, limit - written)
                    try:
                        block = source.read(want, dtype="int32", out=buffer[:want])
                    except sf.LibsndfileError:
                        break
                    if len(block) == 0:
                        break
                    out.write(block)
                    digest.update(block.tobytes())
                    written += len(block)
                    if len(block) < want:
                        break
                if limit is None or written < limit:
                    break
        _verify_copy(target, written, digest.hexdigest())
    except Exception:
        log.error("repairing %s failed; the new file %s is left for inspection", path, target)
        raise
    return RepairedFile(target, written)


def _decodable_frames(path: Path, step: int, limit: int | None) -> int:
    count = 0
    with sf.SoundFile(path) as source:
        buffer = np.empty((step, source.channels), np.int32)
        while limit is None or count < limit:
            try:
                block = source.read(step, dtype="int32", out=buffer)
            except sf.LibsndfileError:
                break
            count += len(block)
            if len(block) < step:
                break
    return count


def _verify_copy(path: Path, frames: int, expected: str) -> None:
    digest = hashlib.blake2b()
    with sf.SoundFile(path) as handle:
        if handle.frames != frames:
            raise RuntimeError(f"{path}: {handle.frames} frames instead of {frames}")
        for block in handle.blocks(_COARSE_BLOCK * 4, dtype="int32", always_2d=True):
            digest.update(np.ascontiguousarray(block).tobytes())
    if digest.hexdigest() != expected:
        raise RuntimeError(f"{path}: the re-encoded samples differ from the decoded ones")
