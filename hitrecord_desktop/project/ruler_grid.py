"""What a timeline ruler shows at a zoom: tick spacing and labels in bars:beats or in time.

Qt-free: the ruler widget only draws what these functions return, and tests check the numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from hitrecord_desktop.project.model import Tempo

MIN_LABEL_PIXELS = 70  # labels closer than this would overlap
TIME_STEPS_S = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600)


class RulerMode(StrEnum):
    BARS = "bars"
    TIME = "time"


@dataclass(frozen=True)
class Tick:
    sample: int
    major: bool
    label: str  # empty for minor ticks


def format_time(sample: int, sample_rate: int, precise: bool = False) -> str:
    """m:ss (or m:ss.mmm) of a sample, for ruler labels and tooltips."""
    seconds = sample / sample_rate
    minutes, rest = divmod(seconds, 60)
    if precise:
        return f"{int(minutes)}:{rest:06.3f}"
    return f"{int(minutes)}:{int(rest):02d}"


def format_bar_beat(sample: int, tempo: Tempo, sample_rate: int) -> str:
    bar, beat, _ = tempo.bar_beat(sample, sample_rate)
    return f"{bar}.{beat}"


def ticks(
    mode: RulerMode,
    tempo: Tempo,
    sample_rate: int,
    start: int,
    end: int,
    samples_per_pixel: float,
) -> list[Tick]:
    """Ticks between samples `start` and `end`, major ones labelled, spaced for readability."""
    if mode is RulerMode.BARS:
        return _bar_ticks(tempo, sample_rate, start, end, samples_per_pixel)
    return _time_ticks(sample_rate, start, end, samples_per_pixel)


def _bar_ticks(tempo: Tempo, rate: int, start: int, end: int, spp: float) -> list[Tick]:
    beat = tempo.samples_per_beat(rate)
    per_bar = tempo.beats_per_bar
    bars_per_label = 1
    while beat * per_bar * bars_per_label / spp < MIN_LABEL_PIXELS:
        bars_per_label *= 2
    if beat / spp >= 8:
        step_beats = 1
    elif bars_per_label < 4:
        step_beats = per_bar
    else:
        step_beats = per_bar * bars_per_label // 4
    out: list[Tick] = []
    first = max(0, math.floor(start / beat / step_beats))
    for i in range(first, math.ceil(end / beat / step_beats) + 1):
        k = i * step_beats
        bar_index = k // per_bar + 1
        major = k % per_bar == 0 and (bar_index - 1) % bars_per_label == 0
        out.append(Tick(round(k * beat), major, str(bar_index) if major else ""))
    return out


def _time_ticks(rate: int, start: int, end: int, spp: float) -> list[Tick]:
    label_s = next((s for s in TIME_STEPS_S if s * rate / spp >= MIN_LABEL_PIXELS), 600)
    minor_s = label_s / 5 if label_s not in (15, 0.25) else label_s / 3
    step = minor_s * rate
    per_label = round(label_s / minor_s)
    out: list[Tick] = []
    for i in range(max(0, math.floor(start / step)), math.ceil(end / step) + 1):
        sample = round(i * step)
        major = i % per_label == 0
        label = format_time(sample, rate, precise=label_s < 1) if major else ""
        out.append(Tick(sample, major, label))
    return out
