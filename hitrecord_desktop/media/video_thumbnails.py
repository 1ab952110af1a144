"""Small pictures of a video for the timeline's film strip: keyframes decoded by PyAV, on disk.

A thumbnail for time t is the keyframe at or before t: a keyframe decodes on its own (one packet,
no run-up from the previous keyframe), so even a long clip's strip costs a few decodes, and every
zoom level shares the same pictures. The keyframe times of a file are found once by demuxing
(no decoding) and kept beside the pictures.

Entries live in `root/<first two hex digits>/`, keyed by the content's sha256, the keyframe's
time in milliseconds and the picture's height:

    <sha>.keyframes.json            keyframe times in seconds
    <sha>-<ms>-<height>-v<N>.npy    (height, width, 3) uint8 RGB, upright

Each file is written under a temporary name and renamed into place (atomic_files), without an
fsync: a lost entry is only decoded again. Rotation metadata (a phone's display matrix) is
applied, so portrait videos show upright.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from ..atomic_files import replacing
from .probe import MediaError

THUMBS_VERSION = 1
MAX_HEIGHT = 1080
_KEPT_INDEXES = 32  # keyframe lists kept in memory


@dataclass(frozen=True)
class Thumbnail:
    """`image` (height, width, 3) RGB of the keyframe shown at `time_s` of the media."""

    time_s: float
    image: np.ndarray


@dataclass(frozen=True)
class ThumbnailStrip:
    """Pictures for evenly spaced times; `error` says why there are none (bad media)."""

    times_s: tuple[float, ...]
    thumbnails: tuple[Thumbnail, ...]
    error: str | None = None


def strip_times(start_s: float, end_s: float, count: int) -> tuple[float, ...]:
    """`count` times spread over [start_s, end_s): the middle of each of `count` equal slots."""
    if count <= 0 or end_s <= start_s:
        return ()
    step = (end_s - start_s) / count
    return tuple(start_s + (i + 0.5) * step for i in range(count))


def file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        raise MediaError(path, "no such file") from None
    except OSError as error:
        raise MediaError(path, f"cannot read the file ({error.strerror})") from None


class VideoThumbnails:
    """Keyframe thumbnails of video files, cached under `root`. Safe to share between threads."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self._indexes: OrderedDict[str, tuple[float, ...]] = OrderedDict()
        self._hashes: dict[tuple[str, int, int], str] = {}

    # -- public ----------------------------------------------------------------------------

    def thumbnail(
        self, path: str | os.PathLike[str], time_s: float, height: int, sha256: str = ""
    ) -> Thumbnail:
        """The keyframe at or before `time_s`, `height` pixels high. Raises MediaError."""
        return self.thumbnails(path, [time_s], height, sha256)[0]

    def thumbnails(
        self,
        path: str | os.PathLike[str],
        times_s: Sequence[float],
        height: int,
        sha256: str = "",
    ) -> list[Thumbnail]:
        """One thumbnail per time (the same picture for times sharing a keyframe), decoding
        only what the disk cache lacks, with the file opened once. Raises MediaError."""
        path = Path(path)
        if not 8 <= height <= MAX_HEIGHT:
            raise ValueError(f"thumbnail height {height} is not within 8..{MAX_HEIGHT}")
        sha = (sha256 or self._sha256(path)).lower()
        keys = self._keyframes(path, sha)
        wanted = [keys[max(0, bisect.bisect_right(keys, t + 1e-6) - 1)] for t in times_s]
        found: dict[float, np.ndarray] = {}
        missing = []
        for key in dict.fromkeys(wanted):
            image = self._load(sha, key, height)
            if image is None:
                missing.append(key)
            else:
                found[key] = image
        if missing:
            for key, image in self._decode(path, missing, height).items():
                self._store(sha, key, height, image)
                found[key] = image
        return [Thumbnail(key, found[key]) for key in wanted]

    def strip(
        self,
        path: str | os.PathLike[str],
        start_s: float,
        end_s: float,
        count: int,
        height: int,
        sha256: str = "",
    ) -> ThumbnailStrip:
        """Thumbnails at `count` evenly spaced times of [start_s, end_s) (a clip's visible
        range). Never raises for bad media: the strip is empty and `error` says why."""
        times = strip_times(start_s, end_s, count)
        try:
            pictures = self.thumbnails(path, times, height, sha256) if times else []
        except MediaError as error:
            return ThumbnailStrip(times, (), str(error))
        return ThumbnailStrip(times, tuple(pictures))

    def keyframe_times(self, path: str | os.PathLike[str], sha256: str = "") -> tuple[float, ...]:
        path = Path(path)
        return self._keyframes(path, (sha256 or self._sha256(path)).lower())

    # -- cache -----------------------------------------------------------------------------

    def _entry(self, sha: str, name: str) -> Path:
        return self.root / sha[:2] / f"{sha}{name}"

    def _picture_path(self, sha: str, key: float, height: int) -> Path:
        return self._entry(sha, f"-{round(key * 1000)}-{height}-v{THUMBS_VERSION}.npy")

    def _load(self, sha: str, key: float, height: int) -> np.ndarray | None:
        try:
            image = np.load(self._picture_path(sha, key, height), allow_pickle=False)
        # Missing, torn or foreign: a miss, decoded again.
        except (OSError, ValueError, EOFError):
            return None
        if image.dtype != np.uint8 or image.ndim != 3 or image.shape[0] != height:
            return None
        return image

    def _store(self, sha: str, key: float, height: int, image: np.ndarray) -> None:
        buffer = io.BytesIO()
        np.save(buffer, image, allow_pickle=False)
        self._write(self._picture_path(sha, key, height), buffer.getvalue())

    def _write(self, target: Path, data: bytes) -> None:
        # A full disk costs a decode next time, no more.
        with contextlib.suppress(OSError), replacing(target, sync=False) as tmp:
            tmp.write_bytes(data)

    def _sha256(self, path: Path) -> str:
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise MediaError(path, "no such file") from None
        except OSError as error:
            raise MediaError(path, f"cannot read the file ({error.strerror})") from None
        marker = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            known = self._hashes.get(marker)
        if known is None:
            known = file_sha256(path)
            with self._lock:
                self._hashes[marker] = known
        return known

    def _keyframes(self, path: Path, sha: str) -> tuple[float, ...]:
        with self._lock:
            known = self._indexes.get(sha)
            if known is not None:
                self._indexes.move_to_end(sha)
                return known
        index_path = self._entry(sha, f".keyframes-v{THUMBS_VERSION}.json")
        try:
            keys = tuple(float(t) for t in json.loads(index_path.read_text()))
        except (OSError, ValueError, TypeError):
            keys = ()
        if not keys:
            keys = _scan_keyframes(path)
            self._write(index_path, json.dumps(keys).encode())
        with self._lock:
            self._indexes[sha] = keys
            while len(self._indexes) > _KEPT_INDEXES:
                self._indexes.popitem(last=False)
        return keys

    def _decode(self, path: Path, keys: list[float], height: int) -> dict[float, np.ndarray]:
        _require_file(path)
        try:
            with av.open(str(path)) as container:
                stream = _video_stream(container, path)  # one picture a seek: no frame threads
                return {key: _decode_at(container, stream, key, height, path) for key in keys}
        except av.FFmpegError as error:
            raise MediaError(path, f"the video cannot be decoded ({_words(error)})") from None


# -- decoding, by hand only where PyAV has no one-call answer --------------------------------


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise MediaError(path, "no such file" if not path.exists() else "is not a file")


def _open_error(path: Path, error: Exception) -> MediaError:
    return MediaError(path, f"not a video FFmpeg can read ({_words(error)})")


def _words(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def _video_stream(container: av.container.InputContainer, path: Path) -> av.VideoStream:
    if not container.streams.video:
        raise MediaError(path, "has no video stream")
    return container.streams.video[0]


def _scan_keyframes(path: Path) -> tuple[float, ...]:
    """Times of the video's keyframes, from the packets alone (demuxing reads, never decodes)."""
    _require_file(path)
    times: list[float] = []
    try:
        with av.open(str(path)) as container:
            stream = _video_stream(container, path)
            base = stream.time_base
            start = stream.start_time or 0
            for packet in container.demux(stream):
                if packet.is_keyframe and packet.pts is not None and base is not None:
                    times.append(max(0.0, float((packet.pts - start) * base)))
    except av.FFmpegError as error:
        if not times:
            raise _open_error(path, error) from None
        # A truncated file: the keyframes before the damage still make pictures.
    if not times:
        raise MediaError(path, "has no video frames that can be decoded on their own")
    return tuple(sorted(set(times)))


def _decode_at(
    container: av.container.InputContainer,
    stream: av.VideoStream,
    time_s: float,
    height: int,
    path: Path,
) -> np.ndarray:
    base = stream.time_base
    start = stream.start_time or 0
    target = start + round(time_s / base) if base else 0
    container.seek(target, stream=stream, backward=True, any_frame=False)
    frames = container.decode(stream)
    try:
        for frame in frames:
            return _scaled_upright(frame, height)
    finally:
        frames.close()  # now, while the container is open
    raise MediaError(path, f"no picture could be decoded at {time_s:.2f} s")


def _scaled_upright(frame: av.VideoFrame, height: int) -> np.ndarray:
    """The frame `height` pixels high as it is meant to be seen: scaled by FFmpeg's swscale
    (reformat), then turned by the display matrix's rotation (counterclockwise degrees)."""
    turns = round((frame.rotation or 0) / 90) % 4
    sideways = turns % 2 == 1
    shown_w, shown_h = (frame.height, frame.width) if sideways else (frame.width, frame.height)
    scale = height / shown_h
    width = max(1, round(shown_w * scale))
    out_w, out_h = (height, width) if sideways else (width, height)
    image = frame.reformat(width=out_w, height=out_h, format="rgb24").to_ndarray()
    return np.ascontiguousarray(np.rot90(image, turns)) if turns else image
