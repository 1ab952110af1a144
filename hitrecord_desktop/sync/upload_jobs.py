"""An upload job: one file on its way to a server, and the states it passes through."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from hitrecord_desktop.api.models import LineageRef


class JobState(StrEnum):
    QUEUED = "queued"  # waiting its turn, or for the network / a sign-in (see `note`)
    UPLOADING = "uploading"
    PAUSED = "paused"  # by the person; only they resume it
    VERIFYING = "verifying"  # all bytes are on the server; making the contribution
    DONE = "done"
    FAILED = "failed"  # cannot succeed as it is; `note` says why, `retry` starts it again
    CANCELLED = "cancelled"  # the server's partial upload is deleted once it can be asked


# States a person can still act on; the engine works on QUEUED (and picks up UPLOADING and
# VERIFYING left behind by a crash).
ACTIVE_STATES = frozenset({JobState.QUEUED, JobState.UPLOADING, JobState.VERIFYING})
FINISHED_STATES = frozenset({JobState.DONE, JobState.FAILED, JobState.CANCELLED})


@dataclass(frozen=True)
class UploadRequest:
    """What a caller asks to upload; the queue adds the id, digest and bookkeeping.

    `tus_url` sends the file to any tus 1.0.0 server instead of the platform: no contribution is
    made, so challenge, role and lineage are not needed.
    """

    path: Path
    server: str  # the server key: "local" or a normalised server URL
    challenge_id: int | None = None
    title: str = ""
    role: str = ""
    media_kind: str | None = None
    lineage: tuple[LineageRef, ...] = ()
    tus_url: str | None = None
    sha256: str | None = None  # computed by the queue when not given


@dataclass(frozen=True)
class UploadJob:
    """A row of the queue, as it stood when read."""

    id: str  # also the contribution's Idempotency-Key and the job's tus fingerprint
    server: str
    path: Path
    sha256: str
    size: int
    mtime_ns: int
    challenge_id: int | None
    title: str
    role: str
    media_kind: str | None
    lineage: tuple[LineageRef, ...]
    tus_url: str | None
    upload_url: str | None
    confirmed: int  # bytes the server has acknowledged
    state: JobState
    note: str  # why it failed, or what it waits for
    contribution_id: int | None
    attempts: int  # transient failures since the last progress
    retry_at: float | None  # epoch seconds; not before then
    terminated: bool  # a cancelled job's server upload is gone
    created_at: float
    updated_at: float
    position: int = field(default=0, compare=False)

    @property
    def is_platform(self) -> bool:
        """True when the upload ends as a contribution (not a bare tus transfer)."""
        return self.tus_url is None

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES
