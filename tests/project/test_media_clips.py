"""Clips from media: the user's own file, and a community contribution downloaded and decoded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop.api import PlatformClient
from hitrecord_desktop.media.pcm_cache import PcmCache
from hitrecord_desktop.media.probe import MediaError
from hitrecord_desktop.project.media_clips import clip_for_contribution, clip_for_file
from hitrecord_desktop.project.model import MediaOrigin
from hitrecord_desktop.sync.media_cache import MediaCache
from tests.support.live_server import LiveServer

RATE = 48_000


def test_a_file_becomes_a_clip_of_its_exact_length(tmp_path: Path) -> None:
    path = tmp_path / "idea.wav"
    sf.write(path, np.zeros((44_100, 2), np.float32), 44_100)  # one second at 44.1 kHz
    steps: list[float] = []
    clip = clip_for_file(path, PcmCache(tmp_path / "pcm"), RATE, 960, progress=steps.append)
    assert clip.media.origin is MediaOrigin.FILE and clip.media.title == "idea"
    assert clip.media.frames == RATE and clip.length == RATE and clip.position == 960
    assert len(clip.media.sha256) == 64 and steps[-1] == 1.0


def test_a_broken_file_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "broken.wav"
    path.write_bytes(b"RIFF not really")
    with pytest.raises(MediaError):
        clip_for_file(path, PcmCache(tmp_path / "pcm"), RATE)


def test_a_contribution_becomes_a_credited_clip(live_server: LiveServer, tmp_path: Path) -> None:
    with PlatformClient(live_server.url) as client:
        audio = next(
            c
            for challenge in client.iter_challenges(status="any")
            for c in client.iter_contributions(challenge.id)
            if c.kind == "audio"
        )
        cache = MediaCache(tmp_path / "media", 1 << 30)
        steps: list[float] = []
        clip = clip_for_contribution(
            audio, client, cache, PcmCache(tmp_path / "pcm"), RATE, progress=steps.append
        )
    media = clip.media
    assert media.origin is MediaOrigin.CONTRIBUTION and media.contribution_id == audio.id
    assert media.title == audio.title and media.author == audio.author.name
    assert media.sha256 == audio.sha256 and Path(media.path).is_file()
    assert media.frames > RATE // 2 and clip.trim_out == media.frames
    assert steps == sorted(steps) and steps[-1] == 1.0
