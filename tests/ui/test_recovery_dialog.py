"""After a crash the app offers back a rescued take and a project left open, in seconds, and
does what the person chose. Real files: a WAV cut short as kill -9 leaves it, a real project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QRadioButton

from hitrecord_desktop.project.model import Project, Track
from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.project.recovery_offer import SESSION_MARK, gather_offer, mark_open
from hitrecord_desktop.ui.recovery_dialog import Decision, RecoveryDialog
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.audio.test_recover_command import _orphan


def test_the_dialog_offers_a_rescued_take_and_an_unsaved_project(
    qtbot, qapp, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "projects"
    folder = root / "proj-7"
    store = ProjectStore(folder)
    store.save(Project("Night bus", tracks=[Track("Lead vocals", id="vocals")], id="proj-7"))
    _orphan(folder / "takes", "a.wav", 72_000)  # 1.5 s at 48 kHz, recorded from 2.0 s
    other = root / "other"
    ProjectStore(other).save(Project("Rain song", id="other"))
    store_other = ProjectStore(other)
    store_other.save(Project("Rain song, more", id="other"))  # the .bak is the first save
    mark_open(other)

    offer = gather_offer([folder / "takes"], root)
    assert [t.path.name for t in offer.takes] == ["a.wav"]
    assert [p.title for p in offer.projects] == ["Rain song, more"]

    tasks = TaskRunner(qapp)
    dialog = RecoveryDialog(offer, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "a.wav" in texts
    assert "1.5 s long, starting at 0:02.0 in “Night bus”, track Lead vocals" in texts
    assert "72000" not in texts and "96000" not in texts  # seconds, never sample numbers
    assert "Rain song, more" in texts
    assert [d for _, d in dialog.decisions()] == [Decision.OPEN, Decision.OPEN]

    # Keep the take, throw away the project's autosave.
    dialog.findChild(QRadioButton, "recovery_discard_1").setChecked(True)
    opened: list[Path] = []
    dialog.open_requested.connect(opened.append)
    with qtbot.waitSignal(dialog.finished_applying, timeout=5000) as done:
        dialog.accept()
    assert opened == [folder]
    assert "back at its earlier save" in done.args[0][0]
    assert ProjectStore(other).load().project.title == "Rain song"
    assert list(other.glob("project.json.discarded-*"))  # the autosave is kept aside
    assert not (other / SESSION_MARK).exists()
    take = ProjectStore(folder).load().project.track("vocals").active_take
    assert take is not None and take.id == "a.wav"  # kept: still on its track
    tasks.wait()
