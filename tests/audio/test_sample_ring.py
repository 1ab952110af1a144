"""The callback-side rings: order, wrap-around, overflow counting, and no allocation."""

from __future__ import annotations

import gc
import tracemalloc
from collections import deque

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hitrecord_desktop.audio import sample_ring
from hitrecord_desktop.audio.sample_ring import EventRing, SampleRing


def _frames(start: int, count: int, channels: int = 2) -> np.ndarray:
    values = np.arange(start * channels, (start + count) * channels, dtype=np.float32)
    return values.reshape(count, channels)


def test_wraps_around_and_keeps_order() -> None:
    ring = SampleRing(10, 2)
    out = np.empty((10, 2), np.float32)
    assert ring.write(_frames(0, 7))
    assert ring.read_into(out[:5]) == 5
    assert ring.write(_frames(7, 8))  # 2 left + 8 = 10: crosses the end of the buffer
    assert ring.available() == 10
    assert ring.read_into(out) == 10
    np.testing.assert_array_equal(out, _frames(5, 10))
    assert ring.overflows == 0


def test_full_ring_drops_the_block_and_counts_it() -> None:
    ring = SampleRing(8, 2)
    assert ring.write(_frames(0, 6))
    assert not ring.write(_frames(6, 3))  # only 2 free: the whole block is dropped
    assert (ring.overflows, ring.dropped_frames) == (1, 3)
    assert ring.write(_frames(6, 2))
    out = np.empty((8, 2), np.float32)
    assert ring.read_into(out) == 8
    np.testing.assert_array_equal(out, _frames(0, 8))


@settings(max_examples=200, deadline=None)
@given(
    capacity=st.integers(1, 64),
    steps=st.lists(st.tuples(st.booleans(), st.integers(0, 80)), max_size=60),
)
def test_matches_a_simple_queue(capacity: int, steps: list[tuple[bool, int]]) -> None:
    ring = SampleRing(capacity, 2)
    model: deque[int] = deque()
    counter = overflows = dropped = 0
    out = np.empty((80, 2), np.float32)
    for is_write, count in steps:
        if is_write:
            accepted = ring.write(_frames(counter, count))
            if len(model) + count <= capacity:
                assert accepted
                model.extend(range(counter, counter + count))
            else:
                assert not accepted
                overflows += 1
                dropped += count
            counter += count
        else:
            got = ring.read_into(out[:count])
            expected = [model.popleft() for _ in range(min(count, len(model)))]
            assert got == len(expected)
            np.testing.assert_array_equal(out[:got, 0], np.array(expected, np.float32) * 2)
        assert ring.available() == len(model)
    assert (ring.overflows, ring.dropped_frames) == (overflows, dropped)


def _traced_growth(action, count: int) -> tuple[int, int]:
    """(net bytes still allocated after `count` calls, peak transient bytes during them)."""
    gc.disable()
    tracemalloc.start()
    try:
        for _ in range(1000):  # warm up under tracing: the indexes' ints are then traced too
            action()
        before = tracemalloc.take_snapshot()
        tracemalloc.reset_peak()
        start, _ = tracemalloc.get_traced_memory()
        for _ in range(count):
            action()
        _, peak = tracemalloc.get_traced_memory()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
        gc.enable()
    only_ring = [tracemalloc.Filter(True, sample_ring.__file__)]
    growth = sum(
        stat.size_diff
        for stat in after.filter_traces(only_ring).compare_to(
            before.filter_traces(only_ring), "filename"
        )
    )
    return growth, peak - start


def test_write_allocates_nothing_that_stays_or_grows() -> None:
    # 48000 is not a multiple of 256, so the writes also take the wrap-around path.
    # 4096-frame blocks: a copy of one (32 KiB) stands far above what other threads of the
    # test process may allocate meanwhile (tracemalloc's peak counts every thread).
    ring = SampleRing(48_000 * 4, 2)
    block = _frames(0, 4096)

    def callback() -> None:
        ring.write(block)
        ring._read = ring._written  # a consumer that keeps up, without its own allocations

    growth, peak = _traced_growth(callback, 100_000)
    assert growth == 0
    # A copy of the block would be 32 KiB: what remains are view objects and ints, freed at once.
    assert peak < 8192, peak


def test_event_push_allocates_nothing() -> None:
    events = EventRing(64)

    def callback() -> None:
        events.push(1_234_567, sample_ring.INPUT_OVERFLOW, 0)
        events._read = events._written

    growth, peak = _traced_growth(callback, 100_000)
    assert growth == 0
    assert peak < 4096, peak  # ints and a tuple at most; noise of other threads included


def test_event_ring_order_and_overflow() -> None:
    events = EventRing(3)
    for position in (10, 20, 30):
        assert events.push(position, sample_ring.OUTPUT_UNDERFLOW)
    assert not events.push(40, sample_ring.INPUT_OVERFLOW)
    assert events.lost == 1
    assert events.peek() == (10, sample_ring.OUTPUT_UNDERFLOW, 0)
    assert [events.pop(), events.pop(), events.pop(), events.pop()] == [
        (10, 2, 0),
        (20, 2, 0),
        (30, 2, 0),
        None,
    ]
    assert events.push(50, sample_ring.RING_OVERFLOW, 256)
    assert events.pop() == (50, sample_ring.RING_OVERFLOW, 256)
