"""The main window: a frame hosting the challenge browser. Later panels plug in here.

Browsing goes through `OfflineBrowser`: when the server cannot be reached the kept copies are
shown under a banner saying so, and the server is asked again now and then until it answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..api.models import Challenge, Contribution
from ..connection import Connection
from ..sync.offline_browser import Browsed, OfflineBrowser
from .challenge_detail import ChallengeDetail
from .challenge_model import ChallengeTableModel
from .offline_banner import OfflineBanner
from .tasks import TaskRunner

log = logging.getLogger(__name__)
PAGE_SIZE = 50
OFFLINE_PROBE_MS = 30_000  # how often to ask an unreachable server again


def _keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, or fallback where the platform has none
    (several Linux desktops bind nothing to Quit)."""
    return QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]


class MainWindow(QMainWindow):
    """Opens the connection in the background, then lists the current server's challenges."""

    connection_opened = Signal(object)  # Connection: the background services start on it

    def __init__(
        self,
        tasks: TaskRunner,
        open_connection: Callable[[], Connection],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._open_connection = open_connection
        self.connection: Connection | None = None
        self.browser: OfflineBrowser | None = None
        self.rescued_takes_box: QMessageBox | None = None  # shown after a crash, if any
        self.setWindowTitle(self.tr("HitRecord Desktop"))
        self.setObjectName("main_window")
        self.resize(1180, 720)

        self.model = ChallengeTableModel(tasks, self)
        self.table = QTableView(self)
        self.table.setObjectName("challenge_table")
        self.table.setAccessibleName(self.tr("Challenges"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.detail = ChallengeDetail(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.offline_banner = OfflineBanner(self)
        self.offline_banner.retry_requested.connect(self.reload)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.offline_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()
        self.model.loading_changed.connect(self._show_loading)
        self.model.load_failed.connect(self._show_error)
        self.model.offline_changed.connect(self._show_offline)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload)
        self._detail_task: int | None = None
        self._closing = False
        self._reselect_id: int | None = None  # the challenge to select again after a reload
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(OFFLINE_PROBE_MS)
        self.probe_timer.timeout.connect(self._probe_server)
        self._probe_task: int | None = None

    # -- building ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("challenge_search")
        self.search.setPlaceholderText(self.tr("Search challenges"))
        self.search.setAccessibleName(self.tr("Search challenges"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(360)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())

        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcuts(_keys(QKeySequence.StandardKey.Refresh, "F5"))
        self.refresh_action.setStatusTip(self.tr("Load the challenges again"))
        self.refresh_action.triggered.connect(self.reload)
        find_action = QAction(self.tr("&Find"), self)
        find_action.setShortcuts(_keys(QKeySequence.StandardKey.Find, "Ctrl+F"))
        find_action.triggered.connect(lambda: self.search.setFocus())
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts(_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        about_action = QAction(self.tr("&About HitRecord Desktop"), self)
        about_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        about_action.triggered.connect(self._about)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(find_action)
        view_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(about_action)
        for action in (find_action, quit_action, about_action):
            self.addAction(action)

        toolbar = QToolBar(self.tr("Challenges"), self)
        toolbar.setObjectName("challenge_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search)
        toolbar.addAction(self.refresh_action)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.server_label = QLabel(self.tr("Starting the local community…"), self)
        self.server_label.setObjectName("server_label")
        self.server_label.setAccessibleName(self.tr("Server"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Loading"))
        self.progress.setRange(0, 0)  # busy: the length of a page load is unknown
        self.progress.setMaximumWidth(140)
        self.statusBar().addWidget(self.server_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    # -- connection and loading --------------------------------------------------------------

    def start(self) -> None:
        """Opens the connection off the GUI thread; the window is usable meanwhile."""
        self.progress.show()
        self._tasks.run(self._open_connection, self._connected, self._connection_failed)

    def _connected(self, connection: Connection) -> None:
        if self._closing:  # the window closed while the server was starting
            connection.close()
            return
        self.connection = connection
        self.browser = OfflineBrowser(connection.client)
        who = (
            self.tr("signed in as {0}").format(connection.username)
            if (connection.client.signed_in)
            else self.tr("not signed in")
        )
        self.server_label.setText(f"{connection.label} · {who}")
        if connection.notice:
            self.statusBar().showMessage(connection.notice, 15000)
        self.connection_opened.emit(connection)
        self.reload()

    def show_rescued_takes(self, lines: list[str]) -> None:
        """Tells the user which takes a crash cut short were recovered (nothing if none)."""
        if not lines:
            return
        box = QMessageBox(self)
        box.setObjectName("rescued-takes")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Takes recovered"))
        box.setText(self.tr("The app stopped while recording. These takes were recovered:"))
        box.setInformativeText("\n".join(lines))
        box.setAccessibleName(self.tr("Takes recovered after a crash"))
        box.setModal(False)
        box.show()
        self.rescued_takes_box = box

    def _connection_failed(self, error: Exception) -> None:
        log.error("cannot open the connection: %s", error)
        self.progress.hide()
        self.server_label.setText(self.tr("Not connected"))
        QMessageBox.warning(self, self.tr("Cannot connect"), str(error))

    def _forget_detail(self) -> None:
        if self._detail_task is not None:
            self._tasks.forget(self._detail_task)
            self._detail_task = None

    def reload(self) -> None:
        if self.browser is None:
            return
        self._forget_detail()
        selected = self._selected_challenge()
        if selected is not None or not self.model.loading:  # mid-reload: keep the one wanted
            self._reselect_id = selected.id if selected is not None else None
        browser, query = self.browser, self.search.text().strip() or None
        self.model.set_source(
            lambda cursor: browser.challenges(q=query, cursor=cursor, limit=PAGE_SIZE)
        )
        self.detail.show_nothing()

    def _selected_challenge(self) -> Challenge | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.challenge_at(rows[0].row()) if rows else None

    def _show_loading(self, loading: bool) -> None:
        self.progress.setVisible(loading)
        if not loading:
            for column in range(1, self.model.columnCount()):
                self.table.resizeColumnToContents(column)
        if not loading and self.model.rowCount() and not self.table.selectionModel().hasSelection():
            ids = [
                self.model.data(self.model.index(r, 0), Qt.ItemDataRole.UserRole)
                for r in range(self.model.rowCount())
            ]
            wanted = self._reselect_id
            self.table.selectRow(ids.index(wanted) if wanted in ids else 0)

    def _show_offline(self, offline: bool, saved_at: datetime | None) -> None:
        """Shows or clears the banner; while offline the server is asked again now and then."""
        if offline:
            self.offline_banner.show_offline(saved_at)
            if not self.probe_timer.isActive():
                self.probe_timer.start()
        else:
            self.offline_banner.clear()
            self.probe_timer.stop()

    def _probe_server(self) -> None:
        if self.connection is None or self._probe_task is not None:
            return
        client = self.connection.client

        def answered(_info: object) -> None:
            self._probe_task = None
            if self.offline_banner.isVisible() and not self.model.loading:
                self.reload()

        def unreachable(_error: Exception) -> None:
            self._probe_task = None

        self._probe_task = self._tasks.run(client.health, answered, unreachable)

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Could not load challenges: {0}").format(message))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        challenge = self.model.challenge_at(rows[0].row()) if rows else None
        self._forget_detail()
        if challenge is None or self.connection is None:
            self.detail.show_nothing()
            return
        self.detail.show_challenge(challenge)
        browser = self.browser
        if browser is None:
            return
        self._detail_task = self._tasks.run(
            lambda: browser.contributions(challenge.id),
            lambda browsed: self._show_contributions(challenge, browsed),
            lambda error: self._contributions_failed(challenge, error),
        )

    def _show_contributions(
        self, challenge: Challenge, browsed: Browsed[list[Contribution]]
    ) -> None:
        self._detail_task = None
        self.detail.show_challenge(challenge, browsed.value)
        if browsed.offline:  # only the list clears the banner: it may still be a kept copy
            self._show_offline(True, browsed.saved_at)

    def _contributions_failed(self, challenge: Challenge, error: Exception) -> None:
        self._detail_task = None
        self.detail.show_challenge(challenge, problem=str(error))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About HitRecord Desktop"),
            self.tr("HitRecord Desktop {0}\nFinish work together: every piece credited.").format(
                __version__
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # No waiting here: a connection still opening is closed when it arrives.
        self._closing = True
        self.probe_timer.stop()
        if self._probe_task is not None:
            self._tasks.forget(self._probe_task)
        self.browser = None
        self._forget_detail()
        self.model.set_source(None)  # a page still loading is dropped, not delivered
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        super().closeEvent(event)
