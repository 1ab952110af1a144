"""The embedded local community: our platform server as a child process on 127.0.0.1.

A child process, not a thread: the server's work never competes with the audio engine for the
GIL, and a crash in one cannot take the other down. The child gets a fresh sign-in token on
stdin (never on the command line, in a file or in the keyring) and exits when our stdin pipe
closes, so it never outlives the app, even after kill -9.
"""

from __future__ import annotations

import logging
import queue
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from .server.main import READY_MARKER

log = logging.getLogger(__name__)


class LocalCommunityError(RuntimeError):
    """The local community could not be started; the message says why."""


def server_command() -> list[str]:
    """How to run our own `server` subcommand, from a venv or a frozen bundle."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "server"]
    return [sys.executable, "-m", "hitrecord_desktop", "server"]


class LocalCommunity:
    """start() → .url and .token of a signed-in local user; stop() ends the child."""

    def __init__(self, data_dir: Path, log_file: Path | None = None) -> None:
        self.data_dir = data_dir
        self.log_file = log_file
        self.url = ""
        self.token = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def api(self) -> str:
        return self.url + "/api/v1"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 60.0) -> None:
        """Starts the child and waits until it answers; seeds the demo community the first time."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.token = secrets.token_urlsafe(32)
        command = [
            *server_command(),
            "--host", "127.0.0.1",
            "--port", "0",
            "--data-dir", str(self.data_dir),
            "--demo",
            "--community-name", "Local community",
            "--bootstrap-token-stdin",
            "--exit-with-stdin",
        ]  # fmt: skip
        stderr = self.log_file.open("ab") if self.log_file else subprocess.DEVNULL
        started = time.monotonic()
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
            )
        finally:
            if self.log_file:
                stderr.close()  # type: ignore[union-attr]
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(self.token.encode() + b"\n")
        self._process.stdin.flush()
        self.url = self._await_ready(timeout)
        self._await_health(timeout - (time.monotonic() - started))
        log.info("local community at %s after %.2f s", self.url, time.monotonic() - started)

    def _await_ready(self, timeout: float) -> str:
        assert self._process is not None and self._process.stdout is not None
        lines: queue.Queue[bytes] = queue.Queue()
        stdout = self._process.stdout

        def pump() -> None:
            for line in iter(stdout.readline, b""):
                lines.put(line)
            lines.put(b"")

        threading.Thread(target=pump, name="local-server-stdout", daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2).decode(errors="replace").strip()
            except queue.Empty:
                line = ""
            if line.startswith(READY_MARKER):
                return line.split(" ", 1)[1]
            if self._process.poll() is not None and lines.empty():
                break
        self.stop()
        where = f"; see {self.log_file}" if self.log_file else ""
        raise LocalCommunityError(f"the local community server did not start{where}")

    def _await_health(self, timeout: float) -> None:
        deadline = time.monotonic() + max(timeout, 1.0)
        with requests.Session() as session:
            session.trust_env = False  # never through an http_proxy: this is our loopback child
            while not self._healthy(session):
                if time.monotonic() > deadline:
                    self.stop()
                    raise LocalCommunityError("the local community server does not answer")
                time.sleep(0.05)

    def _healthy(self, session: requests.Session) -> bool:
        try:
            return session.get(self.api + "/health", timeout=2).ok
        except requests.RequestException:
            return False

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin:
            process.stdin.close()  # the child exits when its stdin closes
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout:
            process.stdout.close()

    def __enter__(self) -> LocalCommunity:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
