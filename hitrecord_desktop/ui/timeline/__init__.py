"""The project workspace's timeline: ruler, track headers, clip lanes with waveforms."""

from .file_import import FileImporter
from .peaks_source import PeaksSource
from .widget import TimelineWidget

__all__ = ["FileImporter", "PeaksSource", "TimelineWidget"]
