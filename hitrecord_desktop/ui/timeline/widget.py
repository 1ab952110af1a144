"""The project workspace's timeline: ruler, track headers and clip lanes over a ProjectDocument.

The integrator's API: `TimelineWidget(document, tasks, peaks_source, parent, thumbnails)`, signals
`seek_requested(int)`, `files_dropped(track_id | None, sample, [Path])`,
`selection_changed(list[str])`, slots `set_playhead(int)`, `set_playing(bool)`,
`set_position_source(callable | None)`, and `actions()` / the `action_*` attributes for menus.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QToolButton,
    QWidget,
)

from ...project.commands import (
    AddTrack,
    CompositeCommand,
    MoveClip,
    RemoveClip,
    SetLoop,
    SetPunch,
    SplitClip,
)
from ...project.events import Subject
from ...project.model import SampleRange, Track, TrackKind
from ...project.ruler_grid import RulerMode
from ..project_document import ProjectDocument
from ..tasks import TaskRunner
from .peaks_source import PeaksSource
from .ruler import TimelineRuler
from .scene import EXTRA_LANES, TimelineScene
from .thumbnail_source import ThumbnailSource
from .track_header import HEADER_WIDTH, TrackHeaders
from .view import ZOOM_STEP, TimelineView

FOLLOW_MARGIN = 0.9  # auto-scroll when the playhead passes 90 % of the width
POLL_MS = 16


class TimelineWidget(QWidget):
    seek_requested = Signal(int)
    files_dropped = Signal(object, int, list)  # track id or None, sample, [Path]
    selection_changed = Signal(list)  # clip ids

    def __init__(
        self,
        document: ProjectDocument,
        tasks: TaskRunner | None,
        peaks_source: PeaksSource | None,
        parent: QWidget | None = None,
        thumbnails: ThumbnailSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.tasks = tasks
        self.playing = False
        self.follow_playhead = True
        self._position_source: Callable[[], int] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_position)
        self.timeline = TimelineScene(document, peaks_source, self, thumbnails)
        self.view = TimelineView(self.timeline, self)
        self.ruler = TimelineRuler(self.view, self)
        self.headers = TrackHeaders(document)
        self.header_area = QScrollArea(self)
        self.header_area.setWidget(self.headers)
        self.header_area.setWidgetResizable(False)
        self.header_area.setFrameShape(QFrame.Shape.NoFrame)
        self.header_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header_area.setFixedWidth(HEADER_WIDTH)
        self.header_area.setAccessibleName(self.tr("Tracks"))
        self._make_actions()
        corner = self._make_corner()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(corner, 0, 0)
        grid.addWidget(self.ruler, 0, 1)
        grid.addWidget(self.header_area, 1, 0)
        grid.addWidget(self.view, 1, 1)
        self.setAccessibleName(self.tr("Project timeline"))
        self._wire()
        self._sync_headers()

    # -- construction ------------------------------------------------------------------------

    def _action(
        self, text: str, shortcuts: list[str], slot: Callable[..., object], checkable: bool = False
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.action_split = self._action(self.tr("Split at playhead"), ["S"], self.split_selected)
        self.action_delete = self._action(
            self.tr("Delete clip"), ["Delete", "Backspace"], self.delete_selected
        )
        self.action_zoom_in = self._action(self.tr("Zoom in"), ["+", "=", "Ctrl++"], self.zoom_in)
        self.action_zoom_out = self._action(self.tr("Zoom out"), ["-", "Ctrl+-"], self.zoom_out)
        self.action_zoom_fit = self._action(self.tr("Zoom to fit"), ["Ctrl+0"], self.zoom_to_fit)
        self.action_snap = self._action(
            self.tr("Snap to beats and clips"), ["Ctrl+Shift+S"], self._snap_toggled, checkable=True
        )
        self.action_snap.setChecked(True)
        self.action_time_ruler = self._action(
            self.tr("Ruler in minutes and seconds"),
            ["Ctrl+Shift+R"],
            self._ruler_toggled,
            checkable=True,
        )
        self.action_follow = self._action(
            self.tr("Follow playhead"), ["Ctrl+Shift+F"], self._follow_toggled, checkable=True
        )
        self.action_follow.setChecked(True)
        self.action_add_track = self._action(self.tr("Add track"), ["Ctrl+Shift+N"], self.add_track)
        self.action_add_video_track = self._action(
            self.tr("Add video track"), ["Ctrl+Alt+N"], self.add_video_track
        )
        self.action_loop_selection = self._action(
            self.tr("Loop selected clips"), ["Ctrl+L"], lambda: self._range_to_selection(SetLoop)
        )
        self.action_punch_selection = self._action(
            self.tr("Punch in on selected clips"),
            ["Ctrl+Shift+P"],
            lambda: self._range_to_selection(SetPunch),
        )
        for action in self.timeline_actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})")

    def timeline_actions(self) -> list[QAction]:
        """The actions the main window may put in its menus (Edit, View)."""
        return [
            self.action_split,
            self.action_delete,
            self.action_zoom_in,
            self.action_zoom_out,
            self.action_zoom_fit,
            self.action_snap,
            self.action_time_ruler,
            self.action_follow,
            self.action_add_track,
            self.action_add_video_track,
            self.action_loop_selection,
            self.action_punch_selection,
        ]

    def _make_corner(self) -> QWidget:
        corner = QWidget(self)
        corner.setFixedSize(HEADER_WIDTH, self.ruler.height())
        row = QHBoxLayout(corner)
        row.setContentsMargins(6, 4, 6, 4)
        row.setSpacing(2)
        labels = {
            self.action_add_track: self.tr("+ Track"),
            self.action_snap: self.tr("Snap"),
            self.action_time_ruler: self.tr("Time"),
            self.action_zoom_fit: self.tr("Fit"),
        }
        for action, label in labels.items():
            button = QToolButton(corner)
            button.setDefaultAction(action)
            button.setText(label)
            button.setAccessibleName(action.text())
            button.setAutoRaise(True)
            row.addWidget(button)
        row.addStretch(1)
        self._corner_buttons = corner.findChildren(QToolButton)
        return corner

    def _wire(self) -> None:
        view, area = self.view, self.header_area
        view.verticalScrollBar().valueChanged.connect(self._view_scrolled_vertically)
        area.verticalScrollBar().valueChanged.connect(self._headers_scrolled)
        # A header column laid out after the view scrolled must catch up.
        area.verticalScrollBar().rangeChanged.connect(
            lambda *_: self._view_scrolled_vertically(view.verticalScrollBar().value())
        )
        view.zoom_requested.connect(self.zoom_by)
        view.files_dropped.connect(self.files_dropped)
        view.nudge_requested.connect(self.nudge_selected)
        view.tab_requested.connect(self.select_next)
        self.ruler.seek_requested.connect(self.seek_requested)
        self.timeline.selectionChanged.connect(self._selection_changed)
        self.timeline.lanes_changed.connect(self._sync_headers)
        self.document.changed.connect(self._document_changed)

    def _view_scrolled_vertically(self, value: int) -> None:
        bar = self.header_area.verticalScrollBar()
        if bar.value() != value:
            bar.setValue(value)

    def _headers_scrolled(self, value: int) -> None:
        bar = self.view.verticalScrollBar()
        if bar.value() != value:
            bar.setValue(value)

    def _sync_headers(self) -> None:
        project = self.document.project
        colors = [self.timeline.track_color(i) for i in range(len(project.tracks))]
        geometry = self.timeline.geometry
        extra = (
            EXTRA_LANES * geometry.track_height
            + self.view.horizontalScrollBar().sizeHint().height()
        )
        self.headers.sync(colors, geometry.track_height, extra)
        # Keyboard path: corner tools, then each track's controls top to bottom, then the clips.
        chain: list[QWidget] = [*self._corner_buttons]
        for track in project.tracks:
            header = self.headers.headers[track.id]
            chain += [
                header.name,
                header.mute,
                header.solo,
                header.arm,
                header.gain,
                header.pan,
                header.remove,
            ]
        chain.append(self.view)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _document_changed(self, changes: tuple) -> None:
        for change in changes:
            if (
                change.subject is Subject.TRACK
                and change.fields
                and change.id in self.headers.headers
            ):
                self.headers.refresh(change.id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.timeline.apply_palette(self.palette())
            self._sync_headers()
        super().changeEvent(event)

    # -- selection -------------------------------------------------------------------------

    def selected_clip_ids(self) -> list[str]:
        return [i.clip_id for i in self.timeline.clip_items() if i.isSelected()]

    def select_clip(self, clip_id: str) -> None:
        item = self.timeline.clip_item(clip_id)
        self.timeline.clearSelection()
        if item is not None:
            item.setSelected(True)
            self.view.ensureVisible(item, 40, 10)

    def _selection_changed(self) -> None:
        ids = self.selected_clip_ids()
        if ids:
            item = self.timeline.clip_item(ids[0])
            self.view.setAccessibleDescription(item.description() if item else "")
        self.selection_changed.emit(ids)

    @Slot(int)
    def select_next(self, direction: int) -> None:
        items = self.timeline.clip_items()
        selected = [i for i, item in enumerate(items) if item.isSelected()]
        if not items:
            self.focusNextPrevChild(direction > 0)
            return
        index = (selected[-1] + direction) if selected else (0 if direction > 0 else len(items) - 1)
        if not 0 <= index < len(items):
            self.timeline.clearSelection()
            self.view.focusNextPrevChild(direction > 0)
            return
        self.select_clip(items[index].clip_id)

    # -- edits -------------------------------------------------------------------------------

    def _execute_all(self, text: str, commands: list) -> bool:
        if not commands:
            return False
        if len(commands) == 1:
            return self.document.execute(commands[0])
        return self.document.execute(CompositeCommand(text, commands))

    def split_selected(self) -> bool:
        at = self.timeline.playhead_sample
        commands = [SplitClip(i, at) for i in self.selected_clip_ids()]
        return self._execute_all(self.tr("Split clips"), commands)

    def delete_selected(self) -> bool:
        commands = [RemoveClip(i) for i in self.selected_clip_ids()]
        return self._execute_all(self.tr("Delete clips"), commands)

    def nudge_selected(self, time_step: int, lane_step: int) -> None:
        project = self.document.project
        if self.view.snap_enabled:
            step = round(project.tempo.samples_per_beat(project.sample_rate))
        else:
            step = max(1, round(self.timeline.geometry.samples_per_pixel))
        for clip_id in self.selected_clip_ids():
            item = self.timeline.clip_item(clip_id)
            if item is None or item.clip is None:
                continue
            position = max(0, item.clip.position + time_step * step)
            track_id = None
            if lane_step and not item.is_take:
                lane = min(max(0, item.lane + lane_step), len(project.tracks) - 1)
                track_id = project.tracks[lane].id if lane != item.lane else None
            if position != item.clip.position or track_id is not None:
                self.document.execute(MoveClip(clip_id, position, track_id))
        ids = self.selected_clip_ids()
        if ids:
            item = self.timeline.clip_item(ids[0])
            if item is not None:
                self.view.ensureVisible(item, 40, 10)

    def add_track(self) -> bool:
        count = len(self.document.project.tracks)
        return self.document.execute(AddTrack(Track(name=self.tr("Audio {0}").format(count + 1))))

    def add_video_track(self) -> bool:
        """A lane for pictures: a camera take (armed, so the next take records onto it) or a
        clip. Armed only when no other video track is, so an existing choice stays."""
        count = len(self.document.project.tracks)
        armed = not any(t.armed and t.kind is TrackKind.VIDEO for t in self.document.project.tracks)
        track = Track(
            name=self.tr("Video {0}").format(count + 1), kind=TrackKind.VIDEO, armed=armed
        )
        return self.document.execute(AddTrack(track))

    def _range_to_selection(self, command: type) -> bool:
        clips = [self.timeline.clip_item(i) for i in self.selected_clip_ids()]
        spans = [
            (i.clip.position, i.clip.end) for i in clips if i is not None and i.clip is not None
        ]
        if not spans:
            return False
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        return self.document.execute(command(SampleRange(start, end)))

    # -- view state --------------------------------------------------------------------------

    def _snap_toggled(self, on: bool) -> None:
        self.view.snap_enabled = on

    def _follow_toggled(self, on: bool) -> None:
        self.follow_playhead = on

    def _ruler_toggled(self, time: bool) -> None:
        self.timeline.ruler_mode = RulerMode.TIME if time else RulerMode.BARS
        self.timeline.update()
        self.ruler.update()

    @property
    def samples_per_pixel(self) -> float:
        return self.timeline.geometry.samples_per_pixel

    def set_zoom(self, samples_per_pixel: float, anchor_x: float | None = None) -> None:
        """Zooms keeping the sample under `anchor_x` (viewport pixels) in place."""
        geometry = self.timeline.geometry
        if anchor_x is None:
            playhead_x = self.view.mapFromScene(geometry.x(self.timeline.playhead_sample), 0).x()
            inside = 0 <= playhead_x <= self.view.viewport().width()
            anchor_x = playhead_x if inside else self.view.viewport().width() / 2
        anchor = self.view.mapToScene(int(anchor_x), 0).x() * geometry.samples_per_pixel
        geometry.samples_per_pixel = geometry.clamp_zoom(samples_per_pixel)
        self.timeline.relayout()
        self.view.horizontalScrollBar().setValue(round(geometry.x(anchor) - anchor_x))
        self.ruler.update()

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        self.set_zoom(self.samples_per_pixel * factor, anchor_x)

    def zoom_in(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        project = self.document.project
        end = max(project.end(), project.sample_rate * 10)
        width = max(100, self.view.viewport().width() - 24)
        self.set_zoom(end / width, 0)
        self.view.horizontalScrollBar().setValue(0)

    # -- playback ------------------------------------------------------------------------------

    @Slot(int)
    def set_playhead(self, sample: int) -> None:
        """The audio bridge calls this ~60 times a second while playing."""
        old = self.timeline.playhead_sample
        if sample == old:
            return
        self.timeline.set_playhead(sample)
        self.ruler.playhead_moved(old, sample)
        if self.playing and self.follow_playhead:
            self._follow(sample)

    def _follow(self, sample: int) -> None:
        bar = self.view.horizontalScrollBar()
        width = self.view.viewport().width()
        x = self.timeline.geometry.x(sample) - bar.value()
        if x > width * FOLLOW_MARGIN or x < 0:
            bar.setValue(round(self.timeline.geometry.x(sample) - width * 0.1))

    def show_recording(self, track_id: str, first: int, last: int | None) -> None:
        """Draws the take being recorded on `track_id` as it grows (the bridge says where)."""
        self.timeline.show_recording(track_id, first, last)

    def show_input_level(self, reading) -> None:  # type: ignore[no-untyped-def]
        """The input meter's reading: its loudest channel goes into the take being drawn."""
        if self.timeline.recording is not None:
            peaks = [p for p in reading.peak_db if p > -math.inf]
            self.timeline.recording_level(10 ** (max(peaks) / 20) if peaks else 0.0)

    def hide_recording(self) -> None:
        self.timeline.hide_recording()

    @Slot(bool)
    def set_playing(self, playing: bool) -> None:
        self.playing = playing
        if playing and self._position_source is not None:
            self._poll.start()
        else:
            self._poll.stop()

    def set_position_source(self, source: Callable[[], int] | None) -> None:
        """Instead of set_playhead: a callable read every frame while playing."""
        self._position_source = source
        self.set_playing(self.playing)

    def _poll_position(self) -> None:
        if self._position_source is not None:
            self.set_playhead(int(self._position_source()))
