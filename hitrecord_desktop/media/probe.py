"""What a media file holds: its container, audio codec, rate, channels, length and video stream.

The format is found from the file's content, never its extension: libsndfile and FFmpeg both
sniff the bytes. Every problem is one `MediaError` whose message names the file and the problem.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path

import av
import soundfile

# libsndfile formats read through soundfile, chosen by the file's first bytes. Not MP3: libsndfile's
# mpg123 trims LAME-tag priming as FFmpeg does (measured), but prints "Note:"/"Warning:" lines on
# stderr for damaged or mislabelled files, which we cannot silence. Ogg only up to stereo:
# libsndfile returns multichannel Vorbis in Vorbis order, FFmpeg reorders it to WAV order.
SOUNDFILE_FORMATS = {"WAV", "WAVEX", "RF64", "W64", "AIFF", "FLAC", "OGG", "CAF"}
_SOUNDFILE_MAGIC = (b"RIFF", b"RF64", b"FORM", b"fLaC", b"OggS", b"caff", b"riff")
SOUNDFILE_MAX_CHANNELS = {"OGG": 2}
_SOUNDFILE_CONTAINERS = {"WAVEX": "wav", "MPEG": "mp3", "MP3": "mp3"}
_SOUNDFILE_CODECS = {
    "MPEG_LAYER_III": "mp3",
    "MPEG_LAYER_II": "mp2",
    "MPEG_LAYER_I": "mp1",
    "PCM_U8": "pcm_u8",
    "PCM_16": "pcm_s16",
    "PCM_24": "pcm_s24",
    "PCM_32": "pcm_s32",
    "FLOAT": "pcm_f32",
    "DOUBLE": "pcm_f64",
}

# The usual WAV / FLAC channel order for a channel count (WAVE_FORMAT_EXTENSIBLE defaults).
DEFAULT_CHANNEL_NAMES = {
    1: ("FC",),
    2: ("FL", "FR"),
    3: ("FL", "FR", "FC"),
    4: ("FL", "FR", "BL", "BR"),
    5: ("FL", "FR", "FC", "BL", "BR"),
    6: ("FL", "FR", "FC", "LFE", "BL", "BR"),
    7: ("FL", "FR", "FC", "LFE", "BC", "SL", "SR"),
    8: ("FL", "FR", "FC", "LFE", "BL", "BR", "SL", "SR"),
}


NO_SOUND_IN_VIDEO = "the video has no audio stream"


class MediaError(Exception):
    """A media file we cannot use; the message names the file and says why, in plain words."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class VideoInfo:
    codec: str
    width: int
    height: int
    fps: float
    duration_s: float

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class MediaInfo:
    """The first audio stream of a file, at its own rate.

    `frames` is the length the container declares, in samples at `sample_rate` (0 when it does
    not say); after decoding, the cache records the exact count. `channel_names` are FFmpeg's
    names (FL, FR, FC, LFE, BL, BR …) in the order the decoder yields them.
    """

    path: str
    container: str
    codec: str
    sample_rate: int
    channels: int
    frames: int
    channel_names: tuple[str, ...]
    backend: str  # "soundfile" | "pyav"
    video: VideoInfo | None = None

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0

    def to_json(self) -> dict:
        data = asdict(self)
        data["channel_names"] = list(self.channel_names)
        data["duration_s"] = round(self.duration_s, 6)
        data["video"] = self.video.to_json() if self.video else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> MediaInfo:
        video = VideoInfo(**data["video"]) if data.get("video") else None
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "video"}
        fields["channel_names"] = tuple(fields.get("channel_names", ()))
        return cls(**fields, video=video)


def probe(path: str | os.PathLike[str]) -> MediaInfo:
    """Reads the headers of `path` (no decoding) and says what its audio is."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise MediaError(path, "no such file") from None
    except OSError as error:
        raise MediaError(path, f"cannot read the file ({error.strerror})") from None
    if path.is_dir():
        raise MediaError(path, "is a folder, not a media file")
    if size == 0:
        raise MediaError(path, "the file is empty (zero length)")
    with path.open("rb") as handle:
        head = handle.read(12)
    info = _probe_soundfile(path) if head.startswith(_SOUNDFILE_MAGIC) else None
    return info if info is not None else _probe_pyav(path, head)


def _probe_soundfile(path: Path) -> MediaInfo | None:
    try:
        sf_info = soundfile.info(str(path))
    except (soundfile.LibsndfileError, RuntimeError, TypeError):
        return None
    if sf_info.format not in SOUNDFILE_FORMATS:
        return None
    if sf_info.channels > SOUNDFILE_MAX_CHANNELS.get(sf_info.format, 64):
        return None
    if sf_info.format == "OGG" and sf_info.subtype not in ("VORBIS", "OPUS"):
        return None
    channels = sf_info.channels
    names = DEFAULT_CHANNEL_NAMES.get(channels, tuple(f"C{i}" for i in range(channels)))
    frames = int(sf_info.frames)
    if frames >= 2**62:  # libsndfile's "unknown" (an unfinished FLAC)
        frames = 0
    return MediaInfo(
        path=str(path),
        container=_SOUNDFILE_CONTAINERS.get(sf_info.format, sf_info.format.lower()),
        codec=(
            "flac"
            if sf_info.format == "FLAC"
            else _SOUNDFILE_CODECS.get(sf_info.subtype, sf_info.subtype.lower())
        ),
        sample_rate=int(sf_info.samplerate),
        channels=channels,
        frames=frames,
        channel_names=names,
        backend="soundfile",
    )


def _probe_pyav(path: Path, head: bytes) -> MediaInfo:
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except av.FFmpegError as error:
        if head[4:8] == b"ftyp":  # an MP4/MOV whose index (moov box) never got written
            raise MediaError(path, "truncated or damaged: the MP4/MOV index is missing") from None
        raise MediaError(path, f"not a media file we can read: {_reason(error)}") from None
    with container:
        return info_from_container(path, container)


def info_from_container(path: Path, container: av.container.InputContainer) -> MediaInfo:
    """A MediaInfo from an open PyAV container (shared with the decoder, which keeps it open)."""
    video = _video_info(container)
    if not container.streams.audio:
        if video is not None:
            raise MediaError(path, NO_SOUND_IN_VIDEO)
        raise MediaError(path, f"not a media file we can read: no audio stream ({_fmt(container)})")
    stream = container.streams.audio[0]
    ctx = stream.codec_context
    if not ctx.sample_rate or not ctx.channels:
        raise MediaError(
            path, f"not a media file we can read: no decodable audio ({_fmt(container)})"
        )
    names = tuple(ch.name for ch in stream.layout.channels) if stream.layout else ()
    if len(names) != ctx.channels:
        names = DEFAULT_CHANNEL_NAMES.get(ctx.channels, tuple(f"C{i}" for i in range(ctx.channels)))
    return MediaInfo(
        path=str(path),
        container=_fmt(container),
        codec=ctx.codec.canonical_name,
        sample_rate=int(ctx.sample_rate),
        channels=int(ctx.channels),
        frames=declared_frames(container, stream),
        channel_names=names,
        backend="pyav",
        video=video,
    )


def declared_frames(container: av.container.InputContainer, stream: av.AudioStream) -> int:
    """The stream's length as the container states it, in samples (0 when unknown)."""
    rate = stream.codec_context.sample_rate
    if stream.duration and stream.time_base:
        return round(stream.duration * stream.time_base * rate)
    tag = stream.metadata.get("DURATION") or stream.metadata.get("duration")  # Matroska per track
    if tag:
        seconds = _parse_hms(tag)
        if seconds is not None:
            return round(seconds * rate)
    if container.duration and not container.streams.video:
        return round(Fraction(container.duration, av.time_base) * rate)
    return 0


def _video_info(container: av.container.InputContainer) -> VideoInfo | None:
    for stream in container.streams.video:
        if stream.disposition & av.stream.Disposition.attached_pic:
            continue  # cover art in an MP3 or M4A is not a video
        ctx = stream.codec_context
        rate = stream.average_rate or stream.guessed_rate or stream.base_rate
        if stream.duration and stream.time_base:
            duration = float(stream.duration * stream.time_base)
        elif container.duration:
            duration = container.duration / av.time_base
        else:
            duration = 0.0
        return VideoInfo(
            codec=ctx.codec.canonical_name,
            width=int(ctx.width),
            height=int(ctx.height),
            fps=round(float(rate), 3) if rate else 0.0,
            duration_s=round(duration, 6),
        )
    return None


def silent_video_info(path: str | os.PathLike[str]) -> VideoInfo:
    """The picture of a video with no sound (an animator's clip): it still goes on a video
    track, for as long as it lasts. MediaError when it is no video or its length is unknown."""
    path = Path(path)
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except av.FFmpegError as error:
        raise MediaError(path, f"not a media file we can read: {_reason(error)}") from None
    with container:
        video = _video_info(container)
    if video is None:
        raise MediaError(path, "not a media file we can read: no audio and no video")
    if video.duration_s <= 0:
        raise MediaError(path, "the video's length is unknown (damaged or still being written)")
    return video


_WEBM_CODECS = {"vp8", "vp9", "av1", "opus", "vorbis"}


def _fmt(container: av.container.InputContainer) -> str:
    """A short container name: FFmpeg names one demuxer for MP4/MOV/M4A and for Matroska/WebM."""
    name = container.format.name.split(",")[0]
    if name == "mov":
        brand = container.metadata.get("major_brand", "").strip().lower()
        return {"qt": "mov", "m4a": "m4a"}.get(brand, "mp4")
    if name == "matroska":
        codecs = {s.codec_context.name for s in container.streams if s.type in ("audio", "video")}
        return "webm" if codecs and codecs <= _WEBM_CODECS else "matroska"
    return name


def _parse_hms(text: str) -> float | None:
    try:
        hours, minutes, seconds = text.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    except ValueError:
        return None


def _reason(error: Exception) -> str:
    """FFmpeg's message without the errno and file name PyAV adds around it."""
    text = getattr(error, "strerror", None) or str(error)
    return text.rstrip(".").lower() if text else type(error).__name__
