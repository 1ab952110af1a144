"""Signing in and adding a server. The network talk runs on the TaskRunner; the token goes to
the keyring through accounts.sign_in (never to a file)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..accounts import ServerCheck, ServerProblem, SignedIn, add_server, check_server, sign_in
from ..api.token_store import TokenStore
from ..paths import AppPaths
from ..user_settings import LOCAL, load_settings
from .sync_bridge import SyncBridge
from .task_owner import run_owned
from .tasks import TaskRunner


class SignInDialog(QDialog):
    """Username and password for one server; `signed_in(SignedIn)` when the server agreed."""

    signed_in = Signal(object)  # SignedIn

    def __init__(
        self,
        paths: AppPaths,
        tasks: TaskRunner,
        tokens: TokenStore,
        server: str,
        parent: QWidget | None = None,
        *,
        reason: str = "",
        make_current: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.setAccessibleName(self.tr("Sign in"))
        self.setMinimumWidth(420)
        self._paths, self._tasks, self._tokens = paths, tasks, tokens
        self.server = server
        self._make_current = make_current
        self._task: int | None = None
        intro = QLabel(self.tr("Sign in to {0}.").format(server), self)
        intro.setWordWrap(True)
        self.reason = QLabel(reason, self)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        self.username = QLineEdit(self)
        self.username.setObjectName("sign_in_username")
        self.username.setAccessibleName(self.tr("Username"))
        account = load_settings(paths.settings_file).account_for(server)
        if account is not None:
            self.username.setText(account.username)
        self.password = QLineEdit(self)
        self.password.setObjectName("sign_in_password")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Sign-in message"))
        form = QFormLayout()
        user_label = QLabel(self.tr("&Username:"), self)
        user_label.setBuddy(self.username)
        password_label = QLabel(self.tr("&Password:"), self)
        password_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(password_label, self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.username.text() else self.username).setFocus()

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.setText(self.tr("Type your username and password."))
            return
        self._busy(True)
        self.message.setText(self.tr("Signing in…"))
        paths, tokens, server, current = self._paths, self._tokens, self.server, self._make_current
        self._task = run_owned(
            self._tasks,
            self,
            lambda: sign_in(paths, tokens, server, username, password, make_current=current),
            self._done,
            self._failed,
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.buttons):
            widget.setEnabled(not busy)

    def _done(self, result: SignedIn) -> None:
        self._task = None
        self.password.clear()
        self.result_value = result
        self.signed_in.emit(result)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._task = None
        self._busy(False)
        self.message.setText(str(error))
        self.password.selectAll()
        self.password.setFocus()

    def reject(self) -> None:
        if self._task is not None:
            self._tasks.forget(self._task)
            self._task = None
        super().reject()


class AddServerDialog(QDialog):
    """An address, checked on the network before it is kept; `server_added(ServerCheck)`."""

    server_added = Signal(object)  # ServerCheck

    def __init__(self, paths: AppPaths, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_server_dialog")
        self.setWindowTitle(self.tr("Add a server"))
        self.setAccessibleName(self.tr("Add a server"))
        self.setMinimumWidth(460)
        self._paths, self._tasks = paths, tasks
        self._task: int | None = None
        self.address = QLineEdit(self)
        self.address.setObjectName("server_address")
        self.address.setAccessibleName(self.tr("Server address"))
        self.address.setPlaceholderText("https://hitrecord.example.org")
        self.message = QLabel(self)
        self.message.setObjectName("server_message")
        self.message.setWordWrap(True)
        label = QLabel(self.tr("Server &address:"), self)
        label.setBuddy(self.address)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Check and &add"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.address)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        address = self.address.text()
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Asking {0}…").format(address.strip()))
        paths = self._paths

        def work() -> ServerCheck:
            checked = check_server(address)
            add_server(paths, checked.url)
            return checked

        self._task = run_owned(self._tasks, self, work, self._done, self._failed)

    def _done(self, checked: ServerCheck) -> None:
        self._task = None
        self.checked = checked
        self.server_added.emit(checked)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._task = None
        self.buttons.setEnabled(True)
        if isinstance(error, ServerProblem):
            self.message.setText(str(error))
        else:
            self.message.setText(self.tr("The server could not be checked: {0}").format(error))


class SignInPrompter(QObject):
    """Shows the sign-in dialog when the upload engine says a server refused its token, and
    tells the engine when the person signed in, so the waiting jobs go on."""

    def __init__(
        self,
        bridge: SyncBridge,
        paths: AppPaths,
        tasks: TaskRunner,
        tokens: TokenStore,
        window: QWidget | None = None,
    ) -> None:
        super().__init__(window)
        self._bridge, self._paths, self._tasks, self._tokens = bridge, paths, tasks, tokens
        self._window = window
        self.dialogs: dict[str, SignInDialog] = {}
        bridge.sign_in_needed.connect(self.prompt)

    def prompt(self, server: str) -> SignInDialog | None:
        """One dialog per server at a time (the engine may ask again while it is open)."""
        if server == LOCAL:
            return None  # the local community signs its own user in at every start
        shown = self.dialogs.get(server)
        if shown is not None and shown.isVisible():
            shown.raise_()
            return shown
        dialog = SignInDialog(
            self._paths,
            self._tasks,
            self._tokens,
            server,
            self._window,
            reason=self.tr("Uploads to this server wait until you sign in again."),
        )
        dialog.signed_in.connect(lambda result: self._bridge.engine.signed_in(result.server))
        self.dialogs[server] = dialog
        dialog.setModal(False)
        dialog.show()
        return dialog
