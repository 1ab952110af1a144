"""The status bar's word on uploads: what the jobs are doing ("2 uploading, 1 waiting for
network"), how fast, how long, or what they wait for."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ..sync.transfer_rate import format_bytes
from ..sync.upload_events import ServerChanged, ServerState, TotalProgress
from ..sync.upload_jobs import JobState, UploadJob
from ..sync.upload_overview import situation_counts
from .sync_bridge import SyncBridge
from .upload_words import count_phrase, format_duration


def _gone(job: UploadJob) -> bool:
    return job.state in (JobState.DONE, JobState.CANCELLED)


class UploadStatus(QWidget):
    """Hidden while nothing is queued; otherwise a line of text and a progress bar."""

    def __init__(self, bridge: SyncBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("upload_status")
        self.setAccessibleName(self.tr("Uploads"))
        self.label = QLabel(self)
        self.label.setObjectName("upload_status_text")
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Upload progress"))
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._waiting: dict[str, ServerState] = {}
        self._total: TotalProgress | None = None
        # Failed jobs stay in the summary until retried or cancelled: they need a hand.
        self._jobs = {job.id: job for job in bridge.engine.queue.jobs() if not _gone(job)}
        bridge.job_changed.connect(self._on_job)
        bridge.total_progressed.connect(self._on_total)
        bridge.server_changed.connect(self._on_server)
        self.hide()

    def _on_server(self, event: ServerChanged) -> None:
        if event.state is ServerState.ONLINE:
            self._waiting.pop(event.server, None)
        else:
            self._waiting[event.server] = event.state
        self._show()

    def _on_job(self, job: UploadJob) -> None:
        if _gone(job):
            self._jobs.pop(job.id, None)
        else:
            self._jobs[job.id] = job
        self._show()

    def summary(self) -> str:
        """ "2 uploading, 1 waiting for network": what the unfinished jobs are doing."""
        return self.tr(", ").join(
            count_phrase(which, count) for which, count in situation_counts(self._jobs.values())
        )

    def _on_total(self, total: TotalProgress) -> None:
        self._total = total
        self._show()

    def _show(self) -> None:
        total = self._total or TotalProgress(0, 0, 0, 0.0, None)
        if total.jobs == 0 and not self._jobs:
            self.hide()
            return
        self.bar.setValue(
            int(1000 * total.done_bytes / total.total_bytes) if total.total_bytes else 0
        )
        summary = self.summary()
        if ServerState.SIGN_IN_NEEDED in self._waiting.values():
            text = self.tr("Uploads wait: sign in again")
            text = f"{summary} — {text}" if summary else text
        elif self._waiting:
            text = summary or self.tr("Uploads wait for the network")
        elif total.rate > 0:
            text = self.tr("{0}: {1} of {2}, {3}/s").format(
                summary or self.tr("{0} uploading").format(total.jobs),
                format_bytes(total.done_bytes),
                format_bytes(total.total_bytes),
                format_bytes(total.rate),
            )
            if total.seconds_left is not None:
                text += self.tr(", {0} left").format(format_duration(total.seconds_left))
        else:
            text = summary or self.tr("{0} upload(s) queued").format(total.jobs)
        self.label.setText(text)
        self.setToolTip(text)
        self.show()
