"""The drift corrector's decisions, and the audio clock's reading, without devices."""

from __future__ import annotations

from types import SimpleNamespace

from hitrecord_desktop.video.video_sync import (
    HIDE,
    KEEP,
    PAUSE_AT,
    RATE,
    RUN_ON_S,
    SEEK,
    SEEK_LEAD_MS,
    AudioClock,
    ClipTiming,
    DriftCorrector,
)


def test_clip_timing_maps_timeline_samples_to_media_time() -> None:
    timing = ClipTiming(position=48_000, trim_in=24_000, length=96_000, rate=48_000)
    assert not timing.covers(47_999) and timing.covers(48_000) and not timing.covers(144_000)
    assert timing.media_ms(48_000) == 500.0  # trimmed by half a second
    assert timing.media_ms(96_000) == 1500.0


def test_outside_the_clip_hides_and_stopped_pauses_at_the_playhead_frame() -> None:
    corrector = DriftCorrector(1000 / 30)
    assert corrector.decide(None, None, playing=True, now=0).action == HIDE
    first = corrector.decide(1005.0, None, playing=False, now=0)
    assert (first.action, first.ms) == (PAUSE_AT, 1005.0)
    assert corrector.decide(1020.0, None, playing=False, now=0.1).action == KEEP  # same frame
    assert corrector.decide(1040.0, None, playing=False, now=0.2).action == PAUSE_AT


def test_playing_seeks_first_then_nudges_then_settles() -> None:
    corrector = DriftCorrector(1000 / 30)
    start = corrector.decide(2000.0, None, playing=True, now=10.0)
    assert (start.action, start.ms) == (SEEK, 2000.0 + SEEK_LEAD_MS)
    assert corrector.decide(2010.0, 1900.0, playing=True, settled=False, now=10.01).action == KEEP
    # 25 ms behind, after the hold: a little faster.
    nudge = corrector.decide(3000.0, 2975.0, playing=True, now=11.0)
    assert nudge.action == RATE and 1.0 < nudge.rate <= 1.01
    assert corrector.decide(3100.0, 3075.0, playing=True, now=11.1).action == KEEP  # held
    back = corrector.decide(4500.0, 4505.0, playing=True, now=12.5)  # within half a frame
    assert (back.action, back.rate) == (RATE, 1.0)
    far = corrector.decide(5000.0, 4930.0, playing=True, now=13.0)  # over two frames
    assert far.action == SEEK
    jump = corrector.decide(9000.0, 5030.0, playing=True, now=13.03)  # the transport jumped
    assert jump.action == SEEK and corrector.seeks == 3


def test_audio_clock_interpolates_and_subtracts_the_output_latency() -> None:
    engine = SimpleNamespace(
        rate=48_000, stream=object(), position=0, clock_stamp=(48_000, 100.0, True)
    )
    clock = AudioClock(engine, latency_s=0.05)
    assert clock.heard(100.0) == 48_000 - 2400
    assert clock.heard(100.08) == 48_000 + 3840 - 2400
    engine.clock_stamp = (48_000 + 256, 100.0 + 256 / 48_000 + 0.002, True)  # a late callback
    assert abs(clock.heard(100.08) - (48_000 + 3840 - 2400)) < 20  # smoothed, not thrown by it
    # No callback for half a second (a stalled sound server): nothing past the last block
    # written plus RUN_ON_S can be heard, so the clock holds there.
    assert clock.heard(100.5) == clock.heard(100.9) == 48_000 + 256 + RUN_ON_S * 48_000
    assert not clock.moving()  # so the picture pauses on the frame last heard
    assert clock.heard(100.08) < 48_000 + 256 + RUN_ON_S * 48_000 and clock.moving()
    engine.clock_stamp = (480_000, 101.0, True)  # a seek
    assert clock.heard(101.0) == 480_000 - 2400 and clock.jumps == 2
    engine.clock_stamp = (480_000, 101.0, False)
    engine.position = 12_345
    assert clock.heard(105.0) == 12_345 and not clock.moving()
