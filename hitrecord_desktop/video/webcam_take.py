"""Records a webcam take while the project plays, like an audio overdub.

The audio engine plays the project (with its count-in) and is the clock: a `TimelineClock` maps
each frame's capture time, less the camera's own delay, to the timeline sample the performer
heard then. Frames heard before the take's start (the count-in) are left out; the rest go to the
`WebcamWriter` at (sample − start) / rate seconds, so the take starts on its track exactly where
recording started.

Sound, as the person picks:
- "engine": the engine records its input as for any audio take (its own crash-safe WAV and
  journal). Its callback stays as it is: copies into a preallocated ring, no allocation, nothing
  new. At the end the WAV is encoded to AAC and muxed in at its timeline place (`take_mux`).
- "camera": the camera's microphone arrives in chunks on a Qt thread (`submit_camera_audio`),
  mapped to the timeline like the frames and encoded into the live file; no audio callback of
  ours is involved.
- "none": pictures only.

The take lands on a video track as a `Take` whose media has `has_video=True`; the camera's delay
is stored on its clip as `latency_offset`, as the round trip is for audio takes.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..audio import take_journal
from ..project.lineage import with_recorded_lineage
from ..project.model import (
    Clip,
    MediaOrigin,
    MediaRef,
    Project,
    SampleRange,
    Take,
    TrackKind,
    new_id,
)
from . import webcam_journal as wj
from .frame_source import Frame, FrameSource
from .take_mux import MuxedTake, TakeMuxError, finish_take
from .timeline_clock import TimelineClock
from .webcam_writer import LiveAudioFormat, WebcamWriter, WriterResult

if TYPE_CHECKING:
    from ..audio.engine import AudioEngine

log = logging.getLogger(__name__)


class WebcamTakeError(Exception):
    """The take cannot start (no video track, a bad option, the file or device failed)."""


@dataclass(frozen=True)
class WebcamOptions:
    folder: Path  # the project's takes folder
    track_id: str  # a video track
    start: int | None = None  # timeline sample; None: where the transport is
    count_in_beats: int = 0
    sound: str = wj.SOUND_ENGINE
    camera_delay_s: float = 0.0  # the camera's own delay (the user's setting; Qt reports none)
    camera_audio: LiveAudioFormat = dataclasses.field(default_factory=LiveAudioFormat)
    take_name: str = ""


class SoundSource(Protocol):
    """The camera's microphone (Qt's in the app): hands (frames, channels) float32 chunks and
    the monotonic time of their first sample to `deliver`, on a thread of its own."""

    def start(self, deliver: Callable[[np.ndarray, float], None]) -> None: ...

    def stop(self) -> None: ...


@dataclass(frozen=True)
class CameraPlan:
    """What the person chose for the camera part of the next take (the recorder panel's)."""

    track_id: str  # the video track it goes on
    source: FrameSource
    sound: str = wj.SOUND_ENGINE
    camera_delay_s: float = 0.0
    microphone: SoundSource | None = None  # for sound "camera"


@dataclass(frozen=True)
class WebcamTakeResult:
    take: Take
    track_id: str
    muxed: MuxedTake
    writer: WriterResult
    frames_before_start: int  # frames of the count-in, left out
    audio_take_path: Path | None  # the engine's WAV of the take's sound, kept
    error: str | None = None  # the camera or the sound failed mid-take: what was taken is kept


class WebcamTakeRecorder:
    """One take at a time. `start()` and `stop()` from one control thread; the frame source calls
    `_on_frame` on its own thread."""

    def __init__(
        self, engine: AudioEngine, source: FrameSource, microphone: SoundSource | None = None
    ) -> None:
        self.engine = engine
        self.source = source
        self.microphone = microphone
        self._writer: WebcamWriter | None = None
        self._clock: TimelineClock | None = None
        self._options: WebcamOptions | None = None
        self._start = 0
        self._take_id = ""
        self._journal: dict = {}
        self.frames_before_start = 0
        self.source_error: str | None = None
        self.source_closed = threading.Event()

    @property
    def recording(self) -> bool:
        return self._writer is not None

    def start(self, options: WebcamOptions) -> int:
        """Starts the project playing (count-in first) and the camera recording; returns the
        timeline sample the take starts at."""
        if self._writer is not None:
            raise WebcamTakeError("a webcam take is already being recorded")
        if options.sound not in wj.SOUNDS:
            raise WebcamTakeError(f"unknown sound source {options.sound!r}")
        if options.sound == wj.SOUND_CAMERA and self.microphone is None:
            raise WebcamTakeError("no camera microphone was found: choose the audio input instead")
        engine = self.engine
        project = engine.project
        if project is None:
            raise WebcamTakeError("load a project first")
        track = next((t for t in project.tracks if t.id == options.track_id), None)
        if track is None or track.kind is not TrackKind.VIDEO:
            raise WebcamTakeError("a webcam take goes on a video track: choose or add one")
        if not 0 <= options.camera_delay_s < 2:
            raise WebcamTakeError(
                f"a camera delay of {options.camera_delay_s:g} s is not plausible"
            )
        rate = engine.rate
        start = engine.position if options.start is None else int(options.start)
        take_id = new_id()
        folder = options.folder
        folder.mkdir(parents=True, exist_ok=True)
        fmt = self.source.format
        audio = options.camera_audio if options.sound == wj.SOUND_CAMERA else None
        writer = WebcamWriter(wj.fragments_path(folder, take_id), fmt, audio=audio)
        writer.start()  # raises WebcamWriteError, nothing else started yet
        self._writer, self._options, self._start, self._take_id = writer, options, start, take_id
        self.frames_before_start = 0
        self.source_error = None
        self.source_closed.clear()
        audio_file = ""
        try:
            if options.sound == wj.SOUND_ENGINE:
                from ..audio.engine import RecordOptions  # the device layer, only when used

                engine.start_recording(
                    RecordOptions(
                        folder=folder,
                        track_id=options.track_id,
                        start=start,
                        count_in_beats=options.count_in_beats,
                        take_name=options.take_name,
                    )
                )
                audio_file = engine.recording_path.name if engine.recording_path else ""
            else:
                engine.play_count_in(start, options.count_in_beats)
            self._clock = TimelineClock(
                lambda: engine.position, rate, engine.block, output_latency=_output_latency(engine)
            )
            self._clock.start()
            self._journal = wj.new_journal(
                take_id=take_id,
                project_id=project.id,
                track_id=options.track_id,
                position=start,
                latency_offset=round(options.camera_delay_s * rate),
                sample_rate=rate,
                sound=options.sound,
                audio_file=audio_file,
                width=fmt.width,
                height=fmt.height,
                fps=fmt.fps,
                take_name=options.take_name,
            )
            wj.write(wj.journal_path(folder, take_id), self._journal)
            self.source.start(self._on_frame, self._on_closed)
            if options.sound == wj.SOUND_CAMERA and self.microphone is not None:
                self.microphone.start(self.submit_camera_audio)
        except Exception:
            self._abandon()
            raise
        return start

    # -- the camera's threads ------------------------------------------------------------------

    def _seconds_of(self, moment: float) -> float | None:
        clock, options = self._clock, self._options
        if clock is None or options is None:
            return None
        sample = clock.sample_at(moment - options.camera_delay_s)
        if sample is None:
            return None
        return (sample - self._start) / self.engine.rate

    def _on_frame(self, frame: Frame) -> None:
        writer = self._writer
        seconds = self._seconds_of(frame.timestamp)
        if writer is None:
            return
        if seconds is None or seconds < 0:
            self.frames_before_start += 1
            return
        writer.submit(frame, seconds)

    def submit_camera_audio(self, samples: np.ndarray, timestamp: float) -> None:
        """Sound from the camera's microphone; `timestamp`: monotonic time of its first sample."""
        writer = self._writer
        seconds = self._seconds_of(timestamp)
        if writer is None or seconds is None or writer.audio is None:
            return
        if seconds < 0:  # the count-in: keep only what reaches past the start
            cut = round(-seconds * writer.audio.sample_rate)
            if cut >= len(samples):
                return
            samples, seconds = samples[cut:], 0.0
        writer.submit_audio(samples, seconds)

    def _on_closed(self, error: str | None) -> None:
        self.source_error = error
        self.source_closed.set()

    # -- ending --------------------------------------------------------------------------------

    def stop(self) -> WebcamTakeResult:
        """Stops the camera, the engine and the file; muxes the take and returns it, ready for
        `AddTake` (the caller applies it, so it can be undone)."""
        writer, options = self._writer, self._options
        if writer is None or options is None:
            raise WebcamTakeError("no webcam take is being recorded")
        engine = self.engine
        self.source.stop()
        if self.microphone is not None and options.sound == wj.SOUND_CAMERA:
            self.microphone.stop()
        if self._clock is not None:
            self._clock.stop()
        result = writer.stop()
        self._writer = None
        audio_path, audio_start, error = None, self._start, self.source_error or result.error
        project: Project = engine.project
        if options.sound == wj.SOUND_ENGINE and engine.recording:
            recorded = engine.stop_recording()
            audio_path = recorded.result.path
            audio_start = recorded.take.clip.position
            error = error or recorded.error
        else:
            engine.stop()
        folder, take_id = options.folder, self._take_id
        fragments = wj.fragments_path(folder, take_id)
        try:
            muxed = finish_take(
                fragments,
                wj.final_path(folder, take_id),
                audio_file=audio_path,
                audio_offset_s=(audio_start - self._start) / engine.rate,
            )
        except TakeMuxError as exc:
            self._journal.update(state=take_journal.FAILED, error=str(exc))
            wj.write(wj.journal_path(folder, take_id), self._journal)
            raise WebcamTakeError(f"the webcam take could not be saved: {exc}") from exc
        fragments.unlink(missing_ok=True)  # its pictures are all in the final file now
        self._journal.update(state=take_journal.FINISHED, frames=muxed.frames)
        wj.write(wj.journal_path(folder, take_id), self._journal)
        take = make_take(
            project,
            options.track_id,
            take_id,
            muxed,
            position=self._start,
            latency_offset=self._journal["latency_offset"],
            name=options.take_name,
            rate=engine.rate,
        )
        return WebcamTakeResult(
            take, options.track_id, muxed, result, self.frames_before_start, audio_path, error
        )

    def _abandon(self) -> None:
        self.source.stop()
        if self.microphone is not None:
            self.microphone.stop()
        if self._clock is not None:
            self._clock.stop()
        if self._writer is not None:
            self._writer.stop()
        self._writer = None
        if self.engine.recording:
            self.engine.stop_recording()
        else:
            self.engine.stop()


def make_take(
    project: Project,
    track_id: str,
    take_id: str,
    muxed: MuxedTake,
    *,
    position: int,
    latency_offset: int,
    name: str,
    rate: int,
    recorded_at: str | None = None,
) -> Take:
    """The take as the project holds it: its clip on the video track, at `position`."""
    frames = round(muxed.duration * rate)
    path = muxed.path
    media_path = f"takes/{path.name}" if path.parent.name == "takes" else str(path)
    clip = Clip(
        media=MediaRef(MediaOrigin.TAKE, media_path, frames=frames, has_video=True),
        position=position,
        trim_in=0,
        trim_out=frames,
        latency_offset=latency_offset,
    )
    clip = with_recorded_lineage(project, clip, SampleRange(position, position + frames))
    track = next((t for t in project.tracks if t.id == track_id), None)
    count = len(track.takes) + 1 if track is not None else 1
    return Take(
        name=name or f"Camera take {count}",
        clip=dataclasses.replace(clip),
        recorded_at=recorded_at
        or datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        id=take_id,
    )


def _output_latency(engine: AudioEngine) -> int:
    """Samples from the engine's callback to the loudspeaker, as the stream reports it."""
    stream = engine.stream
    if stream is None:
        return 0
    latency = stream.latency
    out = latency[1] if isinstance(latency, tuple) else latency
    return round(out * engine.rate)
