"""What a transport shows, without Qt: its states, the time and bar:beat of a sample, meter
readings. Shared by the desktop transport bar and anything else that draws a clock."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ..project.model import Tempo
from .meters import Meters

TICKS_PER_BEAT = 960  # the usual MIDI resolution: bar.beat.tick reads as in other DAWs


class TransportState(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"  # a stream is opening (PulseAudio can take a second)
    PLAYING = "playing"
    RECORDING = "recording"  # also during the count-in
    STOPPING = "stopping"  # a take is being finished and added to the project


def format_time(sample: int, rate: int) -> str:
    """m:ss.mmm (negative during a count-in), for a clock that must not jitter in width."""
    sign = "-" if sample < 0 else ""
    ms = abs(sample) * 1000 // rate
    minutes, rest = divmod(ms, 60_000)
    return f"{sign}{minutes}:{rest // 1000:02d}.{rest % 1000:03d}"


def format_bar_beat(sample: int, rate: int, tempo: Tempo) -> str:
    """bar.beat.tick, counted from 1.1.000; a count-in counts bars before 1 as 0, -1, …"""
    bar, beat, fraction = tempo.bar_beat(sample, rate)
    if bar <= 0:
        bar -= 1  # bar_beat counts the bar before the first as 0: show -1, there is no bar 0
    tick = min(TICKS_PER_BEAT - 1, int(fraction * TICKS_PER_BEAT))
    return f"{bar}.{beat}.{tick:03d}"


@dataclass(frozen=True)
class MeterReading:
    """Per-channel dBFS (−inf for silence) and clip flags at one moment."""

    peak_db: tuple[float, ...]
    rms_db: tuple[float, ...]
    clipped: tuple[bool, ...]

    @classmethod
    def of(cls, meters: Meters, channels: int | None = None) -> MeterReading:
        peaks, rms, clipped = meters.snapshot()
        n = len(peaks) if channels is None else channels
        return cls(tuple(peaks[:n]), tuple(rms[:n]), tuple(clipped[:n]))

    @classmethod
    def silent(cls, channels: int) -> MeterReading:
        return cls((-math.inf,) * channels, (-math.inf,) * channels, (False,) * channels)

    @property
    def loudest_db(self) -> float:
        return max(self.peak_db, default=-math.inf)
