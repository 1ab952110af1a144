"""Encoder priming and padding are removed, so stems stay aligned: measured, not assumed.

A click at a known sample is encoded by ffmpeg into each lossy format, then decoded by our
pipeline at the source rate. What this measured (FFmpeg 5.1, PyAV 18.1, libsndfile 1.2.2):

| format                 | start (priming)                        | end (padding)              |
|------------------------|----------------------------------------|----------------------------|
| MP3 with LAME/Info tag | removed (FFmpeg; libsndfile too)       | removed: exact length      |
| MP3 without the tag    | 1105 samples remain (as in ffmpeg)     | up to one frame remains    |
| AAC in MP4/MOV/M4A     | removed by FFmpeg (edit list)          | ours: cut to the edit list |
| AAC in Matroska        | ours: 1024 when the ENCODER tag names  | up to one frame remains    |
|                        | libavcodec's aac encoder               |                            |
| AAC raw ADTS (.aac)    | 1024 remain: the file does not say     | up to one frame remains    |
| Opus in Ogg / WebM     | pre-skip removed                       | removed: exact length      |
| Vorbis in Ogg          | nothing to remove                      | removed: exact length      |
"""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from hitrecord_desktop.media.decoding import decode_blocks

CLICK = 12_345
SECONDS = 2

CASES = {
    # name: (rate, ffmpeg output options, priming left, end padding allowed)
    "lame48.mp3": (48000, ["-c:a", "libmp3lame", "-b:a", "192k"], 0, 0),
    "lame44.mp3": (44100, ["-c:a", "libmp3lame", "-b:a", "192k"], 0, 0),
    "notag44.mp3": (44100, ["-c:a", "libmp3lame", "-write_xing", "0"], 1105, 1152),
    "aac48.m4a": (48000, ["-c:a", "aac"], 0, 0),
    "aac44.m4a": (44100, ["-c:a", "aac"], 0, 0),
    "aac48.mov": (48000, ["-c:a", "aac"], 0, 0),
    "aac48.mkv": (48000, ["-c:a", "aac"], 0, 1024),
    "aac48.aac": (48000, ["-c:a", "aac"], 1024, 1024),
    "opus48.opus": (48000, ["-c:a", "libopus"], 0, 0),
    "opus48.webm": (48000, ["-c:a", "libopus"], 0, 0),
    "vorbis48.ogg": (48000, ["-c:a", "libvorbis"], 0, 0),
    "vorbis44.ogg": (44100, ["-c:a", "libvorbis"], 0, 0),
}


@pytest.fixture(scope="module")
def encoded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("padding")

    def make(name: str) -> None:
        rate, options, *_ = CASES[name]
        click = f"if(eq(n\\,{CLICK})\\,0.9\\,0)"
        source = f"aevalsrc=exprs='{click}|{click}':s={rate}:d={SECONDS}"
        subprocess.run(
            ["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", source, *options,
             str(folder / name)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(make, CASES))
    return folder


@pytest.mark.parametrize("name", sorted(CASES))
def test_click_lands_on_its_sample_and_length_matches(encoded: Path, name: str) -> None:
    rate, _, priming_left, end_allowed = CASES[name]
    audio = np.concatenate(list(decode_blocks(encoded / name)))
    click = int(np.argmax(np.abs(audio[:, 0])))
    assert abs(click - (CLICK + priming_left)) <= 2, f"click at {click}"
    expected = SECONDS * rate + priming_left
    assert expected <= len(audio) <= expected + end_allowed, len(audio)
