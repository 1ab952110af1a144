"""An open project keeps its contributions downloaded: what is missing arrives in the
background (the audio is compiled again), what is cached is pinned, and new clips join."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from hitrecord_desktop.api import PlatformClient
from hitrecord_desktop.project.challenge_projects import project_for_challenge
from hitrecord_desktop.project.commands import AddClip
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef
from hitrecord_desktop.sync.media_cache import MediaCache
from hitrecord_desktop.ui.project_document import ProjectDocument
from hitrecord_desktop.ui.project_prefetch import ProjectPrefetch
from hitrecord_desktop.ui.tasks import TaskRunner
from tests.support.live_server import LiveServer


def _clip_of(contribution, folder: Path) -> Clip:  # type: ignore[no-untyped-def]
    media = MediaRef(
        MediaOrigin.CONTRIBUTION, str(folder / "gone.ogg"), sha256=contribution.sha256,
        contribution_id=contribution.id, title=contribution.title, frames=48_000,
    )  # fmt: skip
    return Clip(media, position=0, trim_in=0, trim_out=48_000)


def test_missing_contributions_are_fetched_and_new_clips_are_kept(
    qtbot, live_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with PlatformClient(live_server.url) as client:
        audio = [
            c
            for challenge in client.iter_challenges(status="any")
            for c in client.iter_contributions(challenge.id)
            if c.kind == "audio"
        ][:2]
        opened = project_for_challenge(tmp_path / "projects", 1, "Night Bus")
        opened.project.tracks[0].clips.append(_clip_of(audio[0], tmp_path))
        document = ProjectDocument(
            opened.project, opened.store, TaskRunner(QApplication.instance()), autosave=False
        )
        cache = MediaCache(tmp_path / "media", 1 << 30)
        prefetch = ProjectPrefetch(document, cache, client)
        with qtbot.waitSignal(prefetch.media_arrived, timeout=30000):
            prefetch.start()
        assert cache.path_for(audio[0]) is not None
        with qtbot.waitSignal(prefetch.media_arrived, timeout=30000):
            document.execute(AddClip(document.project.tracks[0].id, _clip_of(audio[1], tmp_path)))
        assert cache.path_for(audio[1]) is not None
        # Both are pinned while the project is open: a tiny limit evicts neither.
        cache.set_limit(1)
        assert cache.path_for(audio[0]) is not None and cache.path_for(audio[1]) is not None
        prefetch.close()  # releases the pins (off the GUI thread): now the limit evicts them

        def evicted() -> bool:
            cache.set_limit(1)
            return cache.path_for(audio[0]) is None and cache.path_for(audio[1]) is None

        qtbot.waitUntil(evicted, timeout=10000)
