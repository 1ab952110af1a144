"""From the community into a project and back: add a contribution (downloaded and decoded off
the GUI thread, one undo step), render the mix with progress, and upload it with its credits
shown first. Real server, real files, real upload engine, real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hitrecord_desktop.api import PlatformClient
from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.project.challenge_projects import project_for_challenge
from hitrecord_desktop.project.file_format import encode_project
from hitrecord_desktop.project.model import MediaOrigin
from hitrecord_desktop.sync.media_cache import MediaCache
from hitrecord_desktop.sync.project_uploads import render_upload
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_jobs import JobState
from hitrecord_desktop.sync.upload_queue import UploadQueue
from hitrecord_desktop.ui.media_import import MediaImport
from hitrecord_desktop.ui.project_document import ProjectDocument
from hitrecord_desktop.ui.render_task import RenderTask
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.upload_dialog import UploadDialog
from tests.support.live_server import LiveServer
from tests.uploads.conftest import new_person, wait_for


def _tasks() -> TaskRunner:
    return TaskRunner(QApplication.instance())


def test_a_contribution_joins_the_project_as_one_undo_step(
    qtbot, live_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tasks = _tasks()
    opened = project_for_challenge(tmp_path / "projects", 1, "Demo")
    document = ProjectDocument(opened.project, opened.store, tasks, autosave=False)
    before = encode_project(document.project)
    importer = MediaImport(tasks, PcmCache(tmp_path / "pcm"), MediaCache(tmp_path / "m", 1 << 30))
    failures: list[str] = []
    importer.failed.connect(failures.append)
    with PlatformClient(live_server.url) as client:
        contribution = next(
            c
            for challenge in client.iter_challenges(status="any")
            for c in client.iter_contributions(challenge.id)
            if c.kind == "audio"
        )
        with qtbot.waitSignal(importer.added, timeout=30000):
            importer.add_contribution(document, contribution, client)
    track = document.project.tracks[-1]
    assert track.name == contribution.title
    assert track.clips[0].media.origin is MediaOrigin.CONTRIBUTION
    assert track.clips[0].media.contribution_id == contribution.id
    importer.media = None  # e.g. the cache could not be opened: a message, not a crash
    with qtbot.waitSignal(importer.failed, timeout=5000):
        importer.add_contribution(document, contribution, client)
    assert "cache" in failures[-1]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert encode_project(document.project) == before


def test_a_render_is_uploaded_with_its_credits_shown_first(
    qtbot, live_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tasks = _tasks()
    person = new_person(live_server.url)
    opened = project_for_challenge(tmp_path / "projects", person.challenge.id, "My animation")
    document = ProjectDocument(opened.project, opened.store, tasks, autosave=False)
    pcm = PcmCache(tmp_path / "pcm")
    importer = MediaImport(tasks, pcm, MediaCache(tmp_path / "m", 1 << 30))
    with PlatformClient(live_server.url) as reader:
        contribution = next(
            c
            for challenge in reader.iter_challenges(status="any")
            for c in reader.iter_contributions(challenge.id)
            if c.kind == "audio"
        )
        with qtbot.waitSignal(importer.added, timeout=30000):
            importer.add_contribution(document, contribution, reader, position=48_000)

    render = RenderTask(document.project, document.folder, pcm, tasks)
    fractions: list[float] = []
    render.progressed.connect(fractions.append)
    with qtbot.waitSignal(render.finished, timeout=60000) as finished:
        render.start()
    out_path, report = finished.args
    assert out_path.is_file() and fractions[-1] == 1.0
    assert report.seconds > 1.0

    request, credits = render_upload(document.project, out_path, "test")
    assert [c.contribution_id for c in credits] == [contribution.id]
    with (
        UploadQueue(tmp_path / "q.sqlite") as queue,
        PlatformClient(live_server.url, token=person.token) as client,
        UploadEngine(queue, lambda _server: client) as engine,
    ):
        dialog = UploadDialog(request, credits, ["animation", "music"], engine.add, tasks)
        qtbot.addWidget(dialog)
        shown = [dialog.credits.item(i).text() for i in range(dialog.credits.count())]
        assert contribution.title in shown[0] and contribution.author.name in shown[0]
        dialog.title.setText("Animation with music")
        dialog.role.setCurrentIndex(1)
        with qtbot.waitSignal(dialog.queued, timeout=30000) as queued:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        job = wait_for(queue, queued.args[0].id, {JobState.DONE, JobState.FAILED}, 60)
        assert job.state is JobState.DONE, job.note
    with PlatformClient(live_server.url) as reader:
        made = [
            c for c in reader.iter_contributions(person.challenge.id)
            if c.title == "Animation with music"
        ]  # fmt: skip
    assert len(made) == 1 and made[0].role == "music"
    # The render starts at timeline 0 and the contribution sits at 1 s: its sample 0 is 1 s in.
    assert [(b.contribution_id, b.offset_samples) for b in made[0].built_on] == [
        (contribution.id, -48_000)
    ]
