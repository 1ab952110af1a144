"""The uploads panel against the real engine and a real server: progress, credits before the
upload is sent, per-job controls that reach the engine, and the status-bar summary."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from hitrecord_desktop.api import LineageRef, PlatformClient
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from hitrecord_desktop.ui.sync_bridge import SyncBridge
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.upload_model import PROGRESS_ROLE, Column
from hitrecord_desktop.ui.upload_status import UploadStatus
from hitrecord_desktop.ui.uploads_panel import UploadsPanel
from tests.api.helpers import contribute, write_take
from tests.live_server_fixtures import sign_up_with_challenge
from tests.support.live_server import LiveServer


def test_the_panel_shows_progress_and_credits_and_its_controls_reach_the_engine(
    qtbot, fresh_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    name, client, challenge = sign_up_with_challenge(fresh_server.url)
    backing = tmp_path / "backing.flac"
    write_take(backing, 20_000, seed=3)
    base = contribute(client, challenge.id, backing, title="Night bus backing", role="vocals")
    big, small = tmp_path / "vocals.flac", tmp_path / "harmony.flac"
    write_take(big, 1_500_000, seed=4)
    write_take(small, 50_000, seed=5)
    tasks = TaskRunner(QApplication.instance())
    with client, UploadQueue(tmp_path / "q.sqlite") as queue:
        engine = UploadEngine(queue, lambda _server: client)
        engine.set_bandwidth_limit(250_000)  # ~6 s for the big take: time to press buttons
        bridge = SyncBridge(engine)
        panel = UploadsPanel(bridge, tasks, clients=lambda _server: client)
        status = UploadStatus(bridge)
        qtbot.addWidget(panel)
        qtbot.addWidget(status)
        panel.resize(900, 500)
        panel.show()
        lineage = (LineageRef(base.id, 96_000, 48_000),)
        job = engine.add(
            UploadRequest(
                big, "test", challenge.id, "Vocals over the bus", "vocals", lineage=lineage
            )
        )
        other = engine.add(UploadRequest(small, "test", challenge.id, "Harmony", "vocals"))
        qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=2000)

        # Credits, resolved through the server, before a byte is sent.
        panel.select_job(job.id)
        qtbot.waitUntil(lambda: panel.credits.lines() == [("Night bus backing", name, "0:02.0")])
        assert queue.get(job.id).state is JobState.QUEUED and queue.get(job.id).confirmed == 0

        # The small take changes after it was queued: it fails, with the reason shown.
        small.write_bytes(b"x" * 50_000)
        with engine:
            row = panel.model.row_of(job.id)
            qtbot.waitUntil(
                lambda: panel.model.data(panel.model.index(row, 0), PROGRESS_ROLE) > 0.05,
                timeout=15000,
            )
            progress = panel.model.index(row, Column.PROGRESS).data()
            assert progress.endswith("of 1.5 MB")
            qtbot.waitUntil(lambda: queue.get(other.id).state is JobState.FAILED, timeout=10000)
            failed_row = panel.model.row_of(other.id)
            failed_text = panel.model.index(failed_row, Column.STATUS).data()
            assert failed_text.startswith("Failed: harmony.flac changed after it was queued")
            qtbot.waitUntil(lambda: status.summary() == "1 uploading, 1 failed", timeout=5000)
            qtbot.waitUntil(lambda: status.label.text().startswith("1 uploading, 1 failed:"))
            panel.grab().save(str(tmp_path / "panel.png"))  # the delegate paints without error

            # Pause, resume and cancel from the panel's actions.
            assert panel.pause_action.isEnabled() and not panel.resume_action.isEnabled()
            panel.pause_action.trigger()
            qtbot.waitUntil(lambda: queue.get(job.id).state is JobState.PAUSED, timeout=5000)
            qtbot.waitUntil(lambda: panel.resume_action.isEnabled(), timeout=2000)
            assert panel.model.index(row, Column.STATUS).data() == "Paused"
            panel.resume_action.trigger()
            qtbot.waitUntil(
                lambda: queue.get(job.id).state in (JobState.QUEUED, JobState.UPLOADING),
                timeout=5000,
            )
            panel.cancel_action.trigger()
            qtbot.waitUntil(lambda: queue.get(job.id).state is JobState.CANCELLED, timeout=5000)

            # Put the small take back as it was queued; retry sends it.
            write_take(small, 50_000, seed=5)
            os.utime(small, ns=(other.mtime_ns, other.mtime_ns))
            panel.select_job(other.id)
            assert panel.retry_action.isEnabled()
            panel.retry_action.trigger()
            qtbot.waitUntil(lambda: queue.get(other.id).state is JobState.DONE, timeout=15000)
            qtbot.waitUntil(lambda: panel.model.index(failed_row, Column.STATUS).data() == "Done")
            panel.clear_action.trigger()  # done and cancelled leave the list, not the queue
            assert panel.model.rowCount() == 0 and len(queue.jobs()) == 2
        bridge.detach()
    tasks.wait()


def test_pause_all_and_resume_all_from_the_context_menu(
    qtbot, fresh_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _name, client, challenge = sign_up_with_challenge(fresh_server.url)
    tasks = TaskRunner(QApplication.instance())
    with client, UploadQueue(tmp_path / "q.sqlite") as queue:
        engine = UploadEngine(queue, lambda _server: client)
        bridge = SyncBridge(engine)
        panel = UploadsPanel(bridge, tasks)
        qtbot.addWidget(panel)
        for index in range(3):
            take = tmp_path / f"take{index}.flac"
            write_take(take, 10_000, seed=index)
            engine.add(UploadRequest(take, "test", challenge.id, role="vocals"))
        panel.table.customContextMenuRequested.emit(
            panel.table.visualRect(panel.model.index(0, 0)).center()
        )
        actions = [a.text() for a in panel.context_menu.actions() if not a.isSeparator()]
        assert "Pause &all" in actions and "Resume a&ll" in actions
        panel.pause_all_action.trigger()
        assert {job.state for job in queue.jobs()} == {JobState.PAUSED}
        qtbot.waitUntil(
            lambda: all(panel.model.index(r, Column.STATUS).data() == "Paused" for r in range(3))
        )
        panel.resume_all_action.trigger()
        with engine:
            qtbot.waitUntil(
                lambda: {j.state for j in queue.jobs()} == {JobState.DONE}, timeout=20000
            )
        bridge.detach()
    tasks.wait()


def test_a_job_waiting_for_the_network_says_so_and_goes_on_when_it_is_back(
    qtbot, fresh_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.support.cutting_proxy import CuttingProxy

    _name, client, challenge = sign_up_with_challenge(fresh_server.url)
    take = tmp_path / "take.flac"
    write_take(take, 100_000, seed=9)
    tasks = TaskRunner(QApplication.instance())
    with (
        client,
        CuttingProxy(fresh_server.url) as proxy,
        PlatformClient(proxy.url, token=client.token, timeout=(1.0, 3.0)) as through_proxy,
        UploadQueue(tmp_path / "q.sqlite") as queue,
    ):
        engine = UploadEngine(queue, lambda _server: through_proxy, tus_retries=0)
        bridge = SyncBridge(engine)
        panel = UploadsPanel(bridge, tasks)
        status = UploadStatus(bridge)
        qtbot.addWidget(panel)
        qtbot.addWidget(status)
        proxy.go_offline()
        job = engine.add(UploadRequest(take, "test", challenge.id, role="vocals"))
        with engine:
            row = panel.model.row_of(job.id)
            qtbot.waitUntil(
                lambda: panel.model.index(row, Column.STATUS).data() == "Waiting for network",
                timeout=20000,
            )
            qtbot.waitUntil(lambda: status.label.text() == "1 waiting for network", timeout=5000)
            proxy.go_online()
            qtbot.waitUntil(lambda: queue.get(job.id).state is JobState.DONE, timeout=20000)
            qtbot.waitUntil(lambda: panel.model.index(row, Column.STATUS).data() == "Done")
        bridge.detach()
    tasks.wait()
