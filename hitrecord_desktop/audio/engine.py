"""The live engine: plays a project through one PortAudio stream and records takes over it.

One `sd.Stream` per play or record: output-only to play, duplex to record, so that input and
output share one sample clock. `process()` is the stream callback's body: it mixes the
project into the output from preallocated buffers and memory maps (`Mixer.render_block`), adds
the click, advances the transport, meters, and hands the chosen input channels to the
`TakeWriter` inside the record (or punch) range. No lock, no I/O, no allocation of sample data,
no per-sample Python loop.

Memory model (control thread ↔ callback): the control thread only stores attributes (one
pointer store under the GIL, seen whole by the callback) and writes small arrays
(`TrackControls`). Requests that must not be lost (seek) carry a sequence number: the control
thread stores the target, then bumps the number; the callback applies a target whose number it
has not seen. Per-callback results (position, meters, counters) are written by the callback only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sounddevice as sd

from ..mixing.mix_plan import MixPlan, Resolver, TrackControls, compile_plan
from ..mixing.mixer import Mixer
from ..project.lineage import with_recorded_lineage
from ..project.model import (
    Clip,
    Dropout,
    MediaOrigin,
    MediaRef,
    Project,
    SampleRange,
    Take,
    new_id,
)
from . import devices, round_trip
from .click import Click
from .devices import AudioDeviceError, DeviceChoice
from .meters import Meters
from .round_trip import LatencyProvider, RoundTrip
from .sample_ring import INPUT_OVERFLOW, OUTPUT_UNDERFLOW
from .take_writer import TakeResult, TakeSpec, TakeWriter

log = logging.getLogger(__name__)

OUT_CHANNELS = 2
NEVER = 1 << 62
MAX_EVENTS = 4096


class AudioEngineError(Exception):
    """The stream failed or the device went away; the message says what was kept."""


@dataclass(frozen=True)
class RecordOptions:
    folder: Path  # where the take file goes: a project's `takes/` folder, or any folder
    track_id: str = ""
    start: int | None = None  # timeline sample the take starts at; None: the transport's
    overdub: bool = True  # play the project while recording; False: record only
    count_in_beats: int = 0  # bars of click before `start`, in beats at the project tempo
    click: bool = False  # click all along (the count-in always clicks)
    punch: SampleRange | None = None  # record only what is played over this range
    measure_round_trip: bool = True  # a short impulse in the pre-roll, found on the input
    take_name: str = ""
    file_format: str = "wav"


@dataclass(frozen=True)
class RecordedTake:
    """What `stop_recording` gives: the file's result and a take ready for `AddTake`."""

    result: TakeResult
    take: Take
    track_id: str
    round_trip: RoundTrip
    heard: SampleRange  # the timeline the take covers
    timeline_dropouts: tuple[Dropout, ...]  # the take's dropouts at timeline samples
    error: str | None = None  # the device failed mid-take: what was recorded is still kept


class _Recording:
    """The callback's view of a take (attributes written by the callback after creation)."""

    def __init__(self, writer: TakeWriter, start: int, end: int, rt: int) -> None:
        self.writer = writer
        self.start = start  # heard-timeline range to record
        self.end = end
        self.rt = rt
        self.first_output_pos = -1  # output timeline at the first recorded input frame
        self.frames = 0
        self.done = False


class AudioEngine:
    """Owns the stream. Methods are for one control thread (UI or CLI); `process` is the
    callback's."""

    def __init__(
        self,
        choice: DeviceChoice,
        *,
        latency_provider: LatencyProvider | None = None,
        probe_at_s: float = 0.15,
        probes: int = 3,
        probe_spacing_s: float = 0.2,
        check_devices: bool = True,
    ) -> None:
        """`check_devices=False` skips finding and checking the devices: for driving
        `process` without a stream (tests, the benchmark)."""
        self.choice = choice
        self.rate = choice.sample_rate
        self.block = choice.block_size
        self.input_index, self.output_index = choice.resolve() if check_devices else (None, None)
        self.latency_provider = latency_provider
        has_input = self.input_index is not None or not check_devices
        n_in = len(choice.input_channels) if has_input else 0
        self._channel_pairs = tuple((k, c - 1) for k, c in enumerate(choice.input_channels))
        self._n_in = n_in
        self._open_in = max(choice.input_channels) if n_in else 0
        block = self.block
        self.meters = Meters(max(n_in, 1), block, self.rate)
        self.output_meters = Meters(OUT_CHANNELS, block, self.rate)
        self._in_block = np.zeros((block, max(n_in, 1)), np.float32)
        self._out_block = np.zeros((block, OUT_CHANNELS), np.float32)
        # Pre-roll: silence with `probes` impulses, `probe_spacing_s` apart, each found in
        # the input within the spacing. The last one counts: a PulseAudio stream can still
        # change its round trip (an underrun) in its first few hundred milliseconds.
        spacing = int(probe_spacing_s * self.rate)
        self._probe_spacing = spacing
        self._probe_times = tuple(int(probe_at_s * self.rate) + k * spacing for k in range(probes))
        self._preroll_frames = self._probe_times[-1] + spacing
        self.probe_results: tuple[int | None, ...] = ()
        self._probe_buf = np.zeros(self._preroll_frames, np.float32)
        self._dac_adc = np.full(64, np.nan)
        self.event_positions = np.zeros(MAX_EVENTS, np.int64)  # timeline samples
        self.event_kinds = np.zeros(MAX_EVENTS, np.int8)
        # Project and transport.
        self.project: Project | None = None
        self._mixer: Mixer | None = None
        self._click: Click | None = None
        self.position = 0  # the timeline sample of the next output block (callback-owned)
        # (timeline sample, time.monotonic(), moving) at the start of the last block: what a
        # video clock interpolates between callbacks (callback-owned, one tuple store).
        self.clock_stamp: tuple[int, float, bool] = (0, 0.0, False)
        self.playing = False
        self.loop: tuple[int, int] | None = None
        self.click_on = False
        self._click_until = -NEVER  # the count-in click sounds before this timeline sample
        self.monitor = False  # software monitoring: the input mixed into the output
        self.stop_at_end = True
        self.finished = False  # the transport reached the project's end and stopped
        self._seek_target = 0
        self._seek_seq = 0
        self._seek_done = 0
        self._rec: _Recording | None = None
        self._preroll_end = 0
        self._preroll_base = NEVER
        # Stream and counters (callback-owned).
        self._stream: sd.Stream | sd.OutputStream | None = None
        self._stream_failed = False
        self._health_seen = (-1, 0.0)
        self.stream_frames = 0
        self.callbacks = 0
        self.input_overflows = 0
        self.output_underflows = 0
        self.events = 0
        self.oversize_blocks = 0
        self.test_stall_s = 0.0  # tests: the callback sleeps this long once, then resets it
        self.test_stall_at_take_frame = -1  # ...when the take has this many frames
        self.stalled_at_take_frame = -1
        self.after_open: Callable[[], None] | None = None  # e.g. to wire JACK ports

    # -- project -------------------------------------------------------------------------

    def load(
        self, project: Project, resolver: Resolver | None = None, *, plan: MixPlan | None = None
    ) -> None:
        """Compiles the project (or takes a compiled plan) and swaps it in; safe while playing:
        the callback picks the new mixer up at its next block."""
        if plan is None:
            plan = compile_plan(project, resolver) if resolver is not None else _empty(project)
        self.project = project
        self._click = Click(project.tempo, project.sample_rate)
        self._mixer = Mixer(plan, self.block)

    @property
    def controls(self) -> TrackControls | None:
        return self._mixer.plan.controls if self._mixer is not None else None

    def sync_controls(self) -> None:
        """Gain, pan, mute and solo from the project, heard from the next block."""
        if self._mixer is not None and self.project is not None:
            self._mixer.plan.controls.sync(self.project)

    # -- transport -----------------------------------------------------------------------

    def seek(self, sample: int) -> None:
        self._seek_target = int(sample)
        self._seek_seq += 1

    def set_loop(self, loop: SampleRange | None) -> None:
        self.loop = None if loop is None or loop.length <= 0 else (loop.start, loop.end)

    def play(self, start: int | None = None) -> None:
        if self._mixer is None:
            raise RuntimeError("load a project first")
        if start is not None:
            self.position = int(start)
        self.finished = False
        if self._stream is None:
            self._open(duplex=self.monitor and self.input_index is not None)
        self.playing = True

    def play_count_in(self, start: int, count_in_beats: int, settle_s: float = 0.5) -> int:
        """Plays from `count_in_beats` of click before `start` (a webcam take whose sound is
        not recorded here); returns the timeline sample where playing begins. A new stream
        first runs `settle_s` of silence: PulseAudio stalls, then bursts, at a stream's start,
        and the count-in should not be played (or timed) through that."""
        if self.project is None:
            raise RuntimeError("load a project first")
        count_in = round(count_in_beats * self.project.tempo.samples_per_beat(self.rate))
        self.playing = False
        self._click_until = start if count_in else -NEVER
        self.position = start - count_in
        if self._stream is None:
            self._open(duplex=self.monitor and self.input_index is not None)
            deadline = time.monotonic() + settle_s + 5.0
            while self.stream_frames < settle_s * self.rate and time.monotonic() < deadline:
                time.sleep(0.005)
        self.play()
        return start - count_in

    def stop(self) -> None:
        """Stops the transport and closes the stream (a take in progress is finished first)."""
        self.playing = False
        if self._rec is not None:
            self.stop_recording()
        self._close()

    # -- stream --------------------------------------------------------------------------

    def _open(self, *, duplex: bool, preroll: bool = False) -> None:
        self.stream_frames = 0
        self.callbacks = 0
        self._stream_failed = False
        self._health_seen = (-1, 0.0)
        self._dac_adc.fill(np.nan)
        self._probe_buf.fill(0.0)
        # The pre-roll is counted from when the stream is open and wired (after_open), so
        # that the probe is not played into ports nobody has connected yet.
        self._preroll_end = NEVER if preroll else 0
        self._preroll_base = NEVER
        common = dict(
            samplerate=self.rate,
            blocksize=self.block,
            dtype="float32",
            latency="high",
            prime_output_buffers_using_stream_callback=True,
            finished_callback=self._on_finished,
        )
        try:
            if duplex:
                self._stream = sd.Stream(
                    device=(self.input_index, self.output_index),
                    channels=(self._open_in, OUT_CHANNELS),
                    callback=self.process,
                    **common,
                )
            else:
                self._stream = sd.OutputStream(
                    device=self.output_index,
                    channels=OUT_CHANNELS,
                    callback=self._process_output,
                    **common,
                )
            devices.stream_opened()
            self._stream.start()
            if self.after_open is not None:
                self.after_open()
            if preroll:
                base = self.stream_frames + self.block
                self._preroll_base = base
                self._preroll_end = base + self._preroll_frames
        except (sd.PortAudioError, ValueError) as exc:
            self._close()
            raise AudioDeviceError(f"cannot open the audio device: {exc}") from exc

    def _on_finished(self) -> None:
        self._stream_failed = self._stream_failed or self.playing or self._rec is not None

    def _close(self) -> str | None:
        stream, self._stream = self._stream, None
        if stream is None:
            return None
        problem = None
        try:
            stream.stop()
            stream.close()
        except sd.PortAudioError as exc:
            problem = str(exc)
            with contextlib.suppress(sd.PortAudioError):
                stream.close(ignore_errors=True)
        devices.stream_closed()
        return problem

    @property
    def stream(self) -> sd.Stream | sd.OutputStream | None:
        return self._stream

    def reported_round_trip(self) -> int:
        latency = self._stream.latency if self._stream is not None else (0.0, 0.0)
        total = sum(latency) if isinstance(latency, tuple) else 2 * latency
        return round(total * self.rate)

    def health(self, stall_s: float = 2.0) -> str | None:
        """None while the stream runs; else what went wrong. Call it from a timer: it also
        notices a stream whose callbacks stopped (a device pulled out)."""
        stream = self._stream
        if stream is None:
            return None
        if self._stream_failed or not stream.active:
            return "the audio device stopped (was it unplugged?)"
        seen = self.callbacks
        last = self._health_seen
        now = time.monotonic()
        if last[0] != seen or seen == 0:  # a PulseAudio stream can take 1-2 s to start
            self._health_seen = (seen, now)
        elif now - last[1] > stall_s:
            return "the audio device stopped delivering audio (was it unplugged?)"
        return None

    # -- recording -----------------------------------------------------------------------

    def start_recording(self, options: RecordOptions) -> RoundTrip:
        """Opens a duplex stream, measures its round trip in a silent pre-roll, then starts the
        transport (with the count-in) and records. Returns the round trip the take will use."""
        if self.input_index is None:
            raise AudioDeviceError("no input device is chosen")
        if self.project is None:
            self.load(Project("untitled", sample_rate=self.rate))
        if self._stream is not None:
            self._close()
        project = self.project
        start = self.position if options.start is None else options.start
        rec_start, rec_end = start, NEVER
        if options.punch is not None:
            rec_start, rec_end = options.punch.start, options.punch.end
        take_id = new_id()
        options.folder.mkdir(parents=True, exist_ok=True)
        self._take_meta = (take_id, options, project)
        self.playing = False
        self._start_preroll()
        rt = self._measure_round_trip(options.measure_round_trip)
        spec = TakeSpec(
            take_id=take_id,
            project_id=project.id,
            track_id=options.track_id,
            position=rec_start,
            latency_offset=rt.samples,
            sample_rate=self.rate,
            channels=self._n_in,
            file_format=options.file_format,
        )
        writer = TakeWriter(options.folder, spec)
        try:
            writer.start()
        except Exception:
            self._close()
            raise
        self._round_trip = rt
        count_in = round(options.count_in_beats * project.tempo.samples_per_beat(self.rate))
        self._click_until = start if count_in else -NEVER
        self.click_on = options.click
        self._audible_at_start = {t.id for t in project.tracks if project.is_audible(t)}
        self._overdub = options.overdub
        self.position = start - count_in
        self._rec = _Recording(writer, rec_start, rec_end, rt.samples)
        self.playing = True
        return rt

    def _start_preroll(self, attempts: int = 2, timeout_s: float = 5.0) -> None:
        """Opens the duplex stream and waits out the pre-roll. A PulseAudio stream now and then
        never starts delivering; a fresh one does, so the second attempt opens another."""
        for attempt in range(attempts):
            self._open(duplex=True, preroll=True)
            deadline = time.monotonic() + timeout_s + self._preroll_frames / self.rate
            while self.stream_frames < self._preroll_end:
                if time.monotonic() > deadline or self._stream_failed:
                    break
                time.sleep(0.005)
            else:
                return
            self._close()
            log.warning("the stream did not start (attempt %d of %d)", attempt + 1, attempts)
        raise AudioDeviceError(f"the audio device did not start (no audio in {timeout_s:g} s)")

    def _measure_round_trip(self, probe: bool) -> RoundTrip:
        measured = None
        if probe:
            self.probe_results = tuple(
                round_trip.from_probe(self._probe_buf, at, self._probe_spacing)
                for at in self._probe_times
            )
            measured = self.probe_results[-1]
            if len(set(self.probe_results[-2:])) > 1:
                log.info("the round trip moved during the pre-roll: %s", self.probe_results)
        timed = round_trip.from_time_info(self._dac_adc, self.rate)
        calibrated = None
        if self.latency_provider is not None:
            try:
                calibrated = self.latency_provider(*self._setup_key())
            except Exception:  # a broken store must not stop a take
                log.exception("the latency provider failed")
        return round_trip.choose(
            probe=measured,
            calibrated=calibrated,
            reported=self.reported_round_trip(),
            time_info=timed,
        )

    def _setup_key(self) -> tuple[str, str, str, int, int]:
        apis = sd.query_hostapis()
        inp = sd.query_devices(self.input_index)
        out = sd.query_devices(self.output_index)
        host = apis[out["hostapi"]]["name"]
        return host, inp["name"], out["name"], self.rate, self.block

    @property
    def recording(self) -> bool:
        return self._rec is not None

    @property
    def recording_path(self) -> Path | None:
        """The file the take being recorded goes to (None when not recording)."""
        rec = self._rec
        return rec.writer.path if rec is not None else None

    def stop_recording(self) -> RecordedTake:
        """Stops the take and the stream; the take is kept even when the device failed."""
        rec = self._rec
        if rec is None:
            raise RuntimeError("not recording")
        error = self.health(stall_s=0.5)
        self._rec = None  # the callback stops writing from its next block
        seen = self.callbacks
        deadline = time.monotonic() + 0.5
        while self.callbacks < seen + 2 and time.monotonic() < deadline and not error:
            time.sleep(0.002)
        self.playing = False
        problem = self._close()
        error = error or (f"the audio device failed: {problem}" if problem else None)
        result = rec.writer.stop()
        take_id, options, project = self._take_meta
        rt = self._round_trip
        position = rec.first_output_pos - rt.samples if rec.first_output_pos >= 0 else rec.start
        if result.path.parent.name == "takes":
            path = f"takes/{result.path.name}"
        else:
            path = str(result.path)
        clip = Clip(
            media=MediaRef(MediaOrigin.TAKE, path, frames=result.frames),
            position=position,
            trim_in=0,
            trim_out=result.frames,
            latency_offset=rt.samples,
        )
        heard = SampleRange(position, position + result.frames)
        silent = [
            t.id for t in project.tracks if not self._overdub or t.id not in self._audible_at_start
        ]
        clip = with_recorded_lineage(project, clip, heard, silent_track_ids=silent)
        take = Take(
            name=options.take_name or f"Take {len(_takes_of(project, options.track_id)) + 1}",
            clip=clip,
            recorded_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            dropouts=result.dropouts,
            id=take_id,
        )
        timeline = tuple(
            dataclasses.replace(d, position=position + d.position) for d in result.dropouts
        )
        return RecordedTake(result, take, options.track_id, rt, heard, timeline, error)

    # -- the callback --------------------------------------------------------------------

    def _process_output(self, outdata, frames, time_info, status) -> None:
        self.process(None, outdata, frames, time_info, status)

    def process(self, indata, outdata, frames, time_info, status) -> None:
        """The stream callback's body (also called directly by tests and the benchmark)."""
        calls = self.callbacks
        self.callbacks = calls + 1
        frame0 = self.stream_frames
        self.stream_frames = frame0 + frames
        if status:
            if status.input_overflow:
                self._event(INPUT_OVERFLOW)
            if status.output_underflow:
                self._event(OUTPUT_UNDERFLOW)
        if indata is not None and calls < 64 and time_info is not None:
            self._dac_adc[calls] = time_info.outputBufferDacTime - time_info.inputBufferAdcTime
        if frames > self.block:
            outdata.fill(0.0)
            self.oversize_blocks += 1
            return
        out = outdata if outdata.shape[1] == OUT_CHANNELS else self._out_block[:frames]
        block_in = None
        if indata is not None:
            block_in = self._in_block[:frames]
            # Column by column: np.take(..., out=) leaks ~50 bytes a call in numpy 2.
            for k, c in self._channel_pairs:
                np.copyto(block_in[:, k], indata[:, c])
        if frame0 < self._preroll_end:
            out.fill(0.0)
            base = self._preroll_base
            for at in self._probe_times:
                probe = base + at
                if frame0 <= probe < frame0 + frames:
                    out[probe - frame0] = round_trip.PROBE_LEVEL
            if block_in is not None and frame0 >= base:
                at = frame0 - base
                end = min(at + frames, self._preroll_frames)
                self._probe_buf[at:end] = block_in[: end - at, 0]
        else:
            self._transport(out, block_in, frames)
        if self.monitor and block_in is not None:
            if self._n_in == 1:
                np.add(out, block_in, out=out)
            else:
                np.add(out, block_in[:, :OUT_CHANNELS], out=out)
        if block_in is not None:
            self.meters.update(block_in)
        self.output_meters.update(out)
        if out is not outdata:
            outdata[:, : min(outdata.shape[1], OUT_CHANNELS)] = out[:, : outdata.shape[1]]
        if self.test_stall_s and self._stall_now():
            stall, self.test_stall_s = self.test_stall_s, 0.0
            rec = self._rec
            self.stalled_at_take_frame = rec.frames if rec is not None else -1
            time.sleep(stall)

    def _stall_now(self) -> bool:
        rec = self._rec
        if self.test_stall_at_take_frame < 0:
            return True
        return rec is not None and rec.frames >= self.test_stall_at_take_frame

    def _event(self, kind: int) -> None:
        if kind == INPUT_OVERFLOW:
            self.input_overflows += 1
        else:
            self.output_underflows += 1
        n = self.events
        if n < MAX_EVENTS:
            self.event_positions[n] = self.position
            self.event_kinds[n] = kind
        self.events = n + 1
        rec = self._rec
        if rec is not None:
            rec.writer.mark_dropout(kind)

    def _transport(self, out: np.ndarray, block_in: np.ndarray | None, frames: int) -> None:
        if self._seek_seq != self._seek_done:
            self._seek_done = self._seek_seq
            self.position = self._seek_target
        pos = self.position
        mixer = self._mixer
        rec = self._rec
        self.clock_stamp = (pos, time.monotonic(), self.playing and mixer is not None)
        if not self.playing or mixer is None:
            out.fill(0.0)
            return
        loop = self.loop if rec is None else None
        if loop is not None and loop[0] <= pos < loop[1] < pos + frames:
            first = loop[1] - pos
            self._render(mixer, pos, out[:first])
            self._render(mixer, loop[0], out[first:])
            self._clicks(pos, out[:first])
            self._clicks(loop[0], out[first:])
            self.position = loop[0] + frames - first
            return
        if rec is None or self._overdub:
            self._render(mixer, pos, out)
        else:
            out.fill(0.0)
        self._clicks(pos, out)
        if rec is not None and block_in is not None and not rec.done:
            heard0 = pos - rec.rt
            a = rec.start - heard0
            a = 0 if a < 0 else a
            b = rec.end - heard0
            b = frames if b > frames else b
            if a < b:
                if rec.first_output_pos < 0:
                    rec.first_output_pos = pos + a
                rec.writer.write(block_in[a:b])
                rec.frames += b - a
            elif heard0 >= rec.end:
                rec.done = True
        self.position = pos + frames
        if rec is None and self.stop_at_end and loop is None and pos + frames >= mixer.plan.end:
            self.playing = False
            self.finished = True

    @staticmethod
    def _render(mixer: Mixer, pos: int, out: np.ndarray) -> None:
        frames = len(out)
        if pos >= 0:
            mixer.render_block(pos, out)
        elif pos + frames <= 0:
            out.fill(0.0)
        else:  # a count-in block that reaches sample 0: the mixer starts at 0
            out[:-pos].fill(0.0)
            mixer.render_block(0, out[-pos:])

    def _clicks(self, pos: int, out: np.ndarray) -> None:
        click = self._click
        if click is not None and self.click_on:
            click.add(pos, out)
        elif click is not None and pos < self._click_until:
            click.add(pos, out, self._click_until)


def _takes_of(project: Project, track_id: str) -> list[Take]:
    return next((t.takes for t in project.tracks if t.id == track_id), [])


def _empty(project: Project) -> MixPlan:
    return compile_plan(project, lambda ref: np.zeros((0, 2), np.float32))
