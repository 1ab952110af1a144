"""Previewing a contribution: its cached file when whole, else its URL, which needs no token and
answers Range, so libVLC plays it streaming before anything is downloaded."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path

import requests

from hitrecord_desktop.api import Challenge, Contribution, PlatformClient, upload_id_from_url
from hitrecord_desktop.sync.media_cache import MediaCache
from hitrecord_desktop.sync.media_preview import preview_source
from tests.api.helpers import unique_name

from .conftest import MakeClient, Piece, via


def test_an_uncached_contribution_previews_from_its_url_without_a_token(
    make_client: MakeClient, cache: MediaCache, pieces: list[Piece]
) -> None:
    contribution = via(make_client(), pieces[0])
    source = preview_source(cache, contribution)
    assert not source.cached
    assert source.mrl == source.location == contribution.media_url
    # What a player does: a plain GET with a Range, no Authorization header.
    answer = requests.get(source.location, headers={"Range": "bytes=1000-1999"}, timeout=10)
    assert answer.status_code == 206
    assert answer.content == pieces[0].data[1000:2000]
    assert not list(cache.folder.glob("*.flac"))


def test_a_cached_contribution_previews_from_its_file(
    make_client: MakeClient, cache: MediaCache, pieces: list[Piece]
) -> None:
    client = make_client()
    contribution = via(client, pieces[1])
    path = cache.fetch(client, contribution)
    source = preview_source(cache, contribution)
    assert source.cached
    assert Path(source.location) == path.resolve()
    assert source.mrl == path.resolve().as_uri()


def _publish_video(author: PlatformClient, challenge: Challenge, folder: Path) -> Contribution:
    """A real 1 s mp4 (picture and tone) published as a contribution."""
    video = folder / "tiny.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-y",
         "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=25",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
         "-c:v", "mpeg4", "-c:a", "aac", "-shortest", str(video)],
        check=True,
        timeout=60,
    )  # fmt: skip
    sha256 = hashlib.sha256(video.read_bytes()).hexdigest()
    uploader = author.uploader()
    url = uploader.create(
        video, {"filename": video.name, "filetype": "video/mp4", "sha256": sha256}
    )
    uploader.upload(url, video)
    return author.create_contribution(
        upload_id_from_url(url),
        challenge.id,
        "Tiny film",
        "video",
        (),
        idempotency_key=f"job-{unique_name()}",
        kind="video",
    )


def test_libvlc_plays_the_preview_url_streaming_to_the_end(
    author: PlatformClient, media_challenge: Challenge, cache: MediaCache, tmp_path: Path
) -> None:
    import vlc

    contribution = _publish_video(author, media_challenge, tmp_path)
    source = preview_source(cache, contribution)
    assert source.mrl.startswith("http://")
    instance = vlc.Instance("--vout=dummy", "--aout=dummy", "--no-video-title-show", "--quiet")
    assert instance is not None, "libVLC did not initialise (libvlc5 and vlc-plugin-base?)"
    player = instance.media_player_new()
    media = instance.media_new(source.mrl)
    player.set_media(media)
    try:
        assert player.play() == 0
        deadline = time.monotonic() + 20
        state = player.get_state()
        while time.monotonic() < deadline and state not in (vlc.State.Ended, vlc.State.Error):
            time.sleep(0.02)
            state = player.get_state()
        stats = vlc.MediaStats()
        media.get_stats(stats)
    finally:
        player.stop()
        player.release()
        media.release()
        instance.release()
    assert state == vlc.State.Ended, f"playback stopped in state {state}"
    assert stats.decoded_video > 0 and stats.decoded_audio > 0
    assert cache.path_for(contribution) is None  # played without being cached
