"""Snapping and ruler ticks: the Qt-free rules the timeline view follows."""

from __future__ import annotations

from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Tempo, Track
from hitrecord_desktop.project.ruler_grid import RulerMode, format_time, ticks
from hitrecord_desktop.project.snapping import (
    beat_targets,
    clip_edge_targets,
    snap,
    snap_span,
    targets_near,
)

RATE = 48_000
BEAT = 24_000  # 120 BPM


def _project() -> Project:
    media = MediaRef(MediaOrigin.FILE, "a.wav", frames=10 * RATE)
    a = Clip(media, position=100_000, trim_in=0, trim_out=50_000, id="a")
    b = Clip(media, position=300_001, trim_in=0, trim_out=10_000, id="b")
    return Project(title="t", tempo=Tempo(bpm=120), tracks=[Track("one", clips=[a, b])])


def test_beats_are_where_the_tempo_puts_them() -> None:
    assert beat_targets(Tempo(bpm=120), RATE, 0, 100_000) == [0, 24_000, 48_000, 72_000, 96_000]
    assert beat_targets(Tempo(bpm=90), RATE, 30_000, 70_000) == [32_000, 64_000]


def test_snap_takes_the_nearest_target_within_the_tolerance_only() -> None:
    assert snap(24_900, [0, 24_000, 48_000], 1_000) == 24_000
    assert snap(25_100, [0, 24_000, 48_000], 1_000) == 25_100
    assert snap(25_100, [], 1_000) == 25_100


def test_a_moved_span_snaps_by_whichever_edge_is_nearer() -> None:
    # start 1,500 off a beat, end 300 off one: the end wins.
    assert snap_span(25_500, 22_200, [24_000, 48_000], 2_000) == 25_800
    assert snap_span(25_500, 22_200, [24_000, 48_000], 200) == 25_500
    assert snap_span(100, 1_000, [0], 500) == 0


def test_clip_edges_are_targets_but_not_the_clip_being_edited() -> None:
    project = _project()
    assert clip_edge_targets(project) == [100_000, 150_000, 300_001, 310_001]
    assert clip_edge_targets(project, exclude_clip_id="a") == [300_001, 310_001]
    near = targets_near(project, 299_000, 2_000, exclude_clip_id="a")
    assert snap(299_000, near, 2_000) == 300_001  # the clip edge is nearer than beat 288,000


def test_ruler_ticks_label_bars_at_a_readable_spacing() -> None:
    tempo = Tempo(bpm=120)
    close = ticks(RulerMode.BARS, tempo, RATE, 0, 4 * RATE, 1000.0)  # 24 px a beat
    assert [t.sample for t in close[:5]] == [0, 24_000, 48_000, 72_000, 96_000]
    assert [t.label for t in close if t.major] == ["1", "2", "3"]
    far = ticks(RulerMode.BARS, tempo, RATE, 0, 600 * RATE, 48_000.0)  # 2 px a beat
    labels = [int(t.label) for t in far if t.major]
    spacing = (labels[1] - labels[0]) * 4 * BEAT / 48_000.0
    assert spacing >= 70 and labels[0] == 1


def test_ruler_ticks_in_time() -> None:
    labels = [
        t.label for t in ticks(RulerMode.TIME, Tempo(), RATE, 0, 10 * RATE, 1000.0) if t.major
    ]
    assert labels[:3] == ["0:00", "0:02", "0:04"]
    assert format_time(90 * RATE + 24_000, RATE, precise=True) == "1:30.500"
