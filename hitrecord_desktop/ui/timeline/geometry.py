"""The timeline's view state (zoom, lane height) and the colours it derives from the palette.

Zoom and lanes are view state, never project data (STYLE.md habit 5). Colours come from the
application palette so the light and dark themes apply; tracks get hues turned from the
palette's highlight so lanes are told apart without hard-coded colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

MIN_SAMPLES_PER_PIXEL = 8.0
MAX_SAMPLES_PER_PIXEL = 48_000.0 * 4
HUE_STEP = 47  # degrees between neighbouring tracks' hues


@dataclass
class TimelineGeometry:
    """Samples ↔ scene x at the current zoom, and lane ↔ scene y."""

    samples_per_pixel: float = 1200.0
    track_height: int = 84
    clip_margin: int = 3

    def x(self, sample: float) -> float:
        return sample / self.samples_per_pixel

    def sample(self, x: float) -> int:
        return max(0, round(x * self.samples_per_pixel))

    def lane_top(self, index: int) -> float:
        return index * self.track_height

    def lane_at(self, y: float) -> int:
        return int(y // self.track_height) if y >= 0 else -1

    def clamp_zoom(self, samples_per_pixel: float) -> float:
        return min(MAX_SAMPLES_PER_PIXEL, max(MIN_SAMPLES_PER_PIXEL, samples_per_pixel))


def track_color(palette: QPalette, index: int) -> QColor:
    """The colour of track `index`: the highlight's saturation and value, another hue."""
    base = palette.color(QPalette.ColorRole.Highlight)
    hue = base.hsvHue() if base.hsvHue() >= 0 else 210
    return QColor.fromHsv(
        (hue + index * HUE_STEP) % 360, max(90, base.hsvSaturation()), max(150, base.value())
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def punch_color(palette: QPalette) -> QColor:
    """Punch range: red-ish, at the highlight's strength (record means red in every DAW)."""
    base = palette.color(QPalette.ColorRole.Highlight)
    return QColor.fromHsv(2, max(150, base.hsvSaturation()), max(170, base.value()))


def loop_color(palette: QPalette) -> QColor:
    base = palette.color(QPalette.ColorRole.Highlight)
    return QColor.fromHsv(45, max(150, base.hsvSaturation()), max(190, base.value()))
