"""Writes a take to disk from the audio callback, so that a crash loses at most a second of it.

The audio callback calls `TakeWriter.write(block)`, which only copies into a lock-free ring
(`sample_ring`). `TakeWriter` owns one writer thread — the only thread this module starts, and it
lives exactly from `start()` to `stop()` — that drains the ring into the file, fsyncs it at least
every `sync_interval` seconds and keeps the journal beside it up to date (`take_journal`).

Formats: 24-bit WAV by default, with libsndfile's header auto-update so that the header is valid
after every write (any reader opens a killed take as is); W64 when that switch is unavailable
(readable as is after a kill, by libsndfile); or 24-bit FLAC (half the size, but a killed or
disk-full FLAC needs a frame-by-frame repair, see `take_recovery`).
"""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf

from ..atomic_files import fsync_folder
from ..project.model import Dropout
from . import take_journal as journal
from .sample_ring import KIND_NAMES, RING_OVERFLOW, EventRing, SampleRing
from .take_recovery import patch_wav_sizes, repair_flac

log = logging.getLogger(__name__)

SFC_SET_UPDATE_HEADER_AUTO = 0x1061  # libsndfile's sndfile.h; soundfile does not export it
SUBTYPE = "PCM_24"
FORMATS = {"wav": "WAV", "w64": "W64", "flac": "FLAC"}
_DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


class TakeWriteError(Exception):
    """The take cannot be written: raised by `start()` before any audio is taken."""


@dataclass(frozen=True)
class TakeSpec:
    """What is recorded and where it goes on the timeline (all positions in samples)."""

    take_id: str
    project_id: str
    track_id: str
    position: int  # timeline sample where the take starts
    latency_offset: int = 0
    sample_rate: int = 48_000
    channels: int = 2
    file_format: str = "wav"  # "wav" | "flac" ("w64" is the WAV fallback)


@dataclass(frozen=True)
class TakeResult:
    path: Path  # the file to load: the take, or its repaired copy after a disk-full FLAC
    journal_path: Path
    file_format: str
    frames: int  # frames in the file (silence put in for dropped frames included)
    state: str  # journal.FINISHED | STOPPED_DISK_FULL | FAILED
    dropouts: tuple[Dropout, ...] = ()
    input_overflows: int = 0  # device-reported input overflows
    ring_overflows: int = 0  # blocks the callback could not queue (the writer was behind)
    dropped_frames: int = 0  # frames in those blocks, written as silence
    error: str | None = None
    needs_repair: bool = False  # a FLAC cut short that could not be repaired yet
    fsync_count: int = 0
    fsync_seconds_max: float = 0.0
    fsync_seconds_total: float = 0.0


@dataclass
class _Stats:
    fsync_count: int = 0
    fsync_max: float = 0.0
    fsync_total: float = 0.0
    dropouts: list[Dropout] = field(default_factory=list)


def _enable_header_auto_update(handle: sf.SoundFile) -> bool:
    """Asks libsndfile to rewrite the WAV header after every write; False if it cannot."""
    try:
        result = sf._snd.sf_command(
            handle._file, SFC_SET_UPDATE_HEADER_AUTO, sf._ffi.NULL, sf._snd.SF_TRUE
        )
    except (AttributeError, TypeError) as exc:  # soundfile's private names moved
        log.warning("cannot reach libsndfile's sf_command: %s", exc)
        return False
    return result == sf._snd.SF_TRUE


def _os_error_of(exc: Exception, handle: sf.SoundFile | None) -> tuple[int | None, str]:
    """(errno, message) of a failed write: libsndfile keeps only the strerror text."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc.errno, exc.strerror or str(exc)
    text = str(exc)
    try:
        if handle is not None and handle._file is not None:
            text = sf._ffi.string(sf._snd.sf_strerror(handle._file)).decode("utf-8", "replace")
    except (AttributeError, TypeError):
        pass
    for code in (*_DISK_FULL_ERRNOS, errno.EIO, errno.EROFS, errno.EACCES):
        if os.strerror(code).rstrip(".").lower() in text.lower():
            return code, os.strerror(code)
    return None, text


class TakeWriter:
    """One take: `start()`, then `write()` from the callback, then `stop()`.

    `write()` and `mark_dropout()` are the callback's side and never block; everything else is
    called from a normal thread. Call `stop()` after the callback has stopped calling `write()`.
    """

    def __init__(
        self,
        folder: Path,
        spec: TakeSpec,
        *,
        ring_seconds: float = 4.0,
        chunk_seconds: float = 0.1,
        sync_interval: float = 0.5,
        poll_interval: float = 0.01,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if spec.file_format not in FORMATS:
            raise ValueError(f"unknown take format {spec.file_format!r}")
        self.folder = Path(folder)
        self.spec = spec
        self.file_format = spec.file_format
        self.path = self.folder / f"{spec.take_id}.{spec.file_format}"
        self.journal_path = journal.journal_path_for(self.path)
        rate, channels = spec.sample_rate, spec.channels
        self._ring = SampleRing(max(1, int(ring_seconds * rate)), channels)
        self._events = EventRing(1024)
        self._chunk = np.zeros((max(256, int(chunk_seconds * rate)), channels), np.float32)
        self._silence = np.zeros_like(self._chunk)
        self._sync_interval = sync_interval
        self._poll_interval = poll_interval
        self._clock = clock
        self._fed = 0  # frames offered by the callback (producer only)
        self._frames = 0  # frames in the file (writer thread only)
        self._fd: int | None = None
        self._file: sf.SoundFile | None = None
        self._thread: threading.Thread | None = None
        self._stop_requested = threading.Event()
        self._journal: dict = {}
        self._stats = _Stats()
        self._input_overflows = 0
        self.state = journal.RECORDING
        self.error: str | None = None
        self.needs_repair = False
        self._loadable: Path | None = None

    # -- the audio callback's side -------------------------------------------------------

    def write(self, block: np.ndarray) -> bool:
        """Queues a (frames, channels) float32 block; False when it was dropped (ring full)."""
        fed = self._fed
        queued = self._ring.write(block)
        if not queued:
            self._events.push(fed, RING_OVERFLOW, len(block))
        self._fed = fed + len(block)
        return queued

    def mark_dropout(self, kind: int) -> None:
        """Records a device-reported dropout (`sample_ring.INPUT_OVERFLOW` / `OUTPUT_UNDERFLOW`)
        at the current position of the take."""
        self._events.push(self._fed, kind, 0)

    @property
    def failed(self) -> bool:
        """True once the writer has stopped on an error: the app should stop the take."""
        return self.state != journal.RECORDING

    # -- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Creates the take file and its journal, then starts the writer thread.

        Raises TakeWriteError, naming the folder and the reason, when the folder is missing or
        not writable, before any audio is taken.
        """
        if self._thread is not None:
            raise RuntimeError("this take has already been started")
        if not self.folder.is_dir():
            raise TakeWriteError(f"cannot record into {self.folder}: the folder does not exist")
        try:
            self._open_file()
            self._journal = {
                "version": journal.JOURNAL_VERSION,
                "take_id": self.spec.take_id,
                "project_id": self.spec.project_id,
                "track_id": self.spec.track_id,
                "position": self.spec.position,
                "latency_offset": self.spec.latency_offset,
                "sample_rate": self.spec.sample_rate,
                "channels": self.spec.channels,
                "format": self.file_format,
                "subtype": SUBTYPE,
                "file": self.path.name,
                "started_at": journal.utc_now(),
                "state": journal.RECORDING,
                "dropouts": [],
                "writer": journal.process_identity(),
            }
            journal.write_journal(self.journal_path, self._journal)
        except OSError as exc:
            self._close_file()
            reason = exc.strerror or str(exc)
            raise TakeWriteError(f"cannot record into {self.folder}: {reason}") from exc
        except sf.LibsndfileError as exc:
            self._close_file()
            raise TakeWriteError(f"cannot record into {self.folder}: {exc}") from exc
        self._thread = threading.Thread(
            target=self._run, name=f"take-writer-{self.spec.take_id[:8]}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> TakeResult:
        """Drains what is queued, closes the file, finishes the journal, returns the result."""
        if self._thread is None:
            raise RuntimeError("this take was never started")
        self._stop_requested.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError(f"the writer of {self.path} did not stop within {timeout} s")
        return self._result()

    # -- the writer thread ---------------------------------------------------------------

    def _open_file(self) -> None:
        self._fd = self._create(self.path)
        self._file = self._sound_file(self._fd, FORMATS[self.file_format])
        if self.file_format == "wav" and not _enable_header_auto_update(self._file):
            log.warning(
                "libsndfile cannot keep the WAV header updated; recording %s as W64 instead",
                self.spec.take_id,
            )
            self._close_file()
            self.path.unlink()  # the empty file this call created a moment ago
            self.file_format = "w64"
            self.path = self.path.with_suffix(".w64")
            self.journal_path = journal.journal_path_for(self.path)
            self._fd = self._create(self.path)
            self._file = self._sound_file(self._fd, "W64")
        fsync_folder(self.folder)

    @staticmethod
    def _create(path: Path) -> int:
        # O_EXCL: a take never overwrites a file, whatever the ids say.
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)

    def _sound_file(self, fd: int, major: str) -> sf.SoundFile:
        return sf.SoundFile(
            fd,
            "w",
            samplerate=self.spec.sample_rate,
            channels=self.spec.channels,
            subtype=SUBTYPE,
            format=major,
            closefd=False,
        )

    def _close_file(self) -> str | None:
        """Closes libsndfile's handle and our fd; returns the error text if closing failed."""
        problem = None
        if self._file is not None:
            try:
                self._file.close()
            except (sf.LibsndfileError, OSError) as exc:
                problem = _os_error_of(exc, None)[1]
            self._file = None
        if self._fd is not None:
            try:
                os.fsync(self._fd)
            except OSError as exc:
                problem = problem or (exc.strerror or str(exc))
            os.close(self._fd)
            self._fd = None
        return problem

    def _run(self) -> None:
        last_sync = last_journal = self._clock()
        journaled_dropouts = 0
        try:
            while True:
                stopping = self._stop_requested.is_set()
                self._drain()
                if self.state != journal.RECORDING:
                    return
                now = self._clock()
                if stopping or now - last_sync >= self._sync_interval:
                    self._fsync()
                    last_sync = now
                if len(self._stats.dropouts) != journaled_dropouts and (
                    stopping or now - last_journal >= 1.0
                ):
                    journaled_dropouts = len(self._stats.dropouts)
                    self._update_journal()
                    last_journal = now
                if stopping:
                    return
                self._stop_requested.wait(self._poll_interval)
        except Exception as exc:  # an unexpected bug must still leave a readable take
            log.exception("the writer of %s failed", self.path)
            self._fail(journal.FAILED, f"writing {self.path}: {exc}")

    def _drain(self) -> None:
        # Snapshot the frames before looking at events: a gap event is published before the
        # frames that follow it, so every gap inside this snapshot is visible below.
        remaining = self._ring.available()
        while self.state == journal.RECORDING:
            event = self._events.peek()
            if event is not None and event[0] <= self._frames:
                self._events.pop()
                self._on_event(*event)
                continue
            frames = remaining if event is None else min(remaining, event[0] - self._frames)
            if frames <= 0:
                return
            got = self._ring.read_into(self._chunk, frames)
            self._write_frames(self._chunk, got)
            remaining -= got

    def _on_event(self, position: int, kind: int, frames: int) -> None:
        self._stats.dropouts.append(Dropout(position, KIND_NAMES.get(kind, "input-overflow")))
        if kind != RING_OVERFLOW:
            if KIND_NAMES.get(kind) == "input-overflow":
                self._input_overflows += 1
            return
        while frames > 0 and self.state == journal.RECORDING:  # keep the timeline in sync
            count = min(frames, len(self._silence))
            self._write_frames(self._silence, count)
            frames -= count

    def _write_frames(self, buffer: np.ndarray, count: int) -> None:
        try:
            self._file.write(buffer[:count])
        except (sf.LibsndfileError, OSError) as exc:
            code, reason = _os_error_of(exc, self._file)
            state = journal.STOPPED_DISK_FULL if code in _DISK_FULL_ERRNOS else journal.FAILED
            self._fail(state, f"writing {self.path}: {reason}")
            return
        self._frames += count

    def _fsync(self) -> None:
        started = time.perf_counter()
        try:
            os.fsync(self._fd)
        except OSError as exc:
            code = exc.errno
            state = journal.STOPPED_DISK_FULL if code in _DISK_FULL_ERRNOS else journal.FAILED
            self._fail(state, f"saving {self.path}: {exc.strerror or exc}")
            return
        took = time.perf_counter() - started
        self._stats.fsync_count += 1
        self._stats.fsync_total += took
        self._stats.fsync_max = max(self._stats.fsync_max, took)

    def _fail(self, state: str, error: str) -> None:
        """Stops writing: the file keeps what is in it; `stop()` finishes the rest."""
        log.error("take %s stopped: %s", self.spec.take_id, error)
        self.error = error
        self.state = state

    def _update_journal(self, **fields: object) -> None:
        self._journal.update(
            dropouts=[{"position": d.position, "kind": d.kind} for d in self._stats.dropouts],
            updated_at=journal.utc_now(),
            **fields,
        )
        try:
            journal.write_journal(self.journal_path, self._journal)
        except OSError as exc:
            # A full disk can refuse even the small journal: the take stays "recording" there,
            # and recovery at the next start repairs and offers it, which loses nothing.
            log.error("cannot update %s: %s", self.journal_path, exc)

    # -- finishing -----------------------------------------------------------------------

    def _result(self) -> TakeResult:
        close_problem = self._close_file()
        if close_problem and self.state == journal.RECORDING:
            self._fail(journal.FAILED, f"closing {self.path}: {close_problem}")
        frames = self._frames
        if self.state != journal.RECORDING:
            frames = self._make_readable()
        state = journal.FINISHED if self.state == journal.RECORDING else self.state
        self.state = state
        self._update_journal(
            state=state, frames=frames, error=self.error, needs_repair=self.needs_repair
        )
        stats = self._stats
        return TakeResult(
            path=self._loadable or self.path,
            journal_path=self.journal_path,
            file_format=self.file_format,
            frames=frames,
            state=state,
            dropouts=tuple(stats.dropouts),
            input_overflows=self._input_overflows,
            ring_overflows=self._ring.overflows,
            dropped_frames=self._ring.dropped_frames,
            error=self.error,
            needs_repair=self.needs_repair,
            fsync_count=stats.fsync_count,
            fsync_seconds_max=stats.fsync_max,
            fsync_seconds_total=stats.fsync_total,
        )

    def _make_readable(self) -> int:
        """After a write error: makes the file readable as is if that can be done in place."""
        if self.file_format == "flac":
            # A FLAC cut short needs re-encoding into a new file, which a full disk may refuse.
            try:
                repaired = repair_flac(self.path)
            except (OSError, sf.LibsndfileError, RuntimeError) as exc:
                log.error("cannot repair %s now (%s): `recover` will", self.path, exc)
                self.needs_repair = True
                return self._frames
            self._journal["repaired_file"] = repaired.path.name
            self._loadable = repaired.path
            return repaired.frames
        if self.file_format == "wav":
            return patch_wav_sizes(self.path)
        with sf.SoundFile(self.path) as handle:
            return handle.frames
