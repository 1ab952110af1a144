"""The sync package imports no Qt, libVLC or audio library (STYLE.md habit 1): the CLI and tests
use it without a display."""

from __future__ import annotations

import subprocess
import sys


def test_every_sync_module_imports_without_qt() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "for name in ('PySide6', 'shiboken6', 'vlc', 'sounddevice'):\n"
        "    sys.modules[name] = None\n"
        "import hitrecord_desktop.sync as package\n"
        "names = [m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + '.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(' '.join(sorted(names)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    imported = set(result.stdout.split())
    for module in (
        "media_cache",
        "prefetch",
        "media_preview",
        "challenge_cache",
        "offline_browser",
    ):
        assert f"hitrecord_desktop.sync.{module}" in imported
