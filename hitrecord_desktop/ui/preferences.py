"""The Qt side's own settings (QSettings): theme, language and window state. Everything else the
app remembers lives in the Qt-free user settings (user_settings.py) or the keyring."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from .theme import ThemeChoice

LANGUAGES = ("en", "de", "it")  # English is the source language


class Preferences:
    """Typed access to QSettings; pass a QSettings (tests use an INI file in a temp folder) or
    get the application's own (organisation and application names set by launch.py)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings if settings is not None else QSettings()

    @property
    def theme(self) -> ThemeChoice:
        value = str(self.qsettings.value("appearance/theme", ThemeChoice.SYSTEM.value))
        try:
            return ThemeChoice(value)
        except ValueError:
            return ThemeChoice.SYSTEM

    @theme.setter
    def theme(self, choice: ThemeChoice) -> None:
        self.qsettings.setValue("appearance/theme", ThemeChoice(choice).value)

    @property
    def language(self) -> str:
        """ "en", "de" or "it"; "" means: the system's language, if we have it."""
        value = str(self.qsettings.value("appearance/language", ""))
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, code: str) -> None:
        self.qsettings.setValue("appearance/language", code if code in LANGUAGES else "")

    def sync(self) -> None:
        self.qsettings.sync()
