"""Fixtures of the cache tests: one real server for the session with a few published
contributions, clients that reach it directly or through a proxy that breaks the network, and a
media cache folder per test."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hitrecord_desktop.api import Challenge, Contribution, PlatformClient
from hitrecord_desktop.sync.media_cache import MediaCache
from tests.api.helpers import PASSWORD, contribute, unique_name
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer

PIECE_SIZE = 1024 * 1024
PIECES = 5

MakeClient = Callable[..., PlatformClient]


@dataclass(frozen=True)
class Piece:
    contribution: Contribution
    data: bytes


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(tmp_path_factory.mktemp("sync-server")) as server:
        yield server


@pytest.fixture(scope="session")
def author(sync_server: LiveServer) -> Iterator[PlatformClient]:
    """A signed-in person who posts the challenge and the contributions."""
    with PlatformClient(sync_server.url) as client:
        name = unique_name("author")
        client.register(name, PASSWORD)
        client.login(name, PASSWORD)
        yield client


@pytest.fixture(scope="session")
def media_challenge(author: PlatformClient) -> Challenge:
    return author.create_challenge("Layer on the loop", "Anything goes.", ["music"], "audio")


@pytest.fixture(scope="session")
def pieces(
    author: PlatformClient, media_challenge: Challenge, tmp_path_factory: pytest.TempPathFactory
) -> list[Piece]:
    """Published contributions of PIECE_SIZE random bytes each (a stand-in for audio)."""
    folder = tmp_path_factory.mktemp("pieces")
    made = []
    for n in range(PIECES):
        data = random.Random(n).randbytes(PIECE_SIZE)
        path = folder / f"piece-{n}.flac"
        path.write_bytes(data)
        made.append(Piece(contribute(author, media_challenge.id, path, title=f"Piece {n}"), data))
    return made


@pytest.fixture
def make_client(sync_server: LiveServer) -> Iterator[MakeClient]:
    """Clients not signed in (browsing and downloads need no sign-in); closed after."""
    made: list[PlatformClient] = []

    def make(base_url: str | None = None, **options: Any) -> PlatformClient:
        options.setdefault("backoff", 0.01)  # network trouble is the point: no long waits
        client = PlatformClient(base_url or sync_server.url, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def proxy(sync_server: LiveServer) -> Iterator[CuttingProxy]:
    with CuttingProxy(sync_server.url) as running:
        yield running


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "media"


@pytest.fixture
def cache(cache_dir: Path) -> MediaCache:
    return MediaCache(cache_dir, 100 * PIECE_SIZE)


def via(client: PlatformClient, piece: Piece) -> Contribution:
    """The piece as `client`'s server describes it (its media URL through that client's host)."""
    return client.get_contribution(piece.contribution.id)
