"""The take writer and recovery are core code: no Qt and no audio device library."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "hitrecord_desktop.audio.sample_ring",
    "hitrecord_desktop.audio.take_writer",
    "hitrecord_desktop.audio.take_recovery",
    "hitrecord_desktop.audio.recover_command",
]


def test_audio_core_imports_without_qt_or_sounddevice() -> None:
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6', 'vlc', 'sounddevice'):\n"
        "    sys.modules[name] = None\n"
        f"import importlib\nfor m in {MODULES!r}:\n    importlib.import_module(m)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
