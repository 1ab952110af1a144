"""Our action names mapped to icon-font glyphs (qtawesome), drawn in the theme's colours.

Glyph icons are painted at whatever size and device pixel ratio Qt asks for, so they stay crisp
on high-DPI screens. Icons given to actions and buttons through `IconBinder.bind` are redrawn
when the theme changes.
"""

from __future__ import annotations

import weakref
from typing import Protocol

import qtawesome as qta

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from .theme import ThemeManager

Role = QPalette.ColorRole

ICON_NAMES: dict[str, str] = {
    "play": "fa6s.play",
    "stop": "fa6s.stop",
    "record": "fa6s.circle",
    "loop": "fa6s.repeat",
    "to_start": "fa6s.backward-step",
    "to_end": "fa6s.forward-step",
    "click": "mdi6.metronome",
    "count_in": "mdi6.timer-outline",
    "upload": "fa6s.cloud-arrow-up",
    "download": "fa6s.cloud-arrow-down",
    "pause": "fa6s.pause",
    "resume": "fa6s.play",
    "pause_all": "mdi6.pause-circle-outline",
    "resume_all": "mdi6.play-circle-outline",
    "retry": "fa6s.rotate-right",
    "cancel": "fa6s.xmark",
    "settings": "fa6s.gear",
    "add": "fa6s.plus",
    "remove": "fa6s.minus",
    "delete": "fa6s.trash-can",
    "split": "fa6s.scissors",
    "zoom_in": "fa6s.magnifying-glass-plus",
    "zoom_out": "fa6s.magnifying-glass-minus",
    "mute": "fa6s.volume-xmark",
    "solo": "fa6s.headphones",
    "arm": "mdi6.record-circle-outline",
    "sign_in": "fa6s.right-to-bracket",
    "sign_out": "fa6s.right-from-bracket",
    "server": "fa6s.server",
    "credits": "fa6s.users",
    "open": "fa6s.folder-open",
    "save": "fa6s.floppy-disk",
    "undo": "fa6s.rotate-left",
    "redo": "fa6s.rotate-right",
    "refresh": "fa6s.arrows-rotate",
    "search": "fa6s.magnifying-glass",
    "warning": "fa6s.triangle-exclamation",
    "error": "fa6s.circle-exclamation",
    "done": "fa6s.check",
    "offline": "mdi6.cloud-off-outline",
    "theme": "fa6s.circle-half-stroke",
    "audio": "fa6s.sliders",
    "storage": "fa6s.hard-drive",
    "account": "fa6s.user",
}
# Actions whose colour means something keep it in both themes.
_FIXED_COLOURS = {"record": "#e5484d", "arm": "#e5484d"}


class _Iconable(Protocol):
    def setIcon(self, icon: QIcon) -> None: ...


def themed_icon(name: str, palette: QPalette) -> QIcon:
    """The icon of an action name, in the palette's text colour (greyed when disabled)."""
    try:
        glyph = ICON_NAMES[name]
    except KeyError:
        raise KeyError(f"no icon for action {name!r}; add it to ICON_NAMES") from None
    colour = QColor(_FIXED_COLOURS.get(name, palette.color(Role.ButtonText).name()))
    disabled = palette.color(QPalette.ColorGroup.Disabled, Role.ButtonText)
    return qta.icon(
        glyph,
        color=colour,
        color_disabled=disabled,
        color_active=colour,
        color_selected=palette.color(Role.HighlightedText),
    )


class IconBinder(QObject):
    """Gives actions and buttons their icons, and redraws them when the theme changes."""

    def __init__(self, theme: ThemeManager, parent: QObject | None = None) -> None:
        super().__init__(parent or theme)
        # qtawesome reads its fonts and glyph maps at the first icon (~70-100 ms): here, at start
        # before the event loop runs, not when the uploads panel appears in a running window.
        qta.icon(ICON_NAMES["done"])
        self._theme = theme
        self._bound: list[tuple[weakref.ref[_Iconable], str]] = []
        theme.theme_applied.connect(self.refresh)

    def icon(self, name: str) -> QIcon:
        return themed_icon(name, QApplication.palette())

    def bind(self, target: _Iconable, name: str) -> None:
        """Sets the icon now and again after every theme change, while `target` lives."""
        target.setIcon(self.icon(name))
        self._bound.append((weakref.ref(target), name))

    def refresh(self, _dark: bool = False) -> None:
        alive: list[tuple[weakref.ref[_Iconable], str]] = []
        for ref, name in self._bound:
            target = ref()
            if target is None:
                continue
            try:
                target.setIcon(self.icon(name))
            except RuntimeError:  # the C++ object is gone
                continue
            alive.append((ref, name))
        self._bound = alive
