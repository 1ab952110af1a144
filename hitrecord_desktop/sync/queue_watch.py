"""The terminal side of the upload queue: run (or watch) the engine and show progress.

Shared by `upload` and `sync run`. If the app (or another terminal) already runs the engine on
this queue, this one only watches the queue file and shows the progress it records.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from hitrecord_desktop.api.errors import ApiError
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.sync.server_clients import ServerClients
from hitrecord_desktop.sync.server_watch import server_label
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_events import JobProgress, ServerChanged, ServerState, SyncEvent
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from hitrecord_desktop.user_settings import LOCAL

QUEUE_FILE = "uploads.sqlite"
_POLL = 0.1


def queue_path(paths: AppPaths) -> Path:
    return paths.data_dir / QUEUE_FILE


def print_error(message: str) -> None:
    print(f"hitrecord-desktop: {message}", file=sys.stderr)


class QueueRunner:
    """The queue, the clients and an engine for one command; closes them all."""

    def __init__(self, paths: AppPaths, rate_limit: float | None = None) -> None:
        self.queue = UploadQueue(queue_path(paths))
        self.clients = ServerClients(paths)
        self.engine = UploadEngine(self.queue, self.clients, bandwidth_limit=rate_limit)
        self._sent: dict[str, int] = {}
        self._notices: list[str] = []
        self._lock = threading.Lock()
        self.engine.subscribe(self._on_event)

    def __enter__(self) -> QueueRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.engine.stop()
        self.clients.close()
        self.queue.close()

    def only_role(self, server: str, challenge_id: int) -> str:
        """The challenge's role when it wants exactly one; else a ValueError saying which."""
        challenge = self.clients(server).get_challenge(challenge_id)
        if len(challenge.roles) == 1:
            return challenge.roles[0]
        raise ValueError(
            f"say which role the take fills with --role: challenge {challenge_id} wants "
            f"{', '.join(challenge.roles) or 'no particular role'}"
        )

    def add(self, request: UploadRequest) -> UploadJob:
        size = request.path.stat().st_size if request.path.is_file() else 0
        with tqdm(
            total=size, unit="B", unit_scale=True, desc="Checking", leave=False, disable=None
        ) as bar:
            return self.engine.add(request, lambda done, _total: bar.update(done - bar.n))

    def _on_event(self, event: SyncEvent) -> None:
        with self._lock:
            if isinstance(event, JobProgress):
                self._sent[event.job_id] = event.sent
            elif isinstance(event, ServerChanged) and event.state is not ServerState.ONLINE:
                self._notices.append(_server_notice(event))

    def wait_for(self, job_ids: Iterable[str] | None = None) -> int:
        """Run the engine until these jobs (None: every unfinished one) are finished.

        0 when all arrived, 1 when one failed or was cancelled, 130 on Ctrl-C."""
        ids = list(job_ids) if job_ids is not None else [job.id for job in self.queue.active()]
        if not ids:
            print("Nothing to upload.", file=sys.stderr)
            return 0
        jobs = [self.queue.get(job_id) for job_id in ids]
        self.engine.start()
        said_watching = False
        started = time.monotonic()
        last_notes: dict[str, str] = {}
        try:
            with tqdm(
                total=sum(job.size for job in jobs), unit="B", unit_scale=True, desc="Uploading"
            ) as bar:
                while True:
                    jobs = [self.queue.get(job_id) for job_id in ids]
                    with self._lock:
                        notices, self._notices = self._notices, []
                        done = sum(max(job.confirmed, self._sent.get(job.id, 0)) for job in jobs)
                    for notice in notices:
                        bar.write(notice, file=sys.stderr)
                    for job in jobs:
                        if job.note and last_notes.get(job.id) != job.note:
                            bar.write(f"{job.path.name}: {job.note}", file=sys.stderr)
                        last_notes[job.id] = job.note
                    if (
                        not said_watching
                        and not self.engine.working
                        and (time.monotonic() - started > 1.0)
                    ):
                        said_watching = True
                        bar.write("HitRecord Desktop is sending the queue; following it here.")
                    bar.update(min(done, bar.total) - bar.n)
                    if all(job.finished or job.state is JobState.PAUSED for job in jobs):
                        break
                    time.sleep(_POLL)
        except KeyboardInterrupt:
            self.engine.stop()
            print(
                "\nStopped waiting. The upload stays queued and goes on with "
                "`hitrecord-desktop sync run`, or when HitRecord Desktop is open.",
                file=sys.stderr,
            )
            return 130
        return _report(jobs, self._urls())

    def _urls(self) -> dict[str, str]:
        """Where each server shows a contribution (for the closing lines)."""
        urls: dict[str, str] = {}
        for job in self.queue.jobs([JobState.DONE]):
            # The local community's address changes with every start: no link for it.
            if job.is_platform and job.server != LOCAL and job.server not in urls:
                try:
                    urls[job.server] = self.clients(job.server).api_url
                except (ApiError, OSError, RuntimeError):
                    continue
        return urls


def _report(jobs: list[UploadJob], api_urls: dict[str, str]) -> int:
    status = 0
    for job in jobs:
        if job.state is JobState.DONE and job.is_platform:
            where = api_urls.get(job.server)
            link = (
                f" ({where}/contributions/{job.contribution_id})"
                if where
                else " in the local community" * (job.server == LOCAL)
            )
            print(f"{job.path.name}: uploaded as contribution {job.contribution_id}{link}")
        elif job.state is JobState.DONE:
            print(f"{job.path.name}: uploaded to {job.tus_url}")
        elif job.state is JobState.PAUSED:
            print(f"{job.path.name}: paused; `hitrecord-desktop sync resume {job.id[:8]}`")
        else:
            status = 1
            print_error(f"{job.path.name}: {job.state.value}. {job.note}".rstrip(". ") + ".")
    return status


def _server_notice(event: ServerChanged) -> str:
    server = event.server
    if event.state is ServerState.SIGN_IN_NEEDED:
        if server == LOCAL:
            return "The local community refused the sign-in; restart HitRecord Desktop."
        return (
            f"{server} wants you to sign in again: run `hitrecord-desktop login --server "
            f"{server}` in another terminal; the upload waits and then goes on."
        )
    return f"{server_label(server)} does not answer; the upload waits and goes on when it does."
