"""The browser's list of challenges: pages are fetched off the GUI thread as the view scrolls
(fetchMore), and their cells are stored in Qt's own item model.

Why a QStandardItemModel rather than a Python `data()`: a view asks `data()` for about ten roles
of every visible cell at every repaint, ~1,600 calls per frame. Each call from C++ into Python
takes the GIL, and while a worker thread parses JSON or decodes audio every one of those takes
can wait up to the interpreter's switch interval: the UI-stall watchdog caught 100-200 ms frames
that way while 10,000 rows loaded. Kept in C++, painting needs no Python at all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..api.models import Challenge, Page
from ..sync.offline_browser import Browsed
from .tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
FetchPage = Callable[[str | None], Browsed[Page[Challenge]]]
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ChallengeListModel(QStandardItemModel):
    """Rows are challenges; fetchMore asks for the next page with the server's cursor."""

    loading_changed = Signal(bool)
    load_failed = Signal(str)
    # After each page: True and when it was saved for a kept copy, False and None when fresh.
    offline_changed = Signal(bool, object)

    COLUMNS = ("title", "roles", "kind", "contributions", "deadline", "author")

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        self._tasks = tasks
        self._challenges: list[Challenge] = []
        self._fetch: FetchPage | None = None
        self._cursor: str | None = None
        self._exhausted = True
        self._pending: int | None = None
        self._generation = 0
        self.setHorizontalHeaderLabels(
            [
                self.tr("Challenge"),
                self.tr("Wanted"),
                self.tr("Kind"),
                self.tr("Contributions"),
                self.tr("Deadline"),
                self.tr("Posted by"),
            ]
        )

    # -- loading ---------------------------------------------------------------------------

    def set_source(self, fetch: FetchPage | None) -> None:
        """Starts over with a new query (or none); the first page loads at once."""
        if self._pending is not None:
            self._tasks.forget(self._pending)
            self._pending = None
            self.loading_changed.emit(False)
        self._generation += 1
        self._challenges = []
        self.setRowCount(0)
        self._fetch = fetch
        self._cursor = None
        self._exhausted = fetch is None
        if fetch is not None:
            self.fetchMore(QModelIndex())

    @property
    def loading(self) -> bool:
        return self._pending is not None

    @property
    def complete(self) -> bool:
        """Every page is here (or the last one failed)."""
        return self._exhausted and self._pending is None

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
            first = self.rowCount()
            rows = [self._items(challenge) for challenge in page.items]
            self._challenges.extend(page.items)
            self.insertRows(first, len(rows))  # one rowsInserted for the page
            for offset, items in enumerate(rows):
                for column, item in enumerate(items):
                    self.setItem(first + offset, column, item)
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
        return self._challenges[row] if 0 <= row < len(self._challenges) else None

    def row_of(self, challenge_id: int) -> int | None:
        return next((r for r, c in enumerate(self._challenges) if c.id == challenge_id), None)

    def _items(self, challenge: Challenge) -> list[QStandardItem]:
        texts = [self._display(challenge, column) for column in self.COLUMNS]
        items = [QStandardItem(text) for text in texts]
        for item in items:
            item.setEditable(False)
        items[0].setData(challenge.id, Qt.ItemDataRole.UserRole)
        items[0].setToolTip(challenge.brief[:400])
        items[3].setTextAlignment(_RIGHT)
        return items

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
