"""The one place the live audio engine meets Qt: transport, recording, meters (devices and
calibration come from `AudioDevices`, its base).

Control calls that open or close a PortAudio stream (play, record, stop) can block for a second
on PulseAudio, so they run on the base's serial worker and report back as signals; quick stores
(seek, loop, click, gains) happen on the GUI thread. A GUI timer reads position and meters (the
callback only writes them) and checks the stream's health. The mix plan is compiled off the GUI
thread from a copy of the project, so decoding never blocks the window, and swapped in when
ready.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..audio.devices import DeviceChoice
from ..audio.engine import AudioEngine, RecordedTake, RecordOptions
from ..audio.transport_display import MeterReading, TransportState
from ..media.pcm_cache import PcmCache
from ..mixing.live_changes import controls_only
from ..mixing.mix_plan import compile_plan
from ..paths import AppPaths
from ..project.commands import AddTake
from ..project.events import Change, Subject
from ..project.model import Project, SampleRange, Track, TrackKind
from ..video.webcam_take import CameraPlan, WebcamOptions, WebcamTakeRecorder, WebcamTakeResult
from .audio_devices import AudioDevices
from .project_document import ProjectDocument
from .tasks import TaskRunner

log = logging.getLogger(__name__)

POLL_MS = 16  # ~60 Hz for the playhead; meters go out every other tick
DEFAULT_COUNT_IN_BARS = 1


class AudioBridge(AudioDevices):
    """Owns the AudioEngine of one ProjectDocument; see the module docstring."""

    position_changed = Signal(int)  # timeline sample (negative during a count-in)
    meters_changed = Signal(object, object)  # MeterReading of the input, of the output
    take_finished = Signal(object, object)  # Take, tuple[Dropout, ...]
    # A take is being recorded: track id, its first timeline sample, its last (or None: open).
    recording_started = Signal(str, int, object)
    plan_loaded = Signal()  # the project's audio is decoded and playing from the new plan

    def __init__(
        self,
        document: ProjectDocument,
        tasks: TaskRunner,
        paths: AppPaths,
        parent: QObject | None = None,
        *,
        choice: DeviceChoice | None = None,
    ) -> None:
        super().__init__(tasks, paths, parent, choice=choice)
        self.document = document
        # The camera's part of a take: what the recorder panel chose (a CameraPlan), a reason
        # the camera cannot record, or None for a take of sound only. Set by the workspace.
        self.camera_plan: Callable[[Project], CameraPlan | str | None] | None = None
        self._camera_take: WebcamTakeRecorder | None = None
        self._cache = PcmCache(paths.cache_dir / "pcm")
        self._snapshot: Project | None = None
        self._plan: Any = None
        self._compiling: int | None = None
        self._compile_again = False
        self._deferred: Callable[[], None] | None = None
        self._position = 0
        self._last_position: int | None = None
        self._ticks = 0
        self._meters_shown = False  # the last meters emitted were not silence
        self._stop_requested = False
        self.selected_track_id: str | None = None  # the integrator's selected track, if any
        self.loop_enabled = False
        self.click_enabled = False
        self.count_in_enabled = True
        self.count_in_bars = DEFAULT_COUNT_IN_BARS  # from the user's settings
        self._compile_timer = QTimer(self, singleShot=True, interval=0)
        self._compile_timer.timeout.connect(self._start_compile)
        self._poll_timer = QTimer(self, interval=POLL_MS)
        self._poll_timer.timeout.connect(self._poll)
        document.changed.connect(self._on_document_changed)
        self._replace_engine(self.choice)
        self._compile_timer.start()
        self._poll_timer.start()

    # -- state -----------------------------------------------------------------------------

    @property
    def rate(self) -> int:
        return self.document.project.sample_rate

    @property
    def position(self) -> int:
        """The playhead: where the transport stopped, or the last position polled."""
        if self.state is TransportState.STOPPED or self._last_position is None:
            return self._position
        return self._last_position

    @property
    def ready(self) -> bool:
        return self.engine is not None and self._plan is not None and self._compiling is None

    # -- the mix plan ----------------------------------------------------------------------

    def _on_document_changed(self, changes: tuple[Change, ...]) -> None:
        if controls_only(changes):
            self.sync_controls()
            return
        if any(c.subject is Subject.MARKERS for c in changes):
            self._apply_loop()
        self._compile_timer.start()

    def reload_media(self) -> None:
        """Compiles the mix again: media that could not be read before has arrived."""
        self._compile_timer.start()

    def sync_controls(self) -> None:
        """Gain, pan, mute and solo of the live project, heard from the next block."""
        if self.engine is not None and self.engine.controls is not None:
            self.engine.controls.sync(self.document.project)

    def _start_compile(self) -> None:
        if self._compiling is not None:
            self._compile_again = True
            return
        snapshot = copy.deepcopy(self.document.project)
        cache, folder, rate = self._cache, self.document.folder, snapshot.sample_rate

        def work() -> tuple[Project, Any]:
            return snapshot, compile_plan(snapshot, lambda ref: cache.pcm_for(ref, rate, folder))

        self._compiling = self._run_pooled(work, self._plan_done, self._plan_failed)

    def _plan_done(self, result: tuple[Project, Any]) -> None:
        self._compiling = None
        self._snapshot, self._plan = result
        self._load_plan()
        if self._compile_again:
            self._compile_again = False
            self._start_compile()
            return
        self.plan_loaded.emit()
        self._run_deferred()

    def _plan_failed(self, error: Exception) -> None:
        self._compiling = None
        self._deferred = None
        self.message.emit(self.tr("Cannot play the project's audio: %s") % error)
        if self._compile_again:
            self._compile_again = False
            self._start_compile()

    def _load_plan(self) -> None:
        if self.engine is not None and self._plan is not None and self._snapshot is not None:
            self.engine.load(self._snapshot, plan=self._plan)
            self.sync_controls()
            self._apply_loop()
            self.engine.click_on = self.click_enabled
            self.engine.monitor = self.monitoring

    def _engine_ready(self) -> None:
        self._load_plan()
        self._run_deferred()

    def _serial_idle(self) -> None:
        self._run_deferred()

    def _run_deferred(self) -> None:
        """Plays or records what was asked while the device or the project's audio was not
        ready; until both are, the wish waits (a failed decode drops it)."""
        action = self._deferred
        if action is None or self.busy or self._closed:
            return
        if self.engine is None:  # the device did not open (and said why): the wish goes
            self._deferred = None
        elif self.ready:
            self._deferred = None
            action()

    # -- transport ---------------------------------------------------------------------------

    def play(self) -> None:
        if self.state is not TransportState.STOPPED:
            return
        if self.busy:
            # A device is opening or closing: play once it has (Space pressed right after
            # choosing a device must not be lost); a second press takes the wish back.
            self._deferred = None if self._deferred == self.play else self.play
            return
        if not self._can_start(self.play):
            return
        engine, start = self.engine, self._position
        assert engine is not None
        self._set_state(TransportState.STARTING)

        def work() -> None:
            self._close_input_meter()
            engine.play(start)

        self._run_serial(work, lambda _: self._started(TransportState.PLAYING), self._start_failed)

    def toggle_play(self) -> None:
        if self.state is TransportState.STOPPED:
            self.play()
        else:
            self.stop()

    def stop(self) -> None:
        if self.state is TransportState.STARTING:
            self._stop_requested = True
            return
        if self.state is TransportState.RECORDING:
            self._finish_take()
        elif self.state is TransportState.PLAYING:
            engine = self.engine
            assert engine is not None
            self._set_state(TransportState.STOPPING)
            self._run_serial(engine.stop, lambda _: self._stopped(), self._stop_failed)

    def seek(self, sample: int) -> None:
        self._position = int(sample)
        engine = self.engine
        if engine is not None:
            if engine.stream is not None:
                engine.seek(sample)
            elif not self.busy:
                engine.position = int(sample)
        if self.state is TransportState.STOPPED:
            self._last_position = None

    def return_to_start(self) -> None:
        self.seek(0)

    def set_loop_enabled(self, on: bool) -> None:
        self.loop_enabled = bool(on)
        self._apply_loop()
        self.options_changed.emit()

    def loop_range(self) -> SampleRange:
        """The project's loop markers, or the whole project when none are set."""
        project = self.document.project
        return project.markers.loop or SampleRange(0, max(project.end(), self.rate))

    def _apply_loop(self) -> None:
        if self.engine is not None:
            self.engine.set_loop(self.loop_range() if self.loop_enabled else None)

    def set_click_enabled(self, on: bool) -> None:
        self.click_enabled = bool(on)
        if self.engine is not None:
            self.engine.click_on = self.click_enabled
        self.options_changed.emit()

    def set_count_in_enabled(self, on: bool) -> None:
        self.count_in_enabled = bool(on)
        self.options_changed.emit()

    def _can_start(self, retry: Callable[[], None]) -> bool:
        if self.engine is None:
            if not self.busy:
                self.message.emit(self.tr("No audio device is available: choose one first."))
            return False
        if self.rate != self.choice.sample_rate:
            self.message.emit(
                self.tr("The project runs at %d Hz but the device at %d Hz.")
                % (self.rate, self.choice.sample_rate)
            )
            return False
        if not self.ready:
            self._deferred = retry  # runs once the project's audio is decoded
            return False
        return True

    def _started(self, state: TransportState) -> None:
        self._set_state(state)
        if self._stop_requested:
            self._stop_requested = False
            self.stop()

    def _start_failed(self, error: str) -> None:
        self._stop_requested = False
        self._set_state(TransportState.STOPPED)
        self.message.emit(self.tr("Cannot start the audio device: %s") % error)
        self._restore_input_meter()

    def _stopped(self) -> None:
        if self.engine is not None:
            self._position = self.engine.position
        self._set_state(TransportState.STOPPED)
        self._restore_input_meter()

    def _stop_failed(self, error: str) -> None:
        self.message.emit(self.tr("The audio device did not stop cleanly: %s") % error)
        self._stopped()

    # -- recording -----------------------------------------------------------------------------

    def record_track(self) -> Track | None:
        """The track a take goes on: the first armed audio track, else the selected one."""
        tracks = [t for t in self.document.project.tracks if t.kind is TrackKind.AUDIO]
        armed = next((t for t in tracks if t.armed), None)
        selected = next((t for t in tracks if t.id == self.selected_track_id), None)
        return armed or selected

    def record(self) -> None:
        """Records on the armed track from the playhead, with the count-in when it is on."""
        if self.state is TransportState.RECORDING:
            self.stop()
            return
        if self.state not in (TransportState.STOPPED, TransportState.PLAYING) or self.busy:
            return
        plan = self.camera_plan(self.document.project) if self.camera_plan else None
        if isinstance(plan, str):
            self.message.emit(plan)
            return
        track = self.record_track()
        if track is None and plan is None:
            self.message.emit(self.tr("Arm a track to record on first."))
            return
        if not self._can_start(self.record):
            return
        engine = self.engine
        assert engine is not None
        project = self.document.project
        beats = self.count_in_bars * project.tempo.beats_per_bar if self.count_in_enabled else 0
        was_playing = self.state is TransportState.PLAYING
        position = self._position
        folder = self.document.store.takes_dir
        track_id = plan.track_id if plan is not None else track.id
        punch, click = project.markers.punch, self.click_enabled
        self._set_state(TransportState.STARTING)

        def work() -> int:
            start = position
            if was_playing:
                start = engine.position
                engine.stop()
            self._close_input_meter()
            if plan is not None:
                self._start_camera_take(engine, plan, folder, start, beats)
                return start
            options = RecordOptions(
                folder=folder,
                track_id=track_id,
                start=start,
                count_in_beats=beats,
                click=click,
                punch=punch,
            )
            engine.start_recording(options)
            return start

        def began(start: int) -> None:
            self._started(TransportState.RECORDING)
            if self.state is TransportState.RECORDING:
                first, last = (
                    (start, None) if punch is None else (max(start, punch.start), punch.end)
                )
                self.recording_started.emit(track_id, first, last)

        self._run_serial(work, began, self._start_failed)

    def _start_camera_take(
        self, engine: AudioEngine, plan: CameraPlan, folder: Path, start: int, beats: int
    ) -> None:
        """On the serial worker: the take with the camera (its sound as the plan says)."""
        recorder = WebcamTakeRecorder(engine, plan.source, plan.microphone)
        options = WebcamOptions(
            folder,
            plan.track_id,
            start=start,
            count_in_beats=beats,
            sound=plan.sound,
            camera_delay_s=plan.camera_delay_s,
        )
        recorder.start(options)
        self._camera_take = recorder

    def _finish_take(self) -> None:
        engine = self.engine
        assert engine is not None
        self._set_state(TransportState.STOPPING)
        camera, self._camera_take = self._camera_take, None
        if camera is not None:
            self._run_serial(camera.stop, self._camera_take_done, self._take_failed)
            return
        self._run_serial(engine.stop_recording, self._take_done, self._take_failed)

    def _camera_take_done(self, result: WebcamTakeResult) -> None:
        self._stopped()
        if result.error:
            self.message.emit(
                self.tr("The camera or the sound failed during the take (%s); what was recorded "
                        "is kept.") % result.error
            )  # fmt: skip
        if result.writer.dropped:
            self.message.emit(
                self.tr("%d camera frames were dropped: the computer could not keep up.")
                % result.writer.dropped
            )
        if not self.document.execute(AddTake(result.track_id, result.take)):
            self.message.emit(
                self.tr("The take was recorded to %s but could not be added to the project.")
                % result.muxed.path
            )
            return
        self.take_finished.emit(result.take, result.take.dropouts)

    def _take_done(self, recorded: RecordedTake) -> None:
        self._stopped()
        if recorded.error:
            self.message.emit(
                self.tr("The audio device failed during the take (%s); what was recorded is kept.")
                % recorded.error
            )
        if not self.document.execute(AddTake(recorded.track_id, recorded.take)):
            self.message.emit(
                self.tr("The take was recorded to %s but could not be added to the project.")
                % recorded.result.path
            )
            return
        self.take_finished.emit(recorded.take, recorded.take.dropouts)

    def _take_failed(self, error: str) -> None:
        self.message.emit(self.tr("The take could not be finished: %s") % error)
        self._stopped()

    # -- polling ---------------------------------------------------------------------------

    def _poll(self) -> None:
        engine = self.engine
        self._ticks += 1
        running = self.state in (TransportState.PLAYING, TransportState.RECORDING)
        if engine is not None and running and not self.busy:
            problem = engine.health()
            if problem:
                self.message.emit(self.tr("Playback stopped: %s") % problem)
                self.stop()
            elif self.state is TransportState.PLAYING and engine.finished:
                self.stop()
        if engine is not None and running:
            position = engine.position
        elif self.state is TransportState.STOPPED:
            position = self._position
        else:  # a stream is opening or closing: hold the playhead where it is
            position = self._last_position
        if position is not None and position != self._last_position:
            self._last_position = position
            self.position_changed.emit(position)
        if self._ticks % 2 == 0:
            self._emit_meters(engine)

    def _emit_meters(self, engine: AudioEngine | None) -> None:
        channels = len(self.choice.input_channels)
        streaming = engine is not None and engine.stream is not None and not self.busy
        meter = self._input_meter
        if streaming and engine is not None and (engine.recording or engine.monitor):
            inp = MeterReading.of(engine.meters, channels)
        elif meter is not None and meter.running:
            inp = MeterReading.of(meter.meters)
        elif not streaming and not self.input_metering:
            if not self._meters_shown:
                return  # nothing to show, nothing changed
            self._meters_shown = False  # stopped: the meters fall to silence once
            silent = MeterReading.silent(channels)
            self.meters_changed.emit(silent, MeterReading.silent(2))
            return
        else:
            inp = MeterReading.silent(channels)
        out = MeterReading.of(engine.output_meters) if streaming and engine else None
        self._meters_shown = True
        self.meters_changed.emit(inp, out or MeterReading.silent(2))

    def close(self) -> None:
        """Stops everything and waits for the worker (when the window closes). A take in
        progress is finished and added to the project."""
        self._deferred = None  # nothing asked before the close may start after it
        self._poll_timer.stop()
        self._compile_timer.stop()
        self._serial.wait(10_000)
        engine = self.engine
        camera, self._camera_take = self._camera_take, None
        if camera is not None:
            self._camera_take_done(camera.stop())
        elif engine is not None and engine.recording:
            self._take_done(engine.stop_recording())
        if engine is not None:
            engine.stop()
        self.close_devices()
