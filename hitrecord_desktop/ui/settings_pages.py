"""The audio, storage and appearance pages of the settings dialog (account: account_page.py).
Each page loads what it shows (slow parts on the TaskRunner) and writes it back in `apply()`, to
the store that already owns the value: the audio ChoiceStore, the user settings file (media
cache), or QSettings (appearance)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..paths import AppPaths
from ..sync.transfer_rate import format_bytes
from ..user_settings import (
    MIB,
    MIN_MEDIA_CACHE_LIMIT,
    load_settings,
    save_settings,
)
from .account_page import quiet_note
from .preferences import Preferences
from .task_owner import run_owned
from .tasks import TaskRunner
from .theme import ThemeChoice, ThemeManager

SAMPLE_RATES = (44_100, 48_000, 88_200, 96_000)
BUFFER_SIZES = (64, 128, 256, 512, 1024, 2048)


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
            quiet_note(
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
        self.limit.setMaximumWidth(180)
        self.usage = QLabel(self.tr("Measuring the cache…"), self)
        self.usage.setObjectName("settings_cache_usage")
        self.clear_button = QPushButton(self.tr("&Empty the cache now"), self)
        self.clear_button.setAccessibleName(self.tr("Empty the media cache"))
        self.clear_button.clicked.connect(self.clear_cache)
        self._tasks = tasks
        label = QLabel(self.tr("Keep at most:"), self)
        label.setBuddy(self.limit)
        form = QFormLayout()
        form.addRow(label, self.limit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        usage_row = QHBoxLayout()
        usage_row.addWidget(self.usage, 1)
        usage_row.addWidget(self.clear_button)
        layout.addLayout(usage_row)
        layout.addWidget(
            quiet_note(
                self.tr(
                    "Contributions you listen to are kept on disk for offline use; the least "
                    "recently used go first when the cache is full."
                ),
                self,
            )
        )
        layout.addStretch(1)
        run_owned(tasks, self, self._measure, self._measured, self._failed)

    def _measure(self, clear: bool = False) -> Any:
        from ..sync.media_cache import open_media_cache

        limit = load_settings(self._paths.settings_file).media_cache_limit
        cache = open_media_cache(self._paths, limit)
        if clear:
            cache.clear()  # files in use (pinned, downloading) stay
        return cache.usage()

    def clear_cache(self) -> None:
        self.clear_button.setEnabled(False)
        self.usage.setText(self.tr("Emptying the cache…"))

        def done(usage: Any) -> None:
            self.clear_button.setEnabled(True)
            self._measured(usage)

        run_owned(self._tasks, self, lambda: self._measure(clear=True), done, self._failed)

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
        layout.addWidget(quiet_note(self.tr("A new language is used from the next start."), self))
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
