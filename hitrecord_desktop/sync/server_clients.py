"""The clients the upload engine asks for by server key: "local" or a server URL.

Jobs name their server by a key that outlives a run: the local community gets a new port and a
new token each time it starts, so its key is "local", never its URL. A remote server's token is
read from the keyring each time a client is made, so a sign-in done elsewhere (the app, or
`hitrecord-desktop login` in another terminal) is picked up without a restart.
"""

from __future__ import annotations

import logging
import threading

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.api.token_store import TokenStore, TokenStoreUnavailable
from hitrecord_desktop.api.urls import normalise_server_url
from hitrecord_desktop.connection import Connection, open_local
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.user_settings import LOCAL, load_settings

log = logging.getLogger(__name__)


def server_key(server: str | None, current: str) -> str:
    """The key a job stores for `--server` (None: the current server of the settings)."""
    target = server or current
    return LOCAL if target == LOCAL else normalise_server_url(target)


class ServerClients:
    """Callable: server key -> a signed-in PlatformClient (unsigned if no token is known).

    The local community is started on first use unless the app hands in its own connection.
    """

    def __init__(
        self,
        paths: AppPaths,
        tokens: TokenStore | None = None,
        local: Connection | None = None,
    ) -> None:
        self._paths = paths
        self._tokens = tokens or TokenStore()
        self._local = local
        self._owns_local = False
        self._remote: dict[str, PlatformClient] = {}
        self._lock = threading.Lock()

    def __call__(self, server: str) -> PlatformClient:
        with self._lock:
            if server == LOCAL:
                if self._local is None:
                    self._local = open_local(self._paths)
                    self._owns_local = True
                return self._local.client
            client = self._remote.get(server)
            if client is None:
                client = self._remote[server] = PlatformClient(server)
            client.token = self._token_for(server)
            return client

    def _token_for(self, server: str) -> str | None:
        account = load_settings(self._paths.settings_file).account_for(server)
        if account is None:
            return None
        try:
            return self._tokens.load(server, account.username)
        except TokenStoreUnavailable as exc:
            log.info("no token for %s: %s", server, exc)
            return None

    def close(self) -> None:
        with self._lock:
            for client in self._remote.values():
                client.close()
            self._remote.clear()
            if self._owns_local and self._local is not None:
                self._local.close()
            self._local = None

    def __enter__(self) -> ServerClients:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
