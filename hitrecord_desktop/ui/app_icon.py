"""The app's icon for its windows, the task bar and the dialogs, from the PNGs that
installers/make_icons.py renders into resources/icons/."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from ..resources_path import resource

# The same names as the installers' icons (and the .desktop file's Icon=).
ICON_NAME = "hitrecord-desktop"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
# The freedesktop desktop entry's name without ".desktop": Wayland compositors find the task-bar
# icon through it, X11 ones through StartupWMClass.
DESKTOP_FILE_NAME = "org.hitrecord.Desktop"


def icons_dir() -> Path:
    return resource("icons")


def app_icon(folder: Path | None = None) -> QIcon:
    """Every size that exists; an empty icon (Qt's default) if none does."""
    folder = folder or icons_dir()
    icon = QIcon()
    for size in ICON_SIZES:
        path = folder / f"{ICON_NAME}-{size}.png"
        if path.exists():
            icon.addFile(str(path))
    return icon
