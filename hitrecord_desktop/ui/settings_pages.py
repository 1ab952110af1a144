"""The pages of the settings dialog. Each page loads what it shows (slow parts on the
TaskRunner) and writes it back in `apply()`, to the store that already owns the value: the
user settings file (servers, media cache), the audio ChoiceStore, or QSettings (appearance)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..accounts import ServerCheck, set_current_server
from ..api.token_store import TokenStore
from ..paths import AppPaths
from ..sync.transfer_rate import format_bytes
from ..user_settings import (
    LOCAL,
    MIB,
    MIN_MEDIA_CACHE_LIMIT,
    load_settings,
    save_settings,
)
from .account_dialogs import AddServerDialog, SignInDialog
from .preferences import Preferences
from .task_owner import run_owned
from .tasks import TaskRunner
from .theme import ThemeChoice, ThemeManager

SAMPLE_RATES = (44_100, 48_000, 88_200, 96_000)
BUFFER_SIZES = (64, 128, 256, 512, 1024, 2048)
_SERVER_ROLE = Qt.ItemDataRole.UserRole


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setEnabled(False)  # drawn in the palette's quieter, disabled text colour
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
            _note(
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


class AudioPage(QWidget):
    """Devices, sample rate and buffer size of this machine (the audio ChoiceStore)."""

    def __init__(self, paths: AppPaths, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_audio")
        self._paths = paths
        self._choice: Any = None
        self.input = QComboBox(self)
        self.input.setAccessibleName(self.tr("Input device"))
        self.output = QComboBox(self)
        self.output.setAccessibleName(self.tr("Output device"))
        self.rate = QComboBox(self)
        self.rate.setAccessibleName(self.tr("Sample rate"))
        for rate in SAMPLE_RATES:
            self.rate.addItem(self.tr("{0} Hz").format(f"{rate:,}".replace(",", " ")), rate)
        self.buffer = QComboBox(self)
        self.buffer.setAccessibleName(self.tr("Buffer size"))
        for size in BUFFER_SIZES:
            self.buffer.addItem(self.tr("{0} samples").format(size), size)
        self.status = QLabel(self.tr("Looking for audio devices…"), self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Input:"), self.input),
            (self.tr("&Output:"), self.output),
            (self.tr("Sample &rate:"), self.rate),
            (self.tr("&Buffer size:"), self.buffer),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(
            _note(
                self.tr(
                    "A smaller buffer answers faster while you record but needs a quicker "
                    "computer; 256 samples suits most."
                ),
                self,
            )
        )
        layout.addStretch(1)
        for combo in (self.input, self.output):
            combo.addItem(self.tr("System default"), None)
        self.setEnabled(False)
        config_dir = paths.config_dir
        run_owned(tasks, self, lambda: _load_audio(config_dir), self._loaded, self._failed)

    def _loaded(self, loaded: tuple[Any, list[Any]]) -> None:
        choice, devices = loaded
        self._choice = choice
        for device in devices:
            if device.max_input_channels > 0:
                self.input.addItem(device.name, device.name)
            if device.max_output_channels > 0:
                self.output.addItem(device.name, device.name)
        self._select(self.input, choice.input_device)
        self._select(self.output, choice.output_device)
        self._select(self.rate, choice.sample_rate)
        self._select(self.buffer, choice.block_size)
        self.status.setText(self.tr("%n device(s) found.", "", len(devices)))
        self.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self.status.setText(self.tr("No audio devices could be listed: {0}").format(error))

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def apply(self) -> None:
        if self._choice is None:
            return
        import dataclasses

        from ..audio.devices import ChoiceStore

        choice = dataclasses.replace(
            self._choice,
            input_device=self.input.currentData(),
            output_device=self.output.currentData(),
            sample_rate=int(self.rate.currentData()),
            block_size=int(self.buffer.currentData()),
        )
        ChoiceStore(self._paths.config_dir).save(choice)
        self._choice = choice


def _load_audio(config_dir: Any) -> tuple[Any, list[Any]]:
    """On a worker thread: importing sounddevice starts PortAudio, which lists the devices."""
    from ..audio.devices import ChoiceStore, DeviceChoice, list_devices

    return ChoiceStore(config_dir).load() or DeviceChoice(), list_devices()


class StoragePage(QWidget):
    """How much space downloaded contributions may take (the media cache's limit)."""

    def __init__(self, paths: AppPaths, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_storage")
        self._paths = paths
        self.limit = QSpinBox(self)
        self.limit.setObjectName("settings_cache_limit")
        self.limit.setAccessibleName(self.tr("Media cache limit in MiB"))
        self.limit.setRange(MIN_MEDIA_CACHE_LIMIT // MIB, 1024 * 1024)
        self.limit.setSingleStep(256)
        self.limit.setSuffix(self.tr(" MiB"))
        self.limit.setValue(load_settings(paths.settings_file).media_cache_limit // MIB)
        self.usage = QLabel(self.tr("Measuring the cache…"), self)
        self.usage.setObjectName("settings_cache_usage")
        label = QLabel(self.tr("Keep at most:"), self)
        label.setBuddy(self.limit)
        form = QFormLayout()
        form.addRow(label, self.limit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.usage)
        layout.addWidget(
            _note(
                self.tr(
                    "Contributions you listen to are kept on disk for offline use; the least "
                    "recently used go first when the cache is full."
                ),
                self,
            )
        )
        layout.addStretch(1)
        run_owned(tasks, self, self._measure, self._measured, self._failed)

    def _measure(self) -> Any:
        from ..sync.media_cache import open_media_cache

        limit = load_settings(self._paths.settings_file).media_cache_limit
        return open_media_cache(self._paths, limit).usage()

    def _measured(self, usage: Any) -> None:
        self.usage.setText(
            self.tr("In use now: {0} in {1} file(s).").format(
                format_bytes(usage.total_bytes), usage.files
            )
        )

    def _failed(self, error: Exception) -> None:
        self.usage.setText(self.tr("The cache could not be measured: {0}").format(error))

    def apply(self) -> None:
        settings = load_settings(self._paths.settings_file)
        settings.set_media_cache_limit(self.limit.value() * MIB)
        save_settings(self._paths.settings_file, settings)


class AppearancePage(QWidget):
    """Theme (applied live) and language (from the next start)."""

    def __init__(
        self, preferences: Preferences, theme: ThemeManager | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_appearance")
        self._preferences, self._theme = preferences, theme
        self.theme = QComboBox(self)
        self.theme.setObjectName("settings_theme")
        self.theme.setAccessibleName(self.tr("Theme"))
        self.theme.addItem(self.tr("Follow the system"), ThemeChoice.SYSTEM.value)
        self.theme.addItem(self.tr("Dark"), ThemeChoice.DARK.value)
        self.theme.addItem(self.tr("Light"), ThemeChoice.LIGHT.value)
        self.theme.setCurrentIndex(self.theme.findData(preferences.theme.value))
        self.theme.currentIndexChanged.connect(self._preview_theme)
        self.language = QComboBox(self)
        self.language.setObjectName("settings_language")
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System language"), "")
        # Each language in its own words, so a person who cannot read the current one finds it.
        self.language.addItem("English", "en")
        self.language.addItem("Deutsch", "de")
        self.language.addItem("Italiano", "it")
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Theme:"), self.theme),
            (self.tr("&Language:"), self.language),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_note(self.tr("A new language is used from the next start."), self))
        layout.addStretch(1)
        self._initial_theme = theme.choice if theme is not None else preferences.theme

    def _preview_theme(self) -> None:
        if self._theme is not None:
            self._theme.apply(ThemeChoice(self.theme.currentData()))

    def revert(self) -> None:
        """Cancel: back to the theme the dialog opened with."""
        if self._theme is not None:
            self._theme.apply(self._initial_theme)

    def apply(self) -> None:
        self._preferences.theme = ThemeChoice(self.theme.currentData())
        self._preferences.language = str(self.language.currentData())
        self._initial_theme = self._preferences.theme
        self._preferences.sync()
