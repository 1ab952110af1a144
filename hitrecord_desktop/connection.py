"""Which server the app talks to now, and with which sign-in: the local community by default,
or a remote server whose token is in the keyring."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .api.client import PlatformClient
from .api.token_store import TokenStore, TokenStoreUnavailable
from .api.urls import normalise_server_url
from .local_community import LocalCommunity
from .paths import AppPaths
from .user_settings import LOCAL, UserSettings

log = logging.getLogger(__name__)


@dataclass
class Connection:
    """A client for the current server and what to tell the user about it."""

    client: PlatformClient
    label: str
    is_local: bool
    username: str | None
    notice: str | None = None  # e.g. "cannot remember your sign-in" — shown, never fatal
    local: LocalCommunity | None = None

    @property
    def server_key(self) -> str:
        """A name for this server that stays the same across runs, for keying caches: the local
        community gets a new port and token at every start, so it is simply "local"."""
        return LOCAL if self.is_local else self.client.server_url

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.stop()


def open_local(paths: AppPaths) -> Connection:
    """Starts the embedded local community and signs in its local user (no stored secret)."""
    local = LocalCommunity(paths.local_server_dir, paths.log_dir / "local-server.log")
    local.start()
    client = PlatformClient(local.url, token=local.token)
    return Connection(client, "Local community", True, "me", local=local)


def open_remote(server_url: str, settings: UserSettings, tokens: TokenStore) -> Connection:
    """A client for server_url, signed in if the keyring has a token for its account."""
    url = normalise_server_url(server_url)
    account = settings.account_for(url)
    token, notice = None, None
    if account is not None:
        try:
            token = tokens.load(url, account.username)
        except TokenStoreUnavailable as exc:
            notice = str(exc)
        if token is None and notice is None:
            notice = f"Sign in to {url} again to upload and post."
    client = PlatformClient(url, token=token)
    return Connection(client, url, False, account.username if account else None, notice)


def open_current(
    paths: AppPaths, settings: UserSettings, tokens: TokenStore, server: str | None = None
) -> Connection:
    target = server or settings.current_server
    if target == LOCAL:
        return open_local(paths)
    return open_remote(target, settings, tokens)
