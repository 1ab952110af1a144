"""Which servers the upload engine can use now, and asking the others whether they are back.

A server is online until a transfer finds otherwise: no answer makes it offline (asked again at
a growing interval, at most `probe_interval`, with a bare `/health` or tus OPTIONS request);
a refused token makes it wait for a sign-in (asked every few seconds whether a new token that
works has appeared, e.g. from `hitrecord-desktop login` in a terminal).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import requests

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.api.errors import ApiError
from hitrecord_desktop.sync.upload_events import ServerChanged, ServerState

log = logging.getLogger(__name__)

TUS_SERVER_PREFIX = "tus:"  # server key of a bare tus target: "tus:" + its upload URL
_PROBE_TIMEOUT = (1.0, 2.0)
_SIGN_IN_PROBE = 5.0


def server_label(server: str) -> str:
    return server[len(TUS_SERVER_PREFIX) :] if server.startswith(TUS_SERVER_PREFIX) else server


class ServerWatch:
    """The state of each server the engine talks to; thread-safe."""

    def __init__(
        self,
        clients: Callable[[str], PlatformClient],
        tus_session: requests.Session,
        emit: Callable[[ServerChanged], None],
        probe_interval: float,
    ) -> None:
        self._clients = clients
        self._tus_session = tus_session
        self._emit = emit
        self.probe_interval = probe_interval
        self._lock = threading.Lock()
        self._states: dict[str, ServerState] = {}
        self._next_probe: dict[str, float] = {}
        self._probe_delay: dict[str, float] = {}

    def state(self, server: str) -> ServerState:
        with self._lock:
            return self._states.get(server, ServerState.ONLINE)

    def online(self, server: str) -> bool:
        return self.state(server) is ServerState.ONLINE

    def set(self, server: str, state: ServerState, detail: str = "") -> None:
        with self._lock:
            before = self._states.get(server, ServerState.ONLINE)
            self._states[server] = state
            if state is ServerState.OFFLINE and before is not ServerState.OFFLINE:
                self._next_probe[server] = time.monotonic() + self.probe_interval / 2
                self._probe_delay[server] = self.probe_interval / 2
        if before is not state:
            log.info("server %s is %s%s", server_label(server), state.value,
                     f": {detail}" if detail else "")  # fmt: skip
            self._emit(ServerChanged(server, state, detail))

    def probe_due(self) -> bool:
        """Asks the servers whose turn it is; True when one of them is usable again."""
        now = time.monotonic()
        with self._lock:
            due = [
                (server, state)
                for server, state in self._states.items()
                if state is not ServerState.ONLINE and self._next_probe.get(server, 0.0) <= now
            ]
        any_back = False
        for server, state in due:
            if state is ServerState.OFFLINE:
                back = self._answers(server)
                delay = min(self.probe_interval, self._probe_delay.get(server, 0.5) * 2)
            else:
                back = self._signed_in_again(server)
                delay = _SIGN_IN_PROBE
            if back:
                self.set(server, ServerState.ONLINE)
                any_back = True
                continue
            with self._lock:
                self._probe_delay[server] = delay
                self._next_probe[server] = time.monotonic() + delay
        return any_back

    def _signed_in_again(self, server: str) -> bool:
        """Has a new token appeared (a sign-in in the app or another terminal) that works?"""
        try:
            client = self._clients(server)
            if not client.signed_in:
                return False
            client.me()
            return True
        except Exception:  # refused again, or not reachable: keep waiting
            return False

    def _answers(self, server: str) -> bool:
        """Does the server answer at all (any HTTP status counts as an answer)?"""
        try:
            if server.startswith(TUS_SERVER_PREFIX):
                url = server[len(TUS_SERVER_PREFIX) :]
                self._tus_session.options(url, timeout=_PROBE_TIMEOUT)
                return True
            client = self._clients(server)
            client.plain_session.get(client.api_url + "/health", timeout=_PROBE_TIMEOUT)
            return True
        except (requests.RequestException, ApiError, OSError):
            return False
        except Exception as exc:  # e.g. the local community could not start
            log.info("server %s cannot be reached: %s", server_label(server), exc)
            return False
