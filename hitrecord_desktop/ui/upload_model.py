"""The upload queue as a table model: one row per job, kept current by the SyncBridge's signals.

Progress, rate and time left come from the engine's JobProgress events; a job that is not
moving shows the bytes its server has confirmed.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette

from ..sync.transfer_rate import format_bytes
from ..sync.upload_events import JobProgress
from ..sync.upload_jobs import JobState, UploadJob
from ..sync.upload_overview import Situation, situation
from .sync_bridge import SyncBridge
from .upload_words import format_duration, job_status_text

PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1  # float 0..1, or -1 when unknown
JOB_ROLE = Qt.ItemDataRole.UserRole + 2  # the UploadJob of the row
SITUATION_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    STATUS = 1
    PROGRESS = 2
    RATE = 3
    LEFT = 4
    SERVER = 5


class UploadTableModel(QAbstractTableModel):
    """Rows in queue order; `job_at(row)` and `row_of(job_id)` for the view's controls."""

    def __init__(self, bridge: SyncBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[UploadJob] = list(bridge.engine.queue.jobs())
        self._progress: dict[str, JobProgress] = {}
        bridge.job_changed.connect(self.update_job)
        bridge.job_progressed.connect(self.update_progress)

    # -- reading -------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.TITLE: self.tr("Upload"),
            Column.STATUS: self.tr("Status"),
            Column.PROGRESS: self.tr("Progress"),
            Column.RATE: self.tr("Rate"),
            Column.LEFT: self.tr("Time left"),
            Column.SERVER: self.tr("Server"),
        }[Column(section)]

    def job_at(self, row: int) -> UploadJob:
        return self._jobs[row]

    def row_of(self, job_id: str) -> int:
        return next((row for row, job in enumerate(self._jobs) if job.id == job_id), -1)

    def jobs(self) -> list[UploadJob]:
        return list(self._jobs)

    def fraction(self, job: UploadJob) -> float:
        if job.state is JobState.DONE:
            return 1.0
        if job.size <= 0:
            return 0.0
        progress = self._progress.get(job.id)
        done = progress.sent if progress is not None else job.confirmed
        return min(1.0, done / job.size)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        job = self._jobs[index.row()]
        column = Column(index.column())
        if role == JOB_ROLE:
            return job
        if role == SITUATION_ROLE:
            return situation(job)
        if role == PROGRESS_ROLE:
            return self.fraction(job)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(job, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.STATUS:
                return job_status_text(job)
            if column is Column.TITLE:
                return str(job.path)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATUS:
            which = situation(job)
            if which is Situation.FAILED:
                return QColor("#e5484d")
            if which in (Situation.WAITING_NETWORK, Situation.WAITING_SIGN_IN):
                return QPalette().color(QPalette.ColorRole.Link)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.RATE, Column.LEFT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, job: UploadJob, column: Column) -> str:
        moving = job.state is JobState.UPLOADING
        progress = self._progress.get(job.id) if moving else None
        if column is Column.TITLE:
            return job.title
        if column is Column.STATUS:
            return job_status_text(job)
        if column is Column.PROGRESS:
            done = progress.sent if progress is not None else job.confirmed
            if job.state is JobState.DONE:
                done = job.size
            return self.tr("{0} of {1}").format(format_bytes(done), format_bytes(job.size))
        if column is Column.RATE:
            if progress is None or progress.rate <= 0:
                return ""
            return self.tr("{0}/s").format(format_bytes(progress.rate))
        if column is Column.LEFT:
            if progress is None or progress.seconds_left is None:
                return ""
            return format_duration(progress.seconds_left)
        return self.tr("Local community") if job.server == "local" else job.server

    # -- keeping current -----------------------------------------------------------------------

    def update_job(self, job: UploadJob) -> None:
        row = self.row_of(job.id)
        if job.state is not JobState.UPLOADING:
            self._progress.pop(job.id, None)
        if row < 0:
            self.beginInsertRows(QModelIndex(), len(self._jobs), len(self._jobs))
            self._jobs.append(job)
            self.endInsertRows()
            return
        self._jobs[row] = job
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def update_progress(self, progress: JobProgress) -> None:
        row = self.row_of(progress.job_id)
        if row < 0:
            return
        self._progress[progress.job_id] = progress
        self.dataChanged.emit(self.index(row, Column.PROGRESS), self.index(row, Column.LEFT))

    def remove_finished(self) -> None:
        """Drops done and cancelled rows from the view (the queue forgets them later)."""
        for row in reversed(range(len(self._jobs))):
            if self._jobs[row].state in (JobState.DONE, JobState.CANCELLED):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._jobs[row]
                self.endRemoveRows()
