"""The mixer's steady state allocates no buffers: what the live engine's callback needs."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np

from hitrecord_desktop.mixing.mix_plan import compile_plan
from hitrecord_desktop.mixing.mixer import Mixer
from hitrecord_desktop.project.model import Project, Track
from tests.mixing.reference import clip, write_raw

BLOCK = 4096  # one block of samples is 32 KiB: far above other threads' noise in the peak


def test_steady_state_blocks_allocate_almost_nothing(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    stereo = write_raw(tmp_path / "s.raw", rng.uniform(-0.5, 0.5, (48_000, 2)))
    mono = write_raw(tmp_path / "m.raw", rng.uniform(-0.5, 0.5, 48_000))
    sources = {"s": stereo, "m": mono}
    project = Project(
        title="alloc",
        tracks=[
            Track(
                f"t{i}",
                pan=(i - 4) / 4,
                gain_db=-i,
                clips=[
                    clip(
                        "s" if i % 2 else "m",
                        100 * i,
                        0,
                        40_000,
                        fade_in=3000,
                        fade_out=5000,
                        gain_db=-1.0,
                    ),
                ],
            )
            for i in range(8)
        ],
    )
    mixer = Mixer(compile_plan(project, lambda ref: sources[ref.path]), BLOCK)
    out = np.zeros((BLOCK, 2), dtype=np.float32)
    for start in range(0, 2 * BLOCK * 4, BLOCK):  # warm up: patterns filled, code paths run
        mixer.render_block(start, out)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for start in range(0, 44_000, BLOCK):  # through fade-ins, plain parts and fade-outs
            mixer.render_block(start, out)
        after, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 1024  # nothing kept
    # Within a block only view objects and numpy's bookkeeping (and whatever other threads of
    # the test process allocate meanwhile): far less than one block of samples.
    assert peak - before < 8192, peak - before
