"""The Qt-free core imports no Qt, libVLC or audio device library (STYLE.md habit 1)."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "hitrecord_desktop.api.client",
    "hitrecord_desktop.api.tus_client",
    "hitrecord_desktop.api.token_store",
    "hitrecord_desktop.server.app",
    "hitrecord_desktop.server.demo",
    "hitrecord_desktop.connection",
    "hitrecord_desktop.local_community",
    "hitrecord_desktop.user_settings",
    "hitrecord_desktop.cli",
    "hitrecord_desktop.media.pcm_cache",
    "hitrecord_desktop.media.import_command",
    "hitrecord_desktop.media.preview_player",
    "hitrecord_desktop.video.video_player",
    "hitrecord_desktop.video.video_sync",
    "hitrecord_desktop.media.waveform_thumbnail",
    "hitrecord_desktop.media.video_thumbnails",
    "hitrecord_desktop.mixing.video_render",
    "hitrecord_desktop.mixing.offline_render",
    "hitrecord_desktop.mixing.render_command",
    "hitrecord_desktop.project.project_store",
    "hitrecord_desktop.project.commands",
    "hitrecord_desktop.project.snapping",
    "hitrecord_desktop.project.ruler_grid",
    "hitrecord_desktop.audio.take_writer",
    "hitrecord_desktop.audio.take_recovery",
    "hitrecord_desktop.sync.upload_engine",
    "hitrecord_desktop.sync.queue_watch",
    "hitrecord_desktop.sync.upload_command",
    "hitrecord_desktop.sync.sync_command",
    "hitrecord_desktop.sync.challenge_query",
    "hitrecord_desktop.sync.kept_challenges",
    "hitrecord_desktop.video.frame_source",
    "hitrecord_desktop.video.timeline_clock",
    "hitrecord_desktop.video.webcam_writer",
    "hitrecord_desktop.video.take_mux",
    "hitrecord_desktop.video.webcam_take",
    "hitrecord_desktop.video.webcam_recovery",
]


def test_core_imports_without_qt() -> None:
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6', 'vlc', 'sounddevice'):\n"
        "    sys.modules[name] = None\n"
        f"import importlib\nfor m in {CORE_MODULES!r}:\n    importlib.import_module(m)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
