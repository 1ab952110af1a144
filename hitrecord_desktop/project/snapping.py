"""Where an edited clip edge or a marker lands: snapping to beats and to other clips' edges.

Qt-free so the rule is unit tested without a display and the same in every view. Every value is
a sample at the project rate; the tolerance is given in samples too (the view turns its pixel
tolerance into samples at the current zoom, so snapping feels the same at every zoom).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from hitrecord_desktop.project.model import Project, Tempo


def beat_targets(tempo: Tempo, sample_rate: int, start: int, end: int) -> list[int]:
    """The beat samples in [start, end] (rounded to whole samples)."""
    step = tempo.samples_per_beat(sample_rate)
    first = max(0, math.ceil(start / step))
    last = math.floor(end / step)
    return [round(i * step) for i in range(first, last + 1)]


def clip_edge_targets(project: Project, exclude_clip_id: str | None = None) -> list[int]:
    """Start and end of every clip shown on the timeline but the one being edited."""
    edges: list[int] = []
    for track in project.tracks:
        for clip in track.all_clips():
            if clip.id != exclude_clip_id:
                edges += (clip.position, clip.end)
    return edges


def snap(sample: int, targets: Iterable[int], tolerance: int) -> int:
    """The nearest target within `tolerance` samples, else `sample` unchanged."""
    best, best_distance = sample, tolerance + 1
    for target in targets:
        distance = abs(target - sample)
        if distance < best_distance:
            best, best_distance = target, distance
    return best


def snap_span(start: int, length: int, targets: Iterable[int], tolerance: int) -> int:
    """A moved clip's new start: whichever of its two edges is nearer a target snaps."""
    best_shift, best_distance = 0, tolerance + 1
    for target in targets:
        for edge in (start, start + length):
            distance = abs(target - edge)
            if distance < best_distance:
                best_shift, best_distance = target - edge, distance
    return max(0, start + best_shift)


def targets_near(
    project: Project,
    sample: int,
    tolerance: int,
    *,
    exclude_clip_id: str | None = None,
    extra: Iterable[int] = (),
    span: int = 0,
) -> list[int]:
    """Beats and clip edges within reach of [sample - tolerance, sample + span + tolerance]."""
    lo, hi = sample - tolerance, sample + span + tolerance
    targets = beat_targets(project.tempo, project.sample_rate, max(0, lo), max(0, hi))
    targets += [e for e in clip_edge_targets(project, exclude_clip_id) if lo <= e <= hi]
    targets += [e for e in extra if lo <= e <= hi]
    return targets
