"""The upload engine: moves queued jobs to their servers in the background, whatever happens.

One scheduler thread and up to `max_transfers` transfer threads. The scheduler takes the queue's
engine lock (one engine per queue, across processes), re-reads the queue a few times a second
(so a job added or paused by another process is seen), starts transfers, asks offline servers
whether they are back, and deletes the server uploads of cancelled jobs. A transfer creates the
tus upload, sends the file from the server's offset, and turns it into a contribution with the
job's id as Idempotency-Key, so a repeat after a lost answer never makes two.

What a failure does to a job:
- no answer (offline, refused, cut, timeout): the server is marked offline, the job waits;
  `ServerWatch` asks the server every `probe_interval` seconds and the job resumes when it answers;
- 401: the server needs a new sign-in (ServerChanged SIGN_IN_NEEDED); the job waits for
  `signed_in(server)`;
- 429/5xx after the uploader's own quick retries: the job tries again later, with exponential
  backoff, jitter and the server's Retry-After;
- the upload expired or vanished on the server: a new one is started (bounded);
- any other refusal (too large, challenge closed, a file that changed): the job fails with the
  server's message; the other jobs go on.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.api.errors import ApiError
from hitrecord_desktop.api.tus_client import ChunkSizer, TusUploader, upload_id_from_url
from hitrecord_desktop.sync.bandwidth import BandwidthLimit
from hitrecord_desktop.sync.failure_policy import (
    RETRYABLE_STATUSES,
    FailurePolicy,
    Remedy,
)
from hitrecord_desktop.sync.server_watch import ServerWatch, server_label
from hitrecord_desktop.sync.transfer_rate import TransferRate
from hitrecord_desktop.sync.upload_events import (
    JobChanged,
    JobProgress,
    Listener,
    ServerState,
    SyncEvent,
    TotalProgress,
)
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob, UploadRequest
from hitrecord_desktop.sync.upload_queue import EngineLock, QueueError, UploadQueue

log = logging.getLogger(__name__)

ClientFactory = Callable[[str], PlatformClient]

_TICK = 0.25
_LOCK_RETRY = 2.0
_PROGRESS_EVERY = 0.1


class _JobFailed(Exception):
    """The job cannot succeed as it is; the message is shown to the person."""


@dataclass
class _Transfer:
    job_id: str
    server: str
    size: int
    cancel: threading.Event = field(default_factory=threading.Event)
    rate: TransferRate = field(default_factory=TransferRate)
    sent: int = 0
    confirmed: int = 0
    phase: str = "starting"
    last_report: float = 0.0
    thread: threading.Thread | None = None


class UploadEngine:
    """Start with `start()`, stop with `stop()`; control jobs with pause/resume/cancel/retry."""

    def __init__(
        self,
        queue: UploadQueue,
        clients: ClientFactory,
        *,
        max_transfers: int = 2,
        bandwidth_limit: float | None = None,
        probe_interval: float = 1.0,
        tus_retries: int = 2,
        chunk_size: int | None = None,
        session_factory: Callable[[], requests.Session] = requests.Session,
    ) -> None:
        if max_transfers < 1:
            raise ValueError("max_transfers must be at least 1")
        self.queue = queue
        self._clients = clients
        self._max_transfers = max_transfers
        self.bandwidth = BandwidthLimit(bandwidth_limit)
        self._tus_retries = tus_retries
        self._chunk_size = chunk_size
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._running: dict[str, _Transfer] = {}
        self._seen: dict[str, UploadJob] = {}
        self._sizers: dict[str, ChunkSizer] = {}  # per job, across interrupted transfers
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._scheduler: threading.Thread | None = None
        self._holds_lock = threading.Event()
        self._last_total: TotalProgress | None = None
        self._tus_session = session_factory()  # for bare tus targets (`--tus-url`)
        self.failures = FailurePolicy(queue, self._changed)
        self.servers = ServerWatch(clients, self._tus_session, self._emit, probe_interval)

    # -- life -----------------------------------------------------------------------------------

    def start(self) -> UploadEngine:
        if self._scheduler is not None:
            raise RuntimeError("the upload engine is already running")
        self._stopping.clear()
        self._scheduler = threading.Thread(target=self._schedule, name="upload-engine", daemon=True)
        self._scheduler.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop transfers at once (they stay resumable) and release the queue."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is None:
            return
        self._stopping.set()
        self._wake.set()
        scheduler.join(timeout)

    def __enter__(self) -> UploadEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def working(self) -> bool:
        """True while this engine (not another process) moves the queue's jobs."""
        return self._holds_lock.is_set()

    # -- listening ------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call listener with every SyncEvent; answers a function that unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, event: SyncEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop uploads
                log.exception("upload listener failed on %s", type(event).__name__)

    def _changed(self, job: UploadJob | None) -> UploadJob | None:
        if job is not None:
            with self._lock:
                self._seen[job.id] = job
            self._emit(JobChanged(job))
        return job

    # -- controls -------------------------------------------------------------------------------

    def add(
        self, request: UploadRequest, hash_progress: Callable[[int, int], None] | None = None
    ) -> UploadJob:
        """Queue a file (reads it whole for its sha256: call it off the GUI thread)."""
        job = self._changed(self.queue.add(request, hash_progress))
        assert job is not None
        self._wake.set()
        return job

    def pause(self, job_id: str) -> UploadJob | None:
        job = self._changed(
            self.queue.transition(
                job_id,
                (JobState.QUEUED, JobState.UPLOADING, JobState.VERIFYING),
                state=JobState.PAUSED,
                note="",
            )
        )
        self._stop_transfer(job_id)
        return job

    def resume(self, job_id: str) -> UploadJob | None:
        job = self._changed(
            self.queue.transition(
                job_id, (JobState.PAUSED,), state=JobState.QUEUED, retry_at=None, attempts=0
            )
        )
        self._wake.set()
        return job

    def retry(self, job_id: str) -> UploadJob | None:
        """A failed job gets another go, from where the server got to."""
        job = self._changed(
            self.queue.transition(
                job_id,
                (JobState.FAILED,),
                state=JobState.QUEUED,
                retry_at=None,
                attempts=0,
                note="",
            )
        )
        self._wake.set()
        return job

    def cancel(self, job_id: str) -> UploadJob | None:
        """Stop the job for good; its partial upload on the server is deleted (tus termination)
        as soon as the server can be asked."""
        job = self._changed(
            self.queue.transition(
                job_id,
                (
                    JobState.QUEUED,
                    JobState.UPLOADING,
                    JobState.VERIFYING,
                    JobState.PAUSED,
                    JobState.FAILED,
                ),
                state=JobState.CANCELLED,
                note="",
            )
        )
        self._stop_transfer(job_id)
        self._wake.set()
        return job

    def terminate_cancelled_now(self, job_id: str) -> bool:
        """For a command that cancels without running the engine: delete the server's partial
        upload now, unless an engine elsewhere holds the queue (it will). True when it is gone."""
        lock = EngineLock(self.queue.path)
        if not lock.try_acquire():
            return False
        try:
            job = self.queue.get(job_id)
            if job.state is JobState.CANCELLED and not job.terminated:
                if job.upload_url is None:
                    self.queue.update(job.id, terminated=True)
                else:
                    self._terminate(job)
            return self.queue.get(job_id).terminated
        finally:
            lock.release()

    def pause_all(self) -> None:
        for job in self.queue.active():
            self.pause(job.id)

    def resume_all(self) -> None:
        for job in self.queue.jobs([JobState.PAUSED]):
            self.resume(job.id)

    @property
    def max_transfers(self) -> int:
        return self._max_transfers

    @max_transfers.setter
    def max_transfers(self, value: int) -> None:
        if value < 1:
            raise ValueError("max_transfers must be at least 1")
        self._max_transfers = value
        self._wake.set()

    def set_bandwidth_limit(self, bytes_per_second: float | None) -> None:
        self.bandwidth.set_rate(bytes_per_second)

    def signed_in(self, server: str) -> None:
        """The person signed in again: jobs waiting for that server go on."""
        self.servers.set(server, ServerState.ONLINE)
        self._wake.set()

    def server_state(self, server: str) -> ServerState:
        return self.servers.state(server)

    def _stop_transfer(self, job_id: str) -> None:
        with self._lock:
            transfer = self._running.get(job_id)
        if transfer is not None:
            transfer.cancel.set()

    # -- the scheduler --------------------------------------------------------------------------

    def _schedule(self) -> None:
        lock = EngineLock(self.queue.path)
        next_lock_try = 0.0
        try:
            while not self._stopping.is_set():
                now = time.monotonic()
                if not self._holds_lock.is_set() and now >= next_lock_try:
                    if lock.try_acquire():
                        self._holds_lock.set()
                        moved = self.queue.recover_after_crash()
                        if moved:
                            log.info("%d upload(s) left unfinished earlier go on", moved)
                        self.queue.forget_finished()
                    else:
                        next_lock_try = now + _LOCK_RETRY
                try:
                    self._tick(working=self._holds_lock.is_set())
                except Exception:
                    log.exception("upload scheduler tick failed")
                self._wake.wait(_TICK)
                self._wake.clear()
        finally:
            self._stop_all_transfers()
            self._holds_lock.clear()
            lock.release()
            self._tus_session.close()

    def _stop_all_transfers(self) -> None:
        with self._lock:
            transfers = list(self._running.values())
        for transfer in transfers:
            transfer.cancel.set()
        for transfer in transfers:
            if transfer.thread is not None:
                transfer.thread.join(5.0)
        for transfer in transfers:
            self.queue.transition(
                transfer.job_id, (JobState.UPLOADING, JobState.VERIFYING), state=JobState.QUEUED
            )

    def _tick(self, *, working: bool) -> None:
        jobs = self.queue.jobs()
        self._notice_outside_changes(jobs)
        if working:
            if self.servers.probe_due():
                self._wake.set()
            self._terminate_cancelled(jobs)
            self._start_transfers(jobs)
        self._report_total(jobs)

    def _notice_outside_changes(self, jobs: list[UploadJob]) -> None:
        """Emit changes made by another process (or by a transfer's DB write), and stop a
        running transfer whose job was paused or cancelled from outside."""
        for job in jobs:
            with self._lock:
                before = self._seen.get(job.id)
                transfer = self._running.get(job.id)
            if transfer is not None and job.state in (JobState.PAUSED, JobState.CANCELLED):
                transfer.cancel.set()
            if before is None or (before.state, before.note) != (job.state, job.note):
                self._changed(job)
            elif before.confirmed != job.confirmed and transfer is None:
                with self._lock:
                    self._seen[job.id] = job
                self._emit(JobProgress(job.id, job.confirmed, job.confirmed, job.size, 0.0, None))

    def _start_transfers(self, jobs: list[UploadJob]) -> None:
        now = time.time()
        for job in jobs:
            with self._lock:
                if len(self._running) >= self._max_transfers:
                    return
                if job.id in self._running:
                    continue
            if job.state not in (JobState.QUEUED, JobState.UPLOADING, JobState.VERIFYING):
                continue
            if job.retry_at is not None and job.retry_at > now:
                continue
            if not self.servers.online(job.server):
                continue
            transfer = _Transfer(job.id, job.server, job.size, confirmed=job.confirmed)
            transfer.thread = threading.Thread(
                target=self._transfer, args=(transfer,), name=f"upload-{job.id[:8]}", daemon=True
            )
            with self._lock:
                self._running[job.id] = transfer
            transfer.thread.start()

    def _report_total(self, jobs: list[UploadJob]) -> None:
        unfinished = [job for job in jobs if not job.finished]
        with self._lock:
            running = dict(self._running)
        done = total = 0
        rate = 0.0
        for job in unfinished:
            total += job.size
            transfer = running.get(job.id)
            if transfer is None:
                done += job.confirmed
            else:
                done += max(transfer.sent, transfer.confirmed)
                rate += transfer.rate.rate()
        left = None if rate <= 0 else (total - done) / rate
        progress = TotalProgress(len(unfinished), done, total, rate, left)
        if progress != self._last_total:
            self._last_total = progress
            self._emit(progress)

    def _terminate_cancelled(self, jobs: list[UploadJob]) -> None:
        now = time.time()
        for job in jobs:
            if job.state is not JobState.CANCELLED or job.terminated:
                continue
            if job.retry_at is not None and job.retry_at > now:
                continue
            with self._lock:
                if job.id in self._running:
                    continue  # its transfer is still stopping
            if job.upload_url is None:
                self.queue.update(job.id, terminated=True)
                continue
            if self.servers.online(job.server):
                self._terminate(job)

    def _terminate(self, job: UploadJob) -> None:
        note = ""
        try:
            uploader, url = self._uploader_and_url(job)
            assert url is not None
            uploader.terminate(url)
        except ApiError as error:
            if error.is_network_error:
                self.servers.set(job.server, ServerState.OFFLINE, str(error))
                return
            if error.is_auth_error:
                self.servers.set(job.server, ServerState.SIGN_IN_NEEDED, str(error))
                return
            if error.status in RETRYABLE_STATUSES:  # e.g. 423: the cut PATCH is still ending
                self.queue.update(job.id, retry_at=time.time() + 1.0)
                return
            note = str(error)  # e.g. it became a contribution already: nothing to delete
        except Exception as exc:
            log.info("cannot reach %s to delete an upload: %s", server_label(job.server), exc)
            self.servers.set(job.server, ServerState.OFFLINE, str(exc))
            return
        log.info("cancelled upload %s: server upload deleted%s", job.id, f" ({note})" * bool(note))
        self._changed(self.queue.update(job.id, terminated=True, note=note))

    # -- one transfer ---------------------------------------------------------------------------

    def _uploader_and_url(self, job: UploadJob) -> tuple[TusUploader, str | None]:
        """The uploader for the job's server, and its upload URL as that server spells it now
        (the local community gets a new port each start, so only the upload id is kept)."""
        options: dict[str, Any] = {"retries": self._tus_retries, "backoff": 0.25}
        if job.tus_url is not None:
            return TusUploader(self._tus_session, job.tus_url, None, **options), job.upload_url
        client = self._clients(job.server)
        if not client.signed_in:
            raise ApiError("Sign in to upload.", status=401, type="unauthorized")
        uploader = client.uploader(**options)
        if job.upload_url is None:
            return uploader, None
        return uploader, f"{client.api_url}/uploads/{upload_id_from_url(job.upload_url)}"

    def _transfer(self, transfer: _Transfer) -> None:
        job_id = transfer.job_id
        try:
            self._move(transfer)
        except ApiError as error:
            self._after_error(transfer, error)
        except _JobFailed as failure:
            self._fail(job_id, str(failure))
        except QueueError as exc:
            log.warning("upload %s: %s", job_id, exc)
        except Exception as exc:
            log.exception("upload %s failed unexpectedly", job_id)
            self._fail(job_id, f"Unexpected error ({type(exc).__name__}: {exc}); see the log.")
        finally:
            with self._lock:
                self._running.pop(job_id, None)
            self._wake.set()

    def _move(self, transfer: _Transfer) -> None:
        job = self.queue.get(transfer.job_id)
        _check_file(job)
        uploader, url = self._uploader_and_url(job)
        if url is None:
            if job.is_platform:
                self._check_challenge_open(job)
            transfer.phase = "creating"
            url = uploader.create(job.size, _metadata(job))
            job = self.queue.update(job.id, upload_url=url, confirmed=0)
        job = self._changed(
            self.queue.transition(
                job.id,
                (JobState.QUEUED, JobState.UPLOADING, JobState.VERIFYING),
                state=JobState.UPLOADING,
                note="",
            )
        )
        if job is None or transfer.cancel.is_set():
            return  # paused or cancelled meanwhile
        transfer.phase = "uploading"
        uploader.upload(
            url,
            job.path,
            progress=lambda done, _size: self._confirmed(transfer, done),
            cancel=transfer.cancel,
            pace=lambda n: self._pace(transfer, n),
            sizer=self._sizer_for(job.id),
        )
        with self._lock:
            self._sizers.pop(job.id, None)
        if not job.is_platform:
            self._changed(
                self.queue.transition(
                    job.id, (JobState.UPLOADING,), state=JobState.DONE, note="", attempts=0
                )
            )
            return
        job = self._changed(
            self.queue.transition(job.id, (JobState.UPLOADING,), state=JobState.VERIFYING)
        )
        if job is None or transfer.cancel.is_set():
            return
        transfer.phase = "finalizing"
        self._finalize(job, self._clients(job.server))

    def _sizer_for(self, job_id: str) -> ChunkSizer:
        with self._lock:
            sizer = self._sizers.get(job_id)
            if sizer is None:
                sizer = self._sizers[job_id] = ChunkSizer(self._chunk_size)
            return sizer

    def _finalize(self, job: UploadJob, client: PlatformClient) -> None:
        assert job.upload_url is not None and job.challenge_id is not None
        made = client.create_contribution(
            upload_id_from_url(job.upload_url),
            job.challenge_id,
            job.title,
            job.role,
            job.lineage,
            idempotency_key=job.id,
            kind=job.media_kind,
        )
        if made.sha256 != job.sha256:
            raise _JobFailed(
                f"The server made contribution {made.id} from bytes whose sha256 is "
                f"{made.sha256}, not the file's {job.sha256}."
            )
        self._changed(
            self.queue.transition(
                job.id,
                (JobState.VERIFYING,),
                state=JobState.DONE,
                contribution_id=made.id,
                note="",
                attempts=0,
            )
        )
        log.info("upload %s is contribution %d", job.id, made.id)

    def _check_challenge_open(self, job: UploadJob) -> None:
        assert job.challenge_id is not None
        try:
            challenge = self._clients(job.server).get_challenge(job.challenge_id)
        except ApiError as error:
            if error.status == 404:
                raise _JobFailed(f"Challenge {job.challenge_id} does not exist.") from None
            raise
        if challenge.status != "open":
            raise _JobFailed(
                f"Challenge {challenge.id} ({challenge.title}) is closed to new contributions."
            )

    def _pace(self, transfer: _Transfer, n_bytes: int) -> None:
        self.bandwidth.take(n_bytes, transfer.cancel)
        transfer.sent = max(transfer.sent, transfer.confirmed) + n_bytes
        transfer.rate.add(n_bytes)
        now = time.monotonic()
        if now - transfer.last_report >= _PROGRESS_EVERY:
            transfer.last_report = now
            self._report(transfer)

    def _confirmed(self, transfer: _Transfer, offset: int) -> None:
        if offset > transfer.confirmed:
            self.queue.update(transfer.job_id, confirmed=offset, attempts=0, retry_at=None)
        transfer.confirmed = offset
        transfer.sent = offset  # bytes past the offset were lost if a chunk failed
        self._report(transfer)

    def _report(self, transfer: _Transfer) -> None:
        done = max(transfer.sent, transfer.confirmed)
        self._emit(
            JobProgress(
                transfer.job_id,
                done,
                transfer.confirmed,
                transfer.size,
                transfer.rate.rate(),
                transfer.rate.seconds_left(transfer.size - done),
            )
        )

    # -- what a failure does --------------------------------------------------------------------

    def _after_error(self, transfer: _Transfer, error: ApiError) -> None:
        if error.is_cancelled or self._stopping.is_set():
            return  # paused, cancelled or shutting down: the state says so already
        remedy = self.failures.remedy(transfer.job_id, error, transfer.phase)
        # The server's state first: a job seen waiting must already have its reason.
        if remedy is Remedy.WAIT_FOR_NETWORK:
            self.servers.set(transfer.server, ServerState.OFFLINE, str(error))
        elif remedy is Remedy.WAIT_FOR_SIGN_IN:
            self.servers.set(transfer.server, ServerState.SIGN_IN_NEEDED, str(error))
        self.failures.apply(transfer.job_id, remedy, error)

    def _fail(self, job_id: str, message: str) -> None:
        self.failures.fail(job_id, message)


def _check_file(job: UploadJob) -> None:
    """The bytes queued are the bytes sent: a take that moved or changed fails, clearly."""
    try:
        stat = job.path.stat()
    except FileNotFoundError:
        raise _JobFailed(f"{job.path} is gone; it cannot be uploaded.") from None
    except OSError as exc:
        raise _JobFailed(f"{job.path} cannot be read: {exc.strerror or exc}.") from None
    if stat.st_size != job.size or stat.st_mtime_ns != job.mtime_ns:
        raise _JobFailed(
            f"{job.path.name} changed after it was queued for upload; queue it again to send "
            "the new version."
        )


def _metadata(job: UploadJob) -> dict[str, str]:
    metadata = {"filename": job.path.name, "sha256": job.sha256}
    filetype = mimetypes.guess_type(job.path.name)[0]
    if filetype:
        metadata["filetype"] = filetype
    return metadata
