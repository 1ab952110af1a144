"""The detail pane: a challenge's brief, deadline, wanted roles and reference media, an "Open
project" button, and the contributions already in it (previewable, with waveforms)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..api.models import Challenge, Contribution
from .contribution_list import ContributionList
from .video.video_view import VideoView


class ChallengeDetail(QWidget):
    """show_nothing() / show_challenge(challenge, contributions=None, problem=None)."""

    open_project_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("challenge_detail")
        self.setAccessibleName(self.tr("Challenge details"))
        self.challenge: Challenge | None = None
        self.title = QLabel(self)
        self.title.setObjectName("detail_title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.meta = QLabel(self)
        self.meta.setObjectName("detail_meta")
        self.meta.setWordWrap(True)
        self.brief = QTextBrowser(self)
        self.brief.setObjectName("detail_brief")
        self.brief.setAccessibleName(self.tr("Brief"))
        self.brief.setOpenExternalLinks(False)
        self.brief.setMaximumHeight(110)
        self.reference = QLabel(self)
        self.reference.setObjectName("detail_reference")
        self.reference.setWordWrap(True)
        self.open_project = QPushButton(self.tr("Open project"), self)
        self.open_project.setObjectName("open_project")
        self.open_project.setAccessibleName(self.tr("Open the challenge's project"))
        self.open_project.setToolTip(self.tr("Open the project for this challenge (Enter)"))
        self.open_project.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        self.open_project.clicked.connect(self.open_project_clicked)
        self.heading = QLabel(self)
        self.heading.setObjectName("contributions_heading")
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.status = QLabel(self)
        self.status.setObjectName("contributions_status")
        self.status.setWordWrap(True)
        self.contributions = ContributionList(self)
        self.video = VideoView(parent=self)  # a video contribution being watched
        self.video.setMinimumHeight(180)
        self.video.hide()

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.open_project, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.addLayout(top)
        column.addWidget(self.meta)
        column.addWidget(self.brief)
        column.addWidget(self.reference)
        column.addWidget(self.heading)
        column.addWidget(self.status)
        column.addWidget(self.video, 1)
        column.addWidget(self.contributions, 1)
        QWidget.setTabOrder(self.brief, self.open_project)
        QWidget.setTabOrder(self.open_project, self.contributions)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.challenge = None
        for label in (self.title, self.meta, self.reference, self.heading):
            label.clear()
        self.brief.clear()
        self.brief.hide()
        self.open_project.hide()
        self.contributions.set_contributions([])
        self.contributions.hide()
        self.status.setText(self.tr("Choose a challenge to read its brief."))
        self.status.show()

    def show_challenge(
        self,
        challenge: Challenge,
        contributions: list[Contribution] | None = None,
        problem: str | None = None,
    ) -> None:
        """The brief, then the contributions: "loading" while None, or why they are missing."""
        self.challenge = challenge
        author = challenge.author.display_name or challenge.author.username
        deadline = (
            challenge.deadline.strftime("%d %b %Y")
            if challenge.deadline
            else self.tr("no deadline")
        )
        roles = ", ".join(r.replace("_", " ") for r in challenge.roles)
        status = self.tr("open") if challenge.status == "open" else self.tr("closed")
        kind = self.tr("video") if challenge.kind == "video" else self.tr("audio")
        self.title.setText(challenge.title)
        self.meta.setText(
            self.tr("Wanted: {0} · {1} · Deadline: {2} · {3} · Posted by {4}").format(
                roles, kind, deadline, status, author
            )
        )
        self.brief.setPlainText(challenge.brief)
        self.brief.show()
        self.open_project.show()
        self.status.show()
        self.contributions.hide()
        if problem is not None:
            self.status.setText(
                self.tr("The contributions could not be loaded: {0}").format(problem)
            )
        elif contributions is None:
            self.status.setText(self.tr("Loading contributions…"))
        elif not contributions:
            self.status.setText(self.tr("No contributions yet."))
        else:
            self.status.hide()
            self.contributions.show()
        shown = contributions or []
        self.contributions.set_contributions(shown)
        self.heading.setText(self.tr("Contributions ({0})").format(len(shown)) if shown else "")
        self.reference.setText(self._reference_text(challenge, shown))

    def _reference_text(self, challenge: Challenge, contributions: list[Contribution]) -> str:
        ref = challenge.reference_contribution_id
        if ref is None:
            return self.tr("Reference media: none")
        title = next((c.title for c in contributions if c.id == ref), f"#{ref}")
        return self.tr("Reference media: {0}").format(title)

    def toPlainText(self) -> str:  # the name the old QTextBrowser pane answered to
        """Everything the pane says, as text (tests and screen readers read the same)."""
        parts = [self.title.text(), self.meta.text(), self.brief.toPlainText()]
        parts += [self.reference.text(), self.heading.text()]
        if self.status.isVisibleTo(self):
            parts.append(self.status.text())
        parts += [row.text() for row in self.contributions.rows.values()]
        return "\n".join(p for p in parts if p)
