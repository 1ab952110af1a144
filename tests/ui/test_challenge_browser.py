"""The challenge browser against the real demo server: filters agree with the server's own
answer, the detail lists contributions with drawn waveforms, previews play through libVLC, and
add-to-project / open-project carry the right ids. The watchdog watches the loading."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.media.preview_player import PLAYING
from hitrecord_desktop.sync.challenge_query import ChallengeQuery
from hitrecord_desktop.sync.media_cache import MediaCache
from hitrecord_desktop.ui.challenge_browser import ChallengeBrowser
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.support.live_server import LiveServer
from tests.support.ui_watchdog import UiWatchdog

NIGHT_BUS = "Vocals wanted: Night Bus"
# libVLC plays to PulseAudio's null sink under .ci/with-test-services, else to no device.
AUDIO_OUTPUT = None if os.environ.get("HITRECORD_TEST_PULSE") else "dummy"


def make_browser(qtbot, qapp, tmp_path: Path) -> ChallengeBrowser:  # type: ignore[no-untyped-def]
    tasks = TaskRunner(qapp)  # owned by the app, as in launch.py
    browser = ChallengeBrowser(
        tasks, MediaCache(tmp_path / "media", 1 << 30), tmp_path / "pcm", AUDIO_OUTPUT
    )
    qtbot.addWidget(browser)
    browser.resize(1200, 760)
    browser.show()
    return browser


@pytest.fixture
def browser(qtbot, qapp, tmp_path: Path, live_server: LiveServer) -> Iterator[ChallengeBrowser]:  # type: ignore[no-untyped-def]
    widget = make_browser(qtbot, qapp, tmp_path)
    widget.attach(PlatformClient(live_server.url))
    qtbot.waitUntil(lambda: widget.model.complete and widget.model.rowCount() > 0, timeout=15000)
    yield widget
    close(widget)


def close(browser: ChallengeBrowser) -> None:
    """As the window will: drop what is pending, then let running downloads end before the
    test's folders go."""
    browser.shutdown()
    browser._tasks.wait(15000)


def shown_ids(browser: ChallengeBrowser) -> list[int]:
    return [browser.model.challenge_at(r).id for r in range(browser.model.rowCount())]  # type: ignore[union-attr]


def server_ids(live_server: LiveServer, query: ChallengeQuery) -> list[int]:
    with PlatformClient(live_server.url) as client:
        return [c.id for c in client.iter_challenges(**query.params(limit=100))]


def select_challenge(qtbot, browser: ChallengeBrowser, title: str) -> None:  # type: ignore[no-untyped-def]
    titles = [browser.model.challenge_at(r).title for r in range(browser.model.rowCount())]  # type: ignore[union-attr]
    browser.table.selectRow(titles.index(title))
    qtbot.waitUntil(lambda: bool(browser.detail.contributions.rows), timeout=10000)


def test_listing_shows_the_servers_open_challenges_without_a_stall(
    qtbot, qapp, tmp_path: Path, live_server: LiveServer, ui_watchdog: UiWatchdog
) -> None:  # type: ignore[no-untyped-def]
    widget = make_browser(qtbot, qapp, tmp_path)
    with ui_watchdog.watch():
        widget.attach(PlatformClient(live_server.url))
        qtbot.waitUntil(lambda: widget.model.complete and widget.model.rowCount() > 0)
        qtbot.waitUntil(lambda: widget.detail.challenge is not None)  # the first is selected
    assert shown_ids(widget) == server_ids(live_server, ChallengeQuery())
    assert widget.filters.count.text() == f"{widget.model.rowCount()} challenges"
    assert not widget.banner.isVisible()
    close(widget)


@pytest.mark.parametrize(
    ("search", "combo", "value"),
    [
        ("paper boa", None, None),
        ("", "role", "narration"),
        ("", "kind", "video"),
        ("", "status", "closed"),
        ("", "status", "any"),
        ("", "sort", "most_contributed"),
        ("", "sort", "deadline"),
    ],
)
def test_search_and_filters_narrow_the_list_as_the_server_does(
    qtbot, browser: ChallengeBrowser, live_server: LiveServer, search: str, combo, value
) -> None:  # type: ignore[no-untyped-def]
    before = shown_ids(browser)
    if search:
        qtbot.keyClicks(browser.filters.search, search)  # debounced: one query when typing stops
    else:
        browser.filters.select(getattr(browser.filters, combo), value)
    query = browser.query()
    expected = server_ids(live_server, query)
    assert expected != before or combo == "sort"  # the filter really changes the answer
    qtbot.waitUntil(
        lambda: browser.model.complete and shown_ids(browser) == expected, timeout=10000
    )
    if search:
        assert [browser.model.challenge_at(0).title] == ["Music for my animation: Paper Boats"]  # type: ignore[union-attr]


def test_detail_shows_brief_and_contributions_with_drawn_waveforms(
    qtbot, browser: ChallengeBrowser, ui_watchdog: UiWatchdog
) -> None:  # type: ignore[no-untyped-def]
    with ui_watchdog.watch():  # downloading and decoding run off the GUI thread
        select_challenge(qtbot, browser, NIGHT_BUS)
        rows = browser.detail.contributions.rows
        qtbot.waitUntil(lambda: all(r.waveform.thumbnail for r in rows.values()), timeout=20000)
    text = browser.detail.toPlainText()
    assert "96 BPM" in text
    assert "Reference media: Night Bus (backing track)" in text
    assert "High harmony from bar 3" in text
    assert "built on: Night Bus (backing track)" in text
    assert len(rows) == 3
    for row in rows.values():
        assert 10 < row.duration_s < 30  # type: ignore[operator]
        assert row.meta.text().endswith(f"0:{round(row.duration_s):02d}")  # type: ignore[arg-type]
        image = row.waveform.grab().toImage()
        wave = row.waveform.palette().color(QPalette.ColorRole.Accent)
        drawn = sum(
            1
            for x in range(0, image.width(), 2)
            for y in range(image.height())
            if _close(QColor(image.pixel(x, y)), wave)
        )
        assert drawn > image.width() * image.height() * 0.05, "no waveform drawn"


def test_preview_plays_and_stops_with_space(
    qtbot, browser: ChallengeBrowser, ui_watchdog: UiWatchdog
) -> None:  # type: ignore[no-untyped-def]
    select_challenge(qtbot, browser, NIGHT_BUS)
    contributions = browser.detail.contributions
    first = contributions.selected()
    assert first is not None
    row = contributions.rows[first.id]
    times: list[int] = []
    browser.preview.state_changed.connect(lambda _k, state, ms, _m: times.append(ms))
    with ui_watchdog.watch():
        contributions.setFocus()
        qtbot.keyClick(contributions, Qt.Key.Key_Space)
        qtbot.waitUntil(
            lambda: browser.preview.state == PLAYING and max(times) >= 500, timeout=15000
        )
        assert browser.preview.playing_key == first.id
        assert row.play.accessibleName() == f"Stop {first.title}"
        qtbot.keyClick(contributions, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: browser.preview.playing_key is None, timeout=10000)
    assert row.play.accessibleName() == f"Play {first.title}"
    playing_times = [t for t in times if t > 0]
    assert len(set(playing_times)) >= 2 and playing_times == sorted(playing_times)  # time advanced


def test_play_button_switches_the_preview_to_another_contribution(
    qtbot, browser: ChallengeBrowser
) -> None:  # type: ignore[no-untyped-def]
    select_challenge(qtbot, browser, NIGHT_BUS)
    rows = list(browser.detail.contributions.rows.values())
    rows[0].play.click()
    qtbot.waitUntil(lambda: browser.preview.state == PLAYING, timeout=15000)
    rows[1].play.click()
    key = rows[1].contribution.id
    qtbot.waitUntil(
        lambda: browser.preview.playing_key == key and browser.preview.state == PLAYING,
        timeout=15000,
    )
    assert not rows[0].play.accessibleName().startswith("Stop")
    rows[1].play.click()
    qtbot.waitUntil(lambda: browser.preview.playing_key is None, timeout=10000)


def test_add_to_project_and_open_project_carry_the_right_ids(
    qtbot, browser: ChallengeBrowser
) -> None:  # type: ignore[no-untyped-def]
    select_challenge(qtbot, browser, NIGHT_BUS)
    challenge = browser.selected_challenge()
    assert challenge is not None
    contributions = browser.detail.contributions
    second = list(contributions.rows.values())[1]
    with qtbot.waitSignal(browser.add_to_project_requested) as added:
        second.add.click()
    assert [added.args[0].id, added.args[1].id] == [challenge.id, second.contribution.id]
    contributions.setCurrentRow(2)
    third = contributions.selected()
    contributions.setFocus()
    with qtbot.waitSignal(browser.add_to_project_requested) as added:
        qtbot.keyClick(
            contributions,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert [added.args[0].id, added.args[1].id] == [challenge.id, third.id]  # type: ignore[union-attr]
    browser.table.setFocus()
    with qtbot.waitSignal(browser.open_project_requested) as opened:
        qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    assert opened.args[0].id == challenge.id
    with qtbot.waitSignal(browser.open_project_requested) as opened:
        browser.detail.open_project.click()
    assert opened.args[0].id == challenge.id


def test_keyboard_paths_names_and_tab_order(qtbot, browser: ChallengeBrowser) -> None:  # type: ignore[no-untyped-def]
    select_challenge(qtbot, browser, NIGHT_BUS)
    browser.table.setFocus()
    qtbot.keyClick(browser.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert browser.filters.search.hasFocus()
    chain = [browser.filters.search]
    widget: QWidget = browser.filters.search
    for _ in range(12):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        if widget is browser.filters.search:
            break
        chain.append(widget)
    names = [w.objectName() for w in chain]
    order = ["challenge_search", "challenge_role", "challenge_kind", "challenge_status",
             "challenge_sort", "challenge_table", "detail_brief", "open_project",
             "contribution_list"]  # fmt: skip
    assert [n for n in names if n in order] == order
    interactive = browser.findChildren(QWidget)
    for child in interactive:
        if child.isVisible() and child.focusPolicy() != Qt.FocusPolicy.NoFocus:
            assert child.accessibleName(), child.objectName() or type(child).__name__
    for row in browser.detail.contributions.rows.values():
        assert row.play.accessibleName() and row.add.accessibleName()


def test_offline_shows_the_kept_list_marked_offline(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    widget = make_browser(qtbot, qapp, tmp_path)
    server = LiveServer(tmp_path / "server", demo=True).start()
    try:
        widget.attach(PlatformClient(server.url))
        qtbot.waitUntil(
            lambda: widget.model.complete and widget.model.rowCount() > 0, timeout=15000
        )
        online = shown_ids(widget)
        select_challenge(qtbot, widget, NIGHT_BUS)
    finally:
        server.stop()
    widget.reload()
    qtbot.waitUntil(lambda: widget.model.complete and widget.banner.isVisible(), timeout=15000)
    assert shown_ids(widget) == online
    assert widget.banner.label.text().startswith("Offline")
    select_challenge(qtbot, widget, NIGHT_BUS)  # the kept contributions, too
    assert len(widget.detail.contributions.rows) == 3
    close(widget)


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_at_start_the_kept_list_shows_before_the_server_answers(
    qtbot, qapp, tmp_path: Path, live_server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.sync.challenge_cache import ChallengeCache

    store = ChallengeCache.open(tmp_path / "cache", "local")
    assert store is not None
    earlier = make_browser(qtbot, qapp, tmp_path / "earlier")
    client = PlatformClient(live_server.url)
    client.use_answer_store(store)
    earlier.attach(client)  # the last run: its answers are kept on disk
    qtbot.waitUntil(lambda: earlier.model.complete and earlier.model.rowCount() > 0)
    seen = shown_ids(earlier)
    close(earlier)

    widget = make_browser(qtbot, qapp, tmp_path / "now")
    widget.show_kept(store)  # no client yet: the local community is still starting
    qtbot.waitUntil(lambda: widget.model.complete and widget.model.rowCount() > 0, timeout=5000)
    assert shown_ids(widget) == seen
    assert not widget.banner.isVisible()  # not offline: the server was not even asked yet
    widget.attach(PlatformClient(live_server.url))
    qtbot.waitUntil(lambda: bool(widget.detail.contributions.rows) or widget.model.complete)
    qtbot.waitUntil(lambda: widget.model.complete and shown_ids(widget) == seen)
    assert not widget.banner.isVisible()
    close(widget)


def test_with_nothing_kept_the_list_waits_for_the_server_quietly(
    qtbot, qapp, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.sync.challenge_cache import ChallengeCache

    widget = make_browser(qtbot, qapp, tmp_path)
    failures: list[str] = []
    widget.load_failed.connect(failures.append)
    widget.show_kept(ChallengeCache.open(tmp_path / "cache", "local"))
    qtbot.waitUntil(lambda: widget.model.complete)
    assert widget.model.rowCount() == 0 and failures == []
    close(widget)


def test_a_video_without_sound_says_so_in_place_of_a_waveform(
    qtbot, browser: ChallengeBrowser
) -> None:  # type: ignore[no-untyped-def]
    select_challenge(qtbot, browser, "Music for my animation: Paper Boats")
    rows = browser.detail.contributions.rows
    qtbot.waitUntil(
        lambda: all(
            r.waveform.thumbnail or r.waveform.message.startswith("video") for r in rows.values()
        ),
        timeout=20000,
    )
    words = {r.contribution.title: r.waveform.message for r in rows.values()}
    assert words["Paper Boats (animation)"] == "video without sound"
    assert words["Plucked strings, light"] == ""  # drawn


def test_a_video_contribution_is_watched_streamed_in_the_detail_pane(
    qtbot, qapp, fresh_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Before it is added or downloaded, a video contribution plays from the platform's media
    URL (libVLC, Range) with its picture in the detail pane; stop hides the picture. A server of
    its own: the shared one's challenge list is counted by other tests."""
    from tests.api.helpers import unique_name, upload, upload_id_from_url
    from tests.support.video_clips import write_video
    from tests.uploads.conftest import sign_up

    _name, client = sign_up(fresh_server.url)
    with client:
        challenge = client.create_challenge(
            "Narrate this short: Lighthouse", "Read the lines.", ["narration"], "video"
        )
        film = write_video(tmp_path / "lighthouse.mp4", 6.0, fps=24, tone_hz=440.0)
        url = upload(client, film, chunk_size=1024 * 1024)
        made = client.create_contribution(
            upload_id_from_url(url), challenge.id, "Lighthouse cut", "narration", (),
            idempotency_key=f"job-{unique_name()}", kind="video",
        )  # fmt: skip
    assert made.kind == "video"
    browser = make_browser(qtbot, qapp, tmp_path)
    browser.attach(PlatformClient(fresh_server.url))
    try:
        _watch_the_video(qtbot, browser, challenge, made)
    finally:
        close(browser)


def _watch_the_video(qtbot, browser: ChallengeBrowser, challenge, made) -> None:  # type: ignore[no-untyped-def]
    from hitrecord_desktop.media.preview_player import STOPPED
    from tests.support.video_clips import read_code

    qtbot.waitUntil(
        lambda: any(
            browser.model.challenge_at(r).id == challenge.id  # type: ignore[union-attr]
            for r in range(browser.model.rowCount())
        ),
        timeout=15000,
    )
    select_challenge(qtbot, browser, challenge.title)
    row = browser.detail.contributions.rows[made.id]
    states: list[tuple[str, int]] = []
    browser.video_preview.state_changed.connect(lambda _k, s, ms, _m: states.append((s, ms)))
    row.play.click()
    view = browser.detail.video
    qtbot.waitUntil(lambda: view.isVisible() and view.repaints > 0, timeout=20000)
    assert browser.preview.playing_key is None  # not the sound-only player
    assert browser.video_preview.playing_key == made.id
    assert row.play.accessibleName() == f"Stop {made.title}"
    qtbot.waitUntil(lambda: any(s == PLAYING and ms >= 500 for s, ms in states), timeout=15000)
    image = view.grab().toImage()
    pixels = image.convertToFormat(image.Format.Format_RGB888)
    width, height = pixels.width(), pixels.height()
    import numpy as np

    array = np.frombuffer(pixels.constBits(), np.uint8).reshape(height, pixels.bytesPerLine())
    array = array[:, : width * 3].reshape(height, width, 3)
    rows = np.flatnonzero(array.reshape(height, -1).max(axis=1) > 40)
    cols = np.flatnonzero(array.max(axis=(0, 2)) > 40)
    picture = array[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    assert 0 < read_code(picture) < 6 * 24  # a frame of the film, read from the painted pixels
    row.play.click()
    qtbot.waitUntil(lambda: browser.video_preview.playing_key is None, timeout=10000)
    assert states[-1][0] == STOPPED and not view.isVisible()
    assert row.play.accessibleName() == f"Play {made.title}"
