"""Remember sign-in tokens in the operating system's keyring, and nowhere else.

One entry per (server URL, username). When there is no usable keyring the store says so with
`TokenStoreUnavailable` - a message a person understands - and the app asks for the password again
next time; it never falls back to writing the token to a plain file.

That includes keyring backends that are themselves plain files: keyring picks
`keyrings.alt.file.PlaintextKeyring` on a machine without a secret service whenever keyrings.alt is
installed (it is a dev dependency here), and its "chainer" falls back to whatever comes next. So the
store refuses backends from keyrings.alt (which keyring itself does not recommend), the null and
fail backends, and uses only the secure members of a chainer. Tests that want a file keyring in a
temp dir pass it with `allow_insecure_backend=True`.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import PasswordDeleteError

from hitrecord_desktop.api.urls import normalise_server_url

log = logging.getLogger(__name__)

NO_KEYRING_MESSAGE = (
    "This computer has no keyring service, so HitRecord Desktop cannot remember your sign-in; "
    "you will be asked again next time."
)


class TokenStoreUnavailable(Exception):
    """No secure keyring here; the sign-in cannot be remembered (nor forgotten from it)."""

    def __init__(self, message: str = NO_KEYRING_MESSAGE) -> None:
        super().__init__(message)


def is_secure_backend(backend: KeyringBackend) -> bool:
    """True for backends that keep secrets out of plain files (OS keychains, secret services)."""
    if isinstance(backend, fail.Keyring | null.Keyring | chainer.ChainerBackend):
        return False
    return not type(backend).__module__.startswith("keyrings.alt")


class TokenStore:
    """Save, load and delete the token of one person on one server."""

    def __init__(
        self,
        service: str = "hitrecord-desktop",
        *,
        backend: KeyringBackend | None = None,
        allow_insecure_backend: bool = False,
    ) -> None:
        self.service = service
        self._backend = backend
        self._allow_insecure = allow_insecure_backend

    def __repr__(self) -> str:
        return f"TokenStore({self.service!r})"

    @staticmethod
    def entry_name(server_url: str, username: str) -> str:
        """The keyring "username" of an entry: same server and person, same entry."""
        return f"{username.strip().lower()}@{normalise_server_url(server_url)}"

    def available(self) -> bool:
        """Whether tokens can be remembered here (a probe read; never raises)."""
        try:
            self._keyring().get_password(self.service, "availability-probe")
        except Exception:  # any backend failure means "not available"
            return False
        return True

    def save(self, server_url: str, username: str, token: str) -> None:
        self._call("set_password", self.entry_name(server_url, username), token)

    def load(self, server_url: str, username: str) -> str | None:
        return self._call("get_password", self.entry_name(server_url, username))

    def delete(self, server_url: str, username: str) -> None:
        """Forget the token; forgetting one that is not there is fine."""
        with contextlib.suppress(_NothingToDelete):
            self._call("delete_password", self.entry_name(server_url, username))

    def _keyring(self) -> KeyringBackend:
        backend = self._backend if self._backend is not None else keyring.get_keyring()
        if self._allow_insecure and not isinstance(backend, fail.Keyring):
            return backend
        if isinstance(backend, chainer.ChainerBackend):
            secure = [member for member in backend.backends if is_secure_backend(member)]
            if secure:
                return secure[0]
        if not is_secure_backend(backend):
            log.info("keyring backend %s is not secure; not storing tokens", type(backend).__name__)
            raise TokenStoreUnavailable
        return backend

    def _call(self, operation: str, entry: str, *args: str) -> str | None:
        backend = self._keyring()
        try:
            return getattr(backend, operation)(self.service, entry, *args)
        except PasswordDeleteError as exc:
            raise _NothingToDelete from exc
        except Exception as exc:
            # KeyringError, NoKeyringError, KeyringLocked, and whatever a backend's transport
            # raises (dbus/secretstorage errors are not KeyringErrors): all mean "no keyring".
            log.info("keyring %s failed: %s", operation, type(exc).__name__)
            raise TokenStoreUnavailable from exc


class _NothingToDelete(Exception):
    pass
