"""The app's look at start, in one call for the composition root: the saved language's
translators, the theme (following the system unless chosen), and the themed icons."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from .icons import IconBinder
from .preferences import Preferences
from .theme import ThemeManager
from .translations import install_translations


@dataclass
class Look:
    theme: ThemeManager
    icons: IconBinder
    translators: list[QTranslator]


def set_up_look(app: QApplication, preferences: Preferences) -> Look:
    """Call after the application's names are set and before any window is built (widgets
    take their strings when they are made)."""
    translators = install_translations(app, preferences.language)
    theme = ThemeManager(app, preferences.theme)
    return Look(theme, IconBinder(theme), translators)
