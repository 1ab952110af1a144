"""A video corpus made by ffmpeg once per session: the formats people bring, and broken files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import av
import pytest

SRC = ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2"]
TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=2"]

# name: (ffmpeg arguments after the inputs, expected picture size or None for an error)
CORPUS: dict[str, tuple[list[str], tuple[int, int] | None]] = {
    "h264_aac.mp4": ([*SRC, *TONE, "-c:v", "libx264", "-preset", "ultrafast",
                                   "-pix_fmt", "yuv420p", "-c:a", "aac"], (320, 240)),
    "vp9_opus.webm": ([*SRC, *TONE, "-c:v", "libvpx-vp9", "-deadline", "realtime",
                                    "-cpu-used", "8", "-c:a", "libopus"], (320, 240)),
    "prores_pcm.mov": ([*SRC, *TONE, "-c:v", "prores_ks", "-profile:v", "0",
                                     "-c:a", "pcm_s16le"], (320, 240)),
    "mpeg2.mpg": ([*SRC, *TONE, "-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpeg"], (320, 240)),
    "mpeg2.ts": ([*SRC, *TONE, "-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpegts"], (320, 240)),
    "vfr.mp4": ([*SRC, "-vf", r"select='not(mod(n\,3))+eq(mod(n\,7)\,1)'", "-fps_mode", "vfr",
                       "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
                (320, 240)),
    "video_only.mp4": ([*SRC, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
                       (320, 240)),
    "audio_only.m4a": ([*TONE, "-c:a", "aac"], None),
}  # fmt: skip
ROTATED = "rotated.mp4"  # made from video_only.mp4, upright: 240 x 320
BROKEN = {"truncated.mp4", "garbage.mp4", "audio_only.m4a"}


@pytest.fixture(scope="session")
def video_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed (make test installs it)")
    folder = tmp_path_factory.mktemp("video-corpus")
    made: dict[str, Path] = {}
    for name, (args, _size) in CORPUS.items():
        path = folder / name
        subprocess.run(["ffmpeg", "-v", "error", "-y", *args, str(path)], check=True, timeout=60)
        made[name] = path
    made[ROTATED] = _rotated(made["video_only.mp4"], folder / ROTATED)
    whole = made["h264_aac.mp4"].read_bytes()
    made["truncated.mp4"] = folder / "truncated.mp4"
    made["truncated.mp4"].write_bytes(whole[: len(whole) * 6 // 10])  # the index is at the end
    made["garbage.mp4"] = folder / "garbage.mp4"
    made["garbage.mp4"].write_bytes(bytes(range(256)) * 400)
    return made


def _rotated(source: Path, path: Path) -> Path:
    """A phone held upright: the 320x240 pictures stored as they are, with a display matrix
    saying "turn 90 degrees". ffmpeg 5.1's `-metadata:s:v rotate=90` no longer writes that
    matrix, so PyAV copies the packets into a stream that has it."""
    with av.open(str(source)) as src, av.open(str(path), "w") as out:
        stream = out.add_stream_from_template(src.streams.video[0])
        stream.set_display_rotation(90)
        for packet in src.demux(src.streams.video[0]):
            if packet.dts is not None:
                packet.stream = stream
                out.mux(packet)
    return path
