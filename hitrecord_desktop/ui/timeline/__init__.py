"""The project workspace's timeline: ruler, track headers, clip lanes with waveforms."""

from .peaks_source import PeaksSource
from .widget import TimelineWidget

__all__ = ["PeaksSource", "TimelineWidget"]
