"""Webcam takes recorded from the synthetic camera while a project plays on PulseAudio's null
sink: H.264/AAC, every frame, placed on the video track where recording started (after the
count-in), the engine's sound in time with the pictures."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import av
import numpy as np
import pytest

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.engine import AudioEngine
from hitrecord_desktop.project.model import Track, TrackKind
from hitrecord_desktop.project.take_edits import AddTake
from hitrecord_desktop.video import webcam_journal as wj
from hitrecord_desktop.video.frame_source import SyntheticFrameSource
from hitrecord_desktop.video.webcam_take import WebcamOptions, WebcamTakeRecorder

from ..audio.live_support import (
    RATE,
    click_project,
    file_resolver,
    find_bursts,
    needs_pulse,
    take_audio,
)
from .webcam_support import ffprobe_streams, read_back

pytestmark = needs_pulse

FPS = 30
START = RATE  # the take starts 1 s into the project
CLICKS = [START + 24_000, START + 72_000, START + 120_000]
COUNT_IN_BEATS = 2  # 1 s at 120 bpm


class _Crossing:
    """Watches the engine's counter from the test's side (the take's own clock is not asked):
    the moment the block holding timeline sample `at` was rendered. When the counter is first
    seen past `at` it may have moved several blocks since (callbacks come in bursts): the moment
    is taken back by those blocks at the nominal rate."""

    def __init__(self, engine: AudioEngine, at: int) -> None:
        self.moment: float | None = None
        self._stop = threading.Event()

        def watch() -> None:
            while not self._stop.is_set() and self.moment is None:
                position, now = engine.position, time.monotonic()
                if engine.playing and at < position <= at + RATE // 2:
                    self.moment = now - (position - engine.block - at) / RATE
                time.sleep(0.0005)

        self._thread = threading.Thread(target=watch, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _output_latency_s(engine: AudioEngine) -> float:
    latency = engine.stream.latency
    return latency[1] if isinstance(latency, tuple) else latency


def _setup(tmp_path: Path) -> tuple[AudioEngine, Track]:
    engine = AudioEngine(DeviceChoice("ALSA", "pulse", "pulse", (1, 2), RATE, 256))
    project = click_project(tmp_path, CLICKS, 5.0)
    camera = Track("camera", kind=TrackKind.VIDEO)
    project.tracks.append(camera)
    engine.load(project, file_resolver)
    return engine, camera


def test_webcam_take_over_the_playing_project(tmp_path: Path) -> None:
    engine, camera = _setup(tmp_path)
    source = SyntheticFrameSource(320, 240, FPS)
    recorder = WebcamTakeRecorder(engine, source)
    takes = tmp_path / "takes"
    crossing = _Crossing(engine, START)
    recorder.start(WebcamOptions(takes, camera.id, start=START, count_in_beats=COUNT_IN_BEATS))
    out_latency = _output_latency_s(engine)
    time.sleep(1.0 + 3.2)  # the count-in, then 3.2 s of take
    result = recorder.stop()
    crossing.close()
    assert result.error is None, result.error
    assert result.writer.dropped == 0 and result.writer.late == 0

    back = read_back(result.muxed.path)
    assert back.codecs == {"video": "h264", "audio": "aac"}
    probe = {s["codec_type"]: s for s in ffprobe_streams(result.muxed.path)}
    assert probe["video"]["codec_name"] == "h264" and probe["audio"]["codec_name"] == "aac"
    # Every frame from the first after the start on, none missing, at ~30 per second.
    first = back.numbers[0]
    assert back.numbers == list(range(first, first + len(back.numbers)))
    span = back.times[-1] - back.times[0]
    assert 3.0 <= span <= 3.6
    assert len(back.numbers) == pytest.approx(span * FPS + 1, rel=0.05)
    # Pictures are timed by their capture: the take spans what the camera's clock spanned,
    # through the engine's clock (which may run a little off the nominal rate), within a frame.
    captured = source.timestamps[back.numbers[-1]] - source.timestamps[first]
    assert span == pytest.approx(captured, abs=1 / FPS)
    assert int(probe["video"]["nb_read_frames"]) == len(back.numbers)
    # The count-in's frames are left out: the first picture is the first one captured after
    # the start was heard (rendered, plus the output's latency), within a frame.
    assert back.times[0] < 1 / FPS
    heard_at = crossing.moment + out_latency
    expected_first = next(i for i, t in enumerate(source.timestamps) if t >= heard_at)
    assert abs(first - expected_first) <= 1, (first, expected_first)
    assert result.frames_before_start >= COUNT_IN_BEATS * 0.5 * FPS - 2

    # The engine's sound, in the file at its place: the clicks of the engine's own take (the
    # project's, back through the null sink's loopback) are where that take puts them. (How
    # well the engine places its takes is tested in tests/audio.)
    with av.open(str(result.muxed.path)) as container:
        sound = np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])
    wav = take_audio(result.audio_take_path)[:, 0]
    in_mp4 = find_bursts(sound, len(CLICKS))
    in_wav = find_bursts(wav, len(CLICKS))
    errors = [a - b for a, b in zip(in_mp4, in_wav, strict=True)]
    print("first frame", first, "expected", expected_first, "mux errors", errors)
    assert max(abs(e) for e in errors) <= 2, errors
    assert back.audio_seconds == pytest.approx(back.times[-1], abs=0.25)

    # The take goes on the video track where recording started, with the camera's delay.
    take = result.take
    assert take.clip.position == START
    assert take.clip.media.has_video
    assert take.clip.media.path == f"takes/{result.muxed.path.name}"
    assert take.clip.length == pytest.approx(result.muxed.duration * RATE, abs=1)
    AddTake(camera.id, take).apply(engine.project)
    assert camera.active_take is not None and camera.active_take.id == take.id
    journal = wj.read(wj.journal_path(takes, take.id))
    assert journal["state"] == "finished"
    assert not wj.fragments_path(takes, take.id).exists()
    assert result.audio_take_path is not None and result.audio_take_path.exists()


def test_camera_delay_moves_the_pictures_earlier_and_is_kept_on_the_clip(tmp_path: Path) -> None:
    engine, camera = _setup(tmp_path)
    source = SyntheticFrameSource(320, 240, FPS)
    recorder = WebcamTakeRecorder(engine, source)
    crossing = _Crossing(engine, START)
    delay = 0.2
    recorder.start(
        WebcamOptions(tmp_path / "takes", camera.id, start=START, sound=wj.SOUND_NONE,
                      camera_delay_s=delay)
    )  # fmt: skip
    out_latency = _output_latency_s(engine)
    time.sleep(2.5)
    result = recorder.stop()
    crossing.close()
    back = read_back(result.muxed.path)
    assert back.codecs == {"video": "h264"}
    heard_at = crossing.moment + out_latency + delay  # a picture arrives `delay` after it was taken
    expected_first = next(i for i, t in enumerate(source.timestamps) if t >= heard_at)
    assert abs(back.numbers[0] - expected_first) <= 1
    assert result.take.clip.latency_offset == round(delay * RATE)


class _SyntheticMicrophone:
    """A camera microphone standing in for one: 10 ms chunks of a tone, on its own thread."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.chunks = 0

    def start(self, deliver) -> None:  # type: ignore[no-untyped-def]
        tone = (0.3 * np.sin(np.arange(480) * 2 * np.pi * 880 / RATE)).astype(np.float32)
        chunk = np.stack([tone, tone], axis=1)

        def run() -> None:
            began = time.monotonic()
            while not self._stop.is_set():
                deliver(chunk, began + self.chunks * 0.01)
                self.chunks += 1
                self._stop.wait(max(0.0, began + self.chunks * 0.01 - time.monotonic()))

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def test_camera_microphone_sound(tmp_path: Path) -> None:
    engine, camera = _setup(tmp_path)
    microphone = _SyntheticMicrophone()
    recorder = WebcamTakeRecorder(engine, SyntheticFrameSource(320, 240, FPS), microphone)
    recorder.start(WebcamOptions(tmp_path / "takes", camera.id, start=START, sound=wj.SOUND_CAMERA))
    time.sleep(2.0)
    result = recorder.stop()
    assert microphone.chunks > 150
    back = read_back(result.muxed.path)
    assert back.codecs == {"video": "h264", "audio": "aac"}
    assert result.writer.audio_dropped == 0
    assert back.audio_seconds == pytest.approx(back.times[-1], abs=0.25)
    assert result.audio_take_path is None  # the engine recorded nothing
