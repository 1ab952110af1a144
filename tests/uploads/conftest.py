"""Fixtures of the upload engine tests: a real server on loopback (behind a CuttingProxy where a
test breaks the network), a real SQLite queue, an engine whose client factory answers a client
signed in as a fresh person."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hitrecord_desktop.api import Challenge, PlatformClient
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_events import JobChanged, SyncEvent
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob
from hitrecord_desktop.sync.upload_queue import UploadQueue
from tests.api.helpers import PASSWORD, unique_name
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer


@dataclass
class Person:
    """A signed-in person on a server: their token and a challenge of their own."""

    server_url: str
    token: str
    challenge: Challenge


def sign_up(server_url: str) -> tuple[str, PlatformClient]:
    client = PlatformClient(server_url)
    name = unique_name()
    client.register(name, PASSWORD)
    client.token = client.login(name, PASSWORD).access_token
    return name, client


def new_person(server_url: str) -> Person:
    _name, client = sign_up(server_url)
    with client:
        challenge = client.create_challenge(
            f"Vocals wanted {unique_name('song')}", "Sing over it.", ["vocals"], "audio"
        )
        return Person(server_url, client.token or "", challenge)


@dataclass
class Recorder:
    """Collects the engine's events; lets a test wait for a job's state."""

    events: list[SyncEvent] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def __call__(self, event: SyncEvent) -> None:
        with self.changed:
            self.events.append(event)
            self.changed.notify_all()

    def states(self, job_id: str) -> list[JobState]:
        with self.changed:
            return [
                e.job.state for e in self.events if isinstance(e, JobChanged) and e.job.id == job_id
            ]


def wait_for(queue: UploadQueue, job_id: str, states: set[JobState], timeout: float) -> UploadJob:
    """Polls the queue (the truth) until the job reaches one of `states`."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        job = queue.get(job_id)
        if job.state in states:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job stayed {job.state} ({job.note!r}) for {timeout} s")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(tmp_path_factory.mktemp("upload-server")) as server:
        yield server


@pytest.fixture
def person(upload_server: LiveServer) -> Person:
    return new_person(upload_server.url)


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[UploadQueue]:
    with UploadQueue(tmp_path / "data" / "uploads.sqlite") as opened:
        yield opened


@pytest.fixture
def proxy(upload_server: LiveServer) -> Iterator[CuttingProxy]:
    with CuttingProxy(upload_server.url) as running:
        yield running


MakeEngine = Callable[..., UploadEngine]


@pytest.fixture
def make_engine(queue: UploadQueue) -> Iterator[MakeEngine]:
    """Engines whose clients talk to `base_url` (a server or a proxy) as `person`."""
    made: list[UploadEngine] = []
    clients: list[PlatformClient] = []

    def make(base_url: str, token: str, **options: object) -> UploadEngine:
        client = PlatformClient(base_url, token=token, timeout=(2.0, 10.0))
        clients.append(client)
        engine = UploadEngine(queue, lambda _server: client, **options)  # type: ignore[arg-type]
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.stop()
    for client in clients:
        client.close()
