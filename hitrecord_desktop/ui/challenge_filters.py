"""The bar above the challenge list: search (debounced), role, kind, open/closed, order, and how
many challenges are shown; it emits one `query_changed` per settled change."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)

from ..api.models import ROLES
from ..sync.challenge_query import ChallengeQuery

SEARCH_DEBOUNCE_MS = 250


class ChallengeFilters(QWidget):
    query_changed = Signal(object)  # ChallengeQuery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("challenge_filters")
        self.search = QLineEdit(self)
        self.search.setObjectName("challenge_search")
        self.search.setPlaceholderText(self.tr("Search challenges (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search challenges"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.role = self._combo(
            "challenge_role",
            self.tr("Wanted role"),
            [(self.tr("Any role"), None)]
            + [(self.tr(role.replace("_", " ").capitalize()), role) for role in ROLES],
        )
        self.kind = self._combo(
            "challenge_kind",
            self.tr("Kind"),
            [(self.tr("Audio and video"), None), (self.tr("Audio"), "audio"),
             (self.tr("Video"), "video")],
        )  # fmt: skip
        self.status = self._combo(
            "challenge_status",
            self.tr("Open or closed"),
            [(self.tr("Open"), "open"), (self.tr("Closed"), "closed"), (self.tr("Any"), "any")],
        )
        self.sort = self._combo(
            "challenge_sort",
            self.tr("Order"),
            [
                (self.tr("Newest"), "newest"),
                (self.tr("Most contributed"), "most_contributed"),
                (self.tr("Deadline soonest"), "deadline"),
                (self.tr("Oldest"), "oldest"),
            ],
        )
        self.count = QLabel(self)
        self.count.setObjectName("challenge_count")
        self.count.setAccessibleName(self.tr("Number of challenges"))
        self.busy = QProgressBar(self)
        self.busy.setObjectName("challenge_loading")
        self.busy.setAccessibleName(self.tr("Loading challenges"))
        self.busy.setRange(0, 0)  # the length of a page load is unknown
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search, 2)
        for combo in (self.role, self.kind, self.status, self.sort):
            layout.addWidget(combo)
        layout.addWidget(self.busy)
        layout.addWidget(self.count)
        layout.addStretch(0)
        for first, second in zip(
            (self.search, self.role, self.kind, self.status),
            (self.role, self.kind, self.status, self.sort),
            strict=True,
        ):
            QWidget.setTabOrder(first, second)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._emit)  # Enter: no need to wait

    def _combo(self, name: str, label: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        combo.setToolTip(label)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _index: self._emit())
        return combo

    def query(self) -> ChallengeQuery:
        return ChallengeQuery(
            q=self.search.text().strip() or None,
            role=self.role.currentData(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            sort=self.sort.currentData(),
        )

    def select(self, combo: QComboBox, value: str | None) -> None:
        """Chooses the entry whose value is `value` (what a test or a saved view asks for)."""
        index = combo.findData(value)
        if index < 0:
            raise ValueError(f"{combo.objectName()} has no entry {value!r}")
        combo.setCurrentIndex(index)

    def show_count(self, rows: int, complete: bool, loading: bool) -> None:
        self.busy.setVisible(loading)
        if not complete:
            text = self.tr("{0}+ challenges").format(rows)
        elif rows == 1:
            text = self.tr("1 challenge")
        else:
            text = self.tr("{0} challenges").format(rows)
        self.count.setText(text)

    def _emit(self) -> None:
        self._debounce.stop()
        self.query_changed.emit(self.query())
