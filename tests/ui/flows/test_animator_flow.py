"""The animator's flow through the integrated window, end to end: open "Paper Boats", drop their
own clip on the timeline, add the two community music pieces, slide one onto the beat, listen,
undo and redo everything, render the mix and upload it with its credits.

Real widgets (mouse and keys), the embedded local community (a child server seeded with the demo
challenges), the PulseAudio null sink for playback, and the stall watchdog throughout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QProgressDialog

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.audio.transport_display import TransportState
from hitrecord_desktop.paths import app_paths
from hitrecord_desktop.project.file_format import encode_project
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob
from hitrecord_desktop.ui.contribution_list import ContributionRow
from hitrecord_desktop.ui.main_window import MainWindow
from hitrecord_desktop.ui.workspace import Workspace
from tests.ui.flows.animator_support import (
    App,
    build_app,
    click,
    drag_clip,
    drop_files,
    item_geometry,
    key,
    make_animation,
    row_of,
)

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("HITRECORD_TEST_PULSE"),
        reason="needs the PulseAudio test server for playback: run under .ci/with-test-services",
    ),
    pytest.mark.timeout(240),
]

PAPER_BOATS = "Music for my animation: Paper Boats"
PLUCKED, MARIMBA = "Plucked strings, light", "Marimba and brushes"
WAIT = 60_000  # generous: two shared cores, a child server seeding its demo media
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def app(qapp: QApplication, qtbot, isolated_home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    built = build_app(qapp, app_paths(), tmp_path / "qt-settings.ini", dark=True)
    window = built.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    yield built
    built.close()


def test_animator_layers_music_under_their_clip_and_uploads_the_mix(
    qtbot, qapp: QApplication, app: App, ui_watchdog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = app.window
    animation = make_animation(tmp_path / "media" / "paper-boats-cut.mp4")
    flow = Flow(qtbot, qapp, window)
    with ui_watchdog.watch():
        flow.connect()
        flow.open_paper_boats()
        opened = flow.shown()
        flow.drop_own_clip(animation)
        flow.add_music()
        flow.slide_marimba()
        flow.listen()
        flow.undo_and_redo_everything(opened)
        job = flow.render_and_upload()
    flow.check_server(job, tmp_path / "downloaded")


class Flow:
    """The animator's steps, each checking what it did."""

    def __init__(self, qtbot, qapp: QApplication, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.qapp, self.window = qtbot, qapp, window
        self.jobs: dict[str, UploadJob] = {}
        self.rows: dict[str, ContributionRow] = {}

    def key(self, pressed: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        key(self.qapp, self.window, pressed, modifiers)

    def connect(self) -> None:
        window = self.window
        window.start()
        self.qtbot.waitUntil(lambda: window.connection is not None, timeout=WAIT)
        bridge = window.uploads.bridge
        assert bridge is not None, "the upload engine did not start"
        bridge.job_changed.connect(lambda job: self.jobs.__setitem__(job.id, job))
        self.qtbot.waitUntil(lambda: row_of(window, PAPER_BOATS) is not None, timeout=WAIT)

    def open_paper_boats(self) -> None:
        """Selects the challenge with the mouse and opens its project with Enter."""
        window, qtbot = self.window, self.qtbot
        browser = window.browser
        table = browser.table
        row = row_of(window, PAPER_BOATS)
        click(table.viewport(), table.visualRect(browser.model.index(row, 0)).center())
        assert browser.selected_challenge().title == PAPER_BOATS
        contributions = browser.detail.contributions
        qtbot.waitUntil(lambda: {PLUCKED, MARIMBA} <= self._titles(), timeout=WAIT)
        self.rows = {r.contribution.title: r for r in contributions.rows.values()}
        # A look at the waveforms (drawn off the GUI thread) before opening the project.
        qtbot.waitUntil(lambda: not browser.waveforms._pending, timeout=WAIT)
        assert self.rows[PLUCKED].waveform.thumbnail is not None
        table.setFocus()
        self.key(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), Workspace), timeout=WAIT)
        self.workspace: Workspace = window.tabs.currentWidget()
        self.document = self.workspace.document
        self.view = self.workspace.timeline.view
        project = self.document.project
        assert project.title == PAPER_BOATS and project.challenge_id is not None
        assert [len(t.clips) for t in project.tracks] == [0]  # one empty track to start

    def _titles(self) -> set[str]:
        rows = self.window.browser.detail.contributions.rows.values()
        return {r.contribution.title for r in rows}

    def shown(self) -> tuple[bytes, dict]:
        """The project file's bytes and every clip item's lane and rectangle."""
        return encode_project(self.document.project), item_geometry(self.view)

    def drop_own_clip(self, animation: Path) -> None:
        """The animator's clip, dragged from the desktop onto the first track at 0:00."""
        view, project = self.view, self.document.project
        geometry = view.timeline.geometry
        assert view.horizontalScrollBar().value() == 0  # the timeline shows its start
        lane_middle = round(geometry.lane_top(0) + geometry.track_height / 2)
        drop_files(view, [animation], QPoint(0, lane_middle))
        self.qtbot.waitUntil(lambda: len(project.tracks[0].clips) == 1, timeout=WAIT)
        own = project.tracks[0].clips[0]
        assert own.position == 0 and own.media.has_video and own.media.path == str(animation)
        assert abs(own.length - 4 * project.sample_rate) < project.sample_rate // 10

    def add_music(self) -> None:
        """Both pieces with their "Add to project" buttons, each landing on a new track."""
        window, project = self.window, self.document.project
        for count, title in enumerate((PLUCKED, MARIMBA), start=2):
            self.key(Qt.Key.Key_1, CTRL)
            self.qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0, timeout=WAIT)
            click(self.rows[title].add)
            self.qtbot.waitUntil(lambda n=count: len(project.tracks) == n, timeout=WAIT)
            assert window.tabs.currentWidget() is self.workspace
        plucked, marimba = project.tracks[1].clips[0], project.tracks[2].clips[0]
        assert (plucked.media.title, marimba.media.title) == (PLUCKED, MARIMBA)
        assert plucked.media.contribution_id == self.rows[PLUCKED].contribution.id
        assert marimba.media.contribution_id == self.rows[MARIMBA].contribution.id
        assert plucked.position == marimba.position == 0

    def slide_marimba(self) -> None:
        """Drags the marimba two beats and three pixels to the right: snapping (on by default)
        pulls its start back onto beat 3 exactly, three pixels being within its reach."""
        view, document = self.view, self.document
        project = document.project
        plucked, marimba = project.tracks[1].clips[0], project.tracks[2].clips[0]
        item = view.timeline.clip_item(marimba.id)
        geometry = view.timeline.geometry
        beat = project.tempo.samples_per_beat(project.sample_rate)
        dx = round(2 * beat / geometry.samples_per_pixel) + 3
        raw, expected = round(dx * geometry.samples_per_pixel), round(2 * beat)
        assert raw != expected and abs(raw - expected) <= view.snap_tolerance()
        steps = document.undo_stack.count()
        drag_clip(view, item, dx)
        assert document.undo_stack.count() == steps + 1  # one drag, one undo step
        assert marimba.position == expected, (marimba.position, raw, expected)
        assert plucked.position == 0 and project.tracks[2].clips == [marimba]
        assert abs(item.sceneBoundingRect().x() - geometry.x(expected)) < 0.01

    def listen(self) -> None:
        """Space plays (the position and the playhead advance), Space stops."""
        audio, qtbot, rate = self.workspace.audio, self.qtbot, self.document.project.sample_rate
        # Space is ignored while a stream opens or closes (AudioBridge.play returns when busy).
        qtbot.waitUntil(lambda: audio.ready and not audio.busy, timeout=WAIT)
        self.key(Qt.Key.Key_Space)
        try:
            qtbot.waitUntil(lambda: audio.state is TransportState.PLAYING, timeout=WAIT)
        except qtbot.TimeoutError:
            focus = self.qapp.focusWidget()
            raise AssertionError(
                f"Space did not play: state {audio.state}, busy {audio.busy}, engine "
                f"{audio.engine}, focus {type(focus).__name__} {focus and focus.objectName()}, "
                f"active {self.window.isActiveWindow()}, "
                f"status {self.window.statusBar().currentMessage()!r}"
            ) from None
        qtbot.waitUntil(lambda: audio.position > rate // 2, timeout=WAIT)
        qtbot.waitUntil(lambda: self.view.timeline.playhead_sample > rate // 2, timeout=WAIT)
        self.key(Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: audio.state is TransportState.STOPPED, timeout=WAIT)

    def undo_and_redo_everything(self, opened: tuple[bytes, dict]) -> None:
        """Ctrl+Z (Edit > Undo of the window's undo group) back to the project as opened, then
        Ctrl+Shift+Z to the edited one: the same bytes and the same items, exactly."""
        stack, menus = self.document.undo_stack, self.window.menus
        edited = self.shown()
        assert len(edited[1]) == 3
        steps = stack.count()
        assert steps == 4  # the drop, two additions, the slide
        assert menus.undo_action in menus.edit_menu.actions()
        for _ in range(steps):
            self.key(Qt.Key.Key_Z, CTRL)
        assert stack.index() == 0 and self.shown() == opened
        for _ in range(steps):
            self.key(Qt.Key.Key_Z, CTRL | SHIFT)
        assert stack.index() == steps and self.shown() == edited

    def render_and_upload(self) -> UploadJob:
        """Ctrl+Shift+U: the render's progress dialog, then the credits, then Upload."""
        workspace, qtbot, project = self.workspace, self.qtbot, self.document.project
        self.view.setFocus()
        self.key(Qt.Key.Key_U, CTRL | SHIFT)
        progress = workspace.findChild(QProgressDialog, "render_progress")
        assert progress is not None and progress.labelText() == "Rendering the mix…"
        qtbot.waitUntil(lambda: getattr(workspace, "upload_dialog", None) is not None, timeout=WAIT)
        dialog = workspace.upload_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        qtbot.waitUntil(
            lambda: workspace.findChild(QProgressDialog, "render_progress") is None, timeout=WAIT
        )  # the progress dialog is gone once the file is rendered
        credits = [dialog.credits.item(i).text() for i in range(dialog.credits.count())]
        seconds = project.tracks[2].clips[0].position / project.sample_rate
        assert len(credits) == 2, credits
        assert any(PLUCKED in c and "at 0:00.0" in c for c in credits), credits
        assert any(MARIMBA in c and f"at -0:{seconds:04.1f}" in c for c in credits), credits
        click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
        qtbot.waitUntil(lambda: dialog.job is not None, timeout=WAIT)
        job = dialog.job
        qtbot.waitUntil(lambda: job.id in self.jobs and self.jobs[job.id].finished, timeout=WAIT)
        done = self.jobs[job.id]
        assert done.state is JobState.DONE, (done.state, done.note)
        assert done.path.parent == self.document.folder / "renders"
        return done

    def check_server(self, job: UploadJob, download_to: Path) -> None:
        """One new contribution, the rendered file byte for byte, built on both pieces at the
        offsets of their clips: the render's sample 0 is timeline 0, so a piece whose sample 0
        sits at timeline P is at offset 0 - P."""
        project = self.document.project
        connection = self.window.connection
        assert connection is not None and connection.local is not None
        with PlatformClient(connection.local.url, token=connection.local.token) as client:
            found = list(client.iter_contributions(project.challenge_id))
            known = {
                r.contribution.id for r in self.window.browser.detail.contributions.rows.values()
            }
            new = [c for c in found if c.id not in known]
            assert [c.id for c in new] == [job.contribution_id], [c.title for c in new]
            downloaded = client.download_media(new[0], download_to)
        assert downloaded.read_bytes() == job.path.read_bytes()
        rate = project.sample_rate
        plucked, marimba = project.tracks[1].clips[0], project.tracks[2].clips[0]
        assert marimba.position > 0
        assert {(r.contribution_id, r.offset_samples, r.sample_rate) for r in new[0].built_on} == {
            (plucked.media.contribution_id, -plucked.media_start, rate),
            (marimba.media.contribution_id, -marimba.media_start, rate),
        }
        assert -marimba.media_start == -marimba.position  # untrimmed: offset = -position
