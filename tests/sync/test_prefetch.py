"""Prefetching a project's contributions: in parallel up to a bound, progress per item, errors per
item, cancellable, and nothing asked of the server for media already cached."""

from __future__ import annotations

import threading

from hitrecord_desktop.project.model import MediaOrigin, MediaRef, Project, Track
from hitrecord_desktop.sync.media_cache import MediaCache
from hitrecord_desktop.sync.prefetch import (
    ItemState,
    Prefetch,
    PrefetchEvent,
    ProjectMedia,
    prefetch_project,
    project_contributions,
)
from tests.project.builders import clip, media, take
from tests.support.cutting_proxy import CuttingProxy

from .conftest import PIECE_SIZE, MakeClient, Piece, via

MISSING_ID = 987_654


class Recorder:
    """Keeps every event, and how many items were downloading at the same time at most."""

    def __init__(self) -> None:
        self.events: list[PrefetchEvent] = []
        self._lock = threading.Lock()
        self._active: set[int] = set()
        self.most_at_once = 0

    def __call__(self, event: PrefetchEvent) -> None:
        with self._lock:
            self.events.append(event)
            if event.state == ItemState.DOWNLOADING:
                self._active.add(event.contribution_id)
            else:
                self._active.discard(event.contribution_id)
            self.most_at_once = max(self.most_at_once, len(self._active))

    def of(self, contribution_id: int) -> list[PrefetchEvent]:
        return [e for e in self.events if e.contribution_id == contribution_id]


def project_using(pieces: list[Piece], *, sha_known: bool = False) -> Project:
    """A project whose clips play the pieces (the last only as a silent take), plus own media."""
    refs = [
        MediaRef(
            origin=MediaOrigin.CONTRIBUTION,
            path=f"/cache/{n}.flac",
            sha256=p.contribution.sha256 if sha_known else "",
            contribution_id=p.contribution.id,
        )
        for n, p in enumerate(pieces)
    ]
    backing = Track("Backing", clips=[clip(0, ref=refs[0]), clip(96_000, ref=refs[0])])
    layers = Track("Layers", clips=[clip(0, ref=ref) for ref in refs[1:-1]])
    layers.takes.append(take("old take", clip(0, ref=refs[-1])))
    own = Track("Me", clips=[clip(0, ref=media(None, path="/takes/mine.wav"))])
    return Project("Night bus", tracks=[backing, layers, own])


def test_the_contributions_a_project_uses_are_listed_once(pieces: list[Piece]) -> None:
    project = project_using(pieces[:3])
    assert project_contributions(project) == [
        ProjectMedia(p.contribution.id, "") for p in pieces[:3]
    ]


def test_a_project_is_prefetched_in_parallel_with_progress_per_item(
    make_client: MakeClient, proxy: CuttingProxy, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client(proxy.url)
    cache.fetch(client, via(client, pieces[0]))  # one is there already
    recorder = Recorder()
    project = project_using(pieces[:4])
    proxy.throttle(6 * 1024 * 1024, direction="down")  # slow enough that downloads overlap
    with prefetch_project(cache, client, project, parallel=2, on_event=recorder) as run:
        assert run.wait(30)
        results = dict(run.results)
    assert [e.state for e in recorder.of(pieces[0].contribution.id)] == [
        ItemState.QUEUED,
        ItemState.DONE,
    ]
    assert results[pieces[0].contribution.id].was_cached
    for piece in pieces[1:4]:
        done = results[piece.contribution.id]
        assert done.state == ItemState.DONE and not done.was_cached
        assert done.path is not None and done.path.read_bytes() == piece.data
        progress = [e.done_bytes for e in recorder.of(piece.contribution.id) if e.done_bytes]
        assert progress == sorted(progress) and progress[-1] == PIECE_SIZE
    assert recorder.most_at_once == 2


def test_one_failing_item_is_reported_and_the_others_still_arrive(
    make_client: MakeClient, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client()
    recorder = Recorder()
    items = [ProjectMedia(MISSING_ID, ""), ProjectMedia(pieces[1].contribution.id, "")]
    with Prefetch(cache, client, items, parallel=1, on_event=recorder) as run:
        assert run.wait(30)
    failed = run.results[MISSING_ID]
    assert failed.state == ItemState.FAILED
    assert failed.error and "987654" in failed.error
    assert run.results[pieces[1].contribution.id].state == ItemState.DONE


def test_cached_media_known_by_hash_needs_no_server(
    make_client: MakeClient, proxy: CuttingProxy, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client(proxy.url, retries=0)
    for piece in pieces[:2]:
        cache.fetch(client, via(client, piece))
    proxy.go_offline()
    project = project_using(pieces[:2], sha_known=True)
    with prefetch_project(cache, client, project) as run:
        assert run.wait(10)
    assert all(r.state == ItemState.DONE and r.was_cached for r in run.results.values())
    assert proxy.refused == 0  # nothing was asked


def test_cancel_stops_the_downloads_and_keeps_their_parts(
    make_client: MakeClient, proxy: CuttingProxy, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client(proxy.url)
    proxy.throttle(2 * 1024 * 1024, direction="down")
    started = threading.Event()

    def on_event(event: PrefetchEvent) -> None:
        if event.state == ItemState.DOWNLOADING and event.done_bytes > PIECE_SIZE // 4:
            started.set()

    items = [ProjectMedia(p.contribution.id, "") for p in pieces[2:5]]
    with Prefetch(cache, client, items, parallel=1, on_event=on_event) as run:
        assert started.wait(10)
        run.cancel()
        assert run.wait(10)
    assert [r.state for r in run.results.values()] == [ItemState.CANCELLED] * 3
    assert cache.usage().partial == 1
    assert len(list(cache.folder.glob("*.part"))) == 1


def test_pins_last_until_the_prefetch_is_closed(
    make_client: MakeClient, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client()
    run = Prefetch(cache, client, [ProjectMedia(pieces[0].contribution.id, "")])
    assert run.wait(30)
    cache.set_limit(1)  # would evict everything
    assert cache.path_for(pieces[0].contribution) is not None
    run.close()
    assert cache.path_for(pieces[0].contribution) is None
