"""The persistent upload queue: one SQLite file (WAL) in the user data dir.

Every change is one transaction with `synchronous=FULL`, so a job, once `add` returns, survives
a crash or a power cut, and the engine's progress (the server's confirmed offset, the tus URL)
is never behind what the server knows by more than the chunk in flight. Several processes may
open the queue (the app and a `hitrecord-desktop upload` in a terminal); only one engine works
on it at a time (see `engine_lock`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from hitrecord_desktop.api.models import LineageRef
from hitrecord_desktop.sync.upload_jobs import ACTIVE_STATES, JobState, UploadJob, UploadRequest

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE jobs (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    server TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    challenge_id INTEGER,
    title TEXT NOT NULL,
    role TEXT NOT NULL,
    media_kind TEXT,
    lineage TEXT NOT NULL,
    tus_url TEXT,
    upload_url TEXT,
    confirmed INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    contribution_id INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at REAL,
    terminated INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX jobs_by_state ON jobs (state, position);
"""
_COLUMNS = tuple(column.name for column in dataclasses.fields(UploadJob))
_UPDATABLE = frozenset(
    {
        "upload_url",
        "confirmed",
        "state",
        "note",
        "contribution_id",
        "attempts",
        "retry_at",
        "terminated",
        "lineage",
    }
)
_HASH_BLOCK = 4 << 20


class QueueError(Exception):
    """The queue cannot do that; the message says why in words a person understands."""


def file_sha256(path: Path, progress: Callable[[int, int], None] | None = None) -> str:
    """The file's SHA-256, read in blocks (takes can be gigabytes)."""
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as source:
        while block := source.read(_HASH_BLOCK):
            digest.update(block)
            done += len(block)
            if progress is not None:
                progress(done, total)
    return digest.hexdigest()


class UploadQueue:
    """Jobs in order of arrival; thread-safe (one connection behind a lock)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            # A damaged queue must not stop the app; the files it named are still on disk.
            kept = self.path.with_name(self.path.name + f".broken-{int(time.time())}")
            os.replace(self.path, kept)
            for suffix in ("-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            log.error("upload queue %s is damaged (%s); kept it as %s", self.path, exc, kept)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                db.execute("BEGIN IMMEDIATE")
                if db.execute("PRAGMA user_version").fetchone()[0] == 0:  # another process?
                    db.executescript(_SCHEMA)  # executescript commits
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                else:
                    db.execute("COMMIT")
            elif version > SCHEMA_VERSION:
                raise QueueError(
                    f"The upload queue {self.path} was written by a newer HitRecord Desktop "
                    f"(schema {version}); update the app to see those uploads."
                )
            db.execute("SELECT count(*) FROM jobs").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> UploadQueue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- adding ---------------------------------------------------------------------------------

    def add(
        self, request: UploadRequest, hash_progress: Callable[[int, int], None] | None = None
    ) -> UploadJob:
        """Queue a file: one atomic insert, after the file's digest is known."""
        path = Path(request.path).resolve()
        try:
            stat = path.stat()
        except OSError as exc:
            raise QueueError(f"Cannot upload {path}: {exc.strerror or exc}.") from exc
        if not path.is_file():
            raise QueueError(f"Cannot upload {path}: it is not a file.")
        if request.tus_url is None:
            if request.challenge_id is None:
                raise QueueError("Say which challenge the upload is for.")
            if not request.role.strip():
                raise QueueError("Say which role the upload fills (vocals, narration, ...).")
        sha256 = request.sha256 or file_sha256(path, hash_progress)
        now = time.time()
        job_id = uuid.uuid4().hex
        row = {
            "id": job_id,
            "server": request.server,
            "path": str(path),
            "sha256": sha256,
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "challenge_id": request.challenge_id,
            "title": request.title.strip() or path.stem,
            "role": request.role.strip(),
            "media_kind": request.media_kind,
            "lineage": _lineage_json(request.lineage),
            "tus_url": request.tus_url,
            "state": JobState.QUEUED.value,
            "created_at": now,
            "updated_at": now,
        }
        names = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        with self._transaction() as db:
            db.execute(f"INSERT INTO jobs ({names}) VALUES ({marks})", row)
        log.info("queued upload %s: %s (%d bytes)", job_id, path.name, stat.st_size)
        return self.get(job_id)

    # -- reading --------------------------------------------------------------------------------

    def get(self, job_id: str) -> UploadJob:
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise QueueError(f"There is no upload {job_id!r} in the queue.")
        return _job(row)

    def find(self, prefix: str) -> UploadJob:
        """A job by its id or an unambiguous start of it (as a person types it)."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise QueueError("Give an upload id (see `hitrecord-desktop sync status`).")
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM jobs WHERE id LIKE ? ORDER BY position LIMIT 2",
                (prefix.replace("%", "").replace("_", "") + "%",),
            ).fetchall()
        if not rows:
            raise QueueError(f"There is no upload {prefix!r} in the queue.")
        if len(rows) > 1:
            raise QueueError(f"{prefix!r} matches several uploads; type more of its id.")
        return _job(rows[0])

    def jobs(self, states: Iterable[JobState] | None = None) -> list[UploadJob]:
        query, args = "SELECT * FROM jobs", ()
        if states is not None:
            wanted = tuple(state.value for state in states)
            query += f" WHERE state IN ({', '.join('?' * len(wanted))})"
            args = wanted
        with self._lock:
            rows = self._db.execute(query + " ORDER BY position", args).fetchall()
        return [_job(row) for row in rows]

    def active(self) -> list[UploadJob]:
        """Jobs the engine still has to move: queued, or left uploading/verifying by a crash."""
        return self.jobs(ACTIVE_STATES)

    # -- changing -------------------------------------------------------------------------------

    def update(self, job_id: str, **fields: Any) -> UploadJob:
        """Set some columns of one job in one transaction; answers the job as it is now."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(f"cannot update {', '.join(sorted(unknown))}")
        values = {name: _column_value(name, value) for name, value in fields.items()} | {
            "updated_at": time.time(),
            "id": job_id,
        }
        assignments = ", ".join(f"{name} = :{name}" for name in values if name != "id")
        with self._transaction() as db:
            changed = db.execute(f"UPDATE jobs SET {assignments} WHERE id = :id", values)
            if changed.rowcount != 1:
                raise QueueError(f"There is no upload {job_id!r} in the queue.")
        return self.get(job_id)

    def transition(
        self, job_id: str, allowed_from: Iterable[JobState], **fields: Any
    ) -> UploadJob | None:
        """Update only if the job is in one of `allowed_from` (checked in the same transaction,
        so a pause from another process is never overwritten); None if it was not."""
        wanted = tuple(state.value for state in allowed_from)
        values = {name: _column_value(name, value) for name, value in fields.items()}
        values |= {"updated_at": time.time(), "id": job_id}
        assignments = ", ".join(f"{name} = :{name}" for name in values if name != "id")
        marks = ", ".join(f":s{index}" for index in range(len(wanted)))
        values |= {f"s{index}": state for index, state in enumerate(wanted)}
        with self._transaction() as db:
            changed = db.execute(
                f"UPDATE jobs SET {assignments} WHERE id = :id AND state IN ({marks})", values
            )
        return self.get(job_id) if changed.rowcount == 1 else None

    def remove(self, job_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def forget_finished(self, older_than_seconds: float = 30 * 24 * 3600) -> int:
        """Drop done and cancelled jobs older than that; failed ones stay until dealt with."""
        cutoff = time.time() - older_than_seconds
        with self._transaction() as db:
            gone = db.execute(
                "DELETE FROM jobs WHERE updated_at < ? AND (state = 'done' OR "
                "(state = 'cancelled' AND terminated = 1))",
                (cutoff,),
            )
        return gone.rowcount

    def recover_after_crash(self) -> int:
        """Jobs a dead engine left uploading or verifying go back to the queue; they resume from
        the server's offset. Called by the engine that now holds the lock."""
        with self._transaction() as db:
            moved = db.execute(
                "UPDATE jobs SET state = 'queued', updated_at = ? "
                "WHERE state IN ('uploading', 'verifying')",
                (time.time(),),
            )
        return moved.rowcount


class EngineLock:
    """Held by the one process whose engine moves the queue's jobs.

    A file lock (filelock): the OS drops it when its holder dies, so a killed app never blocks
    the next one. Acquire and release from the same thread."""

    def __init__(self, queue_path: Path) -> None:
        self._lock = FileLock(str(queue_path) + ".engine.lock")

    def try_acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


def _lineage_json(lineage: Iterable[LineageRef]) -> str:
    return json.dumps([ref.to_json() for ref in lineage])


def _column_value(name: str, value: Any) -> Any:
    if isinstance(value, JobState):
        return value.value
    if name == "lineage":
        return _lineage_json(value)
    if name == "terminated":
        return int(bool(value))
    return value


def _job(row: sqlite3.Row) -> UploadJob:
    data = {name: row[name] for name in _COLUMNS}
    data["path"] = Path(data["path"])
    data["state"] = JobState(data["state"])
    data["terminated"] = bool(data["terminated"])
    data["lineage"] = tuple(
        LineageRef.from_json(item, f"lineage[{index}]")
        for index, item in enumerate(json.loads(data["lineage"]))
    )
    return UploadJob(**data)
