"""A table model of challenges that loads pages from the server as the view scrolls; pages may
be kept copies shown offline, which it reports so the window can say so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..api.models import Challenge, Page
from ..sync.offline_browser import Browsed
from .tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
FetchPage = Callable[[str | None], Browsed[Page[Challenge]]]


class ChallengeTableModel(QAbstractTableModel):
    """Rows are challenges; fetchMore asks for the next page with the server's cursor."""

    loading_changed = Signal(bool)
    load_failed = Signal(str)
    # After each page: True and when it was saved for a kept copy, False and None when fresh.
    offline_changed = Signal(bool, object)

    COLUMNS = ("title", "roles", "kind", "contributions", "deadline", "author")

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._rows: list[Challenge] = []
        self._fetch: FetchPage | None = None
        self._cursor: str | None = None
        self._exhausted = True
        self._pending: int | None = None
        self._generation = 0

    # -- loading ---------------------------------------------------------------------------

    def set_source(self, fetch: FetchPage | None) -> None:
        """Starts over with a new query (or none); the first page loads at once."""
        if self._pending is not None:
            self._tasks.forget(self._pending)
            self._pending = None
            self.loading_changed.emit(False)
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._fetch = fetch
        self._cursor = None
        self._exhausted = fetch is None
        self.endResetModel()
        if fetch is not None:
            self.fetchMore(QModelIndex())

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._pending is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        fetch, cursor, generation = self._fetch, self._cursor, self._generation
        self._pending = self._tasks.run(
            lambda: fetch(cursor),
            lambda page: self._on_page(generation, page),
            lambda error: self._on_error(generation, error),
        )
        self.loading_changed.emit(True)

    def _on_page(self, generation: int, browsed: Browsed[Page[Challenge]]) -> None:
        if generation != self._generation:
            return
        self._pending = None
        page = browsed.value
        if page.items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self._rows.extend(page.items)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self.offline_changed.emit(browsed.offline, browsed.saved_at)
        self.loading_changed.emit(False)

    def _on_error(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self._exhausted = True
        self.loading_changed.emit(False)
        self.load_failed.emit(str(error))

    # -- reading -----------------------------------------------------------------------------

    def challenge_at(self, row: int) -> Challenge | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Challenge"),
            self.tr("Wanted"),
            self.tr("Kind"),
            self.tr("Contributions"),
            self.tr("Deadline"),
            self.tr("Posted by"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        challenge = self.challenge_at(index.row()) if index.isValid() else None
        if challenge is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(challenge, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return challenge.brief[:400]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "contributions":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return challenge.id
        return None

    def _display(self, challenge: Challenge, column: str) -> str:
        if column == "title":
            return challenge.title
        if column == "roles":
            return ", ".join(role.replace("_", " ") for role in challenge.roles)
        if column == "kind":
            return self.tr("Video") if challenge.kind == "video" else self.tr("Audio")
        if column == "contributions":
            return str(challenge.contribution_count)
        if column == "deadline":
            if challenge.deadline is None:
                return self.tr("none")
            return challenge.deadline.date().isoformat()
        author = challenge.author
        return author.display_name or author.username
