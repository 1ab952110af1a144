"""Decoded audio kept on disk once, as raw float32 PCM at the project rate, read back memory-mapped.

An entry is keyed by the sha256 of the source file's bytes, the target rate and `PIPELINE_VERSION`
(bump it when a decoding fix changes the samples, and old entries stop matching). Files of an
entry, in `root/<first two hex digits>/`:

    <key>.f32          raw little-endian float32, interleaved, (frames, channels)
    <key>.peaks.npz    waveform peaks (waveform_peaks.WaveformPeaks)
    <key>.json         the sidecar: source MediaInfo, frames, channels; written last

Each file is written under a temporary name and renamed into place, the sidecar last: an entry
without its sidecar does not exist, so a crash never leaves a half entry that looks complete, and
two processes decoding the same file at once each rename a complete file over the other's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..atomic_files import publish, write_atomically
from ..project.model import MediaRef
from .decoding import (
    AudioDecoder,
    Cancel,
    Cancelled,
    convert_blocks,
    is_cancelled,
    stored_channels,
)
from .probe import MediaError, MediaInfo
from .waveform_peaks import PeaksBuilder, WaveformPeaks

PIPELINE_VERSION = 1
HASH_CHUNK = 1 << 20

Progress = Callable[[float], None] | None


@dataclass(frozen=True)
class CachedPcm:
    """A cache entry: `frames` is a read-only (n, channels) float32 memmap at `sample_rate`."""

    frames: np.memmap
    sample_rate: int
    channels: int
    source: MediaInfo
    sha256: str
    path: Path
    peaks_path: Path

    @property
    def duration_s(self) -> float:
        return len(self.frames) / self.sample_rate

    def peaks(self) -> WaveformPeaks:
        return WaveformPeaks.load(self.peaks_path)


class PcmCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def entry_stem(self, sha256: str, sample_rate: int) -> Path:
        return self.root / sha256[:2] / f"{sha256}-{sample_rate}-v{PIPELINE_VERSION}"

    def lookup(self, sha256: str, sample_rate: int) -> CachedPcm | None:
        """The complete entry for this content and rate, or None."""
        stem = self.entry_stem(sha256, sample_rate)
        pcm_path = stem.with_suffix(".f32")
        try:
            sidecar = json.loads(stem.with_suffix(".json").read_text())
            frames, channels = int(sidecar["frames"]), int(sidecar["channels"])
            if int(sidecar["sample_rate"]) != sample_rate or frames <= 0 or channels not in (1, 2):
                return None
            source = MediaInfo.from_json(sidecar["source"])
            if pcm_path.stat().st_size != frames * channels * 4:
                return None
            data = np.memmap(pcm_path, dtype="<f4", mode="r", shape=(frames, channels))
        # Missing, torn, hand-edited or from another version: a miss, decoded again.
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return CachedPcm(
            frames=data,
            sample_rate=sample_rate,
            channels=channels,
            source=source,
            sha256=sha256,
            path=pcm_path,
            peaks_path=stem.with_suffix(".peaks.npz"),
        )

    def get_or_decode(
        self,
        path: str | os.PathLike[str],
        sample_rate: int,
        progress: Progress = None,
        cancel: Cancel = None,
    ) -> CachedPcm:
        """The cached PCM of `path` at `sample_rate`, decoding it first when not yet cached.

        `progress` gets fractions 0..1 (hashing is the first 5 %); `cancel` is an Event-like
        token or a callable, checked between blocks: when set, `Cancelled` is raised and nothing
        is kept. Raises MediaError for a file that cannot be used.
        """
        path = Path(path)
        sha256 = self.sha256_of(path, cancel)
        if progress:
            progress(0.05)
        cached = self.lookup(sha256, sample_rate)
        if cached is None:
            self._decode_into(path, sha256, sample_rate, progress, cancel)
            cached = self.lookup(sha256, sample_rate)
            if cached is None:
                raise MediaError(path, "the decoded audio could not be stored in the cache")
        if progress:
            progress(1.0)
        return cached

    def pcm_for(self, ref: MediaRef, sample_rate: int, base_dir: Path | None = None) -> np.ndarray:
        """The (frames, channels) float32 audio of a clip's media, decoded once and cached.

        A relative media path (a take inside its project folder) is taken from `base_dir`. When
        the media's hash is known and its PCM is cached, the source file is not needed (a
        downloaded contribution the media cache has since evicted still plays)."""
        if ref.sha256:
            known = self.lookup(ref.sha256.lower(), sample_rate)
            if known is not None:
                return known.frames
        path = Path(ref.path)
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
        cached = self.get_or_decode(path, sample_rate)
        if ref.sha256 and ref.sha256 != cached.sha256:
            raise MediaError(
                ref.path,
                f"the file has changed since it was added (sha256 {cached.sha256[:12]}…, "
                f"expected {ref.sha256[:12]}…)",
            )
        return cached.frames

    def sha256_of(self, path: Path, cancel: Cancel = None) -> str:
        """The sha256 of the file, remembered by path, size, mtime and inode to skip rehashing."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise MediaError(path, "no such file") from None
        except OSError as error:
            raise MediaError(path, f"cannot read the file ({error.strerror})") from None
        if not path.is_file():
            raise MediaError(path, "is not a file")
        marker = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
        memo = self.root / "hashes" / hashlib.sha1(marker.encode()).hexdigest()
        with contextlib.suppress(OSError):
            known = memo.read_text()
            if len(known) == 64:
                return known
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(HASH_CHUNK):
                    digest.update(chunk)
                    _raise_if_cancelled(cancel, path)
        except OSError as error:
            raise MediaError(path, f"cannot read the file ({error.strerror})") from None
        sha256 = digest.hexdigest()
        with contextlib.suppress(OSError):
            write_atomically(memo, sha256.encode())
        return sha256

    def _decode_into(
        self, path: Path, sha256: str, sample_rate: int, progress: Progress, cancel: Cancel
    ) -> None:
        stem = self.entry_stem(sha256, sample_rate)
        stem.parent.mkdir(parents=True, exist_ok=True)
        temporaries: list[Path] = []
        try:
            with AudioDecoder(path, cancel) as decoder:
                info = decoder.info
                channels = stored_channels(info.channels)
                peaks = PeaksBuilder(channels)
                pcm_tmp = _temporary(stem, ".f32", temporaries)
                frames = 0
                with pcm_tmp.open("wb") as out:
                    for block in convert_blocks(decoder.blocks(), info, sample_rate):
                        block = np.ascontiguousarray(block, dtype="<f4")
                        out.write(block.data)
                        peaks.add(block)
                        frames += len(block)
                        if progress:
                            progress(0.05 + 0.94 * decoder.fraction)
                if frames == 0:
                    raise MediaError(path, "has no audio samples (zero length)")
                peaks_tmp = _temporary(stem, ".npz", temporaries)
                peaks.finish().save(peaks_tmp)
            sidecar = {
                "sha256": sha256,
                "sample_rate": sample_rate,
                "channels": channels,
                "frames": frames,
                "pipeline_version": PIPELINE_VERSION,
                "source": {**info.to_json(), "decoded_frames": decoder.decoded_frames},
            }
            sidecar_tmp = _temporary(stem, ".json", temporaries)
            sidecar_tmp.write_text(json.dumps(sidecar, indent=1))
            # Data on disk before the sidecar that vouches for it: after a power cut an entry
            # is either whole or absent, never a right-sized file of zeros.
            publish(pcm_tmp, stem.with_suffix(".f32"))
            publish(peaks_tmp, stem.with_suffix(".peaks.npz"))
            publish(sidecar_tmp, stem.with_suffix(".json"))  # the entry exists from here on
        finally:
            for leftover in temporaries:
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()


def _temporary(stem: Path, suffix: str, temporaries: list[Path]) -> Path:
    handle, name = tempfile.mkstemp(prefix=stem.name + ".", suffix=suffix + ".tmp", dir=stem.parent)
    os.close(handle)
    temporaries.append(Path(name))
    return Path(name)


def _raise_if_cancelled(cancel: Cancel, path: Path) -> None:
    if is_cancelled(cancel):
        raise Cancelled(f"{path}: cancelled")
