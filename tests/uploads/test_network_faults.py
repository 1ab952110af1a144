"""Uploads through a network that misbehaves on purpose (tests/support/cutting_proxy.py), against
the real server: each ends byte-identical on the server as exactly one contribution."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from hitrecord_desktop.sync.upload_events import (
    JobChanged,
    JobProgress,
    ServerChanged,
    ServerState,
    SyncEvent,
)
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from tests.api.helpers import write_take
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer
from tests.uploads.arrival import assert_arrived_once, contribution_count
from tests.uploads.conftest import MakeEngine, Person, Recorder, wait_for


def _request(person: Person, path: Path) -> UploadRequest:
    return UploadRequest(
        path=path, server="test", challenge_id=person.challenge.id, title=path.stem, role="vocals"
    )


class _KeepCutting:
    """Re-arms the proxy's cut after every cut: the connection dies every `every` bytes."""

    def __init__(self, proxy: CuttingProxy, every: int, direction: str = "up") -> None:
        self.proxy, self.every, self.direction = proxy, every, direction
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        seen = -1
        while not self._stop.is_set():
            if self.proxy.cuts != seen:
                seen = self.proxy.cuts
                self.proxy.cut_after(self.every, self.direction)
            time.sleep(0.002)

    def __enter__(self) -> _KeepCutting:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.proxy.cut_after(10**15, self.direction)  # disarm


def test_a_connection_cut_every_megabyte_still_delivers_every_upload_once(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    takes = []
    for index, size in enumerate((6_000_000, 2_500_000, 900_000)):
        take = tmp_path / f"cut{index}.flac"
        write_take(take, size, seed=100 + index)
        takes.append(take)
    engine = make_engine(proxy.url, person.token)
    jobs = [engine.add(_request(person, take)) for take in takes]
    with _KeepCutting(proxy, 1_000_000):
        engine.start()
        for job in jobs:
            finished = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 90)
            assert finished.state is JobState.DONE, finished.note
    assert proxy.cuts >= 9  # 9.4 MB went through a link that dies every megabyte
    for take in takes:
        assert_arrived_once(upload_server.url, person.challenge.id, take, tmp_path)
    assert contribution_count(upload_server.url, person.challenge.id) == 3


def test_503_with_retry_after_429_and_500_bursts_are_waited_out(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    takes = []
    for index in range(3):
        take = tmp_path / f"busy{index}.flac"
        write_take(take, 1_500_000, seed=200 + index)
        takes.append(take)
    # Every new connection meets the burst first: the challenge check, the creation and the
    # chunks all see 503s (Retry-After 1), 429s and 500s from the "proxy" before the server.
    proxy.answer_with(503, times=3, reason="Service Unavailable", retry_after=1)
    proxy.answer_with(429, times=2, reason="Too Many Requests", retry_after=1)
    proxy.answer_with(500, times=4, reason="Internal Server Error")
    engine = make_engine(proxy.url, person.token, chunk_size=256 * 1024)
    jobs = [engine.add(_request(person, take)) for take in takes]
    started = time.monotonic()
    engine.start()
    halfway = threading.Event()

    def second_burst(event: SyncEvent) -> None:
        # Mid-upload: another burst, on the connections opened after a cut.
        if isinstance(event, JobProgress) and event.confirmed > 500_000 and not halfway.is_set():
            halfway.set()
            proxy.answer_with(500, times=3, reason="Internal Server Error")
            proxy.answer_with(503, times=2, reason="Service Unavailable", retry_after=1)
            proxy.cut_after(1)

    engine.subscribe(second_burst)
    for job in jobs:
        finished = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 90)
        assert finished.state is JobState.DONE, finished.note
    assert proxy.answered == 14 and halfway.is_set()
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured, not ignored
    for take in takes:
        assert_arrived_once(upload_server.url, person.challenge.id, take, tmp_path)
    assert contribution_count(upload_server.url, person.challenge.id) == 3


@pytest.mark.parametrize("lost_answers", [1, 6])
def test_a_lost_answer_to_the_finalization_never_makes_two_contributions(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
    lost_answers: int,
) -> None:
    """1: the client's own retry replays it; 6: more than it retries, so the job goes back to
    the queue and a later run finalizes again with the same Idempotency-Key."""
    take = tmp_path / f"final{lost_answers}.flac"
    write_take(take, 800_000, seed=300 + lost_answers)
    engine = make_engine(proxy.url, person.token, probe_interval=0.2)
    armed = threading.Event()

    def cut_answers(event: SyncEvent) -> None:
        if (
            isinstance(event, JobChanged)
            and event.job.state is JobState.VERIFYING
            and not armed.is_set()
        ):
            armed.set()
            threading.Thread(
                target=_cut_downstream, args=(proxy, lost_answers), daemon=True
            ).start()

    engine.subscribe(cut_answers)
    job = engine.add(_request(person, take))
    engine.start()
    finished = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 60)
    assert finished.state is JobState.DONE, finished.note
    assert armed.is_set() and proxy.cuts >= lost_answers
    contribution = assert_arrived_once(upload_server.url, person.challenge.id, take, tmp_path)
    assert finished.contribution_id == contribution
    assert contribution_count(upload_server.url, person.challenge.id) == 1


def _cut_downstream(proxy: CuttingProxy, times: int) -> None:
    """Cut the next `times` answers coming back (each after the request reached the server)."""
    for _ in range(times):
        before = proxy.cuts
        proxy.cut_after(1, "down")
        deadline = time.monotonic() + 20
        while proxy.cuts == before and time.monotonic() < deadline:
            time.sleep(0.001)


def test_a_minute_offline_then_the_upload_resumes_by_itself_within_seconds(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    take = tmp_path / "train.flac"
    write_take(take, 4_000_000, seed=400)
    proxy.throttle(1_000_000)
    recorder = Recorder()
    engine = make_engine(proxy.url, person.token, chunk_size=256 * 1024)
    engine.subscribe(recorder)
    job = engine.add(_request(person, take))
    engine.start()
    while queue.get(job.id).confirmed < 1_000_000:
        time.sleep(0.02)
    proxy.go_offline(60)
    offline_until = time.monotonic() + 60
    time.sleep(5)
    waiting = queue.get(job.id)
    assert waiting.state is JobState.QUEUED and "Waiting" in waiting.note
    assert engine.server_state("test") is ServerState.OFFLINE
    at_outage = waiting.confirmed
    while time.monotonic() < offline_until:
        time.sleep(0.1)
    back = time.monotonic()
    while queue.get(job.id).confirmed <= at_outage:
        assert time.monotonic() - back < 15, "the upload did not resume"
        time.sleep(0.02)
    resumed_after = time.monotonic() - back
    proxy.throttle(None)
    finished = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 60)
    assert finished.state is JobState.DONE, finished.note
    # The first confirmed chunk after the outage needs its 256 KiB at 1 MB/s: ~0.3 s of it.
    assert resumed_after < 5.0, f"resumed {resumed_after:.1f} s after the network came back"
    servers = [e for e in recorder.events if isinstance(e, ServerChanged)]
    assert [e.state for e in servers] == [ServerState.OFFLINE, ServerState.ONLINE]
    assert_arrived_once(upload_server.url, person.challenge.id, take, tmp_path)
