"""The main window: the challenge browser as the first tab, one workspace tab per open project,
the uploads panel docked below, menus that follow the current tab.

The window is the composition root of the views: it owns the shared services (task runner,
PCM and media caches, waveform peaks, the upload service) and hands them to the parts. It
opens the connection off the GUI thread; until then the browser shows the challenges kept from
the last run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from ..api.models import Challenge, Contribution
from ..connection import Connection
from ..paths import AppPaths
from ..sync.media_cache import open_media_cache
from ..sync.upload_jobs import JobState, UploadJob, UploadRequest
from ..user_settings import load_settings
from .challenge_browser import ChallengeBrowser
from .look import Look
from .project_services import ProjectServices, warm_up
from .sync_bridge import SyncBridge
from .tasks import TaskRunner
from .upload_service import UploadService
from .uploads_panel import UploadsPanel
from .window_menus import WindowMenus

if TYPE_CHECKING:
    from ..project.challenge_projects import OpenedProject
    from .workspace import Workspace

log = logging.getLogger(__name__)

WARM_UP_WAIT_S = 10.0


class MainWindow(QMainWindow):
    """`start()` opens the connection in the background; the window is usable meanwhile."""

    connection_opened = Signal(object)  # Connection: the background services start on it
    workspace_opened = Signal(object)  # Workspace

    def __init__(
        self,
        tasks: TaskRunner,
        open_connection: Callable[[], Connection],
        paths: AppPaths,
        look: Look | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._warm_up: threading.Thread | None = None
        self._open_connection = open_connection
        self.paths = paths
        self.look = look
        self.connection: Connection | None = None
        self.recovery_dialog: QDialog | None = None  # offered after a crash, if anything
        self._closing = False
        self.setWindowTitle(self.tr("HitRecord Desktop"))
        self.setObjectName("main_window")
        self.resize(1280, 800)

        settings = load_settings(paths.settings_file)
        self.media_cache = open_media_cache(paths, settings.media_cache_limit)
        self._project_services: ProjectServices | None = None  # made with the first project
        self._workspaces: list[Workspace] = []
        self.uploads = UploadService(paths, self)
        self.uploads.started.connect(self._uploads_started)
        self.connection_opened.connect(self.uploads.attach)
        self.undo_group = QUndoGroup(self)
        self.uploads_panel: UploadsPanel | None = None
        self.uploads_dock = QDockWidget(self.tr("Uploads"), self)
        self.uploads_dock.setObjectName("uploads_dock")
        self.uploads_dock.setAccessibleName(self.tr("Uploads"))
        self.uploads_dock.setWidget(QLabel(self.tr("Uploads start once connected."), self))
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.uploads_dock)
        self.resizeDocks([self.uploads_dock], [180], Qt.Orientation.Vertical)

        self.browser = ChallengeBrowser(
            tasks, self.media_cache, paths.cache_dir / "pcm", None, self
        )
        self.browser.add_to_project_requested.connect(self.add_to_project)
        self.browser.open_project_requested.connect(self.open_project)
        self.browser.load_failed.connect(self._list_failed)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main_tabs")
        self.tabs.setAccessibleName(self.tr("Challenges and projects"))
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.addTab(self.browser, self.tr("Challenges"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabBar().setAccessibleName(self.tr("Open tabs"))
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self._build_status_bar()
        self.menus = WindowMenus(self)
        self._opening: set[int] = set()  # challenges whose project is being opened

    # -- building ----------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.server_label = QLabel(self.tr("Starting the local community…"), self)
        self.server_label.setObjectName("server_label")
        self.server_label.setAccessibleName(self.tr("Server"))
        self.progress = QProgressBar(self)
        self.progress.setObjectName("window_progress")
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addWidget(self.server_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    # -- connection --------------------------------------------------------------------------

    def start(self) -> None:
        self.progress.show()
        self._tasks.run(self._open_connection, self._connected, self._connection_failed)

    def _connected(self, connection: Connection) -> None:
        self.progress.hide()
        if self._closing:  # the window closed while the server was starting
            connection.close()
            return
        self.connection = connection
        who = (
            self.tr("signed in as {0}").format(connection.username)
            if connection.client.signed_in
            else self.tr("not signed in")
        )
        self.server_label.setText(f"{connection.label} · {who}")
        if connection.notice:
            self.show_message(connection.notice)
        self.browser.attach(connection.client)
        self.connection_opened.emit(connection)
        # The project modules, on a worker, while the person looks at challenges.
        self._warm_up = warm_up()

    def _connection_failed(self, error: Exception) -> None:
        log.error("cannot open the connection: %s", error)
        self.progress.hide()
        self.server_label.setText(self.tr("Not connected"))
        QMessageBox.warning(self, self.tr("Cannot connect"), str(error))

    def _list_failed(self, message: str) -> None:
        self.show_message(self.tr("Could not load challenges: {0}").format(message))

    def _server_key(self) -> str | None:
        return self.connection.server_key if self.connection is not None else None

    def _queue_upload(self) -> Callable[[UploadRequest, Callable[[int, int], None]], UploadJob]:
        engine = self.uploads.engine
        return engine.add if engine is not None else None  # type: ignore[return-value]

    def _uploads_started(self, bridge: SyncBridge) -> None:
        icons = self.look.icons if self.look is not None else None
        panel = UploadsPanel(bridge, self._tasks, self.uploads.clients, icons, self)
        self.uploads_panel = panel
        self.uploads_dock.setWidget(panel)
        self.menus.uploads_started(panel, bridge)
        bridge.job_changed.connect(self._upload_changed)
        self._record_uploads(self.workspaces())

    def _upload_changed(self, job: UploadJob) -> None:
        if _became_contribution(job):
            for workspace in self.workspaces():
                workspace.document.record_upload(job.path, job.contribution_id, job.title)

    def _record_uploads(self, workspaces: list[Workspace]) -> None:
        """Takes uploaded while their project was closed (or by the CLI) learn their
        contribution ids when it opens: the queue keeps finished jobs for a month."""
        engine = self.uploads.engine
        if engine is None or not workspaces:
            return
        done = [job for job in engine.queue.jobs((JobState.DONE,)) if _became_contribution(job)]
        for workspace in workspaces:
            for job in done:
                workspace.document.record_upload(job.path, job.contribution_id, job.title)

    # -- projects ----------------------------------------------------------------------------

    @property
    def project_services(self) -> ProjectServices:
        if self._project_services is None:
            made = ProjectServices(
                self, self.paths, self._tasks, self.media_cache, self._server_key,
                self._queue_upload,
            )  # fmt: skip
            made.media_import.failed.connect(self.show_message)
            made.media_import.added.connect(lambda _d, _c: self.statusBar().clearMessage())
            made.media_import.progressed.connect(self._import_progress)
            self._project_services = made
        return self._project_services

    def workspaces(self) -> list[Workspace]:
        return list(self._workspaces)

    def current_workspace(self) -> Workspace | None:
        widget = self.tabs.currentWidget()
        return next((w for w in self._workspaces if w is widget), None)

    def workspace_for(self, challenge_id: int) -> Workspace | None:
        return next(
            (w for w in self.workspaces() if w.document.project.challenge_id == challenge_id), None
        )

    def open_project(
        self, challenge: Challenge, then: Callable[[Workspace], None] | None = None
    ) -> None:
        """Shows the challenge's project, opening it (off the GUI thread) or making it."""
        found = self.workspace_for(challenge.id)
        if found is not None:
            self.tabs.setCurrentWidget(found)
            if then is not None:
                then(found)
            return
        if challenge.id in self._opening:
            return
        self._opening.add(challenge.id)
        root = self.paths.data_dir / "projects"  # project_store.projects_root, not imported yet

        def opened(result: OpenedProject) -> None:
            self._opening.discard(challenge.id)
            workspace = self._add_workspace(result, challenge)
            if then is not None:
                then(workspace)

        def failed(error: Exception) -> None:
            self._opening.discard(challenge.id)
            self.show_message(self.tr("Cannot open the project: {0}").format(error))

        def find() -> OpenedProject:
            from ..project.challenge_projects import project_for_challenge  # off the GUI thread

            return project_for_challenge(root, challenge.id, challenge.title)

        self._tasks.run(find, opened, failed)

    def open_project_folder(self, folder: Path) -> None:
        """Opens a project by its folder (recovery after a crash)."""

        def load() -> OpenedProject:
            from ..project.challenge_projects import OpenedProject
            from ..project.project_store import ProjectStore

            store = ProjectStore(folder)
            loaded = store.load()
            return OpenedProject(loaded.project, store, loaded.notices)

        self._tasks.run(
            load,
            lambda result: self._add_workspace(result, None),
            lambda error: self.show_message(self.tr("Cannot open {0}: {1}").format(folder, error)),
        )

    def _add_workspace(self, opened: OpenedProject, challenge: Challenge | None) -> Workspace:
        from ..project.recovery_offer import mark_open
        from .project_document import ProjectDocument
        from .workspace import Workspace

        services = self.project_services
        document = ProjectDocument(opened.project, opened.store, self._tasks)
        workspace = Workspace(document, challenge, services.workspace, self)
        # Owned by its workspace, so Qt destroys it with the tab on the GUI thread, never
        # Python's cycle collector at some later moment on whatever thread it runs.
        document.setParent(workspace)
        self._workspaces.append(workspace)
        workspace.status_message.connect(self.show_message)
        self.undo_group.addStack(document.undo_stack)
        index = self.tabs.addTab(workspace, opened.project.title)
        self.tabs.setTabToolTip(index, str(opened.store.folder))
        document.dirty_changed.connect(lambda dirty, w=workspace: self._mark_dirty(w, dirty))
        self.tabs.setCurrentIndex(index)
        try:
            opened.store.folder.mkdir(parents=True, exist_ok=True)
            mark_open(opened.store.folder)
        except OSError as exc:
            log.warning("cannot mark %s open: %s", opened.store.folder, exc)
        for notice in opened.notices:
            self.show_message(notice)
        if challenge is None and opened.project.challenge_id is not None:
            self._fetch_challenge(workspace, opened.project.challenge_id)
        self._keep_media(workspace)
        self._record_uploads([workspace])
        self.workspace_opened.emit(workspace)
        return workspace

    def _keep_media(self, workspace: Workspace) -> None:
        """Downloads what the project's contributions need and keeps it cached while open."""
        if self.connection is None:
            return  # offline from the start: what is cached plays, the rest says so
        from .project_prefetch import ProjectPrefetch

        prefetch = ProjectPrefetch(
            workspace.document, self.media_cache, self.connection.client, workspace
        )
        prefetch.media_arrived.connect(workspace.audio.reload_media)
        prefetch.progress_text.connect(lambda text: self.statusBar().showMessage(text, 2000))
        prefetch.failed.connect(self.show_message)
        workspace.prefetch = prefetch
        prefetch.start()

    def _fetch_challenge(self, workspace: Workspace, challenge_id: int) -> None:
        if self.connection is None:
            return
        client = self.connection.client

        def found(challenge: Challenge) -> None:
            workspace.challenge = challenge

        self._tasks.run(lambda: client.get_challenge(challenge_id), found, lambda _e: None)

    def _mark_dirty(self, workspace: Workspace, dirty: bool) -> None:
        index = self.tabs.indexOf(workspace)
        if index >= 0:
            title = workspace.document.project.title
            self.tabs.setTabText(index, f"{title} •" if dirty else title)

    def add_to_project(self, challenge: Challenge, contribution: Contribution) -> None:
        """Downloads the contribution and places it on a new track of the challenge's project."""
        if self.connection is None:
            self.show_message(self.tr("Not connected: cannot download the contribution."))
            return
        client = self.connection.client
        self.show_message(self.tr("Adding “{0}” to the project…").format(contribution.title))
        self.open_project(
            challenge,
            lambda ws: self.project_services.media_import.add_contribution(
                ws.document, contribution, client
            ),
        )

    def _import_progress(self, label: str, fraction: float) -> None:
        self.statusBar().showMessage(
            self.tr("Adding {0}: {1} %").format(label, round(fraction * 100)), 2000
        )

    def close_tab(self, index: int) -> None:
        workspace = next((w for w in self._workspaces if w is self.tabs.widget(index)), None)
        if workspace is None:
            return
        self._close_workspace(workspace)
        self.tabs.removeTab(index)
        workspace.deleteLater()

    def _close_workspace(self, workspace: Workspace) -> None:
        from ..project.recovery_offer import mark_closed

        self._workspaces.remove(workspace)
        self.undo_group.removeStack(workspace.document.undo_stack)
        workspace.close_project()
        mark_closed(workspace.document.folder)

    def _tab_changed(self, _index: int) -> None:
        workspace = self.current_workspace()
        self.undo_group.setActiveStack(workspace.document.undo_stack if workspace else None)
        self.menus.workspace_changed(workspace)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        # No waiting on the network here: a connection still opening is closed when it arrives.
        self._closing = True
        if self._project_services is not None:
            self._project_services.media_import.cancel_all()
        for workspace in self.workspaces():
            self._close_workspace(workspace)
        self.browser.shutdown()
        self.uploads.stop()
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self._warm_up is not None and self._warm_up.is_alive():
            # Importing sounddevice starts PortAudio, whose ALSA "pulse" device runs a thread
            # of its own: a process that exits in the middle of that import crashed (seen when
            # the app was closed within its first seconds). The import takes about a second;
            # the window goes at once, so a slow sound server is not a frozen window.
            self.hide()
            self._warm_up.join(WARM_UP_WAIT_S)
        super().closeEvent(event)


def _became_contribution(job: UploadJob) -> bool:
    return job.state is JobState.DONE and job.is_platform and job.contribution_id is not None
