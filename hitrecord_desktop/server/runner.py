"""Runs the platform server with uvicorn, in this process's main thread or a background thread."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable
from typing import Any

import uvicorn
from fastapi import FastAPI


class _ReadyServer(uvicorn.Server):
    """A uvicorn server that calls back once it accepts connections."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._on_ready()


def bind_socket(host: str, port: int) -> socket.socket:
    """Binds before serving so that port 0 gives a known free port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _config(app: FastAPI, log_level: str) -> uvicorn.Config:
    # loop="auto": uvloop where it is installed (not on Windows), else asyncio's own loop.
    return uvicorn.Config(
        app,
        log_level=log_level,
        access_log=False,
        lifespan="on",
        timeout_keep_alive=30,
        loop="auto",
    )


def serve_forever(
    app: FastAPI,
    host: str,
    port: int,
    on_ready: Callable[[str], None],
    log_level: str = "info",
    sock: socket.socket | None = None,
) -> None:
    """Serves in the calling thread until SIGINT/SIGTERM; on_ready gets the base URL."""
    sock = sock or bind_socket(host, port)
    url = _url(host, sock.getsockname()[1])
    server = _ReadyServer(_config(app, log_level), lambda: on_ready(url))
    server.run(sockets=[sock])


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class ThreadedServer:
    """The server on a background thread (tests, benchmarks): start(), .url, stop()."""

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self._sock = bind_socket(host, port)
        self.url = _url(host, self._sock.getsockname()[1])
        self._ready = threading.Event()
        self._server = _ReadyServer(_config(app, "warning"), self._ready.set)
        self._thread = threading.Thread(target=self._run, name="platform-server", daemon=True)
        self._error: BaseException | None = None

    def _run(self) -> None:
        try:
            # The loop uvicorn would pick (uvloop where installed), as the real server runs.
            loop_factory = self._server.config.get_loop_factory()
            with asyncio.Runner(loop_factory=loop_factory) as runner:
                runner.run(self._server.serve(sockets=[self._sock]))
        except BaseException as exc:  # reported by start()
            self._error = exc
            self._ready.set()

    def start(self, timeout: float = 20.0) -> ThreadedServer:
        self._thread.start()
        if not self._ready.wait(timeout) or self._error is not None:
            raise RuntimeError(f"platform server did not start: {self._error!r}")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._sock.close()

    def __enter__(self) -> ThreadedServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
