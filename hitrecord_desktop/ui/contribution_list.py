"""The contributions of a challenge as a list: title, author, role, duration, a waveform, a
play/stop button and "Add to project". Few per challenge, so each row is a real widget (real
buttons with accessible names) rather than a delegate's drawing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QToolButton,
    QWidget,
)

from ..api.models import Contribution
from .waveform_view import WaveformView

if TYPE_CHECKING:
    from ..media.waveform_thumbnail import WaveformThumbnail


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "–:––"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class ContributionRow(QWidget):
    play_clicked = Signal()
    add_clicked = Signal()

    def __init__(self, contribution: Contribution, built_on: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.contribution = contribution
        self.duration_s: float | None = None
        self.setObjectName(f"contribution_{contribution.id}")
        who = contribution.author.display_name or contribution.author.username
        self.title = QLabel(contribution.title, self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.meta = QLabel(self)
        self.meta.setObjectName("contribution_meta")
        self._who, self._role = who, contribution.role.replace("_", " ")
        self.lineage = QLabel(built_on, self)
        self.lineage.setObjectName("contribution_lineage")
        self.lineage.setVisible(bool(built_on))
        self.lineage.setEnabled(False)  # the palette's quieter text colour
        self.waveform = WaveformView(self)
        self.play = QToolButton(self)
        self.play.setObjectName("preview_button")
        self.play.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space on the list does the same
        self.play.clicked.connect(self.play_clicked)
        self.add = QToolButton(self)
        self.add.setObjectName("add_to_project")
        self.add.setText(self.tr("Add to project"))
        self.add.setToolTip(self.tr("Add to the challenge's project (Ctrl+Shift+A)"))
        self.add.setAccessibleName(self.tr("Add {0} to the project").format(contribution.title))
        self.add.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder))
        self.add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add.clicked.connect(self.add_clicked)

        self.lineage.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 5, 6, 5)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.play, 0, 0, 2, 1)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.meta, 1, 1)
        grid.addWidget(self.add, 0, 2, 2, 1)
        grid.addWidget(self.waveform, 2, 1, 1, 2)
        grid.addWidget(self.lineage, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.set_playing(False)
        self._show_meta()

    def set_playing(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaStop if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play.setIcon(self.style().standardIcon(icon))
        verb = self.tr("Stop {0}") if playing else self.tr("Play {0}")
        self.play.setAccessibleName(verb.format(self.contribution.title))
        self.play.setToolTip(self.tr("Stop (Space)") if playing else self.tr("Preview (Space)"))
        self.play.setChecked(playing)
        if not playing:
            self.waveform.set_progress(0.0)

    def set_thumbnail(self, thumbnail: WaveformThumbnail) -> None:
        self.duration_s = thumbnail.duration_s
        self.waveform.set_thumbnail(thumbnail)
        self._show_meta()

    def _show_meta(self) -> None:
        text = f"{self._role} · {self._who} · {format_duration(self.duration_s)}"
        self.meta.setText(text)
        self.setAccessibleName(f"{self.contribution.title}, {text}")

    def text(self) -> str:
        return "\n".join(
            label.text() for label in (self.title, self.meta, self.lineage) if label.text()
        )


class ContributionList(QListWidget):
    """Rows by contribution id; the owner fills thumbnails and play state as they come."""

    play_requested = Signal(object)  # Contribution
    add_requested = Signal(object)  # Contribution

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contribution_list")
        self.setAccessibleName(self.tr("Contributions"))
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.rows: dict[int, ContributionRow] = {}
        self._soften_selection()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not getattr(self, "_softening", True):
            self._soften_selection()

    def _soften_selection(self) -> None:
        """Rows are widgets with their own text: a full-strength selection colour under them
        would leave dark text on a dark fill. A light wash of the theme's colour instead."""
        self._softening = True
        palette = self.palette()
        app_palette = QApplication.palette(self)
        wash = QColor(app_palette.color(QPalette.ColorRole.Highlight))
        wash.setAlpha(70)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, wash)
            palette.setColor(
                group,
                QPalette.ColorRole.HighlightedText,
                app_palette.color(QPalette.ColorRole.Text),
            )
        self.setPalette(palette)
        self._softening = False

    def set_contributions(self, contributions: list[Contribution]) -> None:
        self.clear()
        self.rows = {}
        titles = {c.id: c.title for c in contributions}
        for contribution in contributions:
            names = ", ".join(
                titles.get(ref.contribution_id, f"#{ref.contribution_id}")
                for ref in contribution.built_on
            )
            built_on = self.tr("built on: {0}").format(names) if names else ""
            row = ContributionRow(contribution, built_on, self)
            row.play_clicked.connect(lambda c=contribution: self._clicked(c, self.play_requested))
            row.add_clicked.connect(lambda c=contribution: self._clicked(c, self.add_requested))
            item = QListWidgetItem(self)
            item.setData(Qt.ItemDataRole.UserRole, contribution.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, row.accessibleName())
            item.setSizeHint(QSize(1, row.sizeHint().height()))  # as wide as the list
            self.setItemWidget(item, row)
            self.rows[contribution.id] = row
        if contributions:
            self.setCurrentRow(0)

    def _clicked(self, contribution: Contribution, signal: Signal) -> None:
        self.select(contribution.id)
        signal.emit(contribution)  # type: ignore[attr-defined]

    def select(self, contribution_id: int) -> None:
        for index in range(self.count()):
            if self.item(index).data(Qt.ItemDataRole.UserRole) == contribution_id:
                self.setCurrentRow(index)
                return

    def selected(self) -> Contribution | None:
        item = self.currentItem()
        if item is None:
            return None
        row = self.rows.get(item.data(Qt.ItemDataRole.UserRole))
        return row.contribution if row is not None else None
