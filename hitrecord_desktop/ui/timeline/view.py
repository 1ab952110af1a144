"""The timeline's view: mouse drags become clip edits, the wheel zooms, files can be dropped.

A drag shows a preview and executes one command on release (MoveClip or TrimClip), so a drag
is one undo step and a refused edit just snaps the clip back. Snapping (beats and clip edges,
`project.snapping`) is on unless Shift is held or the snap toggle is off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QShowEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView

from ...project import snapping
from ...project.commands import MoveClip, TrimClip
from .clip_item import ClipItem
from .scene import TimelineScene

SNAP_PIXELS = 8
DRAG_START_PIXELS = 3
ZOOM_STEP = 1.25


@dataclass
class _Drag:
    item: ClipItem
    mode: str  # "move" | "left" | "right"
    press_x: float
    press_y: float
    position: int
    trim_in: int
    trim_out: int
    lane: int
    started: bool = False
    result: tuple[int, int, int, int] | None = None  # position, trim_in, trim_out, lane


class TimelineView(QGraphicsView):
    """Shows a `TimelineScene`; owns no project state of its own beyond the drag under way."""

    files_dropped = Signal(object, int, list)  # track id or None, sample, [Path]
    zoom_requested = Signal(float, float)  # factor, anchor x in the viewport
    nudge_requested = Signal(int, int)  # direction in time (-1, 0, 1), in lanes (-1, 0, 1)
    tab_requested = Signal(int)  # +1 next clip, -1 previous; the widget decides
    user_scrolled = Signal()

    def __init__(self, scene: TimelineScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.timeline = scene
        self.snap_enabled = True
        self._drag: _Drag | None = None
        self._shown = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setAccessibleName(self.tr("Timeline"))
        self.viewport().setAccessibleName(self.tr("Timeline clips"))
        self.setAccessibleDescription(
            self.tr(
                "Clips of every track. Arrow keys nudge the selected clip, Tab moves between clips."
            )
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:  # QGraphicsView opens on the scene's centre; a timeline, at 0:00
            self._shown = True
            self.horizontalScrollBar().setValue(0)
            self.verticalScrollBar().setValue(0)

    # -- helpers ---------------------------------------------------------------------------

    def sample_at(self, viewport_x: float) -> int:
        return self.timeline.geometry.sample(self.mapToScene(int(viewport_x), 0).x())

    def snap_tolerance(self) -> int:
        return round(SNAP_PIXELS * self.timeline.geometry.samples_per_pixel)

    def _snapping(self, event: QMouseEvent) -> bool:
        return self.snap_enabled and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier

    # -- mouse -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        item = self.itemAt(event.position().toPoint())
        scene = self.timeline
        if not isinstance(item, ClipItem):
            scene.clearSelection()
            self._drag = None
            return
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            scene.clearSelection()
        item.setSelected(True)
        item.setFocus()
        clip = item.clip
        if clip is None:
            return
        point = item.mapFromScene(self.mapToScene(event.position().toPoint()))
        mode = item.edge_at(point.x()) or "move"
        self._drag = _Drag(
            item,
            mode,
            event.position().x(),
            event.position().y(),
            clip.position,
            clip.trim_in,
            clip.trim_out,
            item.lane,
        )
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            super().mouseMoveEvent(event)
            return
        dx = event.position().x() - drag.press_x
        dy = event.position().y() - drag.press_y
        if not drag.started and max(abs(dx), abs(dy)) < DRAG_START_PIXELS:
            return
        drag.started = True
        geometry = self.timeline.geometry
        delta = round(dx * geometry.samples_per_pixel)
        project = self.timeline.document.project
        clip = drag.item.clip
        assert clip is not None
        frames = clip.media.frames
        tolerance = self.snap_tolerance() if self._snapping(event) else 0
        extra = [self.timeline.playhead_sample]

        def snap_edge(edge: int) -> int:
            if not tolerance:
                return edge
            near = snapping.targets_near(
                project, edge, tolerance, exclude_clip_id=clip.id, extra=extra
            )
            return snapping.snap(edge, near, tolerance)

        if drag.mode == "move":
            length = drag.trim_out - drag.trim_in
            start = max(0, drag.position + delta)
            if tolerance:
                targets = snapping.targets_near(
                    project, start, tolerance, exclude_clip_id=clip.id, extra=extra, span=length
                )
                start = snapping.snap_span(start, length, targets, tolerance)
            lane = drag.lane
            if not drag.item.is_take:
                scene_y = self.mapToScene(event.position().toPoint()).y()
                lane = min(max(0, geometry.lane_at(scene_y)), len(project.tracks) - 1)
            drag.result = (start, drag.trim_in, drag.trim_out, lane)
        elif drag.mode == "left":
            edge = drag.position + delta
            edge = snap_edge(edge)
            trim_in = drag.trim_in + (edge - drag.position)
            trim_in = min(max(0, trim_in, drag.trim_in - drag.position), drag.trim_out - 1)
            position = drag.position + (trim_in - drag.trim_in)
            drag.result = (position, trim_in, drag.trim_out, drag.lane)
        else:
            edge = drag.position + (drag.trim_out - drag.trim_in) + delta
            edge = snap_edge(edge)
            trim_out = drag.trim_in + (edge - drag.position)
            trim_out = max(drag.trim_in + 1, trim_out)
            if frames:
                trim_out = min(frames, trim_out)
            drag.result = (drag.position, drag.trim_in, trim_out, drag.lane)
        drag.item.show_preview(*drag.result)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None or drag.result is None:
            super().mouseReleaseEvent(event)
            return
        position, trim_in, trim_out, lane = drag.result
        document = self.timeline.document
        clip_id = drag.item.clip_id
        if drag.mode == "move":
            track_id = None
            if lane != drag.lane:
                track_id = document.project.tracks[lane].id
            if position != drag.position or track_id is not None:
                document.execute(MoveClip(clip_id, position, track_id))
        elif (trim_in, trim_out) != (drag.trim_in, drag.trim_out):
            document.execute(TrimClip(clip_id, trim_in, trim_out))
        # Refused or unchanged: back to where the project has it.
        self.timeline.apply_changes(())
        item = self.timeline.clip_item(clip_id)
        if item is not None and item.clip is not None:
            track = document.project.track(item.track_id)
            item.sync(
                track, document.project.tracks.index(track), item.clip, item.take_name, item.active
            )
        event.accept()

    # -- wheel and keys --------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_requested.emit(ZOOM_STEP ** (-steps), event.position().x())
            event.accept()
            return
        super().wheelEvent(event)
        self.user_scrolled.emit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            ):
                self.tab_requested.emit(-1 if key == Qt.Key.Key_Backtab else 1)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if event.key() in moves and self.timeline.selectedItems():
            self.nudge_requested.emit(*moves[event.key()])
            event.accept()
            return
        super().keyPressEvent(event)

    # -- dropping files --------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if not urls:
            super().dropEvent(event)
            return
        point: QPointF = self.mapToScene(event.position().toPoint())
        tracks = self.timeline.document.project.tracks
        lane = self.timeline.geometry.lane_at(point.y())
        track_id = tracks[lane].id if 0 <= lane < len(tracks) else None
        sample = self.timeline.geometry.sample(max(0.0, point.x()))
        self.files_dropped.emit(track_id, sample, [Path(u.toLocalFile()) for u in urls])
        event.acceptProposedAction()
