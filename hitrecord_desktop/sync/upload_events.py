"""What the upload engine tells its listeners (the Qt bridge, the CLI's progress bar).

Listeners are called on the engine's threads; they must return quickly and not call back into
the engine while holding their own locks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from hitrecord_desktop.sync.upload_jobs import UploadJob


class ServerState(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"  # no answer; uploads wait and resume by themselves
    SIGN_IN_NEEDED = "sign-in-needed"  # the token was refused; uploads wait for a new one


@dataclass(frozen=True)
class JobChanged:
    """A job was added or changed state (or its note changed)."""

    job: UploadJob


@dataclass(frozen=True)
class JobProgress:
    """Bytes of one job: `sent` counts bytes on their way, `confirmed` those the server has."""

    job_id: str
    sent: int
    confirmed: int
    size: int
    rate: float  # bytes per second, smoothed over a few seconds
    seconds_left: float | None


@dataclass(frozen=True)
class ServerChanged:
    server: str
    state: ServerState
    detail: str = ""


@dataclass(frozen=True)
class TotalProgress:
    """All unfinished jobs together."""

    jobs: int
    done_bytes: int
    total_bytes: int
    rate: float
    seconds_left: float | None


SyncEvent = JobChanged | JobProgress | ServerChanged | TotalProgress
Listener = Callable[[SyncEvent], None]
