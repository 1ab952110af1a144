"""The rules a valid project keeps, shared by the edit commands and the file format.

Each check returns None when the value is fine, else a sentence saying what is wrong, so an edit
refused in the UI and a hand-edited file read from disk get the same words.
"""

from __future__ import annotations

import math

MIN_GAIN_DB = -120.0
MAX_GAIN_DB = 24.0
MIN_BPM = 20.0
MAX_BPM = 400.0
BEAT_UNITS = (1, 2, 4, 8, 16, 32)
MIN_SAMPLE_RATE = 8_000
MAX_SAMPLE_RATE = 384_000


def gain_problem(gain_db: float) -> str | None:
    if not math.isfinite(gain_db) or not MIN_GAIN_DB <= gain_db <= MAX_GAIN_DB:
        return f"gain must be between {MIN_GAIN_DB:g} and {MAX_GAIN_DB:g} dB (got {gain_db})"
    return None


def pan_problem(pan: float) -> str | None:
    if not math.isfinite(pan) or not -1.0 <= pan <= 1.0:
        return f"pan must be between -1 (left) and 1 (right) (got {pan})"
    return None


def position_problem(position: int) -> str | None:
    if position < 0:
        return f"position must not be before the timeline's start (got {position})"
    return None


def trim_problem(trim_in: int, trim_out: int, frames: int) -> str | None:
    """`frames` is the media's length, 0 while unknown (then only the order is checked)."""
    if trim_in < 0:
        return f"trim_in must not be negative (got {trim_in})"
    if trim_out <= trim_in:
        return f"trim_out ({trim_out}) must be after trim_in ({trim_in}): the clip would be empty"
    if frames > 0 and trim_out > frames:
        return f"trim_out ({trim_out}) is past the end of the media ({frames} samples)"
    return None


def fades_problem(fade_in: int, fade_out: int, length: int) -> str | None:
    if fade_in < 0 or fade_out < 0:
        return f"fades must not be negative (got fade_in {fade_in}, fade_out {fade_out})"
    if fade_in + fade_out > length:
        return (
            f"fade_in + fade_out ({fade_in} + {fade_out}) must fit in the clip ({length} samples)"
        )
    return None


def tempo_problem(bpm: float, beats_per_bar: int, beat_unit: int) -> str | None:
    if not math.isfinite(bpm) or not MIN_BPM <= bpm <= MAX_BPM:
        return f"tempo must be between {MIN_BPM:g} and {MAX_BPM:g} BPM (got {bpm})"
    if not 1 <= beats_per_bar <= 32:
        return f"beats per bar must be between 1 and 32 (got {beats_per_bar})"
    if beat_unit not in BEAT_UNITS:
        return f"beat unit must be one of {', '.join(map(str, BEAT_UNITS))} (got {beat_unit})"
    return None


def range_problem(start: int, end: int) -> str | None:
    if start < 0:
        return f"a range must not start before the timeline (got start {start})"
    if end <= start:
        return f"a range must end after it starts (got {start}..{end})"
    return None
