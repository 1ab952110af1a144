"""The engine's device side, shared by the transport: the serial worker that opens and closes
streams, the device choice, input metering while stopped, and the latency calibration.

Opening or closing a PortAudio stream can block for a second on PulseAudio, so every such call
runs on one serial worker (a `TaskRunner` with one thread: the engine's single control thread)
and reports back on the GUI thread. `AudioBridge` builds the transport on top of this.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..audio.devices import AudioDeviceError, ChoiceStore, DeviceChoice, usable_choice
from ..audio.engine import AudioEngine
from ..audio.input_meter import InputMeter
from ..audio.latency_status import calibrate_and_store, stored_result
from ..audio.latency_store import LatencyStore, stored_round_trip
from ..audio.transport_display import TransportState
from ..paths import AppPaths
from .tasks import TaskRunner

log = logging.getLogger(__name__)


class AudioDevices(QObject):
    """Devices, metering and calibration of one engine; see the module docstring."""

    state_changed = Signal(str)  # a TransportState value
    options_changed = Signal()  # loop, click, count-in, monitoring or metering toggled
    message = Signal(str)  # something the user must know (device gone, stream failed…)
    device_changed = Signal(object)  # DeviceChoice, once the engine runs on it (or failed to)
    calibration_started = Signal()
    calibration_finished = Signal(object)  # CalibrationResult
    calibration_failed = Signal(str)
    latency_changed = Signal(object)  # CalibrationResult of the chosen devices, or None

    def __init__(
        self,
        tasks: TaskRunner,
        paths: AppPaths,
        parent: QObject | None = None,
        *,
        choice: DeviceChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._serial = TaskRunner(self, max_threads=1)  # the engine's control thread
        self._serial_jobs = 0
        self._pooled: set[int] = set()  # our tasks on the shared runner, forgotten at close
        self._closed = False
        self.choice_store = ChoiceStore(paths.config_dir)
        self.latency_store = LatencyStore.for_paths(paths)
        self.notices: list[str] = []  # what usable_choice said about the remembered devices
        if choice is None:
            choice, self.notices = usable_choice(self.choice_store.load())
        self.choice = choice
        self.engine: AudioEngine | None = None
        self._input_meter: InputMeter | None = None
        self.state = TransportState.STOPPED
        self.monitoring = False
        self.input_metering = False

    def stop(self) -> None:
        """Stops the transport (the subclass has one)."""

    def _engine_ready(self) -> None:
        """The new engine runs: the subclass loads its plan into it."""

    def _serial_idle(self) -> None:
        """No stream is opening or closing any more: the subclass runs what waited for it."""

    @property
    def busy(self) -> bool:
        """A stream is opening or closing on the worker."""
        return self._serial_jobs > 0

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
            if not self.busy and not self._closed:
                self._serial_idle()

        def on_error(error: Exception) -> None:
            self._serial_jobs -= 1
            log.info("audio operation failed: %r", error)
            failed(str(error) or type(error).__name__)
            if not self.busy and not self._closed:
                self._serial_idle()

        self._serial.run(work, on_done, on_error)

    def _run_pooled(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Any], None]
    ) -> int:
        """Work on the shared runner (decoding, lookups) whose answer is dropped after close;
        none starts after close (a widget closing after the bridge may still ask)."""
        if self._closed:
            return 0
        task_id = 0

        def on_done(result: Any) -> None:
            self._pooled.discard(task_id)
            done(result)

        def on_error(error: Exception) -> None:
            self._pooled.discard(task_id)
            failed(error)

        task_id = self._tasks.run(work, on_done, on_error)
        self._pooled.add(task_id)
        return task_id

    def set_monitoring(self, on: bool) -> None:
        """Software monitoring: the input mixed into the output (use headphones)."""
        self.monitoring = bool(on)
        if self.engine is not None:
            self.engine.monitor = self.monitoring
        self.options_changed.emit()

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
        self._replace_engine(choice, remember=True)

    def _replace_engine(self, choice: DeviceChoice, *, remember: bool = False) -> None:
        old = self.engine
        self.engine = None
        self.choice = choice
        provider = partial(stored_round_trip, self.latency_store)
        store = self.choice_store

        def work() -> AudioEngine:
            self._close_input_meter()
            if old is not None:
                old.stop()
            if remember:
                try:
                    store.save(choice)  # an fsync: not on the GUI thread
                except OSError as exc:
                    log.warning("cannot remember the device choice: %s", exc)
            return AudioEngine(choice, latency_provider=provider)

        def done(engine: AudioEngine) -> None:
            if choice != self.choice:
                return  # a newer choice is on its way
            self.engine = engine
            self._engine_ready()
            self.device_changed.emit(choice)
            self._restore_input_meter()
            self.refresh_latency()

        def failed(error: str) -> None:
            self.message.emit(self.tr("The audio device cannot be used: %s") % error)
            self.device_changed.emit(choice)
            self.latency_changed.emit(None)

        self._run_serial(work, done, failed)

    def refresh_latency(self) -> None:
        """Looks up the stored calibration of the chosen devices off the GUI thread (finding
        the devices asks the sound server); the answer comes as `latency_changed`."""
        store, choice = self.latency_store, self.choice
        self._run_pooled(
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

    def close_devices(self) -> None:
        """Waits for the worker, then closes what is open (the window is closing)."""
        self._closed = True
        for task_id in self._pooled:
            self._tasks.forget(task_id)
        self._pooled.clear()
        self._serial.wait(10_000)
        self._close_input_meter()
