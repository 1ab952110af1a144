"""The video core imports no Qt (libVLC only when a player starts)."""

from __future__ import annotations

import subprocess
import sys


def test_video_package_imports_without_qt_or_libvlc() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "for name in ('PySide6', 'shiboken6', 'vlc', 'sounddevice'):\n"
        "    sys.modules[name] = None\n"
        "import hitrecord_desktop.video as package\n"
        "names = [m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + '.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 3
