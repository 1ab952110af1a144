"""The token store keeps tokens in a keyring only, and says so in words when there is none.

Every test uses its own keyring in a temp dir (or the fail backend); the developer's keyring is
never touched: XDG_DATA_HOME points at tmp too, in case anything asked for the default path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked
from keyrings.alt.file import PlaintextKeyring

from hitrecord_desktop.api import TokenStore, TokenStoreUnavailable
from hitrecord_desktop.api.token_store import NO_KEYRING_MESSAGE

SERVER = "https://Community.Example.org/"


@pytest.fixture(autouse=True)
def private_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def file_keyring(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "test-keyring.cfg")
    return backend


@pytest.fixture
def store(file_keyring: PlaintextKeyring) -> TokenStore:
    return TokenStore(backend=file_keyring, allow_insecure_backend=True)


@pytest.fixture
def global_keyring(file_keyring: PlaintextKeyring) -> Iterator[PlaintextKeyring]:
    """Make the temp file keyring the process-wide default for one test, then restore."""
    before = keyring.get_keyring()
    keyring.set_keyring(file_keyring)
    try:
        yield file_keyring
    finally:
        keyring.set_keyring(before)


def test_save_load_delete(store: TokenStore, file_keyring: PlaintextKeyring) -> None:
    assert store.available()
    assert store.load(SERVER, "mara") is None
    store.save(SERVER, "mara", "token-of-mara")
    store.save(SERVER, "theo", "token-of-theo")
    store.save("http://localhost:8000", "mara", "local-token")
    assert store.load(SERVER, "mara") == "token-of-mara"
    assert store.load(SERVER, "theo") == "token-of-theo"
    assert store.load("http://localhost:8000", "mara") == "local-token"
    store.delete(SERVER, "mara")
    assert store.load(SERVER, "mara") is None
    assert store.load(SERVER, "theo") == "token-of-theo"
    store.delete(SERVER, "mara")  # forgetting twice is fine
    assert Path(file_keyring.file_path).exists()


@pytest.mark.parametrize(
    "spelling",
    [
        "https://community.example.org",
        "HTTPS://COMMUNITY.EXAMPLE.ORG/",
        "https://community.example.org:443/",
        "https://community.example.org/api/v1",
    ],
)
def test_one_server_is_one_entry_however_it_is_spelled(store: TokenStore, spelling: str) -> None:
    store.save(SERVER, "Mara", "t1")
    assert store.load(spelling, "mara") == "t1"


def test_no_keyring_service_is_said_in_words() -> None:
    store = TokenStore(backend=fail.Keyring())
    assert not store.available()
    for attempt in (
        lambda: store.save(SERVER, "mara", "t"),
        lambda: store.load(SERVER, "mara"),
        lambda: store.delete(SERVER, "mara"),
    ):
        with pytest.raises(TokenStoreUnavailable) as caught:
            attempt()
        assert str(caught.value) == NO_KEYRING_MESSAGE


def test_the_default_keyring_being_a_plain_file_is_refused(
    global_keyring: PlaintextKeyring,
) -> None:
    """keyrings.alt's PlaintextKeyring is what keyring picks on a machine without a secret
    service; storing there would be the plain-text fallback we promise never to make."""
    store = TokenStore()
    assert not store.available()
    with pytest.raises(TokenStoreUnavailable):
        store.save(SERVER, "mara", "t")
    assert not Path(global_keyring.file_path).exists()


class _LockedKeyring(KeyringBackend):
    """A keyring whose owner did not unlock it (what SecretService raises then)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


class _BrokenBusKeyring(_LockedKeyring):
    """A keyring whose D-Bus transport fails with an error that is not a KeyringError."""

    def get_password(self, service: str, username: str) -> str | None:
        raise ConnectionRefusedError("org.freedesktop.DBus.Error.NoServer")


@pytest.mark.parametrize("backend", [_LockedKeyring(), _BrokenBusKeyring()])
def test_a_locked_or_broken_keyring_is_unavailable(backend: KeyringBackend) -> None:
    store = TokenStore(backend=backend)
    assert not store.available()
    with pytest.raises(TokenStoreUnavailable) as caught:
        store.load(SERVER, "mara")
    assert caught.value.__cause__ is not None  # the cause stays chained for the log


def test_an_allowed_secure_backend_is_used_as_is() -> None:
    store = TokenStore(backend=_LockedKeyring())  # not a plain file: allowed, if locked
    with pytest.raises(TokenStoreUnavailable) as caught:
        store.save(SERVER, "mara", "t")
    assert isinstance(caught.value.__cause__, KeyringLocked)


def test_the_token_is_not_in_the_stores_repr(store: TokenStore) -> None:
    store.save(SERVER, "mara", "very-secret-token")
    assert "very-secret-token" not in repr(store)


def test_a_real_secret_service_keeps_the_token(
    secret_service: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """gnome-keyring on a private D-Bus: the kind of keyring the store is meant for."""
    for name, value in secret_service.items():
        monkeypatch.setenv(name, value)
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    store = TokenStore(backend=SecretServiceKeyring())
    assert store.available()
    store.save(SERVER, "mara", "token-in-the-keyring")
    assert store.load("https://community.example.org", "MARA") == "token-in-the-keyring"
    assert store.load(SERVER, "theo") is None
    store.delete(SERVER, "mara")
    assert store.load(SERVER, "mara") is None
    store.delete(SERVER, "mara")
