"""Shared pieces of the live sync test and benchmark: a project with a coded video clip, the
engine and player wired together, and the drift between the frame on screen and the audio."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.engine import AudioEngine
from hitrecord_desktop.media.probe import NO_SOUND_IN_VIDEO, MediaError
from hitrecord_desktop.project.model import (
    Clip,
    MediaOrigin,
    MediaRef,
    Project,
    Track,
    TrackKind,
)
from hitrecord_desktop.video.video_player import VideoPlayer
from hitrecord_desktop.video.video_sync import AudioClock, ClipTiming, SyncLoop, VideoSync
from tests.support.frame_code import read_code

RATE = 48_000
FPS = 30


def sync_project(folder: Path, video: Path, seconds: float, clip_at_s: float) -> Project:
    """A quiet audio track as long as the project, and the video clip at `clip_at_s`."""
    frames = int(seconds * RATE)
    quiet = folder / "quiet.wav"
    sf.write(quiet, np.full((frames, 2), 1e-4, np.float32), RATE, subtype="FLOAT")
    audio = Track("music", clips=[Clip(MediaRef(MediaOrigin.FILE, str(quiet), frames=frames),
                                       0, 0, frames)])  # fmt: skip
    video_frames = int((seconds - clip_at_s) * RATE)
    ref = MediaRef(MediaOrigin.FILE, str(video), frames=video_frames, has_video=True)
    clip = Clip(ref, int(clip_at_s * RATE), 0, video_frames)
    return Project("sync", sample_rate=RATE, tracks=[audio, Track("video", TrackKind.VIDEO,
                                                                  clips=[clip])])  # fmt: skip


def resolver(ref: MediaRef) -> np.ndarray:
    """The WAV files' sound; the coded videos have none (their picture still plays)."""
    if ref.has_video:
        raise MediaError(ref.path, NO_SOUND_IN_VIDEO)
    return sf.read(ref.path, dtype="float32", always_2d=True)[0]


@dataclass
class Rig:
    engine: AudioEngine
    player: VideoPlayer
    clock: AudioClock
    timing: ClipTiming
    sync: VideoSync | None
    loop: SyncLoop | None

    def close(self) -> None:
        if self.loop is not None:
            self.loop.stop()
        self.engine.stop()
        self.player.close()


def open_rig(project: Project, *, slaved: bool = True) -> Rig:
    """The engine on PulseAudio's default device, the player on the video clip, synced."""
    engine = AudioEngine(DeviceChoice("ALSA", "pulse", "pulse", (1, 2), RATE, 256))
    engine.load(project, resolver)
    clip = project.tracks[1].clips[0]
    player = VideoPlayer()
    player.open(clip.media.path)
    wait_for(lambda: player.state in ("paused", "error"), 10)
    assert player.state == "paused", player.error
    clock = AudioClock(engine)
    timing = ClipTiming.of(clip, RATE)
    sync = VideoSync(player, clock, timing) if slaved else None
    loop = SyncLoop(sync).start() if sync is not None else None
    return Rig(engine, player, clock, timing, sync, loop)


def wait_for(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


def expected_frame(rig: Rig, at: float) -> int | None:
    """The frame the clip should show at monotonic time `at`, by the audio clock."""
    heard = rig.clock.heard(at)
    if not rig.timing.covers(heard):
        return None
    return math.floor(rig.timing.media_ms(heard) * FPS / 1000 + 1e-6)


def sample_drift(rig: Rig, seconds: float) -> list[tuple[float, int, int]]:
    """(time, frame on screen, frame the audio clock asks for) for each picture shown."""
    rows = []
    last = rig.player.frames.number
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        frame = rig.player.frames.latest(last)
        if frame is None:
            time.sleep(0.002)
            continue
        last = frame.number
        wanted = expected_frame(rig, frame.shown_at)
        if wanted is not None:
            rows.append((frame.shown_at, read_code(frame.pixels), wanted))
    return rows


def seek_latency(rig: Rig, target_frame: int, *, timeout: float = 2.0) -> float | None:
    """Seconds from now until a picture within one frame of what the clock asks for shows
    `target_frame` or later (the caller has just sought the transport)."""
    start = time.monotonic()
    last = rig.player.frames.number
    while time.monotonic() - start < timeout:
        frame = rig.player.frames.latest(last)
        if frame is None:
            time.sleep(0.001)
            continue
        last = frame.number
        code = read_code(frame.pixels)
        wanted = expected_frame(rig, frame.shown_at)
        if wanted is not None and code >= target_frame and abs(code - wanted) <= 1:
            return frame.shown_at - start
    return None
