"""Clips made from media: a file the user brings, or a platform contribution.

Both are decoded into the PCM cache first (call these off the GUI thread: decoding a long file
takes seconds), so the clip knows its exact length and the timeline its waveform.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef

if TYPE_CHECKING:
    from hitrecord_desktop.api.client import PlatformClient
    from hitrecord_desktop.api.models import Contribution
    from hitrecord_desktop.media.pcm_cache import CachedPcm, PcmCache
    from hitrecord_desktop.sync.media_cache import MediaCache

Progress = Callable[[float], None] | None


def _clip(media: MediaRef, position: int) -> Clip:
    return Clip(media, position=max(0, position), trim_in=0, trim_out=media.frames)


def _has_video(cached: CachedPcm) -> bool:
    return cached.source.video is not None


def _silent_video(origin: MediaOrigin, path: Path, pcm: PcmCache, sample_rate: int) -> MediaRef:
    from hitrecord_desktop.media.probe import silent_video_info

    video = silent_video_info(path)
    return MediaRef(
        origin,
        str(path),
        sha256=pcm.sha256_of(path),
        title=path.stem,
        frames=round(video.duration_s * sample_rate),
        has_video=True,
    )


def media_for_file(
    path: Path,
    pcm: PcmCache,
    sample_rate: int,
    *,
    progress: Progress = None,
    cancel: threading.Event | None = None,
) -> MediaRef:
    """The media of the user's own file, decoded into the cache (MediaError when unusable).
    A video without sound is media too: its length comes from the picture."""
    from hitrecord_desktop.media.probe import NO_SOUND_IN_VIDEO, MediaError

    try:
        cached = pcm.get_or_decode(path, sample_rate, progress, cancel)
    except MediaError as exc:
        if exc.problem != NO_SOUND_IN_VIDEO:
            raise
        return _silent_video(MediaOrigin.FILE, Path(path).resolve(), pcm, sample_rate)
    return MediaRef(
        MediaOrigin.FILE,
        str(Path(path).resolve()),
        sha256=cached.sha256,
        title=Path(path).stem,
        frames=len(cached.frames),
        has_video=_has_video(cached),
    )


def clip_for_file(
    path: Path,
    pcm: PcmCache,
    sample_rate: int,
    position: int = 0,
    *,
    progress: Progress = None,
    cancel: threading.Event | None = None,
) -> Clip:
    """A clip of the user's own file at `position`."""
    return _clip(media_for_file(path, pcm, sample_rate, progress=progress, cancel=cancel), position)


def clip_for_contribution(
    contribution: Contribution,
    client: PlatformClient,
    media: MediaCache,
    pcm: PcmCache,
    sample_rate: int,
    position: int = 0,
    *,
    progress: Progress = None,
    cancel: threading.Event | None = None,
) -> Clip:
    """A clip of a community contribution: downloaded into the media cache (resumable), decoded,
    and carrying the contribution's id, title and author so the credits know it."""

    def downloaded(done: int, total: int) -> None:
        if progress is not None and total:
            progress(0.7 * done / total)

    path = media.fetch(client, contribution, progress=downloaded, cancel=cancel)

    def decoded(fraction: float) -> None:
        if progress is not None:
            progress(0.7 + 0.3 * fraction)

    from hitrecord_desktop.media.probe import NO_SOUND_IN_VIDEO, MediaError

    try:
        cached = pcm.get_or_decode(path, sample_rate, decoded, cancel)
    except MediaError as exc:
        if exc.problem != NO_SOUND_IN_VIDEO:
            raise
        silent = _silent_video(MediaOrigin.CONTRIBUTION, Path(path), pcm, sample_rate)
        ref = replace(
            silent,
            sha256=contribution.sha256 or silent.sha256,
            contribution_id=contribution.id,
            title=contribution.title,
            author=contribution.author.name,
        )
        return _clip(ref, position)
    ref = MediaRef(
        MediaOrigin.CONTRIBUTION,
        str(path),
        sha256=contribution.sha256,
        contribution_id=contribution.id,
        title=contribution.title,
        author=contribution.author.name,
        frames=len(cached.frames),
        has_video=_has_video(cached),
    )
    return _clip(ref, position)
