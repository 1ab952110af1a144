"""The real platform server on 127.0.0.1:0 in a background thread, for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hitrecord_desktop.server.app import create_app
from hitrecord_desktop.server.runner import ThreadedServer
from hitrecord_desktop.server.settings import ServerSettings

# Argon2 at full cost makes every sign-in ~0.1 s; tests need many, and test the KDF separately.
FAST_KDF = {"argon2_time_cost": 1, "argon2_memory_kib": 8 * 1024}


class LiveServer:
    """Context manager: `with LiveServer(tmp) as server: server.api`."""

    def __init__(self, data_dir: Path, *, demo: bool = False, **settings: Any) -> None:
        self.settings = ServerSettings(data_dir=data_dir, **{**FAST_KDF, **settings})
        self.demo = demo
        self.app: Any = None
        self._server: ThreadedServer | None = None
        self.url = ""
        self.api = ""

    def start(self) -> LiveServer:
        self.app = create_app(self.settings)
        if self.demo:
            # Imported here: demo media synthesis pulls in PyAV, which most tests do not need.
            from hitrecord_desktop.server.demo import seed_demo

            seed_demo(self.app.state.db, self.app.state.store)
        self._server = ThreadedServer(self.app).start()
        self.url = self._server.url
        self.api = self.url + "/api/v1"
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def restart(self) -> None:
        """Stops and starts again on the same data (the port changes)."""
        self.stop()
        self.start()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
