"""The singer, end to end through the integrated window: picks "Vocals wanted: Night Bus", adds
the backing track to a project, arms a track, sings three takes over a count-in, picks the
second, and uploads it; the take lands on the server with the backing track as its lineage."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from hitrecord_desktop.sync.project_uploads import media_path
from tests.ui.flows.conftest import RATE, WAIT_MS, WindowDriver, needs_pulse

pytestmark = [needs_pulse, pytest.mark.timeout(180)]

CHALLENGE = "Vocals wanted: Night Bus"
BACKING = "Night Bus (backing track)"
TAKE_SECONDS = 1.6


def test_singer_records_three_takes_and_uploads_the_second(
    qtbot, flow_window: WindowDriver, ui_watchdog
) -> None:  # type: ignore[no-untyped-def]
    driver, window = flow_window, flow_window.window
    driver.watchdog = ui_watchdog
    with ui_watchdog.watch():
        window.start()  # listing: the local community starts, its challenges are shown
        driver.wait_for_challenges()
        driver.select_challenge(CHALLENGE)
        assert BACKING in window.browser.detail.toPlainText()
        shown_before = len(window.browser.detail.contributions.rows)
        assert BACKING in driver.wait_for_waveforms()  # its sound, drawn in the detail pane
        # Downloading and decoding the backing track, then its waveform on the timeline.
        workspace, backing, backing_clip = driver.add_to_project(BACKING)
        assert backing.author.display_name == "Mara Okafor"
        driver.wait_until_playable(workspace)
        vocal = driver.arm(workspace, "Audio 1")
        driver.focus_timeline(workspace)
        assert workspace.audio.count_in_enabled  # the count-in is on by default
        assert workspace.transport.count_in_action.isChecked()

        takes = []
        for number in range(3):
            shots = (lambda: driver.grab(window, "singer-recording")) if number == 0 else None
            takes.append(driver.record_take(workspace, vocal.id, TAKE_SECONDS, during=shots))
        project = workspace.document.project
        vocal = project.track(vocal.id)
        assert [t.id for t in vocal.takes] == takes
        assert [t.name for t in vocal.takes] == ["Take 1", "Take 2", "Take 3"]

        # The second take, chosen with one click in the recorder panel's list.
        view = workspace.recorder.takes_view
        assert view.topLevelItemCount() == 3
        item = view.topLevelItem(1)
        assert item.text(1) == "Take 2"
        driver.wait_until_playable(workspace)  # the takes' waveforms are drawn too
        driver.grab(window, "singer-three-takes")
        workspace.recorder_area.ensureWidgetVisible(view)  # a person scrolls to the list
        view.scrollToItem(item)  # and to the row
        rect = view.visualItemRect(item)
        assert view.viewport().rect().contains(rect.center()), (rect, view.viewport().rect())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(lambda: project.track(vocal.id).active_take_id == takes[1], timeout=WAIT_MS)
        assert workspace.recorder.selected_take_id() == takes[1]
        assert view.topLevelItem(1).text(0) == "●"

        dialog = driver.open_upload_dialog(workspace)
        credits = [dialog.credits.item(i).text() for i in range(dialog.credits.count())]
        assert len(credits) == 1 and BACKING in credits[0] and "Mara Okafor" in credits[0], credits
        assert dialog.role.currentData() == "vocals"
        driver.grab(dialog, "singer-upload-dialog")

        job = driver.send(dialog)  # the upload engine sends it; the panel shows it done

        # The take now knows its contribution: its row says so, and it is not sent twice.
        def marked() -> bool:
            take = next(t for t in project.track(vocal.id).takes if t.id == takes[1])
            return take.clip.media.contribution_id == job.contribution_id

        qtbot.waitUntil(marked, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: view.topLevelItem(1).text(1) == "Take 2 (uploaded)", timeout=WAIT_MS
        )
        messages: list[str] = []
        workspace.status_message.connect(messages.append)
        assert workspace.upload_take() is None
        assert messages and f"contribution {job.contribution_id}" in messages[-1], messages

    chosen = next(t for t in project.track(vocal.id).takes if t.id == takes[1])
    take_file = media_path(workspace.document.folder, chosen.clip.media.path)
    uploaded = driver.the_new_contribution(backing.challenge_id, shown_before)
    assert uploaded.id == job.contribution_id
    assert uploaded.role == "vocals"
    assert uploaded.sha256 == hashlib.sha256(Path(take_file).read_bytes()).hexdigest()
    # Where the take sits against the backing track, from the project: in samples at 48 kHz.
    backing_now = next(
        c for t in project.tracks for c in t.clips if c.media.contribution_id == backing.id
    )
    assert backing_now.media_start == backing_clip.media_start
    offset = chosen.clip.media_start - backing_now.media_start
    lineage = [
        (r.contribution_id, r.offset_samples, r.sample_rate or RATE) for r in uploaded.built_on
    ]
    assert lineage == [(backing.id, offset, RATE)]
