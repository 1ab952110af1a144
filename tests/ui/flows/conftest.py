"""Driving the integrated window as a person would: the window built as ui/launch.py builds it,
on the embedded local community (its real child server and demo challenges), playing and
recording through the PulseAudio null sink. Every step goes through the widgets a person uses:
mouse clicks on the table, buttons and lists, key presses for the transport's shortcuts.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.api.models import Contribution
from hitrecord_desktop.audio.devices import ChoiceStore, DeviceChoice
from hitrecord_desktop.audio.transport_display import TransportState
from hitrecord_desktop.connection import Connection, open_local
from hitrecord_desktop.paths import AppPaths, app_paths
from hitrecord_desktop.project.model import Clip, Track
from hitrecord_desktop.sync.upload_jobs import JobState, UploadJob
from hitrecord_desktop.ui.look import set_up_look
from hitrecord_desktop.ui.main_window import MainWindow
from hitrecord_desktop.ui.preferences import Preferences
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.ui.upload_dialog import UploadDialog
from hitrecord_desktop.ui.workspace import Workspace
from tests.support.ui_watchdog import UiWatchdog

RATE = 48_000
WAIT_MS = 30_000  # generous: two shared cores, a child server, PulseAudio streams opening
PULSE = DeviceChoice("ALSA", "pulse", "pulse", (1, 2), RATE, 256)

needs_pulse = pytest.mark.skipif(
    not os.environ.get("HITRECORD_TEST_PULSE"),
    reason="needs the PulseAudio test server: run under .ci/with-test-services",
)


class WindowDriver:
    """The window and the person's hands: each method is one thing a person does, then waits
    (on real widget or model state) until the window shows it was done."""

    def __init__(self, qtbot, window: MainWindow, paths: AppPaths) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.window = window
        self.paths = paths
        self.watchdog: UiWatchdog | None = None  # paused while the test itself grabs a picture

    # -- the browser ---------------------------------------------------------------------------

    @property
    def connection(self) -> Connection:
        assert self.window.connection is not None
        return self.window.connection

    def wait_for_challenges(self) -> None:
        browser = self.window.browser
        self.qtbot.waitUntil(lambda: self.window.connection is not None, timeout=WAIT_MS)
        self.qtbot.waitUntil(
            lambda: (
                browser.browser is not None
                and not browser.model.loading
                and browser.model.rowCount() > 0
            ),
            timeout=WAIT_MS,
        )

    def select_challenge(self, title: str) -> None:
        """Clicks the challenge's row in the table; waits for its contributions."""
        browser = self.window.browser
        model = browser.model
        rows = [r for r in range(model.rowCount()) if model.challenge_at(r).title == title]
        assert rows, f"{title!r} is not listed"
        index = model.index(rows[0], 0, QModelIndex())
        browser.table.scrollTo(index)
        rect = browser.table.visualRect(index)
        self.qtbot.mouseClick(
            browser.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        self.qtbot.waitUntil(
            lambda: (
                browser.selected_challenge() is not None
                and browser.selected_challenge().title == title
                and bool(browser.detail.contributions.rows)
            ),
            timeout=WAIT_MS,
        )

    def wait_for_waveforms(self) -> list[str]:
        """The person looks over the contributions: every row's waveform drawn (or a word on why
        there is none). Returns the titles of those with a waveform."""
        rows = list(self.window.browser.detail.contributions.rows.values())
        initial = rows[0].waveform.message if rows else ""

        def settled() -> bool:
            return all(r.waveform.thumbnail is not None or r.waveform.message != initial
                       for r in rows)  # fmt: skip

        self.qtbot.waitUntil(settled, timeout=WAIT_MS)
        return [r.contribution.title for r in rows if r.waveform.thumbnail is not None]

    def contribution_row(self, title: str):  # type: ignore[no-untyped-def]
        rows = self.window.browser.detail.contributions.rows
        found = [row for row in rows.values() if row.contribution.title == title]
        assert found, f"{title!r} is not among {[r.contribution.title for r in rows.values()]}"
        return found[0]

    def add_to_project(self, title: str) -> tuple[Workspace, Contribution, Clip]:
        """Clicks the contribution's "Add to project"; waits until its clip is on a track."""
        row = self.contribution_row(title)
        contributions = self.window.browser.detail.contributions
        item = next(
            contributions.item(i)
            for i in range(contributions.count())
            if contributions.itemWidget(contributions.item(i)) is row
        )
        contributions.scrollToItem(item)
        self.qtbot.waitUntil(lambda: row.add.isVisible(), timeout=WAIT_MS)
        click(self.qtbot, row.add)
        contribution = row.contribution
        self.qtbot.waitUntil(
            lambda: (
                self.workspace() is not None
                and self._clip_of(self.workspace(), contribution.id) is not None
            ),
            timeout=WAIT_MS,
        )
        workspace = self.workspace()
        assert workspace is not None
        clip = self._clip_of(workspace, contribution.id)
        assert clip is not None
        return workspace, contribution, clip

    def workspace(self) -> Workspace | None:
        return self.window.current_workspace()

    @staticmethod
    def _clip_of(workspace: Workspace, contribution_id: int) -> Clip | None:
        for track in workspace.document.project.tracks:
            for clip in track.clips:
                if clip.media.contribution_id == contribution_id:
                    return clip
        return None

    # -- the workspace -------------------------------------------------------------------------

    def wait_until_playable(self, workspace: Workspace) -> None:
        """The project's audio is decoded into the engine's plan and the waveforms are drawn."""
        self.qtbot.waitUntil(lambda: workspace.audio.ready, timeout=WAIT_MS)
        self.qtbot.waitUntil(
            lambda: workspace.timeline.timeline.waveforms_complete, timeout=WAIT_MS
        )

    def track(self, workspace: Workspace, name: str) -> Track:
        tracks = workspace.document.project.tracks
        found = [t for t in tracks if t.name == name]
        assert found, f"no track {name!r} in {[t.name for t in tracks]}"
        return found[0]

    def arm(self, workspace: Workspace, name: str) -> Track:
        """Clicks the R button in the track's header."""
        track = self.track(workspace, name)
        header = workspace.timeline.headers.headers[track.id]
        workspace.timeline.header_area.ensureWidgetVisible(header)
        click(self.qtbot, header.arm)
        self.qtbot.waitUntil(lambda: self.track(workspace, name).armed, timeout=WAIT_MS)
        return self.track(workspace, name)

    def focus_timeline(self, workspace: Workspace) -> QWidget:
        """Where a person's keys go while they record: the timeline has the focus."""
        view = workspace.timeline.view
        view.setFocus(Qt.FocusReason.MouseFocusReason)
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=WAIT_MS)
        return view

    def key(self, workspace: Workspace, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
        target = QApplication.focusWidget() or workspace.timeline.view
        self.qtbot.keyClick(target, key, modifier)

    def record_take(
        self,
        workspace: Workspace,
        track_id: str,
        seconds: float,
        *,
        stop_key: Qt.Key = Qt.Key.Key_R,
        during: Callable[[], object] | None = None,
    ) -> str:
        """Home, R, the count-in, `seconds` of take, then `stop_key`; returns the new take's id."""
        audio = workspace.audio
        before = {t.id for t in workspace.document.project.track(track_id).takes}
        self.key(workspace, Qt.Key.Key_Home)
        self.qtbot.waitUntil(lambda: audio.position == 0, timeout=WAIT_MS)
        seen: list[int] = []

        def note(sample: int) -> None:
            seen.append(sample)

        audio.position_changed.connect(note)
        self.key(workspace, Qt.Key.Key_R)
        self.qtbot.waitUntil(lambda: audio.state is TransportState.RECORDING, timeout=WAIT_MS)
        # The count-in runs before sample 0: the take has run `seconds` once the playhead is there.
        wanted = round(seconds * RATE)
        self.qtbot.waitUntil(lambda: audio.position >= wanted, timeout=WAIT_MS)
        audio.position_changed.disconnect(note)
        # The take is drawn while it grows: a region on its track from 0 to the playhead, with
        # the input's level in it.
        scene = workspace.timeline.timeline
        self.qtbot.waitUntil(
            lambda: scene.recording is not None and len(scene.recording.samples) > 3,
            timeout=WAIT_MS,
        )
        growing = scene.recording
        assert growing.track_id == track_id and growing.first == 0
        assert growing.end_sample >= wanted - RATE // 2, (growing.end_sample, wanted)
        if audio.count_in_enabled:  # the playhead came from before the start: a count-in
            project = workspace.document.project
            beat = project.tempo.samples_per_beat(project.sample_rate)
            assert min(seen) <= -beat, f"no count-in seen: the playhead started at {min(seen)}"
        if during is not None:
            during()
        self.key(workspace, stop_key)
        self.qtbot.waitUntil(lambda: audio.state is TransportState.STOPPED, timeout=WAIT_MS)
        assert scene.recording is None  # the take's own clip replaces it
        self.qtbot.waitUntil(
            lambda: len(workspace.document.project.track(track_id).takes) == len(before) + 1,
            timeout=WAIT_MS,
        )
        takes = workspace.document.project.track(track_id).takes
        (new,) = [t for t in takes if t.id not in before]
        # From sample 0 (the count-in is not kept) to where it was stopped.
        assert seconds * RATE * 0.9 <= new.clip.length <= (seconds + 3) * RATE, new.clip.length
        return new.id

    # -- uploading -----------------------------------------------------------------------------

    def open_upload_dialog(self, workspace: Workspace) -> UploadDialog:
        """Ctrl+U in the workspace: the dialog that shows the credits before sending."""
        self.qtbot.waitUntil(lambda: self.window.uploads.engine is not None, timeout=WAIT_MS)
        workspace.upload_dialog = None  # type: ignore[attr-defined]
        self.key(workspace, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.waitUntil(
            lambda: (
                getattr(workspace, "upload_dialog", None) is not None
                and workspace.upload_dialog.isVisible()
            ),
            timeout=WAIT_MS,
        )
        return workspace.upload_dialog

    def send(self, dialog: UploadDialog) -> UploadJob:
        """Clicks Upload; waits for the job to be queued and then done in the uploads panel."""
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        click(self.qtbot, ok)
        self.qtbot.waitUntil(lambda: dialog.job is not None, timeout=WAIT_MS)
        job = dialog.job
        assert job is not None
        self.qtbot.waitUntil(lambda: self.window.uploads_panel is not None, timeout=WAIT_MS)
        model = self.window.uploads_panel.model

        def state() -> JobState | None:
            found = [j for j in model.jobs() if j.id == job.id]
            return found[0].state if found else None

        self.qtbot.waitUntil(lambda: state() in (JobState.DONE, JobState.FAILED), timeout=WAIT_MS)
        done = next(j for j in model.jobs() if j.id == job.id)
        assert done.state is JobState.DONE, done.note
        return done

    def the_new_contribution(self, challenge_id: int, shown_before: int) -> Contribution:
        """Asks the server (a client of our own, as any visitor would; after the watched steps:
        this blocks) for the challenge's contributions: exactly one more than the browser showed,
        and exactly one by the local user, who had none (a fresh community)."""
        client = PlatformClient(self.connection.client.server_url)
        try:
            found = list(client.iter_contributions(challenge_id))
        finally:
            client.close()
        mine = [c for c in found if c.author.username == self.connection.username]
        assert len(found) == shown_before + 1, [c.title for c in found]
        assert len(mine) == 1, [c.title for c in mine]
        return mine[0]

    def grab(self, widget: QWidget, name: str) -> Path:
        """A screenshot of what the person sees now, into SCREENSHOT_DIR (or the test's folder)."""
        folder = Path(os.environ.get("SCREENSHOT_DIR") or self.paths.cache_dir / "screens")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        watching = self.watchdog is not None and self.watchdog.watching
        if watching:
            self.watchdog.stop()  # rendering the whole window is the test's doing, not the app's
        widget.grab().save(str(path))
        if watching:
            self.watchdog.start()
        return path


def click(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.accessibleName() or button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


@contextlib.contextmanager
def integrated_window(bot, qapp: QApplication) -> Iterator[WindowDriver]:  # type: ignore[no-untyped-def]
    """The window built as ui/launch.py builds it, on the local community of HITRECORD_HOME,
    shown but not started; closed, cleaned up and the app's look put back afterwards. The
    person chose PulseAudio once in the recorder panel: the choice is remembered."""
    paths = app_paths().ensure()
    ChoiceStore(paths.config_dir).save(PULSE)
    qapp.setApplicationName("HitRecord Desktop")
    qapp.setOrganizationName("HitRecord")
    style, palette = qapp.style().name(), qapp.palette()
    look = set_up_look(qapp, Preferences())
    tasks = TaskRunner(qapp)  # owned by the app, as in launch.py
    window = MainWindow(tasks, lambda: open_local(paths), paths, look)
    window.resize(1280, 800)
    window.show()
    bot.waitExposed(window)
    window.raise_()
    window.activateWindow()  # the transport's shortcuts work in the active window only
    bot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    try:
        yield WindowDriver(bot, window, paths)
    finally:
        window.close()  # closeEvent: audio stopped, projects saved, uploads stopped, server ended
        tasks.wait(WAIT_MS)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()  # now, while Qt is idle (see tests/ui/audio_support.py dispose())
        for translator in look.translators:
            qapp.removeTranslator(translator)
        qapp.setStyle(style)
        qapp.setPalette(palette)


@pytest.fixture
def flow_window(qtbot, qapp, isolated_home: Path) -> Iterator[WindowDriver]:  # type: ignore[no-untyped-def]
    """The integrated window on the local community of the test's own home."""
    with integrated_window(qtbot, qapp) as driver:
        yield driver
