"""The strip above the challenge browser that says it shows saved copies because the server
cannot be reached, and since when; hidden while the server answers."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class OfflineBanner(QFrame):
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offline_banner")
        self.setAccessibleName(self.tr("Offline notice"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Amber with dark text: readable in light and dark themes alike, and not an error red.
        self.setStyleSheet(
            "#offline_banner { background: #fff3cd; border: 1px solid #e0b84f; }"
            "#offline_banner QLabel { color: #4a3800; }"
        )
        self.label = QLabel(self)
        self.label.setObjectName("offline_text")
        self.label.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Try again"), self)
        self.retry_button.setObjectName("offline_retry")
        self.retry_button.setAccessibleName(self.tr("Try to reach the server again"))
        self.retry_button.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.hide()

    def show_offline(self, saved_at: datetime | None) -> None:
        if saved_at is None:
            text = self.tr("Offline — showing saved challenges")
        else:
            when = QDateTime.fromMSecsSinceEpoch(int(saved_at.timestamp() * 1000))
            text = self.tr("Offline — showing challenges saved at {0}").format(
                QLocale().toString(when, QLocale.FormatType.ShortFormat)
            )
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear(self) -> None:
        self.hide()
        self.label.clear()
