"""The challenge browser tab: filters over a lazily paged list, and a detail pane whose
contributions can be previewed (libVLC), seen as waveforms and added to a project.

Everything slow runs through `TaskRunner`: pages, contributions, downloads and waveform decoding.
Offline, the kept copies are shown under the banner, and the server is asked again now and then.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..api.client import PlatformClient
from ..api.etag_cache import AnswerStore
from ..api.models import Challenge, Contribution
from ..media.preview_player import FAILED, OPENING, PLAYING, STOPPED
from ..sync.challenge_query import ChallengeQuery
from ..sync.kept_challenges import kept_challenges
from ..sync.media_cache import MediaCache
from ..sync.media_preview import PreviewSource, preview_source
from ..sync.offline_browser import Browsed, OfflineBrowser
from .challenge_detail import ChallengeDetail
from .challenge_filters import ChallengeFilters
from .challenge_list_model import ChallengeListModel
from .gc_policy import settle_long_lived
from .offline_banner import OfflineBanner
from .preview_bridge import PreviewBridge
from .tasks import TaskRunner
from .video.video_preview import VideoPreview
from .waveform_loader import WaveformLoader

log = logging.getLogger(__name__)
OFFLINE_PROBE_MS = 30_000  # how often to ask an unreachable server again
ROW_HEIGHT = 26


class ChallengeBrowser(QWidget):
    """attach(client) starts browsing; shutdown() before the window closes."""

    add_to_project_requested = Signal(object, object)  # Challenge, Contribution
    open_project_requested = Signal(object)  # Challenge
    offline_changed = Signal(bool, object)  # offline?, when the shown copy was saved
    load_failed = Signal(str)  # for the window's status bar

    def __init__(
        self,
        tasks: TaskRunner,
        media_cache: MediaCache,
        pcm_root: Path,
        audio_output: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("challenge_browser")
        self.setAccessibleName(self.tr("Challenge browser"))
        self._tasks = tasks
        self.media_cache = media_cache
        self.client: PlatformClient | None = None
        self.browser: OfflineBrowser | None = None
        self.filters = ChallengeFilters(self)
        self.banner = OfflineBanner(self)
        self.model = ChallengeListModel(tasks, self)
        self.table = self._build_table()
        self.detail = ChallengeDetail(self)
        self.preview = PreviewBridge(audio_output, self)
        self.video_preview = VideoPreview(self.detail.video, audio_output, self)
        self.waveforms = WaveformLoader(tasks, media_cache, pcm_root, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("browser_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 480])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.filters)
        column.addWidget(splitter, 1)
        QWidget.setTabOrder(self.filters.sort, self.table)
        QWidget.setTabOrder(self.table, self.detail.brief)

        self._detail_task: int | None = None
        self._reselect_id: int | None = None
        self._probe_task: int | None = None
        self._kept_store: AnswerStore | None = None
        self._preview_task: int | None = None
        self._preview_wanted = 0  # the contribution the preview task is for
        self._shown_columns = False
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(OFFLINE_PROBE_MS)
        self.probe_timer.timeout.connect(self._probe_server)
        self.filters.query_changed.connect(lambda _query: self.reload())
        self.banner.retry_requested.connect(self.reload)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.load_failed.connect(self._load_failed)
        self.model.offline_changed.connect(self._show_offline)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.open_project_clicked.connect(self.open_selected_project)
        self.detail.contributions.play_requested.connect(self.toggle_preview)
        self.detail.contributions.add_requested.connect(self._add)
        self.preview.state_changed.connect(self._preview_changed)
        self.video_preview.state_changed.connect(self._preview_changed)
        self.waveforms.thumbnail_ready.connect(self._thumbnail_ready)
        self.waveforms.thumbnail_failed.connect(self._thumbnail_failed)
        self._build_shortcuts()

    # -- building ----------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("challenge_table")
        table.setAccessibleName(self.tr("Challenges"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        table.installEventFilter(self)
        return table

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, context=context)
        find.activated.connect(self.focus_search)
        self.find_shortcut = find
        add = QShortcut(QKeySequence("Ctrl+Shift+A"), self, context=context)
        add.activated.connect(self.add_selected_contribution)
        self.add_shortcut = add
        # Space and Enter only on the lists: in the search field they type.
        self.detail.contributions.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() == Qt.Key.Key_Space:
                self.toggle_preview(self.detail.contributions.selected())
                return True
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected_project()
                return True
        return super().eventFilter(watched, event)

    # -- public API --------------------------------------------------------------------------

    def attach(self, client: PlatformClient | None) -> None:
        """Browses this server from now on (None: nothing to browse, e.g. while connecting)."""
        self.client = client
        self.browser = OfflineBrowser(client) if client is not None else None
        self.waveforms.client = client
        self.reload()

    def show_kept(self, store: AnswerStore | None) -> None:
        """Until attach(): the challenges kept on disk from the last run, shown at once while the
        server is being reached (the local community takes seconds to start)."""
        self._kept_store = store
        if self.browser is None:
            self.reload()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def query(self) -> ChallengeQuery:
        return self.filters.query()

    def selected_challenge(self) -> Challenge | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.challenge_at(rows[0].row()) if rows else None

    def reload(self) -> None:
        self._forget_detail()
        selected = self.selected_challenge()
        if selected is not None or not self.model.loading:  # mid-reload: keep the one wanted
            self._reselect_id = selected.id if selected is not None else None
        browser, store, query = self.browser, self._kept_store, self.filters.query()
        if browser is not None:
            self.model.set_source(lambda cursor: browser.challenges(**query.params(cursor)))
        elif store is not None:  # not connected yet: what the last run saw
            self.model.set_source(lambda cursor: kept_challenges(store, query, cursor))
        else:
            self.model.set_source(None)
        self._clear_detail()

    def open_selected_project(self) -> None:
        challenge = self.selected_challenge()
        if challenge is not None:
            self.open_project_requested.emit(challenge)

    def add_selected_contribution(self) -> None:
        self._add(self.detail.contributions.selected())

    def toggle_preview(self, contribution: Contribution | None) -> None:
        """Plays the contribution (its cached file, or streamed), or stops it if it plays."""
        if contribution is None:
            return
        if self._preview_task is not None:  # still finding what to play: that was a stop
            self._tasks.forget(self._preview_task)
            self._preview_task = None
            self._preview_changed(self._preview_wanted, STOPPED, 0, "")
            if self._preview_wanted == contribution.id:
                return
        if self.preview.playing_key == contribution.id:
            self.preview.stop()
            return
        if self.video_preview.playing_key == contribution.id:
            self.video_preview.stop()
            return
        cache = self.media_cache

        def found(source: PreviewSource) -> None:
            self._preview_task = None
            # A video is watched in the detail pane (its own sound with it); sound is heard.
            if contribution.kind == "video":
                self.preview.stop()
                self.video_preview.play(contribution.id, source.mrl)
            else:
                self.video_preview.stop()
                self.preview.play(contribution.id, source.mrl)

        def failed(error: Exception) -> None:
            self._preview_task = None
            self._preview_changed(contribution.id, FAILED, 0, str(error))

        # The cache's index is shared with downloads in flight: never looked up on this thread.
        self._preview_wanted = contribution.id
        self._preview_task = self._tasks.run(
            lambda: preview_source(cache, contribution), found, failed
        )
        self._preview_changed(contribution.id, OPENING, 0, "")

    def shutdown(self) -> None:
        """Drops pending work and ends the preview player; call from the window's closeEvent."""
        self.probe_timer.stop()
        if self._probe_task is not None:
            self._tasks.forget(self._probe_task)
        self._forget_detail()
        self.waveforms.forget_all()
        self.browser = None
        self.model.set_source(None)  # a page still loading is dropped, not delivered
        self.preview.close()
        self.video_preview.close()

    # -- list --------------------------------------------------------------------------------

    def _loading_changed(self, loading: bool) -> None:
        self._show_count()
        if loading or not self.model.rowCount():
            return
        settle_long_lived()  # the page's challenges stay: keep them out of full collections
        if not self._shown_columns:
            self._shown_columns = True
            for column in range(1, self.model.columnCount()):
                self.table.resizeColumnToContents(column)
        if not self.table.selectionModel().hasSelection():
            wanted = self._reselect_id
            row = self.model.row_of(wanted) if wanted is not None else None
            self.table.selectRow(row or 0)

    def _show_count(self) -> None:
        self.filters.show_count(self.model.rowCount(), self.model.complete, self.model.loading)

    def _load_failed(self, message: str) -> None:
        if self.browser is not None:  # nothing kept before connecting is no failure
            self.load_failed.emit(message)

    def _show_offline(self, offline: bool, saved_at: datetime | None) -> None:
        if self.browser is None:
            return  # kept answers shown while connecting: the server has not been asked yet
        if offline:
            self.banner.show_offline(saved_at)
            if not self.probe_timer.isActive():
                self.probe_timer.start()
        else:
            self.banner.clear()
            self.probe_timer.stop()
        self.offline_changed.emit(offline, saved_at)

    def _probe_server(self) -> None:
        client = self.client
        if client is None or self._probe_task is not None:
            return

        def answered(_info: object) -> None:
            self._probe_task = None
            if self.banner.isVisible() and not self.model.loading:
                self.reload()

        def unreachable(_error: Exception) -> None:
            self._probe_task = None

        self._probe_task = self._tasks.run(client.health, answered, unreachable)

    # -- detail ------------------------------------------------------------------------------

    def _forget_detail(self) -> None:
        if self._detail_task is not None:
            self._tasks.forget(self._detail_task)
            self._detail_task = None

    def _clear_detail(self) -> None:
        if self._preview_task is not None:
            self._tasks.forget(self._preview_task)
            self._preview_task = None
        if self.preview.playing_key is not None:
            self.preview.stop()
        self.video_preview.stop()
        self.waveforms.forget_all()
        self.detail.show_nothing()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        challenge = self.model.challenge_at(rows[0].row()) if rows else None
        self._forget_detail()
        self._clear_detail()
        browser = self.browser
        if challenge is None:
            return
        self.detail.show_challenge(challenge)  # the contributions come once connected
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
        for contribution in browsed.value:
            self.waveforms.request(contribution)
        if browsed.offline:  # only the list clears the banner: it may still be a kept copy
            self._show_offline(True, browsed.saved_at)

    def _contributions_failed(self, challenge: Challenge, error: Exception) -> None:
        self._detail_task = None
        self.detail.show_challenge(challenge, problem=str(error))

    def _thumbnail_ready(self, contribution_id: int, thumbnail: object) -> None:
        row = self.detail.contributions.rows.get(contribution_id)
        if row is not None:
            row.set_thumbnail(thumbnail)  # type: ignore[arg-type]

    def _thumbnail_failed(self, contribution_id: int, message: str) -> None:
        row = self.detail.contributions.rows.get(contribution_id)
        if row is not None:
            row.waveform.set_message(message)

    def _add(self, contribution: Contribution | None) -> None:
        challenge = self.detail.challenge
        if contribution is not None and challenge is not None:
            self.add_to_project_requested.emit(challenge, contribution)

    def _preview_changed(self, key: int, state: str, time_ms: int, message: str) -> None:
        rows = self.detail.contributions.rows
        row = rows.get(key)
        if state in (OPENING, PLAYING):
            for contribution_id, other in rows.items():
                other.set_playing(contribution_id == key)
            if row is not None and row.duration_s:
                row.waveform.set_progress(time_ms / 1000 / row.duration_s)
            return
        if row is not None:
            row.set_playing(False)
        if state == FAILED:
            self.load_failed.emit(self.tr("Cannot preview: {0}").format(message))
