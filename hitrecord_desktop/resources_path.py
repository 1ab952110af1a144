"""Where the files of resources/ are: beside the package in a source tree, inside the bundle
when frozen by PyInstaller (the spec copies them to `resources/` under sys._MEIPASS).

Every reader of resources/ asks here, so a bundle that forgot a file fails the same way a
source tree would, and the self-check can see it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding translations/, icons/, self-check/ and the API documents."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A file or folder under resources/, e.g. resource("translations")."""
    return resources_dir().joinpath(*parts)
