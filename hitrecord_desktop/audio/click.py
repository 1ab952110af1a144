"""The metronome click: a short decaying tone made once, mixed into blocks at the beats."""

from __future__ import annotations

import math

import numpy as np

from ..project.model import Tempo


def click_sample(rate: int, frequency: float, seconds: float = 0.02) -> np.ndarray:
    t = np.arange(int(rate * seconds), dtype=np.float32) / rate
    tone = np.sin(2 * math.pi * frequency * t) * np.exp(-t / (seconds / 5))
    return (0.5 * tone).astype(np.float32)


class Click:
    """Adds clicks at the tempo's beats (accented on the bar's first) to timeline blocks."""

    def __init__(self, tempo: Tempo, rate: int, *, gain: float = 1.0) -> None:
        self.samples_per_beat = tempo.samples_per_beat(rate)
        self.beats_per_bar = max(1, tempo.beats_per_bar)
        self.accent = click_sample(rate, 1_760.0) * gain
        self.beat = click_sample(rate, 880.0) * gain
        self.length = len(self.beat)

    def add(self, start: int, out: np.ndarray, until: int = 1 << 62) -> None:
        """Adds the clicks sounding in timeline samples [start, start + len(out)) to `out`
        (frames, channels), of beats before `until` only (a count-in stops at the take's
        start). Loops over the beats touching the block: one or two."""
        frames = len(out)
        spb = self.samples_per_beat
        beat = math.ceil((start - self.length + 1) / spb)
        while True:
            at = round(beat * spb)
            if at >= start + frames or at >= until:
                return
            sound = self.accent if beat % self.beats_per_bar == 0 else self.beat
            a = max(at, start)
            b = min(at + self.length, start + frames)
            if a < b:
                target = out[a - start : b - start]
                np.add(target, sound[a - at : b - at, None], out=target)
            beat += 1
