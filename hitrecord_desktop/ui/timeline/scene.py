"""The timeline's scene: one item per clip, lanes and beat grid behind, the playhead above.

It follows `ProjectDocument.changed` incrementally: a clip change re-reads only that clip from
the project (added, moved to another track, trimmed or gone), a track change re-lays the lanes;
nothing is rebuilt from scratch, so undo/redo and large projects stay cheap.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene

from ...project.events import Change, Subject
from ...project.model import MediaRef, Track
from ...project.ruler_grid import RulerMode, ticks
from ..project_document import ProjectDocument
from .clip_item import ClipItem
from .geometry import TimelineGeometry, is_dark, loop_color, punch_color, track_color
from .peaks_source import LoadedPeaks, PeaksSource, media_key
from .recording_item import RecordingItem
from .thumbnail_source import ThumbnailSource
from .waveform_tiles import WaveformTiles

EXTRA_SECONDS = 60  # room to the right of the last clip
EXTRA_LANES = 2  # room below the last track, to drop files on


class TimelineScene(QGraphicsScene):
    """Items for every clip of `document`'s project, kept in step with its changes."""

    lanes_changed = Signal()  # tracks added, removed or reordered; zoom or size changed
    markers_changed = Signal()

    def __init__(
        self,
        document: ProjectDocument,
        peaks: PeaksSource | None,
        parent=None,
        thumbnails: ThumbnailSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.peaks_source = peaks
        self.thumbnail_source = thumbnails
        self.geometry = TimelineGeometry()
        self.tiles = WaveformTiles()
        self.ruler_mode = RulerMode.BARS
        self.dark = False
        self._colors: dict[int, QColor] = {}
        self._items: dict[str, ClipItem] = {}
        self._by_media: dict[str, set[str]] = {}
        self.playhead = QGraphicsLineItem()
        self.playhead.setZValue(100)
        self.addItem(self.playhead)
        self.playhead_sample = 0
        self.recording: RecordingItem | None = None  # the take being recorded, while it is
        self._deferred_pending = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.apply_palette(self.palette())
        document.changed.connect(self.apply_changes)
        if peaks is not None:
            peaks.peaks_ready.connect(self._peaks_arrived)
        if thumbnails is not None:
            thumbnails.thumbnails_ready.connect(self._peaks_arrived)
        self.rebuild()

    # -- looks ---------------------------------------------------------------------------

    def apply_palette(self, palette: QPalette) -> None:
        self.setPalette(palette)
        self.dark = is_dark(palette)
        self._colors.clear()
        self.tiles.clear()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        self._grid_colors = (_blend(base, text, 0.2), _blend(base, text, 0.08))
        pen = QPen(palette.color(QPalette.ColorRole.WindowText), 1.5)
        pen.setCosmetic(True)
        self.playhead.setPen(pen)
        self.update()

    def track_color(self, lane: int) -> QColor:
        color = self._colors.get(lane)
        if color is None:
            color = self._colors[lane] = track_color(self.palette(), lane)
        return color

    def peaks_key(self, media: MediaRef) -> str:
        return media_key(media, self.document.project.sample_rate)

    def loaded_peaks(self, media: MediaRef) -> LoadedPeaks | None:
        if self.peaks_source is None:
            return None
        return self.peaks_source.peaks(
            media, self.document.project.sample_rate, self.document.folder
        )

    def picture(self, media: MediaRef, seconds: float, height: int) -> QImage | None:
        """The film-strip picture of a video clip's media at `seconds`, None while loading."""
        if self.thumbnail_source is None:
            return None
        project = self.document.project
        return self.thumbnail_source.picture(
            media, project.sample_rate, self.document.folder, seconds, height
        )

    # -- items ---------------------------------------------------------------------------

    def clip_item(self, clip_id: str) -> ClipItem | None:
        return self._items.get(clip_id)

    def clip_items(self) -> list[ClipItem]:
        """Every clip item, in track order then time (the Tab order)."""
        return sorted(self._items.values(), key=lambda i: (i.lane, i.pos().x(), i.clip_id))

    def rebuild(self) -> None:
        """Items for the whole project: only when the view opens a document."""
        for item in list(self._items.values()):
            self.removeItem(item)
        self._items.clear()
        self._by_media.clear()
        for track in self.document.project.tracks:
            self._sync_track_clips(track)
        self.relayout()

    def relayout(self) -> None:
        """Lanes or zoom changed: every item to its place (no item is created or destroyed)."""
        project = self.document.project
        for track in project.tracks:
            for clip in track.all_clips():
                self._sync_clip(clip.id)
        self._update_rect()
        self.set_playhead(self.playhead_sample)
        if self.recording is not None:
            self._place_recording(self.recording)
        self.lanes_changed.emit()
        self.update()

    def _update_rect(self) -> None:
        project = self.document.project
        geometry = self.geometry
        end = max(
            project.end(), max((c.end for t in project.tracks for c in t.all_clips()), default=0)
        )
        width = geometry.x(end + EXTRA_SECONDS * project.sample_rate)
        height = geometry.lane_top(len(project.tracks) + EXTRA_LANES)
        self.setSceneRect(QRectF(0, 0, width, height))
        self.playhead.setLine(QLineF(0, 0, 0, height))

    def _sync_track_clips(self, track: Track) -> None:
        for clip in track.all_clips():
            self._sync_clip(clip.id)
        wanted = {c.id for c in track.all_clips()}
        for clip_id, item in list(self._items.items()):
            if item.track_id == track.id and clip_id not in wanted:
                self._drop_item(clip_id)

    def _sync_clip(self, clip_id: str) -> None:
        project = self.document.project
        try:
            track, clip = project.find_clip(clip_id)
        except KeyError:
            self._drop_item(clip_id)
            return
        lane = project.tracks.index(track)
        take = next((t for t in track.takes if t.clip.id == clip_id), None)
        item = self._items.get(clip_id)
        if item is None:
            item = self._items[clip_id] = ClipItem(self, clip_id)
            self.addItem(item)
        item.sync(
            track,
            lane,
            clip,
            take.name if take else "",
            take is None or take.id == track.active_take_id,
        )
        self._by_media.setdefault(self.peaks_key(clip.media), set()).add(clip_id)

    def _drop_item(self, clip_id: str) -> None:
        item = self._items.pop(clip_id, None)
        if item is not None:
            self.removeItem(item)

    def _peaks_arrived(self, key: str) -> None:
        for clip_id in self._by_media.get(key, ()):
            item = self._items.get(clip_id)
            if item is not None:
                item.update()

    # -- changes -------------------------------------------------------------------------

    def apply_changes(self, changes: tuple[Change, ...]) -> None:
        """Updates only what the edit, undo or redo touched."""
        project = self.document.project
        lanes = False
        for change in changes:
            if change.subject is Subject.CLIP and change.id is not None:
                self._sync_clip(change.id)
            elif change.subject is Subject.TAKE and change.track_id is not None:
                try:
                    self._sync_track_clips(project.track(change.track_id))
                except KeyError:
                    lanes = True
            elif change.subject in (Subject.TRACK, Subject.TRACK_ORDER):
                if change.subject is Subject.TRACK and change.fields and change.id is not None:
                    self._track_fields_changed(change.id)
                else:
                    lanes = True
            elif change.subject in (Subject.TEMPO, Subject.MARKERS):
                self.markers_changed.emit()
                self.update()
        if lanes:
            for track in project.tracks:
                self._sync_track_clips(track)
            known = {c.id for t in project.tracks for c in t.all_clips()}
            for clip_id in [c for c in self._items if c not in known]:
                self._drop_item(clip_id)
            self.relayout()
        else:
            self._update_rect()

    def _track_fields_changed(self, track_id: str) -> None:
        for item in self._items.values():
            if item.track_id == track_id:
                self._sync_clip(item.clip_id)

    # -- playhead and background -----------------------------------------------------------

    def set_playhead(self, sample: int) -> None:
        self.playhead_sample = sample
        self.playhead.setX(self.geometry.x(sample))
        if self.recording is not None:
            self.recording.extend(sample)

    # -- the take being recorded -------------------------------------------------------------

    def show_recording(self, track_id: str, first: int, last: int | None) -> None:
        """A take is being recorded on `track_id` from `first` (up to `last`, a punch-out)."""
        self.hide_recording()
        lane = self._lane_of(track_id)
        if lane is None:
            return
        item = RecordingItem(
            self.geometry, track_id, lane, first, last, punch_color(self.palette())
        )
        self.recording = item
        self.addItem(item)
        item.extend(self.playhead_sample)

    def recording_level(self, peak: float) -> None:
        if self.recording is not None:
            self.recording.add_level(peak)

    def hide_recording(self) -> None:
        """Recording stopped: the take's clip (or nothing, if it failed) takes the place."""
        if self.recording is not None:
            self.removeItem(self.recording)
            self.recording = None

    def _place_recording(self, item: RecordingItem) -> None:
        lane = self._lane_of(item.track_id)
        if lane is None:
            self.hide_recording()
        else:
            item.relayout(lane)

    def _lane_of(self, track_id: str) -> int | None:
        ids = [track.id for track in self.document.project.tracks]
        return ids.index(track_id) if track_id in ids else None

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        palette = self.palette()
        project = self.document.project
        geometry = self.geometry
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp, fast grid lines
        self.tiles.begin_frame()
        painter.fillRect(
            rect, palette.color(QPalette.ColorRole.Window).darker(108 if self.dark else 102)
        )
        lane_count = len(project.tracks)
        first = max(0, geometry.lane_at(rect.top()))
        last = min(lane_count - 1, geometry.lane_at(rect.bottom()))
        base = palette.color(QPalette.ColorRole.Base)
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        separator = palette.color(QPalette.ColorRole.Mid)
        for lane in range(first, last + 1):
            top = geometry.lane_top(lane)
            band = QRectF(rect.left(), top, rect.width(), geometry.track_height)
            painter.fillRect(band, base if lane % 2 == 0 else alternate)
            painter.setPen(separator)
            painter.drawLine(
                QLineF(
                    rect.left(),
                    top + geometry.track_height - 0.5,
                    rect.right(),
                    top + geometry.track_height - 0.5,
                )
            )
        self._draw_grid(painter, rect)
        self._draw_ranges(painter, rect)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """After the items: tiles left out for lack of time get another paint soon."""
        if self.tiles.deferred and not self._deferred_pending:
            self._deferred_pending = True
            QTimer.singleShot(0, self._redraw_deferred)

    def _redraw_deferred(self) -> None:
        self._deferred_pending = False
        self.update()

    @property
    def waveforms_complete(self) -> bool:
        """No peaks loading and no tile left for a later paint (tests, screenshots)."""
        pending = self.peaks_source is not None and self.peaks_source.is_pending()
        pending |= self.thumbnail_source is not None and self.thumbnail_source.is_pending()
        return not pending and not self.tiles.deferred and not self._deferred_pending

    def _draw_grid(self, painter: QPainter, rect: QRectF) -> None:
        """Beat and bar lines as 1-pixel opaque fills: far cheaper than translucent lines."""
        project = self.document.project
        geometry = self.geometry
        start = geometry.sample(max(0.0, rect.left()))
        end = geometry.sample(rect.right())
        major, minor = self._grid_colors
        bottom = min(rect.bottom(), geometry.lane_top(len(project.tracks)))
        if bottom <= rect.top():
            return
        height = bottom - rect.top()
        spp = geometry.samples_per_pixel
        for tick in ticks(self.ruler_mode, project.tempo, project.sample_rate, start, end, spp):
            x = math.floor(geometry.x(tick.sample))
            painter.fillRect(QRectF(x, rect.top(), 1, height), major if tick.major else minor)

    def _draw_ranges(self, painter: QPainter, rect: QRectF) -> None:
        markers = self.document.project.markers
        palette = self.palette()
        for sample_range, color in (
            (markers.loop, loop_color(palette)),
            (markers.punch, punch_color(palette)),
        ):
            if sample_range is None:
                continue
            shade = QColor(color)
            shade.setAlpha(22)
            x0, x1 = self.geometry.x(sample_range.start), self.geometry.x(sample_range.end)
            painter.fillRect(QRectF(x0, rect.top(), x1 - x0, rect.height()), shade)


def _blend(under: QColor, over: QColor, amount: float) -> QColor:
    return QColor(
        round(under.red() + (over.red() - under.red()) * amount),
        round(under.green() + (over.green() - under.green()) * amount),
        round(under.blue() + (over.blue() - under.blue()) * amount),
    )
