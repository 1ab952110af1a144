"""Fixtures of the API client tests: one real server for the module run, clients signed in as
fresh people, takes on disk. Each test makes its own people and challenges, so tests do not
depend on each other or on demo data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hitrecord_desktop.api import Challenge, PlatformClient
from tests.api.helpers import PASSWORD, unique_name
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer

MakeClient = Callable[..., PlatformClient]


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """An empty real server shared by the API client tests."""
    with LiveServer(tmp_path_factory.mktemp("api-server")) as server:
        yield server


@pytest.fixture
def make_client(api_server: LiveServer) -> Iterator[MakeClient]:
    """Builds clients (signed in as a new person unless signed_in=False); closes them after."""
    made: list[PlatformClient] = []

    def make(base_url: str | None = None, *, signed_in: bool = True, **options: Any):
        client = PlatformClient(base_url or api_server.url, **options)
        made.append(client)
        if signed_in:
            # Sign up directly (not through a proxy the test may be about to break).
            with PlatformClient(api_server.url) as direct:
                name = unique_name()
                direct.register(name, PASSWORD, display_name=f"Tester {name}")
                client.token = direct.login(name, PASSWORD).access_token
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> PlatformClient:
    return make_client()


@pytest.fixture
def challenge(client: PlatformClient) -> Challenge:
    return client.create_challenge(
        f"Vocals wanted {unique_name('song')}", "Sing over the backing track.", ["vocals"], "audio"
    )


@pytest.fixture
def proxy(api_server: LiveServer) -> Iterator[CuttingProxy]:
    with CuttingProxy(api_server.url) as running:
        yield running


@pytest.fixture
def take_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "takes"
    folder.mkdir()
    return folder
