"""The animator's flow when their clip sits on a video track: Ctrl+Shift+U renders a video (the
picture of their clip with the community music under it) instead of a sound mix, shows its
progress, and uploads the MP4 as a video contribution built on both music pieces.

The same integrated window, local community and real widgets as test_animator_flow.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import av
import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QProgressDialog

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.paths import app_paths
from hitrecord_desktop.project.commands import AddTrack
from hitrecord_desktop.project.media_clips import media_for_file
from hitrecord_desktop.project.model import Clip, Track, TrackKind
from hitrecord_desktop.sync.upload_jobs import JobState
from tests.ui.flows import test_animator_flow
from tests.ui.flows.animator_support import App, click, make_animation
from tests.ui.flows.test_animator_flow import CTRL, MARIMBA, PLUCKED, SHIFT, WAIT, Flow

app = test_animator_flow.app  # the same window fixture

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("HITRECORD_TEST_PULSE"),
        reason="needs the PulseAudio test server: run under .ci/with-test-services",
    ),
    pytest.mark.timeout(240),
]


def test_animator_renders_and_uploads_a_video_of_their_clip_with_the_music(
    qtbot, qapp: QApplication, app: App, ui_watchdog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = app.window
    animation = make_animation(tmp_path / "media" / "paper-boats-cut.mp4")
    flow = Flow(qtbot, qapp, window)
    with ui_watchdog.watch():
        flow.connect()
        flow.open_paper_boats()
        document, project = flow.document, flow.document.project
        rate = project.sample_rate
        media = media_for_file(animation, PcmCache(app_paths().cache_dir / "pcm"), rate)
        own = Clip(media, position=0, trim_in=0, trim_out=media.frames)
        assert document.execute(AddTrack(Track("Animation", TrackKind.VIDEO, clips=[own])))
        for count, title in enumerate((PLUCKED, MARIMBA), start=3):
            flow.key(Qt.Key.Key_1, CTRL)
            qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0, timeout=WAIT)
            click(flow.rows[title].add)
            qtbot.waitUntil(lambda n=count: len(project.tracks) == n, timeout=WAIT)

        workspace = flow.workspace
        flow.view.setFocus()
        flow.key(Qt.Key.Key_U, CTRL | SHIFT)
        progress = workspace.findChild(QProgressDialog, "render_progress")
        assert progress is not None and progress.labelText() == "Rendering the video…"
        qtbot.waitUntil(lambda: getattr(workspace, "upload_dialog", None) is not None, timeout=WAIT)
        dialog = workspace.upload_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        credits = [dialog.credits.item(i).text() for i in range(dialog.credits.count())]
        assert len(credits) == 2 and any(PLUCKED in c for c in credits), credits
        request = dialog.request()
        assert request.media_kind == "video" and request.path.suffix == ".mp4"
        click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
        qtbot.waitUntil(lambda: dialog.job is not None, timeout=WAIT)
        job = dialog.job
        qtbot.waitUntil(lambda: job.id in flow.jobs and flow.jobs[job.id].finished, timeout=WAIT)
        done = flow.jobs[job.id]
        assert done.state is JobState.DONE, (done.state, done.note)

    # What the server holds: a video contribution, the rendered MP4 byte for byte.
    connection = window.connection
    assert connection is not None and connection.local is not None
    with PlatformClient(connection.local.url, token=connection.local.token) as client:
        found = [c for c in client.iter_contributions(project.challenge_id)]
        new = next(c for c in found if c.id == done.contribution_id)
        downloaded = client.download_media(new, tmp_path / "downloaded")
    assert new.kind == "video"
    assert downloaded.read_bytes() == done.path.read_bytes()
    with av.open(str(downloaded)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert (video.codec_context.name, audio.codec_context.name) == ("h264", "aac")
        seconds = container.duration / av.time_base
        first = next(container.decode(video)).to_ndarray(format="rgb24")
    assert abs(seconds - project.end() / rate) < 0.2, (seconds, project.end() / rate)
    assert first.std() > 30  # the animator's testsrc picture, not black
    plucked = project.tracks[2].clips[0]
    assert {r.contribution_id for r in new.built_on} == {
        plucked.media.contribution_id,
        project.tracks[3].clips[0].media.contribution_id,
    }
