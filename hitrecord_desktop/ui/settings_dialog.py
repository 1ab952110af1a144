"""Settings: account and servers, audio, storage, appearance — a list of pages on the left.

OK and Apply write every page to the store that owns its values; Cancel undoes the live theme
preview. Server changes (add, sign in, make current) are saved as they are done.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..api.token_store import TokenStore
from ..paths import AppPaths
from .account_page import AccountPage
from .icons import IconBinder
from .preferences import Preferences
from .settings_pages import AppearancePage, AudioPage, StoragePage
from .tasks import TaskRunner
from .theme import ThemeManager


class SettingsDialog(QDialog):
    """`SettingsDialog(paths, tasks, preferences, theme=..., icons=..., tokens=...)`; `exec()` or
    `open()`. `show_page("audio")` opens it on a page."""

    PAGES = ("account", "audio", "storage", "appearance")

    def __init__(
        self,
        paths: AppPaths,
        tasks: TaskRunner,
        preferences: Preferences,
        *,
        theme: ThemeManager | None = None,
        icons: IconBinder | None = None,
        tokens: TokenStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.resize(720, 460)
        self.account = AccountPage(paths, tasks, tokens or TokenStore(), self)
        self.audio = AudioPage(paths, tasks, self)
        self.storage = StoragePage(paths, tasks, self)
        self.appearance = AppearancePage(preferences, theme, self)
        self.nav = QListWidget(self)
        self.nav.setObjectName("settings_pages")
        self.nav.setAccessibleName(self.tr("Settings pages"))
        self.nav.setFixedWidth(180)
        self.nav.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget(self)
        pages = (
            (self.tr("Account"), "account", self.account),
            (self.tr("Audio"), "audio", self.audio),
            (self.tr("Storage"), "storage", self.storage),
            (self.tr("Appearance"), "theme", self.appearance),
        )
        for text, icon, page in pages:
            item = QListWidgetItem(text, self.nav)
            if icons is not None:
                item.setIcon(icons.icon(icon))
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.buttons = buttons
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.PAGES.index(name))

    def apply(self) -> None:
        for page in (self.account, self.audio, self.storage, self.appearance):
            page.apply()

    def accept(self) -> None:
        self.apply()
        super().accept()

    def reject(self) -> None:
        self.appearance.revert()
        super().reject()
