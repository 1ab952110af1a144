"""Sums a mix plan's segments into blocks of stereo float32: the offline render's and the live
engine's mixer.

Real-time rules (the live engine calls `render_block` from the PortAudio callback): every buffer
is allocated in `__init__`; a block reads the source arrays (memory maps) and the plan's
`TrackControls`, and works with numpy ufuncs writing through `out=`. No lock, no I/O, no Python
loop over samples: the Python loop is over the handful of segments that touch the block.

What numpy still allocates per block, honestly: each slice is a new view object (~100 bytes of
header, no sample data) and each ufunc call creates small temporaries of bookkeeping; these are
freed within the call, so a steady stream of blocks holds no more memory and allocates no
buffer proportional to the block (tests/mixing/test_mixer_alloc.py measures it).
"""

from __future__ import annotations

import numpy as np

from .mix_plan import STEREO, MixPlan, Segment, fade_gains

CHANNELS = 2


class Mixer:
    """Renders timeline blocks of at most `block_frames` frames from a compiled plan."""

    def __init__(self, plan: MixPlan, block_frames: int, channels: int = CHANNELS) -> None:
        if channels != CHANNELS:
            raise ValueError("the mixer renders stereo only")
        if block_frames <= 0:
            raise ValueError("block_frames must be positive")
        self.plan = plan
        self.block_frames = block_frames
        self._scratch = np.zeros((block_frames, CHANNELS), dtype=np.float32)
        self._flat = self._scratch.reshape(-1)  # the same memory, interleaved
        self._mono = np.zeros(block_frames, dtype=np.float32)
        self._cells = self._segments_by_cell(plan.segments, block_frames)
        self._empty: tuple[Segment, ...] = ()
        # Row numbers for fade gains: 0, 1, 2, ... for mono and 0, 0, 1, 1, ... for
        # interleaved stereo; and where the gains are computed. float32 like the samples, as
        # a mixed-type ufunc would allocate a casting buffer; steps stay below the fade's
        # length, exact in float32 up to 2**24 samples (~6 minutes of fade).
        self._rows = np.arange(block_frames, dtype=np.float32)
        self._rows2 = np.repeat(self._rows, CHANNELS)
        self._fade = np.zeros(CHANNELS * block_frames, dtype=np.float32)
        self._fade_shape = plan.fade_shape
        # Stereo work is done on flat interleaved views (see _pattern).
        self._flat_sources: dict[int, np.ndarray] = {}
        n_tracks = len(plan.controls.track_ids)
        stereo_tracks = {s.track for s in plan.segments if s.law == STEREO}
        self._patterns = [
            np.zeros(2 * block_frames if t in stereo_tracks else 0, dtype=np.float32)
            for t in range(n_tracks)
        ]
        self._pattern_gains: list[tuple[float, float] | None] = [None] * n_tracks
        for seg in plan.segments:
            if seg.law != STEREO:
                continue
            self._flat_sources[id(seg)] = np.ascontiguousarray(seg.source).reshape(-1)

    @staticmethod
    def _segments_by_cell(segments: tuple[Segment, ...], size: int) -> list[tuple[Segment, ...]]:
        """For each cell c of `size` timeline samples, the segments touching cells c and c + 1:
        a block of at most `size` frames starting in cell c lies within those two, wherever it
        starts. Neighbouring cells mostly share one tuple, so a long project costs a list of
        pointers, not a list per cell."""
        if not segments:
            return []
        n_cells = max(s.end for s in segments) // size + 1
        events: dict[int, list[tuple[int, int]]] = {}
        for i, seg in enumerate(segments):
            first = max(0, seg.start // size - 1)
            last = max(0, (seg.end - 1) // size)
            events.setdefault(first, []).append((1, i))
            events.setdefault(last + 1, []).append((-1, i))
        cells: list[tuple[Segment, ...]] = []
        active: set[int] = set()
        current: tuple[Segment, ...] = ()
        for cell in sorted(events):
            if cell >= n_cells:
                break
            cells.extend([current] * (cell - len(cells)))
            for change, i in events[cell]:
                if change > 0:
                    active.add(i)
                else:
                    active.discard(i)
            current = tuple(segments[i] for i in sorted(active))
        cells.extend([current] * (n_cells - len(cells)))
        return cells

    def _pattern(self, track: int, left: float, right: float) -> np.ndarray:
        """Interleaved (left, right, left, ...) gains of a track, refilled when they change.

        Multiplying a flat interleaved block by this runs ~40× faster in numpy than
        broadcasting a (2,) gain over (frames, 2), whose inner loop is 2 long."""
        pattern = self._patterns[track]
        if self._pattern_gains[track] != (left, right):
            pattern[0::2].fill(left)
            pattern[1::2].fill(right)
            self._pattern_gains[track] = (left, right)
        return pattern

    def _apply_fade(
        self, part: np.ndarray, rows: np.ndarray, first_step: float, sign: int, length: int
    ) -> None:
        """part *= c((first_step + sign·row) / length) for each row of part."""
        steps = self._fade[: len(part)]
        if sign > 0:
            np.add(rows[: len(part)], first_step, out=steps)
        else:
            np.subtract(first_step, rows[: len(part)], out=steps)
        fade_gains(steps, length, self._fade_shape)
        np.multiply(part, steps, out=part)

    def render_block(self, start_sample: int, out: np.ndarray) -> None:
        """Fills `out` (frames ≤ block_frames, 2) float32, C-contiguous, with timeline samples
        [start_sample, start_sample + frames)."""
        frames = len(out)
        out.fill(0.0)
        cell = start_sample // self.block_frames
        cells = self._cells
        segments = cells[cell] if 0 <= cell < len(cells) else self._empty
        if not segments:
            return
        end_sample = start_sample + frames
        controls = self.plan.controls
        audible, gains = controls.audible, controls.gains
        scratch, flat, mono = self._scratch, self._flat, self._mono
        for seg in segments:
            if seg.start >= end_sample or seg.end <= start_sample or not audible[seg.track]:
                continue
            a = seg.start if seg.start > start_sample else start_sample
            b = seg.end if seg.end < end_sample else end_sample
            n = b - a
            offset = a - seg.start  # within the clip
            first = seg.src_start + offset  # source row
            # Fade-in over block rows [0, fade_in_rows); fade-out from row fade_out_row on,
            # where the clip's sample k gets c((L − 1 − k) / F).
            fade_in_rows = min(n, seg.fade_in - offset) if offset < seg.fade_in else 0
            fade_out_row = n
            if seg.fade_out and b > seg.end - seg.fade_out:
                fade_out_row = max(a, seg.end - seg.fade_out) - a
            last_step = seg.length - 1 - offset - fade_out_row  # L − 1 − k at that row
            left = float(gains[seg.track, seg.law, 0])
            right = float(gains[seg.track, seg.law, 1])
            if seg.law == STEREO:
                part = flat[: 2 * n]
                source = self._flat_sources[id(seg)][2 * first : 2 * (first + n)]
                if left == right:
                    np.multiply(source, left * seg.gain, out=part)
                else:
                    pattern = self._pattern(seg.track, left * seg.gain, right * seg.gain)
                    np.multiply(source, pattern[: 2 * n], out=part)
                if fade_in_rows:
                    p = part[: 2 * fade_in_rows]
                    self._apply_fade(p, self._rows2, offset, 1, seg.fade_in)
                if fade_out_row < n:
                    p = part[2 * fade_out_row :]
                    self._apply_fade(p, self._rows2, last_step, -1, seg.fade_out)
            else:
                column = seg.source[first : first + n, 0]
                if fade_in_rows or fade_out_row < n:
                    faded = mono[:n]
                    np.copyto(faded, column)
                    if fade_in_rows:
                        p = faded[:fade_in_rows]
                        self._apply_fade(p, self._rows, offset, 1, seg.fade_in)
                    if fade_out_row < n:
                        p = faded[fade_out_row:]
                        self._apply_fade(p, self._rows, last_step, -1, seg.fade_out)
                    column = faded
                np.multiply(column, left * seg.gain, out=scratch[:n, 0])
                np.multiply(column, right * seg.gain, out=scratch[:n, 1])
            target = out[a - start_sample : b - start_sample]
            np.add(target, scratch[:n], out=target)
