"""The credits an upload will carry, shown before it is sent: which contributions it is built
on, by whom, and where each sits. Titles and authors are asked of the job's server on a worker
thread; until they come (or if they cannot) the ids and offsets the job carries are shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..api.client import PlatformClient
from ..sync.upload_jobs import UploadJob
from ..sync.upload_overview import CreditLine, offset_seconds, resolve_credits
from .task_owner import run_owned
from .tasks import TaskRunner
from .upload_words import format_offset

ClientFactory = Callable[[str], PlatformClient]


class UploadCredits(QWidget):
    """`show_job(job)` fills the list; answers are cached per job (lineage never changes)."""

    def __init__(
        self, tasks: TaskRunner, clients: ClientFactory | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("upload_credits")
        self._tasks = tasks
        self._clients = clients
        self._cache: dict[str, list[CreditLine]] = {}
        self._task: int | None = None
        self._job_id: str | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setObjectName("upload_credits_heading")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("upload_credits_list")
        self.tree.setAccessibleName(self.tr("Credits of the selected upload"))
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Built on"), self.tr("By"), self.tr("At")])
        # The title takes what is left: author and offset stay in view in a narrow pane.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree)
        self.show_job(None)

    def show_job(self, job: UploadJob | None) -> None:
        if self._task is not None:
            self._tasks.forget(self._task)
            self._task = None
        self._job_id = job.id if job else None
        self.tree.clear()
        if job is None:
            self.heading.setText(self.tr("Select an upload to see whom it credits."))
            return
        if not job.lineage:
            self.heading.setText(
                self.tr("“{0}” is built on no other contribution: it is all yours.").format(
                    job.title
                )
            )
            return
        self.heading.setText(
            self.tr("“{0}” credits {1} contribution(s) when it is sent:").format(
                job.title, len(job.lineage)
            )
        )
        cached = self._cache.get(job.id)
        if cached is not None:
            self._fill(cached)
            return
        self._fill(
            [
                CreditLine(
                    ref.contribution_id,
                    None,
                    None,
                    offset_seconds(ref.offset_samples, ref.sample_rate),
                )
                for ref in job.lineage
            ]
        )
        if self._clients is None:
            return
        clients = self._clients
        job_id = job.id

        def done(lines: list[CreditLine]) -> None:
            self._cache[job_id] = lines
            if self._job_id == job_id:
                self._task = None
                self._fill(lines)

        def failed(error: Exception) -> None:
            if self._job_id == job_id:
                self._task = None
                self.heading.setText(self.heading.text() + " " + str(error))

        self._task = run_owned(
            self._tasks, self, lambda: resolve_credits(job, clients), done, failed
        )

    def _fill(self, lines: list[CreditLine]) -> None:
        self.tree.clear()
        for line in lines:
            title = line.title or self.tr("Contribution #{0}").format(line.contribution_id)
            author = line.author or (self.tr("(unknown)") if line.problem else self.tr("…"))
            item = QTreeWidgetItem([title, author, format_offset(line.offset_seconds)])
            if line.problem:
                item.setToolTip(0, line.problem)
            self.tree.addTopLevelItem(item)

    def lines(self) -> list[tuple[str, str, str]]:
        """What the list shows, row by row (for tests and screen readers' summaries)."""
        return [
            tuple(self.tree.topLevelItem(i).text(c) for c in range(3))  # type: ignore[misc]
            for i in range(self.tree.topLevelItemCount())
        ]
