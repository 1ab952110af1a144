"""The upload engine on a good network: queue, transfer, contribution, controls, progress."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from hitrecord_desktop.api import LineageRef, PlatformClient
from hitrecord_desktop.sync.upload_events import JobProgress, TotalProgress
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from tests.api.helpers import sha256_of, write_take
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer
from tests.uploads.conftest import MakeEngine, Person, Recorder, wait_for


def _request(person: Person, path: Path, **extra: object) -> UploadRequest:
    return UploadRequest(
        path=path,
        server="test",
        challenge_id=person.challenge.id,
        title=extra.pop("title", "My take"),  # type: ignore[arg-type]
        role="vocals",
        **extra,  # type: ignore[arg-type]
    )


def test_a_queued_take_becomes_one_contribution_with_its_lineage(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    tmp_path: Path,
) -> None:
    base = tmp_path / "base.flac"
    write_take(base, 200_000, seed=1)
    with PlatformClient(upload_server.url, token=person.token) as client:
        uploader = client.uploader()
        url = uploader.create(base, {"filename": base.name, "sha256": sha256_of(base)})
        uploader.upload(url, base)
        from hitrecord_desktop.api import upload_id_from_url

        backing = client.create_contribution(
            upload_id_from_url(url),
            person.challenge.id,
            "Backing",
            "music",
            [],
            idempotency_key="backing-" + person.token[:8],
        )
    take = tmp_path / "take.flac"
    digest = write_take(take, 3_000_000, seed=2)
    recorder = Recorder()
    engine = make_engine(upload_server.url, person.token)
    engine.subscribe(recorder)
    job = engine.add(_request(person, take, lineage=(LineageRef(backing.id, 48_000, 48_000),)))
    assert (job.state, job.sha256, job.size) == (JobState.QUEUED, digest, 3_000_000)
    engine.start()
    done = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 30)
    assert done.state is JobState.DONE, done.note
    with PlatformClient(upload_server.url) as anyone:
        made = anyone.get_contribution(done.contribution_id)  # type: ignore[arg-type]
        assert (made.sha256, made.size, made.title) == (digest, 3_000_000, "My take")
        assert [ref.contribution_id for ref in made.built_on] == [backing.id]
        credits = anyone.get_credits(made.id)
        assert backing.id in {credit.contribution_id for credit in credits.credits}
        assert len(anyone.list_contributions(person.challenge.id).items) == 2
    states = recorder.states(job.id)
    assert states[0] is JobState.QUEUED and states[-1] is JobState.DONE
    assert JobState.UPLOADING in states and JobState.VERIFYING in states
    progress = [e for e in recorder.events if isinstance(e, JobProgress) and e.job_id == job.id]
    assert progress and progress[-1].confirmed == 3_000_000
    totals = [e for e in recorder.events if isinstance(e, TotalProgress)]
    assert totals and totals[-1].jobs == 0


def test_pause_stops_a_transfer_at_once_and_resume_goes_on_from_the_server_offset(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    take = tmp_path / "slow.flac"
    digest = write_take(take, 2_000_000, seed=3)
    proxy.throttle(400_000)
    engine = make_engine(proxy.url, person.token, chunk_size=256 * 1024)
    job = engine.add(_request(person, take))
    engine.start()
    wait_for(queue, job.id, {JobState.UPLOADING}, 10)
    while queue.get(job.id).confirmed < 256 * 1024:
        time.sleep(0.02)
    started = time.monotonic()
    paused = engine.pause(job.id)
    assert paused is not None and paused.state is JobState.PAUSED
    # The transfer thread lets go at once (its chunk is abandoned mid-way).
    while engine._running:
        assert time.monotonic() - started < 1.0, "pause did not stop the transfer"
        time.sleep(0.01)
    at_pause = queue.get(job.id).confirmed
    time.sleep(0.5)
    assert queue.get(job.id).state is JobState.PAUSED
    proxy.throttle(None)
    sent_before = proxy.bytes_up
    engine.resume(job.id)
    done = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 30)
    assert done.state is JobState.DONE, done.note
    # What the socket buffers held of the abandoned chunk still drains through the proxy, plus
    # request headers: less than one chunk in all.
    resent = proxy.bytes_up - sent_before - (2_000_000 - at_pause)
    assert resent < 256 * 1024, f"{resent} bytes beyond the missing part were sent again"
    with PlatformClient(upload_server.url) as anyone:
        assert anyone.get_contribution(done.contribution_id).sha256 == digest  # type: ignore[arg-type]


def test_cancel_deletes_the_partial_upload_on_the_server(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    take = tmp_path / "unwanted.flac"
    write_take(take, 1_000_000, seed=4)
    proxy.throttle(200_000)
    engine = make_engine(proxy.url, person.token, chunk_size=128 * 1024)
    job = engine.add(_request(person, take))
    engine.start()
    while queue.get(job.id).confirmed == 0:
        time.sleep(0.02)
    url = queue.get(job.id).upload_url
    engine.cancel(job.id)
    deadline = time.monotonic() + 10
    while not queue.get(job.id).terminated:
        assert time.monotonic() < deadline, "the server upload was never deleted"
        time.sleep(0.05)
    with PlatformClient(upload_server.url, token=person.token) as client:
        from hitrecord_desktop.api import ApiError

        try:
            client.uploader().offset(url)  # type: ignore[arg-type]
        except ApiError as error:
            assert error.status == 404
        else:
            raise AssertionError("the upload still exists on the server")
    assert queue.get(job.id).state is JobState.CANCELLED


def test_at_most_n_transfers_run_at_once(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    proxy.throttle(1_000_000)
    engine = make_engine(proxy.url, person.token, max_transfers=2, chunk_size=64 * 1024)
    jobs = []
    for index in range(4):
        take = tmp_path / f"take{index}.flac"
        write_take(take, 300_000, seed=10 + index)
        jobs.append(engine.add(_request(person, take, title=f"Take {index}")))
    most = 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal most
        while not stop.is_set():
            most = max(most, len(engine._running))
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    engine.start()
    try:
        for job in jobs:
            assert wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 60).state is (
                JobState.DONE
            )
    finally:
        stop.set()
        watcher.join()
    assert most == 2


def test_a_bandwidth_limit_holds_the_rate_down(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    tmp_path: Path,
) -> None:
    take = tmp_path / "limited.flac"
    write_take(take, 1_500_000, seed=20)
    engine = make_engine(upload_server.url, person.token, bandwidth_limit=1_000_000)
    job = engine.add(_request(person, take))
    started = time.monotonic()
    engine.start()
    assert wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 30).state is JobState.DONE
    elapsed = time.monotonic() - started
    # 1.5 MB at 1 MB/s with a quarter-second burst: at least ~1.2 s; unlimited it takes ~0.05 s.
    assert elapsed > 1.1, elapsed


def test_a_second_engine_only_watches_and_its_controls_reach_the_one_working(
    upload_server: LiveServer,
    person: Person,
    queue: UploadQueue,
    make_engine: MakeEngine,
    proxy: CuttingProxy,
    tmp_path: Path,
) -> None:
    """As when `hitrecord-desktop sync pause` runs while the app uploads."""
    take = tmp_path / "shared.flac"
    write_take(take, 2_000_000, seed=30)
    proxy.throttle(500_000)
    working = make_engine(proxy.url, person.token, chunk_size=128 * 1024).start()
    deadline = time.monotonic() + 5
    while not working.working:  # it holds the queue before the second one starts
        assert time.monotonic() < deadline
        time.sleep(0.01)
    other_queue = UploadQueue(queue.path)
    watcher_events = Recorder()
    with PlatformClient(proxy.url, token=person.token) as client:
        from hitrecord_desktop.sync.upload_engine import UploadEngine

        watcher = UploadEngine(other_queue, lambda _server: client)
        watcher.subscribe(watcher_events)
        with watcher:
            time.sleep(0.3)
            assert not watcher.working
            job = watcher.add(_request(person, take))  # added through the watcher
            while queue.get(job.id).confirmed < 256 * 1024:
                time.sleep(0.02)
            watcher.pause(job.id)
            started = time.monotonic()
            while working._running:
                assert time.monotonic() - started < 1.5, "the working engine did not stop"
                time.sleep(0.01)
            assert queue.get(job.id).state is JobState.PAUSED
            watcher.resume(job.id)
            proxy.throttle(None)
            done = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 30)
            assert done.state is JobState.DONE, done.note
            time.sleep(0.5)
    other_queue.close()
    assert JobState.DONE in watcher_events.states(job.id)  # it saw the other engine finish
    assert any(isinstance(e, JobProgress) for e in watcher_events.events)
