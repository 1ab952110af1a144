"""Processes killed mid-upload with SIGKILL: the server, and the app itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from hitrecord_desktop.api import PlatformClient
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from tests.api.helpers import PASSWORD, unique_name, write_take
from tests.support.cutting_proxy import CuttingProxy
from tests.uploads.arrival import assert_arrived_once, contribution_count
from tests.uploads.conftest import MakeEngine, new_person, wait_for
from tests.uploads.server_process import ServerProcess


def test_the_server_killed_and_restarted_mid_upload(
    queue: UploadQueue, make_engine: MakeEngine, tmp_path: Path
) -> None:
    take = tmp_path / "through a crash.flac"
    write_take(take, 6_000_000, seed=600)
    server = ServerProcess(tmp_path / "server").start()
    try:
        person = new_person(server.url)
        engine = make_engine(server.url, person.token, bandwidth_limit=2_000_000,
                             probe_interval=0.5)  # fmt: skip
        job = engine.add(UploadRequest(path=take, server="test", challenge_id=person.challenge.id,
                                       title="Through a crash", role="vocals"))  # fmt: skip
        engine.start()
        while queue.get(job.id).confirmed < 1_500_000:
            time.sleep(0.02)
        server.kill()
        at_kill = queue.get(job.id).confirmed
        time.sleep(2.0)
        assert queue.get(job.id).state is JobState.QUEUED  # waiting, not failed
        server.start()
        finished = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 60)
        assert finished.state is JobState.DONE, finished.note
        assert 0 < at_kill < 6_000_000
        assert_arrived_once(server.url, person.challenge.id, take, tmp_path)
        assert contribution_count(server.url, person.challenge.id) == 1
    finally:
        server.kill()


def _cli(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "hitrecord_desktop", *args],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_the_app_killed_mid_upload_resumes_from_the_server_offset(
    tmp_path: Path, secret_service: dict[str, str]
) -> None:
    """`hitrecord-desktop upload` is killed with SIGKILL; `sync run` finishes the job, sending
    again at most one chunk of what had gone out before the kill."""
    take = tmp_path / "killed.flac"
    size = 12_000_000
    write_take(take, size, seed=700)
    home = tmp_path / "home"
    env = {**os.environ, **secret_service, "HITRECORD_HOME": str(home)}
    server = ServerProcess(tmp_path / "server").start()
    try:
        with CuttingProxy(server.url) as proxy:
            name = unique_name()
            with PlatformClient(server.url) as client:
                client.register(name, PASSWORD)
                client.token = client.login(name, PASSWORD).access_token
                challenge = client.create_challenge("Kill me", "Sing.", ["vocals"], "audio")
            login = _cli("login", "--server", proxy.url, "--username", name, "--password-stdin",
                         env=env)  # fmt: skip
            _out, err = login.communicate(PASSWORD + "\n", timeout=60)
            assert login.returncode == 0, err
            proxy.throttle(3_000_000)
            upload = _cli("upload", str(take), "--challenge", str(challenge.id), env=env)
            queue = UploadQueue(home / "data" / "uploads.sqlite")
            deadline = time.monotonic() + 60
            while not queue.jobs() or queue.jobs()[0].confirmed < 4_000_000:
                assert time.monotonic() < deadline and upload.poll() is None, upload.stderr
                time.sleep(0.01)
            time.sleep(0.3)  # well into the next chunk
            upload.kill()
            upload.wait(10)
            job = queue.jobs()[0]
            sent_before_kill, confirmed_at_kill = proxy.bytes_up, job.confirmed
            assert job.state is JobState.UPLOADING and confirmed_at_kill < size
            proxy.throttle(None)
            resume = _cli("sync", "run", env=env)
            _out, err = resume.communicate(timeout=120)
            assert resume.returncode == 0, err
            job = queue.get(job.id)
            assert job.state is JobState.DONE, job.note
            queue.close()
            # The kill cut a chunk short: those bytes went out twice. Everything sent in both
            # runs beyond the file itself is that part plus HTTP headers: under one chunk
            # (chunks start at 4 MiB and only grow on this fast link).
            assert sent_before_kill > confirmed_at_kill + 100_000
            resent = proxy.bytes_up - size
            assert resent <= 4 * 1024 * 1024 + 64 * 1024, resent
        assert_arrived_once(server.url, challenge.id, take, tmp_path)
        assert contribution_count(server.url, challenge.id) == 1
    finally:
        server.kill()
