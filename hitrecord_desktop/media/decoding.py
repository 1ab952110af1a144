"""Streaming decode of any contribution's audio to float32 blocks, then to the project's rate.

`AudioDecoder` yields (frames, channels) float32 blocks at the source rate with the encoder's
priming and padding removed; `convert_blocks` downmixes and resamples them with soxr. Memory
stays bounded by one block whatever the file's length.

Encoder padding, as measured (tests/media/test_encoder_padding.py): FFmpeg's decoders already drop
MP3 LAME-tag priming, MP4/MOV edit-list priming and Opus pre-skip at the start, and MP3 / Ogg end
padding. Two cases are ours to do: the end padding of AAC in MP4/MOV (the edit list gives the real
length as the stream duration, which FFmpeg's decoder ignores), and FFmpeg-encoded AAC in Matroska,
which carries no priming field: its ENCODER tag names libavcodec's AAC encoder, whose priming is
1024 samples. Raw ADTS .aac says nothing about priming; it keeps 1024 extra samples, as with ffmpeg.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import av
import numpy as np
import soundfile
import soxr

from .probe import MediaError, MediaInfo, info_from_container, probe

BLOCK_FRAMES = 1 << 16
# soxr "HQ" is 20-bit precision (~120 dB stop band) with the same pass band as "VHQ" (28-bit);
# that is below the noise floor of any 16/24-bit or lossy source and about half VHQ's cost.
RESAMPLE_QUALITY = "HQ"
LAVC_AAC_PRIMING = 1024  # libavcodec/aacenc.c: avctx->initial_padding = 1024
# Decoded this much shorter than the container declares means the file was cut short.
TRUNCATION_TOLERANCE_FRAMES = 8192
MAX_DAMAGED_PACKETS = 8

# FFmpeg sample format (packed or planar "p") → numpy type, offset after scaling, scale.
_SAMPLE_TYPES: dict[str, tuple[type, float, float | None]] = {}
for _name, _kind in {
    "flt": (np.float32, 0.0, None),  # float32 is copied as is
    "dbl": (np.float64, 0.0, 1.0),
    "u8": (np.uint8, 1.0, 1.0 / 128),
    "s16": (np.int16, 0.0, 1.0 / (1 << 15)),
    "s32": (np.int32, 0.0, 1.0 / (1 << 31)),
    "s64": (np.int64, 0.0, 1.0 / (1 << 63)),
}.items():
    _SAMPLE_TYPES[_name] = _SAMPLE_TYPES[_name + "p"] = _kind

_SQRT_HALF = 0.7071067811865476
# ITU-R BS.775 downmix of multichannel to stereo: centre and surrounds at -3 dB into the side
# they belong to, LFE left out. Unknown channels go to both sides at -3 dB.
_BS775 = {
    "FL": (1.0, 0.0),
    "FR": (0.0, 1.0),
    "FC": (_SQRT_HALF, _SQRT_HALF),
    "LFE": (0.0, 0.0),
    "BL": (_SQRT_HALF, 0.0),
    "BR": (0.0, _SQRT_HALF),
    "SL": (_SQRT_HALF, 0.0),
    "SR": (0.0, _SQRT_HALF),
    "FLC": (1.0, 0.0),
    "FRC": (0.0, 1.0),
    "BC": (0.5, 0.5),
}


class Cancelled(Exception):
    """The caller's cancel token was set; nothing was kept."""


class CancelToken(Protocol):
    def is_set(self) -> bool: ...


Cancel = CancelToken | Callable[[], bool] | None


def is_cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if hasattr(cancel, "is_set") else bool(cancel())


def stored_channels(source_channels: int) -> int:
    """Mono stays mono; everything else is stored as stereo."""
    return 1 if source_channels == 1 else 2


def downmix_matrix(channel_names: tuple[str, ...]) -> np.ndarray:
    """(in_channels, 2) gains, BS.775, scaled so a full-scale input cannot exceed full scale."""
    matrix = np.array(
        [_BS775.get(name, (_SQRT_HALF, _SQRT_HALF)) for name in channel_names], dtype=np.float32
    )
    loudest = float(matrix.sum(axis=0).max())
    return matrix / loudest if loudest > 1.0 else matrix


class AudioDecoder:
    """Decodes the first audio stream of a file; use as a context manager and iterate `blocks()`.

    `fraction` estimates how far decoding has come (0..1), for a progress bar.
    """

    def __init__(self, path: str | os.PathLike[str], cancel: Cancel = None) -> None:
        self.path = Path(path)
        self.cancel = cancel
        self.info: MediaInfo = probe(self.path)
        self.decoded_frames = 0
        self._size = self.path.stat().st_size
        self._position = 0
        self._container: av.container.InputContainer | None = None
        if self.info.backend == "pyav":
            try:
                self._container = av.open(str(self.path), metadata_errors="ignore")
                self.info = info_from_container(self.path, self._container)
            except av.FFmpegError as error:
                self.close()
                raise MediaError(self.path, f"not a media file we can read: {_ff(error)}") from None
            except MediaError:
                self.close()
                raise

    def __enter__(self) -> AudioDecoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
            self._container = None

    @property
    def fraction(self) -> float:
        if self.info.frames:
            return min(1.0, self.decoded_frames / self.info.frames)
        return min(1.0, self._position / self._size) if self._size else 0.0

    def blocks(self) -> Iterator[np.ndarray]:
        source = self._soundfile_blocks() if self._container is None else self._pyav_blocks()
        for block in source:
            self.decoded_frames += len(block)
            yield block
        self._check_complete()

    def _check(self) -> None:
        if is_cancelled(self.cancel):
            raise Cancelled(f"{self.path}: cancelled")

    def _soundfile_blocks(self) -> Iterator[np.ndarray]:
        try:
            handle = soundfile.SoundFile(str(self.path))
        except (soundfile.LibsndfileError, RuntimeError) as error:
            raise MediaError(self.path, f"not a media file we can read: {_sf(error)}") from None
        with handle:
            while True:
                self._check()
                try:
                    block = handle.read(BLOCK_FRAMES, dtype="float32", always_2d=True)
                except (soundfile.LibsndfileError, RuntimeError) as error:
                    raise MediaError(self.path, f"truncated or damaged: {_sf(error)}") from None
                if not len(block):
                    return
                yield block

    def _pyav_blocks(self) -> Iterator[np.ndarray]:
        container = self._container
        assert container is not None
        stream = container.streams.audio[0]
        stream.thread_type = "AUTO"
        skip = _extra_priming(self.info, stream)
        # MP4/MOV: the edit list's length is exact; FFmpeg's AAC decoder still emits the padding.
        limit = self.info.frames if self.info.container in ("mp4", "mov", "m4a") else 0
        emitted = 0
        damaged = 0
        # Codec frames (~1000 samples) are copied into one interleaved block: converting each
        # frame to its own array costs more than decoding it.
        buffer = np.empty((BLOCK_FRAMES, self.info.channels), np.float32)
        fill = 0
        demuxed = container.demux(stream)
        while True:
            self._check()
            try:
                packet = next(demuxed)
            except StopIteration:
                break
            except av.FFmpegError as error:
                if emitted:
                    raise MediaError(self.path, f"truncated or damaged: {_ff(error)}") from None
                raise MediaError(self.path, f"not a media file we can read: {_ff(error)}") from None
            if packet.pos is not None and packet.pos > 0:
                self._position = packet.pos
            try:
                frames = packet.decode()  # a None-data packet at the end flushes the decoder
            except av.FFmpegError as error:
                damaged += 1
                if damaged > MAX_DAMAGED_PACKETS:
                    raise MediaError(self.path, f"damaged audio data: {_ff(error)}") from None
                continue
            for frame in frames:
                start, end = 0, frame.samples
                if skip:
                    start = min(skip, end)
                    skip -= start
                if limit:
                    end = max(start, min(end, start + limit - emitted))
                if end == start:
                    continue
                if fill + end - start > BLOCK_FRAMES:
                    yield buffer[:fill].copy()
                    fill = 0
                self._copy_frame(frame, start, end, buffer[fill : fill + end - start])
                fill += end - start
                emitted += end - start
        if fill:
            yield buffer[:fill].copy()
        if emitted == 0 and damaged:
            raise MediaError(self.path, "not a media file we can read: no audio could be decoded")

    def _copy_frame(self, frame: av.AudioFrame, start: int, end: int, out: np.ndarray) -> None:
        """Samples [start, end) of a decoded frame into `out` as float32, channel by channel."""
        channels = self.info.channels
        if frame.sample_rate != self.info.sample_rate or frame.layout.nb_channels != channels:
            raise MediaError(self.path, "the audio changes sample rate or channels midway")
        fmt = frame.format
        kind = _SAMPLE_TYPES.get(fmt.name)
        if kind is None:
            raise MediaError(self.path, f"unsupported sample format {fmt.name}")
        dtype, offset, scale = kind
        count = frame.samples
        if fmt.is_planar:
            sources = [np.frombuffer(plane, dtype, count)[start:end] for plane in frame.planes]
        else:
            packed = np.frombuffer(frame.planes[0], dtype, count * channels).reshape(count, -1)
            sources = [packed[start:end, c] for c in range(channels)]
        for c, source in enumerate(sources):
            if scale is None:
                out[:, c] = source
            else:
                np.multiply(source, scale, out=out[:, c], casting="unsafe")
                if offset:
                    out[:, c] -= offset

    def _check_complete(self) -> None:
        if self.info.container == "ogg" and _ogg_cut_short(self.path):
            raise MediaError(self.path, "truncated: the Ogg stream has no proper end")
        if self.info.container == "wav" and _wav_cut_short(self.path):
            raise MediaError(self.path, "truncated: the WAV file is shorter than its header says")
        if self.decoded_frames == 0:
            raise MediaError(self.path, "has no audio samples (zero length)")
        declared = self.info.frames
        if declared and declared - self.decoded_frames > max(
            TRUNCATION_TOLERANCE_FRAMES, declared // 100
        ):
            rate = self.info.sample_rate
            raise MediaError(
                self.path,
                f"truncated: the audio stops at {self.decoded_frames / rate:.2f} s of "
                f"{declared / rate:.2f} s",
            )


def decode_blocks(path: str | os.PathLike[str], cancel: Cancel = None) -> Iterator[np.ndarray]:
    """Source-rate float32 (frames, channels) blocks of a file's audio."""
    with AudioDecoder(path, cancel) as decoder:
        yield from decoder.blocks()


def convert_blocks(
    blocks: Iterator[np.ndarray], info: MediaInfo, sample_rate: int
) -> Iterator[np.ndarray]:
    """Downmixes beyond stereo (BS.775) and resamples (soxr, streaming) to `sample_rate`."""
    matrix = downmix_matrix(info.channel_names) if info.channels > 2 else None
    channels = stored_channels(info.channels)
    stream = (
        soxr.ResampleStream(
            info.sample_rate, sample_rate, channels, dtype="float32", quality=RESAMPLE_QUALITY
        )
        if info.sample_rate != sample_rate
        else None
    )
    for block in blocks:
        if matrix is not None:
            block = block @ matrix
        if stream is None:
            yield np.ascontiguousarray(block, dtype=np.float32)
            continue
        out = stream.resample_chunk(np.ascontiguousarray(block))
        if len(out):
            yield out
    if stream is not None:
        tail = stream.resample_chunk(np.zeros((0, channels), np.float32), last=True)
        if len(tail):
            yield tail


def _extra_priming(info: MediaInfo, stream: av.AudioStream) -> int:
    """Priming FFmpeg does not remove by itself, where the file still tells us how much."""
    encoder = stream.metadata.get("ENCODER") or stream.metadata.get("encoder") or ""
    lavc_aac = encoder.startswith("Lavc") and encoder.endswith(" aac")
    if info.container in ("matroska", "webm") and info.codec == "aac" and lavc_aac:
        return LAVC_AAC_PRIMING
    return 0


def _ogg_cut_short(path: Path) -> bool:
    """True when the last Ogg page is incomplete or is not an end-of-stream page."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - 65536))
        tail = handle.read()
    start = tail.rfind(b"OggS")
    if start < 0 or len(tail) - start < 27:
        return True
    header_type = tail[start + 5]
    segments = tail[start + 26]
    table = tail[start + 27 : start + 27 + segments]
    if len(table) < segments:
        return True
    page_length = 27 + segments + sum(struct.unpack(f"{segments}B", table))
    return start + page_length > len(tail) or not header_type & 0x04


def _wav_cut_short(path: Path) -> bool:
    """True when a RIFF WAV's data chunk claims more bytes than the file holds.

    A size of 0 or 0xFFFFFFFF is a header never finished (a recorder killed mid-take, or a
    stream): libsndfile reads such files to their end, so they are not called truncated.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        if handle.read(4) != b"RIFF":
            return False
        handle.seek(12)
        while True:
            header = handle.read(8)
            if len(header) < 8:
                return False
            chunk, length = header[:4], struct.unpack("<I", header[4:])[0]
            if chunk == b"data":
                return length not in (0, 0xFFFFFFFF) and handle.tell() + length > size
            handle.seek(length + (length & 1), os.SEEK_CUR)


def _sf(error: Exception) -> str:
    """libsndfile's message without its "Error : " prefix and the file name soundfile adds."""
    text = str(getattr(error, "error_string", "") or error)
    return text.replace("Error : ", "").strip().rstrip(".").lower()


def _ff(error: Exception) -> str:
    text = getattr(error, "strerror", None) or str(error)
    return text.rstrip(".").lower()
