"""Runs the upload engine for the app's lifetime, once the window's connection is open.

The engine reuses the window's connection to the local community (a second child server would
be wasteful); jobs for other servers get their clients from the keyring (ServerClients).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from ..connection import Connection
from ..paths import AppPaths
from ..sync.queue_watch import queue_path
from ..sync.server_clients import ServerClients
from ..sync.upload_engine import UploadEngine
from ..sync.upload_queue import QueueError, UploadQueue
from .sync_bridge import SyncBridge
from .tasks import TaskRunner
from .upload_status import UploadStatus

log = logging.getLogger(__name__)


class UploadService(QObject):
    """`attach(connection)` starts the engine (once); `stop()` ends it, uploads stay queued.
    `started(bridge)` tells views (the uploads panel, the sign-in prompter) the bridge exists."""

    started = Signal(object)  # SyncBridge

    def __init__(self, paths: AppPaths, window: QMainWindow) -> None:
        super().__init__(window)
        self._paths = paths
        self._window = window
        self.engine: UploadEngine | None = None
        self.bridge: SyncBridge | None = None
        self._clients: ServerClients | None = None
        self._queue: UploadQueue | None = None
        # Thread.start() waits until the engine's thread runs, which on a busy machine took
        # the GUI thread 80 ms and more: the engine is started from this worker instead.
        self._starter = TaskRunner(self, max_threads=1)

    def attach(self, connection: Connection) -> None:
        if self.engine is not None:
            return
        try:
            self._queue = UploadQueue(queue_path(self._paths))
        except QueueError as exc:
            self._window.statusBar().showMessage(str(exc), 30000)
            log.error("upload queue unavailable: %s", exc)
            return
        local = connection if connection.is_local else None
        self._clients = ServerClients(self._paths, local=local)
        self.engine = UploadEngine(self._queue, self._clients)
        self.bridge = SyncBridge(self.engine, self)
        status = UploadStatus(self.bridge, self._window)
        self._window.statusBar().addPermanentWidget(status)
        self._starter.run(self.engine.start, lambda _engine: None, self._start_failed)
        self.started.emit(self.bridge)

    def _start_failed(self, error: Exception) -> None:
        log.error("the upload engine did not start: %s", error)
        self._window.statusBar().showMessage(str(error), 30000)

    @property
    def clients(self) -> ServerClients | None:
        """Server key -> PlatformClient, for views that ask the job's server (credits)."""
        return self._clients

    def stop(self) -> None:
        self._starter.wait(10_000)  # a start under way finishes first, then is stopped
        if self.bridge is not None:
            self.bridge.detach()
        if self.engine is not None:
            self.engine.stop()
            self.engine = None
        if self._clients is not None:
            self._clients.close()  # the window's own local community is not ours to stop
        if self._queue is not None:
            self._queue.close()
