"""What a person sees of the upload queue, decided without Qt: each job's situation in one word,
the counts behind a status-bar summary, and the credits (lineage) a job will carry.

The UI turns these into translated words; the CLI could print them as they are.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.api.errors import ApiError
from hitrecord_desktop.sync.failure_policy import WAITING_FOR_NETWORK, WAITING_FOR_SIGN_IN
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob

DEFAULT_SAMPLE_RATE = 48_000  # lineage without a rate was placed on a 48 kHz timeline


class Situation(StrEnum):
    """A job's state as a person thinks of it (QUEUED splits by what it waits for)."""

    WAITING_TURN = "waiting"
    WAITING_NETWORK = "waiting for network"
    WAITING_SIGN_IN = "waiting to sign in"
    RETRYING = "retrying later"
    UPLOADING = "uploading"
    VERIFYING = "verifying"
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


# The order a summary names them in: what moves first, then what waits, then what needs a hand.
SUMMARY_ORDER = (
    Situation.UPLOADING,
    Situation.VERIFYING,
    Situation.WAITING_TURN,
    Situation.WAITING_NETWORK,
    Situation.WAITING_SIGN_IN,
    Situation.RETRYING,
    Situation.PAUSED,
    Situation.FAILED,
)


def situation(job: UploadJob, now: float | None = None) -> Situation:
    state = job.state
    if state is JobState.QUEUED:
        if job.note == WAITING_FOR_NETWORK:
            return Situation.WAITING_NETWORK
        if job.note == WAITING_FOR_SIGN_IN:
            return Situation.WAITING_SIGN_IN
        now = time.time() if now is None else now
        if job.retry_at is not None and job.retry_at > now:
            return Situation.RETRYING
        return Situation.WAITING_TURN
    return {
        JobState.UPLOADING: Situation.UPLOADING,
        JobState.VERIFYING: Situation.VERIFYING,
        JobState.PAUSED: Situation.PAUSED,
        JobState.DONE: Situation.DONE,
        JobState.FAILED: Situation.FAILED,
        JobState.CANCELLED: Situation.CANCELLED,
    }[state]


def situation_counts(
    jobs: Iterable[UploadJob], now: float | None = None
) -> list[tuple[Situation, int]]:
    """Non-zero counts in SUMMARY_ORDER; done and cancelled jobs are not news."""
    counts = Counter(situation(job, now) for job in jobs)
    return [(s, counts[s]) for s in SUMMARY_ORDER if counts[s]]


@dataclass(frozen=True)
class Actions:
    """Which controls make sense for a job now (the engine refuses the others anyway)."""

    pause: bool
    resume: bool
    retry: bool
    cancel: bool


def actions_for(job: UploadJob) -> Actions:
    state = job.state
    active = state in (JobState.QUEUED, JobState.UPLOADING, JobState.VERIFYING)
    return Actions(
        pause=active,
        resume=state is JobState.PAUSED,
        retry=state is JobState.FAILED,
        cancel=active or state in (JobState.PAUSED, JobState.FAILED),
    )


@dataclass(frozen=True)
class CreditLine:
    """One contribution a job is built on: who made it, and where it sits in the new work."""

    contribution_id: int
    title: str | None  # None when the server could not be asked
    author: str | None
    offset_seconds: float
    problem: str = ""


def offset_seconds(offset_samples: int, sample_rate: int | None) -> float:
    return offset_samples / (sample_rate or DEFAULT_SAMPLE_RATE)


def resolve_credits(job: UploadJob, clients: Callable[[str], PlatformClient]) -> list[CreditLine]:
    """The job's lineage with titles and authors from its server (network: call it off the GUI
    thread). A contribution the server cannot describe is still listed, with the reason."""
    lines: list[CreditLine] = []
    if not job.lineage:
        return lines
    client: PlatformClient | None = None
    problem = ""
    try:
        client = clients(job.server)
    except Exception as exc:  # no client for that server (bad key, local community down)
        problem = str(exc)
    for ref in job.lineage:
        offset = offset_seconds(ref.offset_samples, ref.sample_rate)
        if client is None:
            lines.append(CreditLine(ref.contribution_id, None, None, offset, problem))
            continue
        try:
            made = client.get_contribution(ref.contribution_id)
        except ApiError as exc:
            lines.append(CreditLine(ref.contribution_id, None, None, offset, str(exc)))
            continue
        lines.append(CreditLine(ref.contribution_id, made.title, made.author.name, offset))
    return lines
