"""The block mixer against the reference mix: sample-exact positions, trims, gains, pan, fades,
mute and solo, at odd block sizes and start offsets."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hitrecord_desktop.mixing.mix_plan import FadeShape, compile_plan, pan_gains
from hitrecord_desktop.mixing.mixer import Mixer
from hitrecord_desktop.project.model import Project, Track, TrackKind
from tests.mixing.reference import clip, reference_mix, render_in_blocks, write_raw

ATOL = 1e-6


def _sources(tmp_path: Path) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    return {
        "mono": write_raw(tmp_path / "mono.raw", rng.uniform(-0.5, 0.5, 3000)),
        "stereo": write_raw(tmp_path / "stereo.raw", rng.uniform(-0.5, 0.5, (2500, 2))),
        "short": write_raw(tmp_path / "short.raw", rng.uniform(-0.5, 0.5, (300, 2))),
    }


def _check(project: Project, sources: dict, sizes: list[int], start: int = 0, end=None) -> None:
    plan = compile_plan(project, lambda ref: sources[ref.path])
    end = project.end() if end is None else end
    mixer = Mixer(plan, max(sizes))
    got = render_in_blocks(mixer, start, end, sizes)
    np.testing.assert_allclose(got, reference_mix(project, sources, start, end), atol=ATOL)


def _project(*tracks: Track) -> Project:
    return Project(title="t", tracks=list(tracks))


SIZES = [[1], [7], [64, 3, 129], [1000], [4096]]


@pytest.mark.parametrize("sizes", SIZES)
def test_positions_trims_gains_and_pan(tmp_path: Path, sizes: list[int]) -> None:
    sources = _sources(tmp_path)
    project = _project(
        Track("a", gain_db=-3.0, pan=-0.4, clips=[clip("mono", 10, 100, 900, gain_db=2.5)]),
        Track("b", gain_db=1.5, pan=0.7, clips=[clip("stereo", 333, 0, 2500, gain_db=-6.0)]),
        Track("c", pan=1.0, clips=[clip("mono", 1500, 2500, 3000)]),
        Track("d", pan=-1.0, clips=[clip("stereo", 0, 17, 1017)]),
    )
    _check(project, sources, sizes)


@pytest.mark.parametrize("sizes", SIZES)
def test_fades_including_longer_than_the_clip(tmp_path: Path, sizes: list[int]) -> None:
    sources = _sources(tmp_path)
    project = _project(
        Track("a", clips=[clip("mono", 5, 0, 800, fade_in=100, fade_out=333)]),
        Track("b", clips=[clip("stereo", 50, 200, 700, fade_in=499, fade_out=2)]),
        Track("c", clips=[clip("stereo", 900, 0, 150, fade_in=1000, fade_out=5000)]),
        Track("d", clips=[clip("mono", 1200, 10, 90, fade_in=60, fade_out=60)]),
    )
    _check(project, sources, sizes)


def test_equal_power_fades(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    project = _project(Track("a", clips=[clip("stereo", 3, 0, 900, fade_in=300, fade_out=250)]))
    plan = compile_plan(project, lambda ref: sources[ref.path], fade_shape=FadeShape.EQUAL_POWER)
    got = render_in_blocks(Mixer(plan, 128), 0, project.end(), [128])
    want = reference_mix(project, sources, equal_power=True)
    np.testing.assert_allclose(got, want, atol=ATOL)


def test_fade_formula_on_a_constant() -> None:
    """Fade-in of F: sample k gets k / F; the fade-out is its mirror image."""
    ones = np.ones((10, 1), dtype=np.float32)
    project = _project(Track("a", pan=-1.0, clips=[clip("one", 0, 0, 10, fade_in=4, fade_out=3)]))
    plan = compile_plan(project, lambda ref: ones)
    got = render_in_blocks(Mixer(plan, 3), 0, 10, [3])[:, 0]
    np.testing.assert_allclose(got, [0, 0.25, 0.5, 0.75, 1, 1, 1, 2 / 3, 1 / 3, 0], atol=ATOL)


def test_overlapping_clips_on_one_track_sum(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    project = _project(
        Track(
            "a",
            pan=0.3,
            clips=[
                clip("stereo", 0, 0, 1000, fade_out=200),
                clip("stereo", 800, 1000, 2000, fade_in=200, gain_db=-2),
                clip("mono", 900, 0, 500),
            ],
        )
    )
    _check(project, sources, [97])


def test_trims_beyond_the_media_are_clamped(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    project = _project(
        Track("a", clips=[clip("short", 100, 250, 900, fade_out=20)]),  # 50 samples remain
        Track("b", clips=[clip("short", 0, 400, 500)]),  # nothing remains
        Track("c", clips=[clip("short", 200, -20, 100, fade_in=10)]),  # starts 20 later
    )
    plan = compile_plan(project, lambda ref: sources[ref.path])
    assert [(s.start, s.end) for s in plan.segments] == [(100, 150), (220, 320)]
    _check(project, sources, [33])


@pytest.mark.parametrize(
    ("flags", "audible"),
    [
        ({}, "abc"),
        ({"a": "mute"}, "bc"),
        ({"b": "solo"}, "b"),
        ({"b": "solo", "c": "solo"}, "bc"),
        ({"b": "solo", "a": "mute"}, "b"),
        ({"b": "solo+mute", "c": "solo"}, "c"),
        ({"a": "mute", "b": "mute", "c": "mute"}, ""),
    ],
)
def test_mute_and_solo(tmp_path: Path, flags: dict, audible: str) -> None:
    sources = _sources(tmp_path)
    tracks = []
    for name in "abc":
        flag = flags.get(name, "")
        tracks.append(
            Track(
                name,
                mute="mute" in flag,
                solo="solo" in flag,
                clips=[clip("stereo", 0, 0, 1000)],
            )
        )
    project = _project(*tracks)
    _check(project, sources, [256])
    plan = compile_plan(project, lambda ref: sources[ref.path])
    assert "".join(n for n, a in zip("abc", plan.controls.audible, strict=True) if a) == audible


def test_render_range_start_offset_and_clips_beyond_the_end(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    project = _project(
        Track("a", clips=[clip("stereo", 100, 0, 2000, fade_in=300, fade_out=300)]),
        Track("b", clips=[clip("mono", 1900, 0, 2000)]),
    )
    _check(project, sources, [77], start=555, end=2100)
    _check(project, sources, [100], start=5000, end=5100)  # past the end: silence


def test_the_sound_of_a_video_track_is_mixed(tmp_path: Path) -> None:
    """A camera take or the animator's own clip on a video track is heard like any clip."""
    sources = _sources(tmp_path)
    project = _project(
        Track("v", kind=TrackKind.VIDEO, clips=[clip("stereo", 0, 0, 1000)]),
        Track("a", clips=[clip("mono", 0, 0, 500)]),
    )
    plan = compile_plan(project, lambda ref: sources[ref.path])
    assert sorted(s.track for s in plan.segments) == [0, 1]
    got = render_in_blocks(Mixer(plan, 256), 0, 1000, [256])
    np.testing.assert_allclose(got[500:], sources["stereo"][500:1000], atol=1e-6)
    project.tracks[0].mute = True
    plan.controls.sync(project)
    assert not render_in_blocks(Mixer(plan, 256), 0, 1000, [256])[500:].any()


def test_pan_law_values() -> None:
    c = math.sqrt(0.5)
    assert pan_gains(0.0, 1) == pytest.approx((c, c))
    assert pan_gains(0.0, 2) == pytest.approx((1.0, 1.0))
    assert pan_gains(1.0, 1) == pytest.approx((0.0, 1.0))
    assert pan_gains(1.0, 2) == pytest.approx((0.0, 1.0))
    left, right = pan_gains(-0.3, 1)
    assert left**2 + right**2 == pytest.approx(1.0)


def test_mute_gain_and_pan_apply_without_recompiling(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    track = Track("a", clips=[clip("stereo", 0, 0, 2000)])
    other = Track("b", clips=[clip("mono", 0, 0, 2000)])
    project = _project(track, other)
    plan = compile_plan(project, lambda ref: sources[ref.path])
    mixer = Mixer(plan, 500)
    block = np.empty((500, 2), dtype=np.float32)
    for change in (
        lambda: setattr(track, "mute", True),
        lambda: setattr(other, "solo", True),
        lambda: (setattr(other, "gain_db", -12.0), setattr(other, "pan", 0.8)),
        lambda: (setattr(track, "mute", False), setattr(other, "solo", False)),
    ):
        change()
        plan.controls.sync(project)
        mixer.render_block(1000, block)
        np.testing.assert_allclose(block, reference_mix(project, sources, 1000, 1500), atol=ATOL)


@st.composite
def projects(draw: st.DrawFn) -> tuple[Project, dict[str, np.ndarray]]:
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    sources = {}
    for i in range(draw(st.integers(1, 3))):
        frames = draw(st.integers(1, 400))
        channels = draw(st.sampled_from([1, 2]))
        sources[f"s{i}"] = rng.uniform(-1, 1, (frames, channels)).astype(np.float32)
    tracks = []
    for t in range(draw(st.integers(1, 4))):
        clips = []
        for _ in range(draw(st.integers(0, 4))):
            name = draw(st.sampled_from(sorted(sources)))
            trim_in = draw(st.integers(0, 450))
            clips.append(
                clip(
                    name,
                    position=draw(st.integers(0, 600)),
                    trim_in=trim_in,
                    trim_out=trim_in + draw(st.integers(0, 450)),
                    gain_db=draw(st.floats(-30, 12)),
                    fade_in=draw(st.integers(0, 500)),
                    fade_out=draw(st.integers(0, 500)),
                )
            )
        tracks.append(
            Track(
                f"t{t}",
                gain_db=draw(st.floats(-30, 6)),
                pan=draw(st.floats(-1, 1)),
                mute=draw(st.booleans()),
                solo=draw(st.booleans()),
                clips=clips,
            )
        )
    return _project(*tracks), sources


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=projects(),
    sizes=st.lists(st.integers(1, 300), min_size=1, max_size=4),
    start=st.integers(0, 700),
    length=st.integers(0, 900),
)
def test_random_projects_match_the_reference(
    case: tuple[Project, dict], sizes: list[int], start: int, length: int
) -> None:
    project, sources = case
    _check(project, sources, sizes, start=start, end=start + length)
