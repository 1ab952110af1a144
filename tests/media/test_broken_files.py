"""Truncated, empty, garbage and audio-less files give one clear MediaError; nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.media.probe import MediaError
from tests.media.conftest import Corpus

BROKEN = {
    "truncated.mp3": "truncated: the audio stops at",
    "truncated.flac": "truncated or damaged",
    "truncated.wav": "truncated: the WAV file is shorter than its header says",
    "truncated.ogg": "truncated: the Ogg stream has no proper end",
    "truncated.m4a": "truncated or damaged: the MP4/MOV index is missing",
    "truncated.mkv": "truncated: the audio stops at",
    "empty.wav": "the file is empty (zero length)",
    "garbage.wav": "not a media file we can read",
    "text.mp3": "not a media file we can read",
    "video_no_audio.mp4": "the video has no audio stream",
    "missing.wav": "no such file",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_a_clear_error(corpus: Corpus, tmp_path: Path, name: str) -> None:
    cache = PcmCache(tmp_path / "cache")
    with pytest.raises(MediaError) as caught:
        cache.get_or_decode(corpus / name, 48_000)
    assert caught.value.problem.startswith(BROKEN[name]), caught.value.problem
    assert str(corpus / name) in str(caught.value)
    assert "\n" not in str(caught.value)
    # Nothing that looks like an entry, and no temporary files left behind.
    leftovers = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert all(p.parent.name == "hashes" for p in leftovers), leftovers


def test_a_folder_is_not_media(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="is not a file"):
        PcmCache(tmp_path / "cache").get_or_decode(tmp_path, 48_000)


def test_silence_is_not_zero_length(tmp_path: Path) -> None:
    """A WAV header with no frames is zero length; a short silent file is fine."""
    import numpy as np
    import soundfile

    soundfile.write(tmp_path / "none.wav", np.zeros((0, 2), np.float32), 44_100)
    soundfile.write(tmp_path / "quiet.wav", np.zeros((10, 1), np.float32), 44_100)
    cache = PcmCache(tmp_path / "cache")
    with pytest.raises(MediaError, match="zero length"):
        cache.get_or_decode(tmp_path / "none.wav", 48_000)
    assert cache.get_or_decode(tmp_path / "quiet.wav", 48_000).frames.shape[1] == 1
