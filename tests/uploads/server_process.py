"""The platform server as a child process on a fixed port, so a test can kill it with SIGKILL
and start it again where clients expect it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from hitrecord_desktop.server.main import READY_MARKER


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    def __init__(self, data_dir: Path, port: int | None = None) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60.0) -> ServerProcess:
        command = [sys.executable, "-m", "hitrecord_desktop", "server", "--host", "127.0.0.1",
                   "--port", str(self.port), "--data-dir", str(self.data_dir)]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert self._process.stdout is not None
        deadline = time.monotonic() + timeout
        for line in self._process.stdout:
            if line.startswith(READY_MARKER):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
        while requests.get(self.url + "/api/v1/health", timeout=2).status_code != 200:
            time.sleep(0.05)
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a crash or a power cut."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process.stdout.close()  # type: ignore[union-attr]
            self._process = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()
