"""The "Upload" dialog: what will be sent, under which title and role, and whom it credits.

The credits (the lineage) are shown before anything is sent, so the person sees that the
backing track's author will be credited. Queueing reads the whole file for its sha256, so it
runs on a worker thread; the dialog shows that as progress and closes when the job is queued.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ..sync.project_uploads import Credit
from ..sync.transfer_rate import format_bytes
from ..sync.upload_jobs import UploadJob, UploadRequest
from .tasks import TaskRunner

Queue = Callable[[UploadRequest, Callable[[int, int], None]], UploadJob]


def credit_line(credit: Credit) -> str:
    """One credit as a person reads it: "Backing track" by ada, from 0:02.5."""
    name = credit.title or f"#{credit.contribution_id}"
    who = f" — {credit.author}" if credit.author else ""
    seconds = credit.offset_seconds
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{name}{who} (#{credit.contribution_id}, at {sign}{int(minutes)}:{rest:04.1f})"


class UploadDialog(QDialog):
    """Asks for title and role, shows the credits, queues the upload on OK."""

    queued = Signal(object)  # UploadJob
    failed = Signal(str)

    def __init__(
        self,
        request: UploadRequest,
        credits: Sequence[Credit],
        roles: Sequence[str],
        queue: Queue,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        what: str = "",
    ) -> None:
        """`what` names the upload for a person ("Take 2, 12.4 s"); the file name otherwise."""
        super().__init__(parent)
        self.setObjectName("upload_dialog")
        self.setWindowTitle(self.tr("Upload to the community"))
        self.setAccessibleName(self.tr("Upload to the community"))
        self._request = request
        self._queue = queue
        self._tasks = tasks
        self._task: int | None = None
        self.job: UploadJob | None = None

        self.title = QLineEdit(request.title, self)
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setMaxLength(200)
        self.role = QComboBox(self)
        self.role.setAccessibleName(self.tr("Role"))
        for role in roles:
            self.role.addItem(role.replace("_", " ").capitalize(), role)
        if request.role in roles:
            self.role.setCurrentIndex(list(roles).index(request.role))
        self.role.setEnabled(len(roles) > 1)
        file_label = QLabel(what or request.path.name, self)
        file_label.setToolTip(str(request.path))
        file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.credits = QListWidget(self)
        self.credits.setObjectName("upload_credits")
        self.credits.setAccessibleName(self.tr("Credits sent with this upload"))
        for credit in credits:
            self.credits.addItem(credit_line(credit))
        if not credits:
            self.credits.addItem(self.tr("Nobody else: this is all your own work."))
        self.credits.setMaximumHeight(120)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Preparing the upload"))
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self._hashed = 0
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._show_progress)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("upload_dialog_message")

        form = QFormLayout()
        form.addRow(self.tr("Sending:"), file_label)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Role:"), self.role)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Upload"))
        ok.setAccessibleName(self.tr("Upload"))
        self.buttons.accepted.connect(self._send)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        credits_label = QLabel(self.tr("&Credits — these people are credited and share in what "
                                       "the work earns:"), self)  # fmt: skip
        credits_label.setWordWrap(True)
        credits_label.setBuddy(self.credits)
        column.addWidget(credits_label)
        column.addWidget(self.credits)
        column.addWidget(self.progress)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self.setTabOrder(self.title, self.role)
        self.setTabOrder(self.role, self.credits)
        self.resize(520, self.sizeHint().height())

    def request(self) -> UploadRequest:
        """The request as the person edited it."""
        role = self.role.currentData() or self._request.role
        title = self.title.text().strip() or self._request.title
        return replace(self._request, title=title, role=role)

    def _send(self) -> None:
        if self._task is not None:
            return
        if not self.title.text().strip():
            self.message.setText(self.tr("Give the upload a title."))
            self.title.setFocus()
            return
        request = self.request()
        self.buttons.setEnabled(False)
        self.progress.show()
        self.message.setText(self.tr("Checking the file ({0})…").format(
            format_bytes(request.path.stat().st_size) if request.path.exists() else "?"
        ))  # fmt: skip
        self._hashed = 0

        def hashed(done: int, total: int) -> None:
            # On the worker thread: only an int is written; the GUI thread's timer shows it.
            if total:
                self._hashed = int(1000 * done / total)

        self._poll.start()
        self._task = self._tasks.run(lambda: self._queue(request, hashed), self._done, self._error)

    def _show_progress(self) -> None:
        self.progress.setValue(self._hashed)

    def _done(self, job: UploadJob) -> None:
        self._task = None
        self._poll.stop()
        self.job = job
        self.queued.emit(job)
        self.accept()

    def _error(self, error: Exception) -> None:
        self._task = None
        self._poll.stop()
        self.buttons.setEnabled(True)
        self.progress.hide()
        self.message.setText(self.tr("Cannot queue the upload: {0}").format(error))
        self.failed.emit(str(error))
