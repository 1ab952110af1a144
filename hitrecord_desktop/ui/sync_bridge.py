"""The one place upload-engine events cross into Qt: re-emitted as signals.

The engine calls its listeners on its own threads; a signal emitted there reaches widgets in the
GUI thread through a queued connection, so views never touch the engine's threads or locks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..sync.upload_engine import UploadEngine
from ..sync.upload_events import (
    JobChanged,
    JobProgress,
    ServerChanged,
    ServerState,
    SyncEvent,
    TotalProgress,
)


class SyncBridge(QObject):
    """Signals of one UploadEngine; controls go straight to the engine (quick queue writes)."""

    job_changed = Signal(object)  # UploadJob
    job_progressed = Signal(object)  # JobProgress
    total_progressed = Signal(object)  # TotalProgress
    server_changed = Signal(object)  # ServerChanged
    sign_in_needed = Signal(str)  # the server key whose token was refused

    def __init__(self, engine: UploadEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._unsubscribe = engine.subscribe(self._relay)

    def _relay(self, event: SyncEvent) -> None:
        if isinstance(event, JobChanged):
            self.job_changed.emit(event.job)
        elif isinstance(event, JobProgress):
            self.job_progressed.emit(event)
        elif isinstance(event, TotalProgress):
            self.total_progressed.emit(event)
        elif isinstance(event, ServerChanged):
            self.server_changed.emit(event)
            if event.state is ServerState.SIGN_IN_NEEDED:
                self.sign_in_needed.emit(event.server)

    def detach(self) -> None:
        """Stop relaying (before the engine or this object goes away)."""
        self._unsubscribe()
