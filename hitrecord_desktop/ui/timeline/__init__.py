"""The project workspace's timeline: ruler, track headers, clip lanes with waveforms
and film strips."""

from .file_import import FileImporter
from .peaks_source import PeaksSource
from .thumbnail_source import ThumbnailSource
from .widget import TimelineWidget

__all__ = ["FileImporter", "PeaksSource", "ThumbnailSource", "TimelineWidget"]
