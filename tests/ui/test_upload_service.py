"""Uploads in the app: the engine's events arrive as signals on the GUI thread, and the status
bar says what the uploads are doing. Real engine, real servers, real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMainWindow

from hitrecord_desktop.api import PlatformClient
from hitrecord_desktop.connection import open_local
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from hitrecord_desktop.ui.sync_bridge import SyncBridge
from hitrecord_desktop.ui.upload_service import UploadService
from hitrecord_desktop.ui.upload_status import UploadStatus
from hitrecord_desktop.user_settings import LOCAL
from tests.api.helpers import write_take
from tests.support.live_server import LiveServer
from tests.uploads.conftest import new_person


def test_engine_events_reach_the_gui_thread_as_signals(
    qtbot, fresh_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    person = new_person(fresh_server.url)
    take = tmp_path / "take.flac"
    write_take(take, 500_000, seed=1)
    threads: set[bool] = set()
    states: list[JobState] = []
    with (
        UploadQueue(tmp_path / "q.sqlite") as queue,
        PlatformClient(fresh_server.url, token=person.token) as client,
    ):
        engine = UploadEngine(queue, lambda _server: client)
        bridge = SyncBridge(engine)

        def changed(job) -> None:  # type: ignore[no-untyped-def]
            threads.add(QThread.currentThread() is QApplication.instance().thread())
            states.append(job.state)

        bridge.job_changed.connect(changed)
        request = UploadRequest(path=take, server="test", challenge_id=person.challenge.id,
                                role="vocals")  # fmt: skip
        with engine:
            job = engine.add(request)
            qtbot.waitUntil(lambda: JobState.DONE in states, timeout=20000)
        bridge.detach()
        assert queue.get(job.id).state is JobState.DONE
    assert threads == {True}
    assert states[0] is JobState.QUEUED and states[-1] is JobState.DONE


def test_the_app_uploads_to_the_local_community_and_shows_progress(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = AppPaths(*(tmp_path / name for name in ("config", "data", "cache", "logs"))).ensure()
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    connection = open_local(paths)
    service = UploadService(paths, window)
    try:
        with qtbot.waitSignal(service.started, timeout=1000) as started:
            service.attach(connection)
        assert service.engine is not None and service.bridge is not None
        assert started.args == [service.bridge]
        service.engine.set_bandwidth_limit(1_000_000)
        done: list[int] = []
        service.bridge.job_changed.connect(
            lambda job: done.append(job.contribution_id) if job.state is JobState.DONE else None
        )
        take = tmp_path / "over the backing.flac"
        write_take(take, 2_500_000, seed=2)
        service.engine.add(UploadRequest(path=take, server=LOCAL, challenge_id=1, role="vocals"))
        status = window.findChild(UploadStatus, "upload_status")
        qtbot.waitUntil(lambda: status is not None and status.isVisible(), timeout=10000)
        qtbot.waitUntil(lambda: "1 uploading:" in status.label.text(), timeout=10000)
        assert "of 2.5 MB" in status.label.text()
        qtbot.waitUntil(lambda: bool(done), timeout=20000)
        qtbot.waitUntil(lambda: not status.isVisible(), timeout=5000)
        made = connection.client.get_contribution(done[0])
        assert made.size == 2_500_000 and made.challenge_id == 1
    finally:
        service.stop()
        connection.close()
