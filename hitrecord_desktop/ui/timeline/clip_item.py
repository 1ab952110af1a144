"""One clip on the timeline: a box in its track's colour with the waveform and its credits.

The item only draws; the view turns mouse drags into edit commands and the scene moves the item
when the project says the clip changed. During a drag the view shows a preview with
`show_preview` (no project change until the mouse is released, so a drag is one undo step).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...project.model import Clip, Track
from .waveform_tiles import TILE_WIDTH

if TYPE_CHECKING:
    from .scene import TimelineScene

TITLE_HEIGHT = 16
STRIP_ASPECT = 16 / 9  # film-strip slots: wide pictures are shown whole, others cropped
WAVE_OVER_STRIP = 0.45  # of a video clip's height: the waveform band along its foot
UNUSED_TAKE_HEIGHT = 15
EDGE_GRIP = 6  # pixels at each end of a clip that trim instead of move


class ClipItem(QGraphicsItem):
    """A placed clip or a take's clip (`take_name` set; `active` says whether it plays)."""

    def __init__(self, timeline: TimelineScene, clip_id: str) -> None:
        super().__init__()
        self.timeline = timeline
        self.clip_id = clip_id
        self.track_id = ""
        self.lane = 0
        self.take_name = ""
        self.active = True
        self.muted = False
        self.clip: Clip | None = None
        self._width = 1.0
        self._height = 1.0
        self._media_x = 0.0  # x of the media's sample 0, relative to the item
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptHoverEvents(True)

    @property
    def is_take(self) -> bool:
        return bool(self.take_name)

    def sync(self, track: Track, lane: int, clip: Clip, take_name: str, active: bool) -> None:
        """Puts the item where the project has the clip, at the current zoom."""
        self.clip, self.track_id, self.lane = clip, track.id, lane
        self.take_name, self.active, self.muted = take_name, active, track.mute
        self.setZValue(2 if active else 3)  # unused takes: a thin strip over the lane's foot
        self.setToolTip(self.description())
        self._place(clip.position, clip.trim_in, clip.trim_out, lane)

    def show_preview(self, position: int, trim_in: int, trim_out: int, lane: int) -> None:
        self._place(position, trim_in, trim_out, lane)

    def _place(self, position: int, trim_in: int, trim_out: int, lane: int) -> None:
        geometry = self.timeline.geometry
        margin = geometry.clip_margin
        self.prepareGeometryChange()
        x = geometry.x(position)
        self._width = max(2.0, geometry.x(position + trim_out - trim_in) - x)
        self._height = geometry.track_height - 2 * margin
        top = geometry.lane_top(lane) + margin
        if not self.active:
            top += self._height - UNUSED_TAKE_HEIGHT
            self._height = UNUSED_TAKE_HEIGHT
        self._media_x = geometry.x(position - trim_in) - x
        self.setPos(x, top)
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._width, self._height)

    def description(self) -> str:
        """What the clip is, for tooltips and screen readers."""
        if self.clip is None:
            return ""
        media = self.clip.media
        name = media.title or media.path.rsplit("/", 1)[-1]
        if self.take_name:
            state = (
                QCoreApplication.translate("Timeline", "active take")
                if self.active
                else QCoreApplication.translate("Timeline", "unused take")
            )
            name = f"{self.take_name} ({state})"
        if media.author:
            return QCoreApplication.translate("Timeline", "{0} by {1}").format(name, media.author)
        return name

    def edge_at(self, x_in_item: float) -> str:
        """'left', 'right' or '' for a point of the item: where trimming grips are."""
        grip = min(EDGE_GRIP, self._width / 4)
        if x_in_item <= grip:
            return "left"
        if x_in_item >= self._width - grip:
            return "right"
        return ""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        palette = self.timeline.palette()
        color = self.timeline.track_color(self.lane)
        rect = self.boundingRect()
        selected = self.isSelected()
        if not self.active:
            pen = QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            fill = QColor(palette.color(QPalette.ColorRole.Window))
            fill.setAlpha(215)
            painter.setBrush(fill)
            if selected:
                painter.setPen(QPen(color, 2))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            self._draw_title(painter, rect, palette.color(QPalette.ColorRole.PlaceholderText))
            return
        body = QColor(color)
        body.setAlpha(70 if not self.muted else 30)
        border = color.lighter(140) if selected else color.darker(130)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(body)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        title_rect = QRectF(rect.left() + 1, rect.top() + 1, rect.width() - 2, TITLE_HEIGHT)
        title_fill = QColor(color)
        title_fill.setAlpha(200 if not self.muted else 90)
        painter.fillRect(title_rect, title_fill)
        if self.clip is not None and self.clip.media.has_video:
            self._draw_film_strip(painter, option.exposedRect, rect)
        self._draw_waveform(painter, option.exposedRect, rect, color)
        # Dark text on a light title bar (a yellow hue, a faded muted clip in a light theme).
        on_light = not self.timeline.dark if self.muted else title_fill.lightness() > 165
        text_color = palette.color(
            QPalette.ColorRole.WindowText if on_light else QPalette.ColorRole.HighlightedText
        )
        self._draw_title(painter, rect, text_color)

    def _draw_title(self, painter: QPainter, rect: QRectF, color: QColor) -> None:
        if rect.width() < 24:
            return
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        painter.setPen(color)
        text_rect = QRectF(
            rect.left() + 5, rect.top(), rect.width() - 10, min(TITLE_HEIGHT, rect.height())
        )
        text = painter.fontMetrics().elidedText(
            self.description(), Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
        )

    def _draw_waveform(
        self, painter: QPainter, exposed: QRectF, rect: QRectF, color: QColor
    ) -> None:
        if self.clip is None:
            return
        timeline = self.timeline
        loaded = timeline.loaded_peaks(self.clip.media)
        if loaded is None:
            return
        area = self._body(rect)
        if self.clip.media.has_video and timeline.thumbnail_source is not None:
            # Over the film strip: a band along the foot, on a shade so the wave reads.
            band = area.height() * WAVE_OVER_STRIP
            area = QRectF(area.left(), area.bottom() - band, area.width(), band)
            shade = QColor(0, 0, 0, 110 if timeline.dark else 70)
            painter.fillRect(area.intersected(exposed), shade)
        visible = area.intersected(exposed)
        if visible.isEmpty():
            return
        wave = QColor(color.lighter(125) if timeline.dark else color.darker(150))
        if self.muted:
            wave.setAlpha(110)
        spp = timeline.geometry.samples_per_pixel
        first = max(0, math.floor((visible.left() - self._media_x) / TILE_WIDTH))
        last = math.floor((visible.right() - self._media_x) / TILE_WIDTH)
        painter.save()
        painter.setClipRect(visible)
        height = int(area.height())
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        key = timeline.peaks_key(self.clip.media)
        for index in range(first, last + 1):
            tile = timeline.tiles.tile(key, loaded, spp, index, height, wave, ratio)
            if tile is not None:
                painter.drawPixmap(QPointF(self._media_x + index * TILE_WIDTH, area.top()), tile)
        painter.restore()

    @staticmethod
    def _body(rect: QRectF) -> QRectF:
        """Below the title bar: where the waveform and the film strip go."""
        return QRectF(
            rect.left() + 1, TITLE_HEIGHT + 2, rect.width() - 2, rect.height() - TITLE_HEIGHT - 4
        )

    def _draw_film_strip(self, painter: QPainter, exposed: QRectF, rect: QRectF) -> None:
        """Pictures of the media in slots aligned to its sample 0 (as waveform tiles are), so
        moving or trimming the clip keeps each picture where its moment is."""
        assert self.clip is not None
        timeline = self.timeline
        area = self._body(rect)
        visible = area.intersected(exposed)
        if visible.isEmpty() or area.height() < 8 or timeline.thumbnail_source is None:
            return
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        height = max(8, min(1080, round(area.height() * ratio)))
        slot = area.height() * STRIP_ASPECT
        seconds_per_pixel = (
            timeline.geometry.samples_per_pixel / timeline.document.project.sample_rate
        )
        first = max(0, math.floor((visible.left() - self._media_x) / slot))
        last = math.floor((visible.right() - self._media_x) / slot)
        painter.save()
        painter.setClipRect(visible)
        for index in range(first, last + 1):
            seconds = (index + 0.5) * slot * seconds_per_pixel
            image = timeline.picture(self.clip.media, seconds, height)
            if image is None:
                continue
            target = QRectF(self._media_x + index * slot, area.top(), slot, area.height())
            painter.drawImage(target, image, _cover(image.width(), image.height(), STRIP_ASPECT))
        painter.restore()

    def hoverMoveEvent(self, event) -> None:
        edge = self.edge_at(event.pos().x())
        shape = Qt.CursorShape.SizeHorCursor if edge else Qt.CursorShape.OpenHandCursor
        self.setCursor(shape)
        super().hoverMoveEvent(event)


def _cover(width: int, height: int, aspect: float) -> QRectF:
    """The middle part of a width x height picture with the given aspect (crop to fill)."""
    if width / height > aspect:
        cut = height * aspect
        return QRectF((width - cut) / 2, 0, cut, height)
    cut = width / aspect
    return QRectF(0, (height - cut) / 2, width, cut)
