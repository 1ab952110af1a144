"""Refusals that no retry can fix fail their job with the server's words; the others go on."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from hitrecord_desktop.api import PlatformClient
from hitrecord_desktop.sync.upload_events import JobChanged, SyncEvent
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from tests.api.helpers import write_take
from tests.support.live_server import LiveServer
from tests.uploads.arrival import assert_arrived_once, contribution_count
from tests.uploads.conftest import MakeEngine, Person, new_person, wait_for


def test_too_large_and_closed_challenges_fail_clearly_while_the_rest_arrive(
    queue: UploadQueue, make_engine: MakeEngine, tmp_path: Path
) -> None:
    with LiveServer(tmp_path / "small-server", max_upload_bytes=2_000_000) as server:
        person = new_person(server.url)
        closed = new_person(server.url)
        with PlatformClient(server.url, token=closed.token) as client:
            client.update_challenge(closed.challenge.id, status="closed")
        takes = {}
        for name, size in (("huge", 3_000_000), ("late", 500_000), ("fine", 1_500_000),
                           ("closing", 700_000)):  # fmt: skip
            takes[name] = tmp_path / f"{name}.flac"
            write_take(takes[name], size, seed=hash(name) % 1000)

        def job_for(name: str, who: Person = person) -> UploadJob:
            return engine.add(
                UploadRequest(
                    path=takes[name],
                    server="test",
                    title=name,
                    challenge_id=who.challenge.id,
                    role="vocals",
                )
            )

        # The challenge of "closing" closes while its bytes are on the way: the server refuses
        # the contribution at the end (409), after the whole upload.
        closing_challenge = new_person(server.url)
        engine = make_engine(server.url, person.token)
        closer = _CloseOnceUploading(server.url, closing_challenge)
        engine.subscribe(closer)
        jobs = {
            "huge": job_for("huge"),
            "late": job_for("late", closed),
            "fine": job_for("fine"),
            "closing": engine.add(UploadRequest(path=takes["closing"], server="test",
                                                title="closing", role="vocals",
                                                challenge_id=closing_challenge.challenge.id)),
        }  # fmt: skip
        closer.job_id = jobs["closing"].id
        engine.start()
        end = {name: wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 60)
               for name, job in jobs.items()}  # fmt: skip
        assert end["fine"].state is JobState.DONE, end["fine"].note
        assert end["huge"].state is JobState.FAILED
        assert "3000000 bytes" in end["huge"].note and "at most 2000000" in end["huge"].note
        assert end["late"].state is JobState.FAILED
        assert "is closed to new contributions" in end["late"].note
        assert end["late"].upload_url is None  # refused before a byte was sent
        assert end["closing"].state is JobState.FAILED
        assert "closed" in end["closing"].note
        assert_arrived_once(server.url, person.challenge.id, takes["fine"], tmp_path)
        assert contribution_count(server.url, person.challenge.id) == 1
        assert contribution_count(server.url, closed.challenge.id) == 0
        assert contribution_count(server.url, closing_challenge.challenge.id) == 0


class _CloseOnceUploading:
    """Closes the owner's challenge as soon as the job's bytes start to flow."""

    def __init__(self, server_url: str, owner: Person) -> None:
        self.server_url, self.owner = server_url, owner
        self.job_id = ""
        self._done = threading.Event()

    def __call__(self, event: SyncEvent) -> None:
        if (
            isinstance(event, JobChanged)
            and event.job.id == self.job_id
            and event.job.state is JobState.UPLOADING
            and not self._done.is_set()
        ):
            self._done.set()
            with PlatformClient(self.server_url, token=self.owner.token) as client:
                client.update_challenge(self.owner.challenge.id, status="closed")


def test_an_expired_sign_in_makes_the_job_wait_for_a_new_one_not_fail(
    upload_server: LiveServer, queue: UploadQueue, tmp_path: Path
) -> None:
    from hitrecord_desktop.sync.failure_policy import WAITING_FOR_SIGN_IN
    from hitrecord_desktop.sync.upload_engine import UploadEngine
    from hitrecord_desktop.sync.upload_events import ServerChanged, ServerState
    from tests.api.helpers import PASSWORD
    from tests.uploads.conftest import Recorder, sign_up

    name, client = sign_up(upload_server.url)
    challenge = client.create_challenge("Token test", "Sing.", ["vocals"], "audio")
    take = tmp_path / "patient.flac"
    write_take(take, 2_000_000, seed=800)
    recorder = Recorder()
    engine = UploadEngine(
        queue, lambda _server: client, bandwidth_limit=1_000_000, chunk_size=256 * 1024
    )
    engine.subscribe(recorder)
    job = engine.add(UploadRequest(path=take, server="test", challenge_id=challenge.id,
                                   title="Patient", role="vocals"))  # fmt: skip
    with engine:
        while queue.get(job.id).confirmed == 0:
            time.sleep(0.01)
        # The token is revoked on the server (signed out elsewhere, or expired).
        with PlatformClient(upload_server.url, token=client.token) as elsewhere:
            elsewhere.logout()
        waiting = wait_for(queue, job.id, {JobState.QUEUED, JobState.FAILED}, 20)
        assert waiting.state is JobState.QUEUED and waiting.note == WAITING_FOR_SIGN_IN
        assert engine.server_state("test") is ServerState.SIGN_IN_NEEDED
        assert any(
            isinstance(e, ServerChanged) and e.state is ServerState.SIGN_IN_NEEDED
            for e in recorder.events
        )
        # The person signs in again; the app hands the engine the new token.
        with PlatformClient(upload_server.url) as fresh:
            client.token = fresh.login(name, PASSWORD).access_token
        engine.signed_in("test")
        finished = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 30)
        assert finished.state is JobState.DONE, finished.note
    assert_arrived_once(upload_server.url, challenge.id, take, tmp_path)
    client.close()
