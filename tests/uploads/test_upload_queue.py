"""The persistent queue on real SQLite files: atomic adds, restarts, crashes, damage."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hitrecord_desktop.api import LineageRef
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import EngineLock, QueueError, UploadQueue


def _take(folder: Path, name: str = "take.flac", size: int = 10_000) -> Path:
    path = folder / name
    path.write_bytes(os.urandom(size))
    return path


def _request(path: Path, **extra: object) -> UploadRequest:
    fields: dict = {"path": path, "server": "local", "challenge_id": 3, "role": "vocals"}
    return UploadRequest(**(fields | extra))


def test_a_job_keeps_everything_it_was_given_across_a_reopen(tmp_path: Path) -> None:
    take = _take(tmp_path)
    lineage = (LineageRef(7, -4800, 48000), LineageRef(9, 0, 48000))
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        added = queue.add(_request(take, title="  Verse  ", media_kind="audio", lineage=lineage))
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        job = queue.get(added.id)
    assert job == added
    assert job.sha256 == hashlib.sha256(take.read_bytes()).hexdigest()
    assert (job.size, job.title, job.role, job.media_kind) == (10_000, "Verse", "vocals", "audio")
    assert job.lineage == lineage and job.state is JobState.QUEUED and job.path == take.resolve()


def test_the_title_defaults_to_the_file_name_and_bad_requests_are_named(tmp_path: Path) -> None:
    take = _take(tmp_path, "Night Bus vocals.wav")
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        assert queue.add(_request(take)).title == "Night Bus vocals"
        with pytest.raises(QueueError, match="challenge"):
            queue.add(_request(take, challenge_id=None))
        with pytest.raises(QueueError, match="role"):
            queue.add(_request(take, role=" "))
        with pytest.raises(QueueError, match=r"missing\.wav"):
            queue.add(_request(tmp_path / "missing.wav"))
        with pytest.raises(QueueError, match="not a file"):
            queue.add(_request(tmp_path))
        assert len(queue.jobs()) == 1


def test_a_job_added_is_on_disk_when_add_returns_even_if_the_process_dies(tmp_path: Path) -> None:
    take = _take(tmp_path)
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from hitrecord_desktop.sync.upload_jobs import UploadRequest
        from hitrecord_desktop.sync.upload_queue import UploadQueue
        queue = UploadQueue(Path({str(tmp_path / "q.sqlite")!r}))
        job = queue.add(UploadRequest(path=Path({str(take)!r}), server="local",
                                      challenge_id=1, role="vocals"))
        print(job.id, flush=True)
        os.kill(os.getpid(), 9)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == -9
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        assert queue.get(result.stdout.strip()).state is JobState.QUEUED


def test_jobs_a_crash_left_uploading_go_back_to_the_queue(tmp_path: Path) -> None:
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        first = queue.add(_request(_take(tmp_path, "a.flac")))
        second = queue.add(_request(_take(tmp_path, "b.flac")))
        third = queue.add(_request(_take(tmp_path, "c.flac")))
        queue.update(first.id, state=JobState.UPLOADING, confirmed=4096, upload_url="u/1")
        queue.update(second.id, state=JobState.VERIFYING)
        queue.update(third.id, state=JobState.PAUSED)
        assert queue.recover_after_crash() == 2
        assert [job.state for job in queue.jobs()] == [
            JobState.QUEUED, JobState.QUEUED, JobState.PAUSED
        ]  # fmt: skip
        assert queue.get(first.id).confirmed == 4096  # resumes from there (HEAD confirms)


def test_a_transition_only_happens_from_the_states_given(tmp_path: Path) -> None:
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        job = queue.add(_request(_take(tmp_path)))
        assert queue.transition(job.id, [JobState.QUEUED], state=JobState.PAUSED) is not None
        # A transfer finishing after a pause must not overwrite it.
        assert queue.transition(job.id, [JobState.UPLOADING], state=JobState.DONE) is None
        assert queue.get(job.id).state is JobState.PAUSED
        with pytest.raises(ValueError, match="sha256"):
            queue.update(job.id, sha256="0" * 64)


def test_jobs_are_found_by_the_start_of_their_id(tmp_path: Path) -> None:
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        job = queue.add(_request(_take(tmp_path)))
        assert queue.find(job.id[:6].upper()).id == job.id
        with pytest.raises(QueueError, match="no upload"):
            queue.find("zz")
        with pytest.raises(QueueError, match="Give an upload id"):
            queue.find(" ")


def test_a_damaged_queue_file_is_set_aside_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with UploadQueue(path) as queue:
        assert queue.jobs() == []
        queue.add(_request(_take(tmp_path)))
    kept = list(tmp_path.glob("q.sqlite.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")


def test_a_queue_from_a_newer_app_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE jobs (id TEXT)")
        db.execute("PRAGMA user_version=99")
    with pytest.raises(QueueError, match="newer HitRecord Desktop"):
        UploadQueue(path)


def test_only_one_process_holds_the_engine_lock(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from hitrecord_desktop.sync.upload_queue import EngineLock
        lock = EngineLock(Path({str(path)!r}))
        print(lock.try_acquire(), flush=True)
        sys.stdin.readline()
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
    lock = EngineLock(path)
    assert not lock.try_acquire()
    holder.kill()  # the OS drops a dead holder's lock
    holder.wait()
    assert lock.try_acquire()
    lock.release()


def test_finished_jobs_are_forgotten_after_a_month_failed_ones_stay(tmp_path: Path) -> None:
    with UploadQueue(tmp_path / "q.sqlite") as queue:
        done = queue.add(_request(_take(tmp_path, "a.flac")))
        failed = queue.add(_request(_take(tmp_path, "b.flac")))
        recent = queue.add(_request(_take(tmp_path, "c.flac")))
        queue.update(done.id, state=JobState.DONE)
        queue.update(failed.id, state=JobState.FAILED)
        queue.update(recent.id, state=JobState.DONE)
        assert queue.forget_finished(older_than_seconds=3600) == 0
        with sqlite3.connect(queue.path) as db:
            db.execute("UPDATE jobs SET updated_at = 0 WHERE id != ?", (recent.id,))
        assert queue.forget_finished(older_than_seconds=3600) == 1
        assert {job.id for job in queue.jobs()} == {failed.id, recent.id}
