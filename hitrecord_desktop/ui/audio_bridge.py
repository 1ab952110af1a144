"""The one place the live audio engine meets Qt: transport, recording, meters, devices.

The engine's control methods that open or close a PortAudio stream (play, record, stop,
calibrate, changing the device) can block for a second on PulseAudio, so they run on a serial
worker (`TaskRunner` with one thread) and report back as signals; quick stores (seek, loop,
click, gains) happen on the GUI thread. A GUI timer reads position and meters (the callback
only writes them) and checks the stream's health. The mix plan is compiled off the GUI thread
from a copy of the project, so decoding never blocks the window, and swapped in when ready.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..audio.devices import AudioDeviceError, ChoiceStore, DeviceChoice, usable_choice
from ..audio.engine import AudioEngine, RecordedTake, RecordOptions
from ..audio.input_meter import InputMeter
from ..audio.latency_status import calibrate_and_store, stored_result
from ..audio.latency_store import LatencyStore, stored_round_trip
from ..audio.transport_display import MeterReading, TransportState
from ..media.pcm_cache import PcmCache
from ..mixing.live_changes import controls_only
from ..mixing.mix_plan import compile_plan
from ..paths import AppPaths
from ..project.commands import AddTake
from ..project.events import Change, Subject
from ..project.model import Project, SampleRange, Track, TrackKind
from .project_document import ProjectDocument
from .tasks import TaskRunner

log = logging.getLogger(__name__)

POLL_MS = 16  # ~60 Hz for the playhead; meters go out every other tick
DEFAULT_COUNT_IN_BARS = 1


class AudioBridge(QObject):
    """Owns the AudioEngine of one ProjectDocument; see the module docstring."""

    position_changed = Signal(int)  # timeline sample (negative during a count-in)
    meters_changed = Signal(object, object)  # MeterReading of the input, of the output
    state_changed = Signal(str)  # a TransportState value
    options_changed = Signal()  # loop, click, count-in, monitoring or metering toggled
    take_finished = Signal(object, object)  # Take, tuple[Dropout, ...]
    message = Signal(str)  # something the user must know (device gone, stream failed…)
    plan_loaded = Signal()  # the project's audio is decoded and playing from the new plan
    device_changed = Signal(object)  # DeviceChoice, once the engine runs on it
    calibration_started = Signal()
    calibration_finished = Signal(object)  # CalibrationResult
    calibration_failed = Signal(str)
    latency_changed = Signal(object)  # CalibrationResult of the chosen devices, or None

    def __init__(
        self,
        document: ProjectDocument,
        tasks: TaskRunner,
        paths: AppPaths,
        parent: QObject | None = None,
        *,
        choice: DeviceChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._tasks = tasks
        self._serial = TaskRunner(self, max_threads=1)  # the engine's control thread
        self._serial_jobs = 0
        self.choice_store = ChoiceStore(paths.config_dir)
        self.latency_store = LatencyStore.for_paths(paths)
        self._cache = PcmCache(paths.cache_dir / "pcm")
        self.notices: list[str] = []
        if choice is None:
            choice, self.notices = usable_choice(self.choice_store.load())
        self.choice = choice
        self.engine: AudioEngine | None = None
        self._input_meter: InputMeter | None = None
        self._snapshot: Project | None = None
        self._plan: Any = None
        self._compiling: int | None = None
        self._compile_again = False
        self._deferred: Callable[[], None] | None = None
        self.state = TransportState.STOPPED
        self._position = 0
        self._last_position: int | None = None
        self._ticks = 0
        self._stop_requested = False
        self.selected_track_id: str | None = None  # the integrator's selected track, if any
        self.loop_enabled = False
        self.click_enabled = False
        self.count_in_enabled = True
        self.count_in_bars = DEFAULT_COUNT_IN_BARS  # from the user's settings
        self.monitoring = False
        self.input_metering = False
        self._compile_timer = QTimer(self, singleShot=True, interval=0)
        self._compile_timer.timeout.connect(self._start_compile)
        self._poll_timer = QTimer(self, interval=POLL_MS)
        self._poll_timer.timeout.connect(self._poll)
        document.changed.connect(self._on_document_changed)
        self._replace_engine(choice)
        self._compile_timer.start()
        self._poll_timer.start()

    # -- state -----------------------------------------------------------------------------

    @property
    def rate(self) -> int:
        return self.document.project.sample_rate

    @property
    def position(self) -> int:
        return self._last_position if self._last_position is not None else self._position

    @property
    def busy(self) -> bool:
        """A stream is opening or closing on the worker."""
        return self._serial_jobs > 0

    @property
    def ready(self) -> bool:
        return self.engine is not None and self._plan is not None and self._compiling is None

    def _set_state(self, state: TransportState) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state.value)

    def _run_serial(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[str], None]
    ) -> None:
        self._serial_jobs += 1

        def on_done(result: Any) -> None:
            self._serial_jobs -= 1
            done(result)

        def on_error(error: Exception) -> None:
            self._serial_jobs -= 1
            log.info("audio operation failed: %r", error)
            failed(str(error) or type(error).__name__)

        self._serial.run(work, on_done, on_error)

    # -- the mix plan ----------------------------------------------------------------------

    def _on_document_changed(self, changes: tuple[Change, ...]) -> None:
        if controls_only(changes):
            self.sync_controls()
            return
        if any(c.subject is Subject.MARKERS for c in changes):
            self._apply_loop()
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

        self._compiling = self._tasks.run(work, self._plan_done, self._plan_failed)

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

    def _run_deferred(self) -> None:
        action, self._deferred = self._deferred, None
        if action is not None and self.ready:
            action()

    # -- transport ---------------------------------------------------------------------------

    def play(self) -> None:
        if self.state is not TransportState.STOPPED or self.busy:
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

    def set_monitoring(self, on: bool) -> None:
        """Software monitoring: the input mixed into the output (use headphones)."""
        self.monitoring = bool(on)
        if self.engine is not None:
            self.engine.monitor = self.monitoring
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
        track = self.record_track()
        if track is None:
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
        track_id, punch, click = track.id, project.markers.punch, self.click_enabled
        self._set_state(TransportState.STARTING)

        def work() -> None:
            start = position
            if was_playing:
                start = engine.position
                engine.stop()
            self._close_input_meter()
            options = RecordOptions(
                folder=folder,
                track_id=track_id,
                start=start,
                count_in_beats=beats,
                click=click,
                punch=punch,
            )
            engine.start_recording(options)

        self._run_serial(
            work, lambda _: self._started(TransportState.RECORDING), self._start_failed
        )

    def _finish_take(self) -> None:
        engine = self.engine
        assert engine is not None
        self._set_state(TransportState.STOPPING)
        self._run_serial(engine.stop_recording, self._take_done, self._take_failed)

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
        position = engine.position if engine is not None and running else self._position
        if position != self._last_position:
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
            return  # nothing to show, nothing changed
        else:
            inp = MeterReading.silent(channels)
        out = MeterReading.of(engine.output_meters) if streaming and engine else None
        self.meters_changed.emit(inp, out or MeterReading.silent(2))

    def reset_clip(self) -> None:
        """Clears the sticky clip flags (the user clicked the clip light)."""
        for meters in self._all_meters():
            meters.reset_clip()

    def _all_meters(self) -> list[Any]:
        found = []
        if self.engine is not None:
            found += [self.engine.meters, self.engine.output_meters]
        if self._input_meter is not None:
            found.append(self._input_meter.meters)
        return found

    # -- devices, metering, calibration ----------------------------------------------------

    def set_input_metering(self, on: bool) -> None:
        """Meters the input while the transport is stopped (to set the input gain)."""
        self.input_metering = bool(on)
        self.options_changed.emit()
        if self.state is TransportState.STOPPED:
            self._restore_input_meter()

    def _restore_input_meter(self) -> None:
        want = self.input_metering and self.state is TransportState.STOPPED
        engine = self.engine
        if want and engine is not None and engine.input_index is not None:
            meter = InputMeter(self.choice, engine.input_index)
            self._run_serial(
                lambda: self._open_input_meter(meter), lambda _: None, self._meter_failed
            )
        elif not want and self._input_meter is not None:
            self._run_serial(self._close_input_meter, lambda _: None, self._meter_failed)

    def _open_input_meter(self, meter: InputMeter) -> None:  # on the serial worker
        self._close_input_meter()
        meter.start()
        self._input_meter = meter

    def _close_input_meter(self) -> None:  # on the serial worker
        meter, self._input_meter = self._input_meter, None
        if meter is not None:
            meter.stop()

    def _meter_failed(self, error: str) -> None:
        self.message.emit(self.tr("Cannot show the input level: %s") % error)

    def set_choice(self, choice: DeviceChoice) -> None:
        """Switches devices (stopping first), remembers the choice for this machine."""
        if self.state is not TransportState.STOPPED:
            self.stop()
        try:
            self.choice_store.save(choice)
        except OSError as exc:
            self.message.emit(self.tr("Cannot remember the device choice: %s") % exc)
        self._replace_engine(choice)

    def _replace_engine(self, choice: DeviceChoice) -> None:
        old = self.engine
        self.engine = None
        self.choice = choice
        provider = partial(stored_round_trip, self.latency_store)

        def work() -> AudioEngine:
            self._close_input_meter()
            if old is not None:
                old.stop()
            return AudioEngine(choice, latency_provider=provider)

        def done(engine: AudioEngine) -> None:
            if choice != self.choice:
                return  # a newer choice is on its way
            self.engine = engine
            self._load_plan()
            self.device_changed.emit(choice)
            self._restore_input_meter()
            self._run_deferred()
            self.refresh_latency()

        def failed(error: str) -> None:
            self.message.emit(self.tr("The audio device cannot be used: %s") % error)
            self.device_changed.emit(choice)

        self._run_serial(work, done, failed)

    def refresh_latency(self) -> None:
        """Looks up the stored calibration of the chosen devices off the GUI thread (finding
        the devices asks the sound server); the answer comes as `latency_changed`."""
        store, choice = self.latency_store, self.choice
        self._tasks.run(
            lambda: stored_result(store, choice),
            self.latency_changed.emit,
            lambda error: self.latency_changed.emit(None),
        )

    def calibrate(self) -> None:
        """Measures the round trip of the chosen devices off the GUI thread (about 6 s)."""
        if self.state is not TransportState.STOPPED or self.busy:
            self.calibration_failed.emit(self.tr("Stop the transport before calibrating."))
            return
        store, choice = self.latency_store, self.choice
        self.calibration_started.emit()

        def work() -> Any:
            self._close_input_meter()
            if choice.input_device == "":
                raise AudioDeviceError("no input device is chosen")
            return calibrate_and_store(store, choice)

        def done(result: Any) -> None:
            self.calibration_finished.emit(result)
            self.latency_changed.emit(result)
            self._restore_input_meter()

        def failed(error: str) -> None:
            self.calibration_failed.emit(error)
            self._restore_input_meter()

        self._run_serial(work, done, failed)

    def close(self) -> None:
        """Stops everything and waits for the worker (when the window closes). A take in
        progress is finished and added to the project."""
        self._poll_timer.stop()
        self._serial.wait(10_000)
        engine = self.engine
        if engine is not None and engine.recording:
            self._take_done(engine.stop_recording())
        if engine is not None:
            engine.stop()
        self._close_input_meter()
