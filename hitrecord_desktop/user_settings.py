"""The user's settings, declared once with their defaults, saved atomically as JSON.

Secrets never go here: sign-in tokens live in the keyring (api/token_store.py).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .atomic_files import write_atomically

log = logging.getLogger(__name__)

LOCAL = "local"  # the embedded local community, always available

MIB = 1024 * 1024
DEFAULT_MEDIA_CACHE_LIMIT = 2048 * MIB
MIN_MEDIA_CACHE_LIMIT = 64 * MIB  # below this a single song would not fit
MAX_MEDIA_CACHE_LIMIT = 1 << 50  # 1 PiB: beyond any disk, and far inside SQLite's integers


def check_media_cache_limit(value: object) -> int:
    """The limit in bytes, or ValueError saying what is allowed."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"the media cache limit must be a whole number of bytes, not {value!r}")
    if not MIN_MEDIA_CACHE_LIMIT <= value <= MAX_MEDIA_CACHE_LIMIT:
        raise ValueError(
            f"the media cache limit must be at least {MIN_MEDIA_CACHE_LIMIT // MIB} MiB "
            f"(it was {value / MIB:.1f} MiB)"
        )
    return value


@dataclass(frozen=True)
class Account:
    server_url: str
    username: str


@dataclass
class UserSettings:
    """Everything the app remembers between runs, except secrets and window geometry."""

    current_server: str = LOCAL
    accounts: list[Account] = field(default_factory=list)
    media_cache_limit: int = DEFAULT_MEDIA_CACHE_LIMIT  # bytes of downloaded contributions
    servers: list[str] = field(default_factory=list)  # added by the person (normalised URLs)

    def set_media_cache_limit(self, value: int) -> None:
        self.media_cache_limit = check_media_cache_limit(value)

    def account_for(self, server_url: str) -> Account | None:
        return next((a for a in self.accounts if a.server_url == server_url), None)

    def known_servers(self) -> list[str]:
        """The local community first, then every server added or signed in to, once each."""
        found = [LOCAL, *self.servers, *(a.server_url for a in self.accounts)]
        if self.current_server not in found:
            found.append(self.current_server)
        return list(dict.fromkeys(found))

    def remember_account(self, account: Account) -> None:
        self.accounts = [a for a in self.accounts if a.server_url != account.server_url]
        self.accounts.append(account)


def _from_json(data: Any) -> UserSettings:
    settings = UserSettings()
    if not isinstance(data, dict):
        raise ValueError("the file does not hold a JSON object")
    current = data.get("current_server", LOCAL)
    if not isinstance(current, str):
        raise ValueError("current_server must be a string")
    settings.current_server = current
    accounts = data.get("accounts", [])
    if not isinstance(accounts, list):
        raise ValueError("accounts must be a list")
    for index, item in enumerate(accounts):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("server_url"), str)
            and isinstance(item.get("username"), str)
        ):
            raise ValueError(f"accounts[{index}] needs server_url and username strings")
        settings.accounts.append(Account(item["server_url"], item["username"]))
    servers = data.get("servers", [])
    if not (isinstance(servers, list) and all(isinstance(url, str) for url in servers)):
        raise ValueError("servers must be a list of strings")
    settings.servers = list(servers)
    if "media_cache_limit" in data:
        # One odd number is no reason to set the whole file aside: keep the rest, say so.
        try:
            settings.set_media_cache_limit(data["media_cache_limit"])
        except ValueError as exc:
            log.warning("settings: %s; using %d MiB", exc, DEFAULT_MEDIA_CACHE_LIMIT // MIB)
    return settings


def load_settings(path: Path) -> UserSettings:
    """The saved settings; defaults if there are none. A broken file is set aside, not lost."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserSettings()
    try:
        return _from_json(json.loads(text))
    except ValueError as exc:
        kept = path.with_suffix(".broken.json")
        os.replace(path, kept)
        log.warning("settings file %s is broken (%s); kept it as %s", path, exc, kept)
        return UserSettings()


def save_settings(path: Path, settings: UserSettings) -> None:
    """Writes atomically: a temp file in the same folder, fsync, rename."""
    payload = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
    write_atomically(path, payload.encode("utf-8"))
