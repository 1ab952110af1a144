"""At start, after a crash: rescued takes and projects left open with autosaved changes, offered
back in one dialog — open, keep for later, or discard — with lengths in seconds."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..project.recovery_offer import (
    RecoveryOffer,
    RescuedTake,
    UnsavedProject,
    discard_autosave,
    discard_take,
)
from .tasks import TaskRunner
from .upload_words import format_offset


class Decision(StrEnum):
    OPEN = "open"
    LATER = "later"
    DISCARD = "discard"


class RecoveryDialog(QDialog):
    """Shows a RecoveryOffer; on OK, discards run on the TaskRunner and `open_requested` names
    each project folder to open (the main window opens them)."""

    open_requested = Signal(Path)  # a project folder
    finished_applying = Signal(list)  # what was done, line by line

    def __init__(
        self, offer: RecoveryOffer, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_dialog")
        self.setWindowTitle(self.tr("Recover your work"))
        self.setAccessibleName(self.tr("Recover your work after a crash"))
        self._offer, self._tasks = offer, tasks
        self._choices: list[tuple[RescuedTake | UnsavedProject, QButtonGroup]] = []
        intro = QLabel(
            self.tr(
                "HitRecord Desktop stopped unexpectedly. This is what could be saved; choose "
                "what to do with each."
            ),
            self,
        )
        intro.setWordWrap(True)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        if offer.takes:
            body_layout.addWidget(self._take_group(offer.takes))
        if offer.projects:
            body_layout.addWidget(self._project_group(offer.projects))
        if offer.problems:
            problems = QLabel(
                self.tr("Could not be rescued:") + "\n" + "\n".join(offer.problems), body
            )
            problems.setWordWrap(True)
            body_layout.addWidget(problems)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Continue"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(680, 420)

    def _row(
        self,
        grid: QGridLayout,
        row: int,
        item: RescuedTake | UnsavedProject,
        text: str,
        detail: str,
        can_open: bool,
    ) -> None:
        label = QLabel(f"<b>{text}</b><br>{detail}", grid.parentWidget())
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(label, row, 0)
        group = QButtonGroup(self)
        for column, (decision, caption) in enumerate(
            (
                (Decision.OPEN, self.tr("Open")),
                (Decision.LATER, self.tr("Keep for later")),
                (Decision.DISCARD, self.tr("Discard")),
            ),
            start=1,
        ):
            button = QRadioButton(caption, grid.parentWidget())
            button.setObjectName(f"recovery_{decision.value}_{row}")
            button.setAccessibleName(f"{caption}: {text}")
            button.setProperty("decision", decision.value)
            if decision is Decision.OPEN and not can_open:
                button.setEnabled(False)
            group.addButton(button)
            grid.addWidget(button, row, column)
        default = Decision.OPEN if can_open else Decision.LATER
        for button in group.buttons():
            if button.property("decision") == default.value:
                button.setChecked(True)
        self._choices.append((item, group))

    def _take_group(self, takes: tuple[RescuedTake, ...]) -> QGroupBox:
        box = QGroupBox(self.tr("Takes recorded when the app stopped"), self)
        box.setObjectName("recovery_takes")
        grid = QGridLayout(box)
        for row, take in enumerate(takes):
            where = self.tr("“{0}”, track {1}").format(
                take.project_title or take.project_id, take.track_name or take.track_id
            )
            detail = self.tr("{0} s long, starting at {1} in {2}. {3}").format(
                f"{take.seconds:.1f}",
                format_offset(take.start_seconds),
                where,
                take.outcome[:1].upper() + take.outcome[1:] + ".",
            )
            self._row(grid, row, take, take.path.name, detail, take.project_folder is not None)
        grid.setColumnStretch(0, 1)
        return box

    def _project_group(self, projects: tuple[UnsavedProject, ...]) -> QGroupBox:
        from datetime import datetime

        box = QGroupBox(self.tr("Projects with autosaved changes"), self)
        box.setObjectName("recovery_projects")
        grid = QGridLayout(box)
        offset = len(self._choices)
        for row, project in enumerate(projects, start=offset):
            when = datetime.fromtimestamp(project.autosaved_at).strftime("%Y-%m-%d %H:%M")
            detail = self.tr("Last autosaved {0}.").format(when)
            self._row(grid, row, project, project.title, detail, True)
        grid.setColumnStretch(0, 1)
        return box

    def decisions(self) -> list[tuple[RescuedTake | UnsavedProject, Decision]]:
        chosen = []
        for item, group in self._choices:
            button = group.checkedButton()
            value = button.property("decision") if button is not None else Decision.LATER.value
            chosen.append((item, Decision(value)))
        return chosen

    def accept(self) -> None:
        decisions = self.decisions()
        to_discard = [item for item, d in decisions if d is Decision.DISCARD]
        for item, decision in decisions:
            if decision is not Decision.OPEN:
                continue
            folder = item.folder if isinstance(item, UnsavedProject) else item.project_folder
            if folder is not None:
                self.open_requested.emit(folder)
        if to_discard:

            def work() -> list[str]:
                return [
                    discard_take(i) if isinstance(i, RescuedTake) else discard_autosave(i)
                    for i in to_discard
                ]

            self._tasks.run(
                work, self.finished_applying.emit, lambda e: self.finished_applying.emit([str(e)])
            )
        else:
            self.finished_applying.emit([])
        super().accept()
