"""Turns a webcam take's fragmented MP4 (whole, or cut short by a crash) into an ordinary MP4.

Used at the end of every take and by recovery alike. The pictures are copied, not re-encoded;
sound recorded by the audio engine (a WAV beside the take) is encoded to AAC and muxed in at its
place. The result has its index at the front (`faststart`), so players and the upload start
without reading the whole file.

A file killed mid-fragment ends in a fragment whose header promises data that was never written;
FFmpeg's demuxer then hands out packets with missing bytes. So the file is first cut after its
last whole top-level box (`complete_length`, a walk over MP4 box headers, written by hand because
no library here exposes it), which keeps every fragment that was fully written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import struct
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import soundfile as sf

from ..atomic_files import fsync_folder

_WHOLE_BOXES = {b"ftyp", b"moov", b"mdat", b"mfra", b"free", b"skip"}
AUDIO_BLOCK = 1024 * 16


class TakeMuxError(Exception):
    """The take's pictures cannot be read at all (no whole fragment, or not an MP4)."""


@dataclass(frozen=True)
class MuxedTake:
    path: Path
    frames: int  # pictures
    duration: float  # seconds, the longer of pictures and sound
    audio_samples: int
    width: int
    height: int


def complete_length(path: Path) -> int:
    """Bytes of `path` up to the end of its last whole box that ends a fragment (or the header)."""
    good = 0
    offset = 0
    size_total = path.stat().st_size
    with path.open("rb") as handle:
        while offset + 8 <= size_total:
            handle.seek(offset)
            head = handle.read(16)
            size, kind = struct.unpack(">I4s", head[:8])
            if size == 1 and len(head) == 16:
                size = struct.unpack(">Q", head[8:16])[0]
            elif size == 0:  # "to the end of the file": only a finished writer says that
                size = size_total - offset
            if size < 8 or offset + size > size_total:
                break
            offset += size
            if kind in _WHOLE_BOXES:
                good = offset
    return good


def finish_take(
    fragments: Path,
    target: Path,
    *,
    audio_file: Path | None = None,
    audio_offset_s: float = 0.0,
    audio_channels: int = 2,
) -> MuxedTake:
    """Writes `target` from the whole fragments of `fragments`, with the sound of `audio_file`
    starting `audio_offset_s` after the first picture (negative: its start is cut). Written to a
    temp file and renamed, so `target` is never half a file."""
    usable = complete_length(fragments)
    if usable == 0:
        raise TakeMuxError(f"{fragments.name} holds no whole fragment of pictures")
    source_path = fragments
    scratch = None
    if usable < fragments.stat().st_size:
        scratch = Path(tempfile.mkstemp(suffix=".mp4", dir=target.parent)[1])
        with fragments.open("rb") as src, scratch.open("wb") as dst:
            _copy_bytes(src, dst, usable)
        source_path = scratch
    temp = target.with_name(f".{target.name}.part")
    try:
        muxed = _remux(source_path, temp, audio_file, audio_offset_s, audio_channels)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_folder(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if scratch is not None:
            scratch.unlink(missing_ok=True)
    return dataclasses.replace(muxed, path=target)


def _copy_bytes(src, dst, count: int) -> None:  # type: ignore[no-untyped-def]
    left = count
    while left:
        chunk = src.read(min(left, 1 << 20))
        if not chunk:
            break
        dst.write(chunk)
        left -= len(chunk)


def _remux(
    source: Path, target: Path, audio_file: Path | None, offset_s: float, channels: int
) -> MuxedTake:
    try:
        inp = av.open(str(source))
    except av.FFmpegError as exc:
        raise TakeMuxError(f"{source.name} is not a readable MP4: {exc}") from exc
    with inp, av.open(str(target), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        if not inp.streams.video:
            raise TakeMuxError(f"{source.name} has no pictures")
        streams = {}
        for stream in (*inp.streams.video[:1], *inp.streams.audio[:1]):
            streams[stream.index] = out.add_stream_from_template(stream)
        vin = inp.streams.video[0]
        width, height = vin.codec_context.width, vin.codec_context.height
        wav_stream = None
        if audio_file is not None and not inp.streams.audio:
            wav_stream = out.add_stream("aac", rate=sf.info(str(audio_file)).samplerate,
                                        layout="mono" if channels == 1 else "stereo")  # fmt: skip
        frames, end, samples = 0, 0.0, 0
        for packet in inp.demux(*[inp.streams[i] for i in streams]):
            if packet.dts is None or packet.size == 0:
                continue
            is_video = packet.stream_index == vin.index
            packet.stream = streams[packet.stream_index]
            if packet.pts is not None and packet.duration is not None:
                end = max(end, float((packet.pts + packet.duration) * packet.time_base))
            out.mux(packet)
            frames += is_video
        if frames == 0:
            raise TakeMuxError(f"{source.name} holds no whole fragment of pictures")
        if wav_stream is not None:
            samples, audio_end = _mux_wav(out, wav_stream, audio_file, offset_s, channels)
            end = max(end, audio_end)
    return MuxedTake(target, frames, end, samples, width, height)


def _mux_wav(out, stream, path: Path, offset_s: float, channels: int) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    """Encodes the engine's take to AAC from `offset_s` on; (samples written, end in seconds)."""
    layout = "mono" if channels == 1 else "stereo"
    written = 0
    with sf.SoundFile(str(path)) as wav:
        rate = wav.samplerate
        skip = round(-offset_s * rate) if offset_s < 0 else 0
        start = round(offset_s * rate) if offset_s > 0 else 0
        if skip:
            wav.seek(min(skip, wav.frames))
        for block in wav.blocks(AUDIO_BLOCK, dtype="float32", always_2d=True):
            planar = block.T
            if planar.shape[0] < channels:
                planar = np.repeat(planar[:1], channels, axis=0)
            chunk = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(planar[:channels]), format="fltp", layout=layout
            )
            chunk.sample_rate = rate
            chunk.pts = start + written
            chunk.time_base = Fraction(1, rate)
            for packet in stream.encode(chunk):
                out.mux(packet)
            written += len(block)
        for packet in stream.encode(None):
            out.mux(packet)
    return written, (start + written) / rate
