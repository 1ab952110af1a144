"""Screenshot of the animator's workspace with video (`make screenshots`): the preview above the
timeline showing the frame at the playhead, the clip's film strip on its video track, the music
under it, and the recorder panel's camera section saying that no camera is here.

Drives the same window and steps as tests/ui/flows/test_animator_video_render.py, on a local
community in a throw-away home; needs the PulseAudio test server, else says so.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.paths import app_paths
from hitrecord_desktop.project.commands import AddTrack
from hitrecord_desktop.project.media_clips import media_for_file
from hitrecord_desktop.project.model import Clip, Track, TrackKind
from tests.ui.flows.animator_support import click, make_animation
from tests.ui.flows.conftest import integrated_window
from tests.ui.flows.test_animator_flow import CTRL, MARIMBA, WAIT, Flow
from tests.ui.screens_flows import _Bot

FILE_NAME = "workspace-video.png"


def capture(out_dir: Path) -> None:
    if not os.environ.get("HITRECORD_TEST_PULSE"):
        print("screens_video: skipped, needs the PulseAudio test server (.ci/with-test-services)")
        return
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_home = os.environ.get("HITRECORD_HOME")
    with tempfile.TemporaryDirectory(prefix="hitrecord-screens-") as home:
        os.environ["HITRECORD_HOME"] = home
        try:
            bot = _Bot()
            with integrated_window(bot, app) as driver:
                _animator(bot, app, driver.window, Path(home), out_dir)
        finally:
            if old_home is None:
                os.environ.pop("HITRECORD_HOME", None)
            else:
                os.environ["HITRECORD_HOME"] = old_home


def _animator(bot: _Bot, app: QApplication, window, home: Path, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    flow = Flow(bot, app, window)
    flow.connect()
    flow.open_paper_boats()
    document, project = flow.document, flow.document.project
    animation = make_animation(home / "media" / "paper-boats-cut.mp4", seconds=8.0)
    media = media_for_file(animation, PcmCache(app_paths().cache_dir / "pcm"), project.sample_rate)
    own = Clip(media, position=0, trim_in=0, trim_out=media.frames)
    assert document.execute(AddTrack(Track("Animation", TrackKind.VIDEO, clips=[own])))
    flow.key(Qt.Key.Key_1, CTRL)
    bot.waitUntil(lambda: window.tabs.currentIndex() == 0, timeout=WAIT)
    click(flow.rows[MARIMBA].add)
    bot.waitUntil(lambda: len(project.tracks) == 3, timeout=WAIT)
    workspace = flow.workspace
    workspace.audio.seek(int(2.5 * project.sample_rate))
    bot.waitUntil(lambda: workspace.video_view.isVisible(), timeout=WAIT)
    QTest.qWait(2500)  # the preview's frame, the film strip's thumbnails, the waveforms
    window.grab().save(str(out_dir / FILE_NAME))
