"""The project core imports no Qt, libVLC or audio library (STYLE.md habit 1): it runs in the
CLI, the tests and a worker without a display."""

from __future__ import annotations

import subprocess
import sys


def test_project_package_imports_without_qt() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "for name in ('PySide6', 'shiboken6', 'vlc', 'sounddevice'):\n"
        "    sys.modules[name] = None\n"
        "import hitrecord_desktop.project as package\n"
        "names = [m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + '.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 14  # every module of the package was imported
