"""The account page of the settings: the servers this app knows, which one is current, and the
sign-in of each. Adding a server and signing in are saved as they are done."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..accounts import ServerCheck, set_current_server
from ..api.token_store import TokenStore
from ..paths import AppPaths
from ..user_settings import LOCAL, load_settings
from .account_dialogs import AddServerDialog, SignInDialog
from .tasks import TaskRunner

_SERVER_ROLE = Qt.ItemDataRole.UserRole


def quiet_note(text: str, parent: QWidget) -> QLabel:
    """A word-wrapped hint in the palette's quieter (disabled) text colour."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


class AccountPage(QWidget):
    """The servers this app knows (the local community first), which one is current, and the
    sign-in of each."""

    def __init__(
        self, paths: AppPaths, tasks: TaskRunner, tokens: TokenStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_account")
        self._paths, self._tasks, self._tokens = paths, tasks, tokens
        self.servers = QListWidget(self)
        self.servers.setObjectName("settings_servers")
        self.servers.setAccessibleName(self.tr("Servers"))
        self.add_button = QPushButton(self.tr("&Add server…"), self)
        self.add_button.setAccessibleName(self.tr("Add server"))
        self.current_button = QPushButton(self.tr("&Use this server"), self)
        self.current_button.setAccessibleName(self.tr("Use this server"))
        self.sign_in_button = QPushButton(self.tr("&Sign in…"), self)
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.add_button.clicked.connect(self.add_server)
        self.current_button.clicked.connect(self.use_selected)
        self.sign_in_button.clicked.connect(self.sign_in_selected)
        self.servers.currentItemChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.current_button, self.sign_in_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("settings_account_message")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Servers you take part on:"), self))
        layout.addWidget(self.servers)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(
            quiet_note(
                self.tr(
                    "The local community runs on this computer and needs no sign-in. A new "
                    "current server is used from the next start. Sign-ins are kept in your "
                    "system's keyring, never in a file."
                ),
                self,
            )
        )
        self.reload()

    def reload(self) -> None:
        settings = load_settings(self._paths.settings_file)
        self.servers.clear()
        for server in settings.known_servers():
            account = settings.account_for(server)
            name = self.tr("Local community (on this computer)") if server == LOCAL else server
            if account is not None:
                name = self.tr("{0} — signed in as {1}").format(name, account.username)
            if server == settings.current_server:
                name = self.tr("{0} (current)").format(name)
            item = QListWidgetItem(name)
            item.setData(_SERVER_ROLE, server)
            if server == settings.current_server:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                self.servers.addItem(item)
                self.servers.setCurrentItem(item)
            else:
                self.servers.addItem(item)
        self._update_buttons()

    def selected_server(self) -> str | None:
        item = self.servers.currentItem()
        return str(item.data(_SERVER_ROLE)) if item is not None else None

    def select_server(self, server: str) -> None:
        for row in range(self.servers.count()):
            if self.servers.item(row).data(_SERVER_ROLE) == server:
                self.servers.setCurrentRow(row)

    def _update_buttons(self) -> None:
        server = self.selected_server()
        self.sign_in_button.setEnabled(server not in (None, LOCAL))
        self.current_button.setEnabled(server is not None)

    def add_server(self) -> AddServerDialog:
        dialog = AddServerDialog(self._paths, self._tasks, self)
        dialog.server_added.connect(self._added)
        dialog.open()
        self.add_dialog = dialog
        return dialog

    def _added(self, checked: ServerCheck) -> None:
        self.reload()
        self.select_server(checked.url)
        self.message.setText(
            self.tr("Added {0} ({1}). Sign in to upload there.").format(
                checked.url, checked.community
            )
        )

    def use_selected(self) -> None:
        server = self.selected_server()
        if server is None:
            return
        set_current_server(self._paths, server)
        self.reload()
        self.message.setText(self.tr("This server is used from the next start."))

    def sign_in_selected(self) -> SignInDialog | None:
        server = self.selected_server()
        if server in (None, LOCAL):
            return None
        dialog = SignInDialog(self._paths, self._tasks, self._tokens, server, self)
        dialog.signed_in.connect(lambda result: self._signed_in(result))
        dialog.open()
        self.sign_in_dialog = dialog
        return dialog

    def _signed_in(self, result: Any) -> None:
        self.reload()
        self.message.setText(
            self.tr("Signed in to {0} as {1}.").format(result.server, result.username)
            + (" " + result.notice if result.notice else "")
        )

    def apply(self) -> None:
        """Everything here is saved as it is done."""
