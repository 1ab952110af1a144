"""The voice actor, end to end through the integrated window: opens "Narrate this short: The
Lighthouse", adds the film (its sound: video preview is another issue's), records narration,
nudges the take with the arrow keys, and uploads it; the platform gets the narration lined up
against the film where it was nudged to, not where it was first recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from hitrecord_desktop.sync.project_uploads import Credit, media_path
from hitrecord_desktop.ui.upload_dialog import credit_line
from tests.ui.flows.conftest import RATE, WAIT_MS, WindowDriver, needs_pulse

pytestmark = [needs_pulse, pytest.mark.timeout(180)]

CHALLENGE = "Narrate this short: The Lighthouse"
FILM = "The Lighthouse (picture)"


def test_voice_actor_nudges_the_narration_and_uploads_it_in_sync(
    qtbot, flow_window: WindowDriver, ui_watchdog
) -> None:  # type: ignore[no-untyped-def]
    driver, window = flow_window, flow_window.window
    driver.watchdog = ui_watchdog
    with ui_watchdog.watch():
        window.start()
        driver.wait_for_challenges()
        driver.select_challenge(CHALLENGE)
        shown_before = len(window.browser.detail.contributions.rows)
        assert FILM in driver.wait_for_waveforms()  # its sound, drawn in the detail pane
        workspace, film, film_clip = driver.add_to_project(FILM)
        assert film.kind == "video" and film.author.display_name == "June Park"
        driver.wait_until_playable(workspace)  # the film's sound, decoded off the GUI thread
        narration = driver.arm(workspace, "Audio 1")
        view = driver.focus_timeline(workspace)
        take_id = driver.record_take(workspace, narration.id, 2.0, stop_key=Qt.Key.Key_Space)
        project = workspace.document.project
        take = next(t for t in project.track(narration.id).takes if t.id == take_id)
        recorded_at = take.clip.position
        # The recorded lineage: the film, at the offset the take was recorded at.
        assert [(e.contribution_id, e.offset_samples) for e in take.clip.media.built_on] == [
            (film.id, take.clip.media_start - film_clip.media_start)
        ]

        # Click the take's clip on the timeline, then nudge it one step right with the arrow key.
        item = workspace.timeline.timeline.clip_item(take.clip.id)
        assert item is not None and item.is_take
        workspace.timeline.view.ensureVisible(item)
        centre = view.mapFromScene(item.sceneBoundingRect().center())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.waitUntil(
            lambda: workspace.timeline.selected_clip_ids() == [take.clip.id], timeout=WAIT_MS
        )
        assert workspace.timeline.view.snap_enabled  # one press moves one beat
        beat = round(project.tempo.samples_per_beat(project.sample_rate))
        driver.key(workspace, Qt.Key.Key_Right)
        qtbot.waitUntil(
            lambda: _take_clip(project, narration.id, take_id).position != recorded_at,
            timeout=WAIT_MS,
        )
        moved = _take_clip(project, narration.id, take_id)
        assert moved.position == recorded_at + beat
        # Down moves a clip to the next track (keys act at once); a take stays on its track.
        driver.key(workspace, Qt.Key.Key_Down)
        assert project.track(narration.id).takes[0].id == take_id
        assert _take_clip(project, narration.id, take_id).position == moved.position

        dialog = driver.open_upload_dialog(workspace)
        credits = [dialog.credits.item(i).text() for i in range(dialog.credits.count())]
        # The person sees, before sending, that the film is credited where the take sits now.
        shown_offset = (moved.media_start - film_clip.media_start) / project.sample_rate
        assert credits == [credit_line(Credit(film.id, shown_offset, FILM, "June Park"))]
        assert dialog.role.currentData() == "narration"
        job = driver.send(dialog)

    take_file = media_path(workspace.document.folder, moved.media.path)
    uploaded = driver.the_new_contribution(film.challenge_id, shown_before)
    assert uploaded.id == job.contribution_id and uploaded.role == "narration"
    assert uploaded.sha256 == hashlib.sha256(Path(take_file).read_bytes()).hexdigest()
    film_now = next(
        c for t in project.tracks for c in t.clips if c.media.contribution_id == film.id
    )
    nudged_offset = moved.media_start - film_now.media_start
    assert nudged_offset == take.clip.media.built_on[0].offset_samples + beat
    assert [
        (r.contribution_id, r.offset_samples, r.sample_rate or RATE) for r in uploaded.built_on
    ] == [(film.id, nudged_offset, RATE)]


def _take_clip(project, track_id: str, take_id: str):  # type: ignore[no-untyped-def]
    return next(t.clip for t in project.track(track_id).takes if t.id == take_id)
