"""What an upload failure does to its job: wait, try again later, start over, or fail.

Kept apart from the engine so the policy reads in one place and is tested without a network.
The engine asks for the remedy (`FailurePolicy.remedy`) and applies it (`apply`).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from enum import Enum

from hitrecord_desktop.api.errors import BAD_RESPONSE, CHECKSUM_MISMATCH, FILE_CHANGED, ApiError
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob
from hitrecord_desktop.sync.upload_queue import UploadQueue

log = logging.getLogger(__name__)

MAX_BACKOFF = 300.0
MAX_RESTARTS = 3  # new tus uploads for one job (expired, vanished) before it fails
MAX_BAD_ANSWERS = 5
RETRYABLE_STATUSES = frozenset({408, 423, 425, 429, 500, 502, 503, 504})
UPLOAD_GONE = frozenset({404, 410})
_ACTIVE = (JobState.QUEUED, JobState.UPLOADING, JobState.VERIFYING)

WAITING_FOR_NETWORK = "Waiting for the server to answer; the upload goes on by itself."
WAITING_FOR_SIGN_IN = "Waiting for you to sign in again."


class Remedy(Enum):
    WAIT_FOR_NETWORK = "wait-for-network"  # the server does not answer
    WAIT_FOR_SIGN_IN = "wait-for-sign-in"  # the token was refused
    RESTART_UPLOAD = "restart-upload"  # the server's upload expired, vanished or is damaged
    BACK_OFF = "back-off"  # busy or failing server: try again later
    FAIL = "fail"  # cannot succeed as it is: tell the person


def remedy_for(error: ApiError, phase: str, attempts: int) -> Remedy:
    """`phase` is the transfer's ("starting", "uploading", "verifying"); `attempts` the job's."""
    if error.is_network_error:
        return Remedy.WAIT_FOR_NETWORK
    if error.is_auth_error:
        return Remedy.WAIT_FOR_SIGN_IN
    if error.type == FILE_CHANGED:
        return Remedy.FAIL
    gone = error.status in UPLOAD_GONE and phase == "uploading"
    damaged = error.type == CHECKSUM_MISMATCH and phase == "uploading"
    if gone or damaged:
        return Remedy.RESTART_UPLOAD
    if error.status in RETRYABLE_STATUSES:
        return Remedy.BACK_OFF
    if error.type == BAD_RESPONSE and attempts < MAX_BAD_ANSWERS:
        return Remedy.BACK_OFF
    return Remedy.FAIL


def backoff_delay(attempts: int, retry_after: float | None) -> float:
    """Exponential with jitter, at most MAX_BACKOFF; never sooner than the server asked."""
    delay = random.uniform(0.5, 1.0) * min(MAX_BACKOFF, 2.0 ** min(attempts, 10))
    if retry_after is not None:
        delay = max(delay, min(retry_after, 3600.0))
    return delay


class FailurePolicy:
    """Moves a job after a failure; `changed` reports the job as it now stands."""

    def __init__(self, queue: UploadQueue, changed: Callable[[UploadJob | None], object]) -> None:
        self.queue = queue
        self._changed = changed

    def wait(self, job_id: str, note: str) -> None:
        self._changed(self.queue.transition(job_id, _ACTIVE, state=JobState.QUEUED, note=note))

    def back_off(self, job_id: str, error: ApiError) -> None:
        attempts = self.queue.get(job_id).attempts + 1
        delay = backoff_delay(attempts, error.retry_after)
        log.info("upload %s: %s; trying again in %.1f s", job_id, error, delay)
        self._changed(
            self.queue.transition(
                job_id,
                _ACTIVE,
                state=JobState.QUEUED,
                attempts=attempts,
                retry_at=time.time() + delay,
                note=f"{error} Trying again in {delay:.0f} s.",
            )
        )

    def restart_upload(self, job_id: str, error: ApiError) -> None:
        job = self.queue.get(job_id)
        if job.attempts >= MAX_RESTARTS:
            self.fail(job_id, str(error))
            return
        log.info("upload %s: %s; starting a new server upload", job_id, error)
        self._changed(
            self.queue.transition(
                job_id,
                _ACTIVE,
                state=JobState.QUEUED,
                upload_url=None,
                confirmed=0,
                attempts=job.attempts + 1,
                note="",
            )
        )

    def fail(self, job_id: str, message: str) -> None:
        log.warning("upload %s failed: %s", job_id, message)
        self._changed(self.queue.transition(job_id, _ACTIVE, state=JobState.FAILED, note=message))

    def remedy(self, job_id: str, error: ApiError, phase: str) -> Remedy:
        """What `error` calls for; the caller marks the server first, then `apply`s it, so
        whoever sees the job waiting already sees why."""
        return remedy_for(error, phase, self.queue.get(job_id).attempts)

    def apply(self, job_id: str, remedy: Remedy, error: ApiError) -> None:
        if remedy is Remedy.WAIT_FOR_NETWORK:
            self.wait(job_id, WAITING_FOR_NETWORK)
        elif remedy is Remedy.WAIT_FOR_SIGN_IN:
            self.wait(job_id, WAITING_FOR_SIGN_IN)
        elif remedy is Remedy.RESTART_UPLOAD:
            self.restart_upload(job_id, error)
        elif remedy is Remedy.BACK_OFF:
            self.back_off(job_id, error)
        else:
            self.fail(job_id, str(error))
