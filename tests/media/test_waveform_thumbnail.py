"""A thumbnail's columns follow the loudness of the file and its duration is the file's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.media.waveform_thumbnail import thumbnail_of_file


def test_columns_follow_a_quiet_then_loud_tone(tmp_path: Path) -> None:
    rate = 48_000
    t = np.arange(rate * 2) / rate
    tone = np.sin(2 * np.pi * 220 * t).astype(np.float32)
    tone[:rate] *= 0.1  # first second quiet, second loud
    tone[rate:] *= 0.8
    path = tmp_path / "tone.wav"
    sf.write(path, np.stack([tone, -tone], axis=1), rate)
    thumb = thumbnail_of_file(path, PcmCache(tmp_path / "pcm"), 100)
    assert thumb.columns == 100
    assert abs(thumb.duration_s - 2.0) < 0.01
    assert np.all(np.abs(thumb.maxs[5:45] - 0.1) < 0.02)
    assert np.all(np.abs(thumb.maxs[55:95] - 0.8) < 0.02)
    assert np.all(np.abs(thumb.mins[55:95] + 0.8) < 0.02)  # both channels folded in
