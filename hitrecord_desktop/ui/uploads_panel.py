"""The uploads panel: every job of the queue with a progress bar, its rate and time left, what
it waits for, and the credits it will carry; pause, resume, retry and cancel each job or all.

Controls call the engine directly (quick queue writes, as SyncBridge documents); everything the
panel shows arrives through the bridge's signals.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..sync.upload_events import ServerState
from ..sync.upload_jobs import UploadJob
from ..sync.upload_overview import actions_for
from .icons import IconBinder
from .progress_delegate import ProgressDelegate
from .sync_bridge import SyncBridge
from .tasks import TaskRunner
from .upload_credits import ClientFactory, UploadCredits
from .upload_model import Column, UploadTableModel
from .upload_words import job_status_text

PREFERRED_HEIGHT = 200  # pixels: the buttons and four or five rows of uploads


class UploadsPanel(QWidget):
    """Build with the app's SyncBridge; `clients` (server key -> PlatformClient) resolves the
    credits' titles and authors, `icons` themes the buttons (both optional)."""

    sign_in_requested = Signal(str)  # server key: the person asked to sign in for a waiting job

    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRunner,
        clients: ClientFactory | None = None,
        icons: IconBinder | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploads_panel")
        self.setAccessibleName(self.tr("Uploads"))
        self._engine = bridge.engine
        self.model = UploadTableModel(bridge, self)
        self.table = QTableView(self)
        self.table.setObjectName("uploads_table")
        self.table.setAccessibleName(self.tr("Upload queue"))
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(Column.STATUS, 200)
        self.table.setColumnWidth(Column.PROGRESS, 150)
        self.table.setColumnWidth(Column.RATE, 80)
        self.table.setColumnWidth(Column.LEFT, 80)
        self.table.setColumnWidth(Column.SERVER, 120)
        self.detail = QLabel(self)
        self.detail.setObjectName("upload_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credits = UploadCredits(tasks, clients, self)
        self._build_actions(icons)
        self._build_layout()
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.dataChanged.connect(lambda *_: self._update_controls())
        self.model.rowsInserted.connect(lambda *_: self._update_controls())
        self.model.rowsRemoved.connect(lambda *_: self._update_controls())
        bridge.server_changed.connect(lambda *_: self._update_controls())
        self._update_controls()

    # -- building ------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        tip: str,
        keys: str,
        icon: str,
        icons: IconBinder | None,
        slot: Callable[[], None],
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"uploads_{icon}")
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(
            f"{tip} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        if icons is not None:
            icons.bind(action, icon)
        self.addAction(action)
        return action

    def _build_actions(self, icons: IconBinder | None) -> None:
        # R, L, C, K and Space belong to the transport (window-wide): the queue keeps to P.
        self.pause_action = self._action(
            self.tr("&Pause"),
            self.tr("Pause the selected upload"),
            "P",
            "pause",
            icons,
            self.pause_selected,
        )
        self.resume_action = self._action(
            self.tr("&Resume"),
            self.tr("Resume the selected upload"),
            "Shift+P",
            "resume",
            icons,
            self.resume_selected,
        )
        self.retry_action = self._action(
            self.tr("Re&try"),
            self.tr("Try the failed upload again"),
            "Ctrl+R",
            "retry",
            icons,
            self.retry_selected,
        )
        self.cancel_action = self._action(
            self.tr("&Cancel upload"),
            self.tr("Stop the selected upload for good"),
            "Del",
            "cancel",
            icons,
            self.cancel_selected,
        )
        self.pause_all_action = self._action(
            self.tr("Pause &all"),
            self.tr("Pause every upload"),
            "Ctrl+P",
            "pause_all",
            icons,
            self._engine.pause_all,
        )
        self.resume_all_action = self._action(
            self.tr("Resume a&ll"),
            self.tr("Resume every paused upload"),
            "Ctrl+Alt+P",
            "resume_all",
            icons,
            self._engine.resume_all,
        )
        self.clear_action = self._action(
            self.tr("C&lear finished"),
            self.tr("Remove done and cancelled uploads from the list"),
            "Ctrl+Shift+Del",
            "delete",
            icons,
            self.model.remove_finished,
        )
        self.sign_in_action = self._action(
            self.tr("&Sign in…"),
            self.tr("Sign in so the waiting upload can go on"),
            "Ctrl+Shift+S",
            "sign_in",
            icons,
            self._ask_sign_in,
        )

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for action in (
            self.pause_action,
            self.resume_action,
            self.retry_action,
            self.cancel_action,
            None,
            self.pause_all_action,
            self.resume_all_action,
            self.clear_action,
        ):
            if action is None:
                buttons.addSpacing(16)
                continue
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(action.text().replace("&", ""))
            buttons.addWidget(button)
            self.buttons[action.objectName()] = button
        buttons.addStretch(1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.credits)
        # Side by side: docked below the workspace, the panel is wide and should stay short.
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("uploads_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([880, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(buttons)
        layout.addWidget(splitter)

    def sizeHint(self) -> QSize:
        """A few rows high: the dock's first height, before the person resizes it (the
        tables' own hints made it take half the window from the browser and the timeline)."""
        return QSize(super().sizeHint().width(), PREFERRED_HEIGHT)

    # -- selection -----------------------------------------------------------------------------

    def selected_job(self) -> UploadJob | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.job_at(rows[0].row()) if rows else None

    def select_job(self, job_id: str) -> None:
        row = self.model.row_of(job_id)
        if row >= 0:
            self.table.selectRow(row)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.credits.show_job(self.selected_job())
        self._update_controls()

    def _update_controls(self) -> None:
        job = self.selected_job()
        allowed = actions_for(job) if job is not None else None
        self.pause_action.setEnabled(bool(allowed and allowed.pause))
        self.resume_action.setEnabled(bool(allowed and allowed.resume))
        self.retry_action.setEnabled(bool(allowed and allowed.retry))
        self.cancel_action.setEnabled(bool(allowed and allowed.cancel))
        waiting = job is not None and (
            self._engine.server_state(job.server) is ServerState.SIGN_IN_NEEDED
        )
        self.sign_in_action.setEnabled(waiting)
        if job is None:
            self.detail.setText(self.tr("%n upload(s) in the queue.", "", self.model.rowCount()))
            return
        self.detail.setText(
            self.tr("{0} — {1}\nto {2}, role: {3}").format(
                job.path.name,
                job_status_text(job),
                self.tr("Local community") if job.server == "local" else job.server,
                job.role or "—",
            )
        )

    # -- controls ------------------------------------------------------------------------------

    def _act(self, control: Callable[[str], object]) -> None:
        job = self.selected_job()
        if job is not None:
            control(job.id)

    def pause_selected(self) -> None:
        self._act(self._engine.pause)

    def resume_selected(self) -> None:
        self._act(self._engine.resume)

    def retry_selected(self) -> None:
        self._act(self._engine.retry)

    def cancel_selected(self) -> None:
        self._act(self._engine.cancel)

    def _ask_sign_in(self) -> None:
        job = self.selected_job()
        if job is not None:
            self.sign_in_requested.emit(job.server)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Upload actions"))
        for action in (
            self.pause_action,
            self.resume_action,
            self.retry_action,
            self.cancel_action,
        ):
            menu.addAction(action)
        if self.sign_in_action.isEnabled():
            menu.addAction(self.sign_in_action)
        menu.addSeparator()
        menu.addAction(self.pause_all_action)
        menu.addAction(self.resume_all_action)
        menu.addAction(self.clear_action)
        self.context_menu = menu  # kept for tests and to outlive popup()
        menu.popup(self.table.viewport().mapToGlobal(position))
