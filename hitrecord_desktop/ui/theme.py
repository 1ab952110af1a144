"""The app's look: Fusion with a dark or a light palette, following the system's colour scheme
unless the person chose one, switched live."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    DARK = "dark"
    LIGHT = "light"


_DARK = {
    # Fusion outlines indicators and frames in Window.darker(140): Base must stay lighter than
    # that outline, or radio buttons and check boxes lose their edges.
    Role.Window: "#2b2d31",
    Role.WindowText: "#e6e6e6",
    Role.Base: "#34363c",
    Role.AlternateBase: "#3a3c42",
    Role.ToolTipBase: "#3a3d42",
    Role.ToolTipText: "#f0f0f0",
    Role.Text: "#e6e6e6",
    Role.Button: "#3c3f45",
    Role.ButtonText: "#e6e6e6",
    Role.BrightText: "#ff6b6b",
    Role.Highlight: "#3d7fd9",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#6aa7ff",
    Role.LinkVisited: "#b28cff",
    Role.Light: "#4a4d53",
    Role.Midlight: "#3f4247",
    Role.Mid: "#2f3136",
    Role.Dark: "#18191b",
    Role.Shadow: "#000000",
    Role.PlaceholderText: "#8c8f94",
    Role.Accent: "#3d7fd9",
}
_LIGHT = {
    Role.Window: "#f3f3f4",
    Role.WindowText: "#1d1d1f",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f5f6f8",
    Role.ToolTipBase: "#ffffe8",
    Role.ToolTipText: "#1d1d1f",
    Role.Text: "#1d1d1f",
    Role.Button: "#e9e9eb",
    Role.ButtonText: "#1d1d1f",
    Role.BrightText: "#c62828",
    Role.Highlight: "#2f6fc9",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#1a5fb4",
    Role.LinkVisited: "#6a3fb4",
    Role.Light: "#ffffff",
    Role.Midlight: "#f0f0f0",
    Role.Mid: "#b9b9bd",
    Role.Dark: "#8e8e93",
    Role.Shadow: "#505055",
    Role.PlaceholderText: "#7d7d82",
    Role.Accent: "#2f6fc9",
}
_DISABLED_TEXT = {"dark": "#75787d", "light": "#a0a0a5"}


def make_palette(dark: bool) -> QPalette:
    """The full palette, disabled group included (Fusion reads it for greyed-out widgets)."""
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_DISABLED_TEXT["dark" if dark else "light"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.HighlightedText):
        palette.setColor(Group.Disabled, role, disabled)
    palette.setColor(Group.Disabled, Role.Highlight, palette.color(Role.Mid))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


class ThemeManager(QObject):
    """Applies a ThemeChoice to the application; with SYSTEM it follows the system's scheme
    (QStyleHints.colorSchemeChanged) as it changes."""

    theme_applied = Signal(bool)  # dark: True, light: False — after the palette is set

    def __init__(self, app: QApplication, choice: ThemeChoice = ThemeChoice.SYSTEM) -> None:
        super().__init__(app)
        self._app = app
        self._choice = ThemeChoice(choice)
        self.dark = False
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply(self._choice)

    @property
    def choice(self) -> ThemeChoice:
        return self._choice

    def detach(self) -> None:
        """Stops following the system (another manager takes over, e.g. in tests)."""
        self._app.styleHints().colorSchemeChanged.disconnect(self._system_changed)

    def system_is_dark(self) -> bool:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def apply(self, choice: ThemeChoice | str, system_scheme: Qt.ColorScheme | None = None) -> None:
        """Switches now: every widget repaints with the new palette."""
        self._choice = ThemeChoice(choice)
        if self._choice is ThemeChoice.SYSTEM:
            scheme = system_scheme or QGuiApplication.styleHints().colorScheme()
            dark = scheme == Qt.ColorScheme.Dark
        else:
            dark = self._choice is ThemeChoice.DARK
        self.dark = dark
        self._app.setPalette(make_palette(dark))
        self.theme_applied.emit(dark)

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        if self._choice is ThemeChoice.SYSTEM:
            self.apply(ThemeChoice.SYSTEM, scheme)
