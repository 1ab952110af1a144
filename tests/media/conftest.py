"""A corpus of media made by tools we did not write (ffmpeg, sox, espeak-ng), generated once.

Signals with a known answer: a 440 Hz sine on the left and a single click at `CLICK_AT` seconds
on the right (ffmpeg's aevalsrc), sox sines of known frequencies, and espeak-ng speech.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

CLICK_SAMPLE_48K = 12_345  # the click's sample at 48 kHz; other rates scale it
CLICK_SECONDS = CLICK_SAMPLE_48K / 48_000


@dataclass(frozen=True)
class Sample:
    """A corpus file and what decoding it must give (at the source rate)."""

    name: str
    rate: int
    channels: int
    duration_s: float
    container: str
    codec: str
    kind: str  # "click" | "sine:<left Hz>:<right Hz>" | "speech" | "centre-sine:<Hz>"
    video: str | None = None


def _click_source(rate: int, channels: int = 2, seconds: float = 2.0) -> list[str]:
    click = f"if(eq(n\\,{round(CLICK_SECONDS * rate)})\\,0.9\\,0)"
    exprs = {1: click, 2: f"0.2*sin(2*PI*440*t)|{click}"}[channels]
    return ["-f", "lavfi", "-i", f"aevalsrc=exprs='{exprs}':s={rate}:d={seconds}"]


def _surround_source(rate: int, seconds: float = 1.5) -> list[str]:
    """5.1 with a 1 kHz sine in the centre only, silence elsewhere."""
    sine = "0.3*sin(2*PI*1000*t)"
    exprs = f"0|0|{sine}|0|0|0"
    return [
        "-f", "lavfi", "-i", f"aevalsrc=exprs='{exprs}':s={rate}:d={seconds}:c=5.1",
    ]  # fmt: skip


VIDEO_IN = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=25"]

FF = ["ffmpeg", "-v", "error", "-nostdin", "-y"]
NO_AUDIO_VIDEO = [*FF, *VIDEO_IN, "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "{out}"]

# name: (command list(s), Sample). `{out}` is the output path; `{speech}` espeak-ng's WAV.
GOOD: dict[str, tuple[list[list[str]], Sample]] = {}


def _good(filename: str, commands: list[list[str]], **expected: object) -> None:
    GOOD[filename] = (commands, Sample(name=filename, **expected))  # type: ignore[arg-type]


# fmt: off

_good("click48_s16.wav", [[*FF, *_click_source(48000), "-c:a", "pcm_s16le", "{out}"]],
      rate=48000, channels=2, duration_s=2.0, container="wav", codec="pcm_s16", kind="click")
_good("sine96_mono_s24.wav",
      [["sox", "-n", "-r", "96000", "-b", "24", "-c", "1", "{out}", "synth", "1.5", "sine",
        "1000"]],
      rate=96000, channels=1, duration_s=1.5, container="wav", codec="pcm_s24",
      kind="sine:1000:1000")
_good("speech22.wav", [["cp", "{speech}", "{out}"]],
      rate=22050, channels=1, duration_s=-1, container="wav", codec="pcm_s16", kind="speech")
_good("sine44_stereo.flac",
      [["sox", "-n", "-r", "44100", "-c", "2", "{out}", "synth", "2", "sine", "440", "sine",
        "660"]],
      rate=44100, channels=2, duration_s=2.0, container="flac", codec="flac", kind="sine:440:660")
_good("surround96.flac", [[*FF, *_surround_source(96000), "-c:a", "flac", "{out}"]],
      rate=96000, channels=6, duration_s=1.5, container="flac", codec="flac",
      kind="centre-sine:1000")
_good("sine22_stereo.ogg",
      [["sox", "-n", "-r", "22050", "-c", "2", "{out}", "synth", "2", "sine", "440", "sine",
        "660"]],
      rate=22050, channels=2, duration_s=2.0, container="ogg", codec="vorbis", kind="sine:440:660")
_good("surround48.ogg", [[*FF, *_surround_source(48000), "-c:a", "libvorbis", "{out}"]],
      rate=48000, channels=6, duration_s=1.5, container="ogg", codec="vorbis",
      kind="centre-sine:1000")
_good("click48.opus", [[*FF, *_click_source(48000), "-c:a", "libopus", "-b:a", "128k", "{out}"]],
      rate=48000, channels=2, duration_s=2.0, container="ogg", codec="opus", kind="click")
_good("speech.opus", [[*FF, "-i", "{speech}", "-ar", "24000", "-c:a", "libopus", "{out}"]],
      rate=24000, channels=1, duration_s=-1, container="ogg", codec="opus", kind="speech")
_good("click44.mp3", [[*FF, *_click_source(44100), "-c:a", "libmp3lame", "-b:a", "192k", "{out}"]],
      rate=44100, channels=2, duration_s=2.0, container="mp3", codec="mp3", kind="click")
_good("speech22.mp3", [[*FF, "-i", "{speech}", "-c:a", "libmp3lame", "-q:a", "4", "{out}"]],
      rate=22050, channels=1, duration_s=-1, container="mp3", codec="mp3", kind="speech")
_good("click48.m4a", [[*FF, *_click_source(48000), "-c:a", "aac", "-b:a", "192k", "{out}"]],
      rate=48000, channels=2, duration_s=2.0, container="m4a", codec="aac", kind="click")
_good("click44.m4a", [[*FF, *_click_source(44100), "-c:a", "aac", "{out}"]],
      rate=44100, channels=2, duration_s=2.0, container="m4a", codec="aac", kind="click")
_good("surround48.m4a", [[*FF, *_surround_source(48000), "-c:a", "aac", "{out}"]],
      rate=48000, channels=6, duration_s=1.5, container="m4a", codec="aac",
      kind="centre-sine:1000")
_good("video_h264_aac.mp4",
      [[*FF, *VIDEO_IN, *_click_source(48000), "-t", "2", "-c:v", "libx264", "-preset",
        "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "{out}"]],
      rate=48000, channels=2, duration_s=2.0, container="mp4", codec="aac", kind="click",
      video="h264")
_good("video_h264_aac.mov",
      [[*FF, *VIDEO_IN, *_click_source(44100), "-t", "2", "-c:v", "libx264", "-preset",
        "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "{out}"]],
      rate=44100, channels=2, duration_s=2.0, container="mov", codec="aac", kind="click",
      video="h264")
_good("video_vp9_opus.webm",
      [[*FF, *VIDEO_IN, *_click_source(48000), "-t", "2", "-c:v", "libvpx-vp9", "-deadline",
        "realtime", "-cpu-used", "8", "-c:a", "libopus", "-shortest", "{out}"]],
      rate=48000, channels=2, duration_s=2.0, container="webm", codec="opus", kind="click",
      video="vp9")
_good("video_h264_aac.mkv",
      [[*FF, *VIDEO_IN, *_click_source(48000), "-t", "2", "-c:v", "libx264", "-preset",
        "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "{out}"]],
      rate=48000, channels=2, duration_s=2.0, container="matroska", codec="aac", kind="click",
      video="h264")
# Mislabelled: real FLAC named .wav, real Opus named .mp3. Found by content, decoded.
_good("really_flac.wav",
      [["sox", "-n", "-r", "44100", "-c", "2", "{tmp}.flac", "synth", "2", "sine", "440", "sine",
        "660"], ["mv", "{tmp}.flac", "{out}"]],
      rate=44100, channels=2, duration_s=2.0, container="flac", codec="flac", kind="sine:440:660")
_good("really_opus.mp3",
      [[*FF, *_click_source(48000), "-c:a", "libopus", "-f", "ogg", "{out}"]],
      rate=48000, channels=2, duration_s=2.0, container="ogg", codec="opus", kind="click")
# fmt: on


@dataclass(frozen=True)
class Corpus:
    folder: Path
    good: dict[str, Sample]

    def __truediv__(self, name: str) -> Path:
        return self.folder / name


def _run(commands: list[list[str]], out: Path, speech: Path) -> None:
    for command in commands:
        args = [
            a.replace("{out}", str(out)).replace("{speech}", str(speech)).replace("{tmp}", str(out))
            for a in command
        ]
        subprocess.run(args, check=True, capture_output=True, timeout=60)


def _make_broken(folder: Path) -> None:
    """Truncated, empty, garbage and audio-less files, cut from the good ones."""
    for source, target in [
        ("click44.mp3", "truncated.mp3"),
        ("sine44_stereo.flac", "truncated.flac"),
        ("click48_s16.wav", "truncated.wav"),
        ("sine22_stereo.ogg", "truncated.ogg"),
        ("click48.m4a", "truncated.m4a"),
        ("video_h264_aac.mkv", "truncated.mkv"),
    ]:
        data = (folder / source).read_bytes()
        (folder / target).write_bytes(data[: len(data) // 2])
    (folder / "empty.wav").write_bytes(b"")
    (folder / "garbage.wav").write_bytes(random.Random(7).randbytes(64 * 1024))
    (folder / "text.mp3").write_text("This is not an MP3, just a note someone renamed.\n" * 50)


def _require_tools() -> None:
    missing = [t for t in ("ffmpeg", "sox", "espeak-ng") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"the media tests need {', '.join(missing)} (make test-packages installs them)")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    _require_tools()
    folder = tmp_path_factory.mktemp("media-corpus")
    speech = folder / "espeak.wav"
    subprocess.run(
        ["espeak-ng", "-w", str(speech), "The quick brown fox jumps over the lazy dog."],
        check=True,
        capture_output=True,
        timeout=60,
    )
    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [
            pool.submit(_run, commands, folder / name, speech)
            for name, (commands, _) in GOOD.items()
        ]
        jobs.append(pool.submit(_run, [NO_AUDIO_VIDEO], folder / "video_no_audio.mp4", speech))
        for job in jobs:
            job.result()
    _make_broken(folder)
    return Corpus(folder, {name: sample for name, (_, sample) in GOOD.items()})


@pytest.fixture(scope="session")
def speech_wav(corpus: Corpus) -> Path:
    return corpus / "espeak.wav"
