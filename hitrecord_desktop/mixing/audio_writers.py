"""Streaming writers of a render's stereo float32 blocks: WAV and FLAC for the mixdown, Ogg
(Vorbis, Opus), MP3 and AAC for a preview.

WAV and FLAC are written as 24-bit PCM by default, rounded and not dithered: 24-bit rounding
error sits at −144 dBFS, below the noise floor of any converter a listener has, so dither would
only cost time and make the file's samples non-deterministic. The rounding is done here rather
than by libsndfile, which truncates floats past full scale by wrapping unless told to clip:
samples over full scale are clipped (the render report counts them). `wav-float` keeps 32-bit
float, overs included, for a mix meant to be processed further.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Protocol

import numpy as np
import soundfile as sf

PCM24_MAX = 2**23 - 1


class RenderFormat(StrEnum):
    WAV = "wav"  # 24-bit PCM
    WAV_FLOAT = "wav-float"
    FLAC = "flac"  # 24-bit
    OGG = "ogg"  # Vorbis
    OPUS = "opus"  # Opus in Ogg (48 kHz and a few lower rates only)
    MP3 = "mp3"
    M4A = "m4a"  # AAC

    @classmethod
    def from_path(cls, path: Path) -> RenderFormat:
        suffix = path.suffix.lower().lstrip(".")
        aliases = {"wave": cls.WAV, "oga": cls.OGG, "aac": cls.M4A, "mp4": cls.M4A}
        if suffix in aliases:
            return aliases[suffix]
        try:
            return cls(suffix)
        except ValueError:
            names = ", ".join(f".{f.value}" for f in cls if f is not cls.WAV_FLOAT)
            raise ValueError(f"cannot render to {path.name!r}: use one of {names}") from None

    @property
    def is_preview(self) -> bool:
        return self in (RenderFormat.OGG, RenderFormat.OPUS, RenderFormat.MP3, RenderFormat.M4A)


class BlockWriter(Protocol):
    def write(self, block: np.ndarray) -> None: ...

    def close(self) -> None: ...


# libsndfile (format, subtype) of each format it writes.
_SNDFILE = {
    RenderFormat.WAV: ("WAV", "PCM_24"),
    RenderFormat.WAV_FLOAT: ("WAV", "FLOAT"),
    RenderFormat.FLAC: ("FLAC", "PCM_24"),
    RenderFormat.OGG: ("OGG", "VORBIS"),
    RenderFormat.OPUS: ("OGG", "OPUS"),
    RenderFormat.MP3: ("MP3", "MPEG_LAYER_III"),
}


class SoundfileWriter:
    """libsndfile: 24-bit PCM through int32 rounded here, float and lossy formats as float."""

    def __init__(
        self, path: Path, fmt: RenderFormat, sample_rate: int, block_frames: int, channels: int
    ) -> None:
        container, subtype = _SNDFILE[fmt]
        self._pcm24 = subtype == "PCM_24"
        self._clip = fmt is not RenderFormat.WAV_FLOAT
        # A WAV holds 4 GiB: about 4 hours of 24-bit stereo at 48 kHz.
        self._file = sf.SoundFile(
            path, "w", samplerate=sample_rate, channels=channels, format=container, subtype=subtype
        )
        self._float = np.empty((block_frames, channels), dtype=np.float32)
        self._int = np.empty((block_frames, channels), dtype=np.int32)

    def write(self, block: np.ndarray) -> None:
        n = len(block)
        if self._pcm24:
            scaled = self._float[:n]
            np.multiply(block, 2.0**23, out=scaled)  # exact: a power of two
            np.rint(scaled, out=scaled)
            np.clip(scaled, -(2**23), PCM24_MAX, out=scaled)
            ints = self._int[:n]
            np.copyto(ints, scaled, casting="unsafe")
            # libsndfile keeps the top 24 bits of int32 samples.
            np.left_shift(ints, 8, out=ints)
            self._file.write(ints)
        elif self._clip:
            clipped = self._float[:n]
            np.clip(block, -1.0, 1.0, out=clipped)
            self._file.write(clipped)
        else:
            self._file.write(block)

    def close(self) -> None:
        self._file.close()


class AacWriter:
    """AAC in an MP4 (.m4a) container through PyAV (libsndfile has no AAC)."""

    BIT_RATE = 192_000

    def __init__(self, path: Path, sample_rate: int, channels: int) -> None:
        import av  # only previews in AAC need FFmpeg's libraries loaded

        self._av = av
        self._container = av.open(str(path), "w", format="ipod")
        self._layout = "stereo" if channels == 2 else "mono"
        self._stream = self._container.add_stream("aac", rate=sample_rate, layout=self._layout)
        self._stream.bit_rate = self.BIT_RATE
        self._sample_rate = sample_rate

    def write(self, block: np.ndarray) -> None:
        planar = np.ascontiguousarray(np.clip(block, -1.0, 1.0).T)
        frame = self._av.AudioFrame.from_ndarray(planar, format="fltp", layout=self._layout)
        frame.sample_rate = self._sample_rate
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def close(self) -> None:
        try:
            for packet in self._stream.encode(None):
                self._container.mux(packet)
        finally:
            self._container.close()


def open_writer(
    path: Path, fmt: RenderFormat, sample_rate: int, block_frames: int, channels: int = 2
) -> BlockWriter:
    if fmt is RenderFormat.M4A:
        return AacWriter(path, sample_rate, channels)
    return SoundfileWriter(path, fmt, sample_rate, block_frames, channels)
