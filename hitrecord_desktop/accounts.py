"""Servers and sign-ins as the app's dialogs need them: check a server address, sign in and keep
the token in the keyring, remember servers and choose the current one. No Qt: the dialogs call
these on a worker thread (they talk to the network)."""

from __future__ import annotations

from dataclasses import dataclass

from .api.client import PlatformClient
from .api.errors import ApiError
from .api.token_store import TokenStore, TokenStoreUnavailable
from .api.urls import normalise_server_url
from .paths import AppPaths
from .user_settings import LOCAL, Account, load_settings, save_settings


class ServerProblem(Exception):
    """The address is not a usable server; the message says why in plain words."""


@dataclass(frozen=True)
class ServerCheck:
    url: str  # normalised
    community: str
    version: str


def check_server(address: str, timeout_client: PlatformClient | None = None) -> ServerCheck:
    """Does a HitRecord server answer at this address? Raises ServerProblem saying what is wrong:
    a typo in the address, nobody answering, or something that is not a HitRecord server."""
    text = address.strip()
    if not text:
        raise ServerProblem("Type the server's address, such as https://hitrecord.example.org.")
    if "://" not in text:
        text = "https://" + text
    try:
        url = normalise_server_url(text)
    except ValueError:
        raise ServerProblem(
            f"“{address.strip()}” is not a web address; it should look like "
            "https://hitrecord.example.org."
        ) from None
    host = url.split("://", 1)[1].split("/", 1)[0]
    if "." not in host and not host.startswith(("localhost", "[")) and ":" not in host:
        raise ServerProblem(f"“{host}” is not a full host name; check the address for a typo.")
    client = timeout_client or PlatformClient(url)
    try:
        info = client.health()
    except ApiError as exc:
        if exc.is_network_error:
            raise ServerProblem(f"No server answers at {url}: {exc}") from None
        raise ServerProblem(
            f"{url} answered, but not as a HitRecord server does ({exc}). Check the address."
        ) from None
    finally:
        if timeout_client is None:
            client.close()
    return ServerCheck(url, info.community, info.version)


def add_server(paths: AppPaths, url: str, make_current: bool = False) -> None:
    """Remembers a checked server (normalised URL) in the settings."""
    settings = load_settings(paths.settings_file)
    if url != LOCAL and url not in settings.servers:
        settings.servers.append(url)
    if make_current:
        settings.current_server = url
    save_settings(paths.settings_file, settings)


def set_current_server(paths: AppPaths, server: str) -> None:
    settings = load_settings(paths.settings_file)
    settings.current_server = server if server == LOCAL else normalise_server_url(server)
    save_settings(paths.settings_file, settings)


@dataclass(frozen=True)
class SignedIn:
    server: str
    username: str
    display_name: str
    notice: str = ""  # set when the keyring could not keep the token


def sign_in(
    paths: AppPaths,
    tokens: TokenStore,
    server: str,
    username: str,
    password: str,
    *,
    make_current: bool = False,
) -> SignedIn:
    """Signs in and keeps the token in the keyring (never anywhere else). Raises ApiError when
    the server refuses; a missing keyring is not an error, it is said in `notice`."""
    url = normalise_server_url(server)
    name = username.strip().lower()
    with PlatformClient(url) as client:
        client.login(name, password)
        token = client.token or ""
        me = client.me()
    settings = load_settings(paths.settings_file)
    settings.remember_account(Account(url, name))
    if url not in settings.servers:
        settings.servers.append(url)
    if make_current:
        settings.current_server = url
    save_settings(paths.settings_file, settings)
    notice = ""
    try:
        tokens.save(url, name, token)
    except TokenStoreUnavailable as exc:
        notice = str(exc)
    return SignedIn(url, name, me.name, notice)
