"""The `record` subcommand: record a take from the chosen input, alone or over a project.

    hitrecord-desktop record OUT.wav [--seconds N] [--over PROJECT] [--track NAME]
                                     [--count-in BEATS] [--click]

A live meter line on a terminal while recording; the take's placement, round trip and dropouts
at the end. With `--over`, the project plays while recording and the take is added to it (to
the armed track, `--track`, or a new "Recording" track), saved through the project store; the
take file stays in the project's `takes/` folder and OUT.wav gets a copy.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from functools import partial
from pathlib import Path

from ..paths import AppPaths
from .live_session import add_device_arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="the take to write (.wav)")
    parser.add_argument("--seconds", type=float, help="stop after this long (default: Ctrl-C)")
    parser.add_argument("--over", type=Path, metavar="PROJECT", help="play this project too")
    parser.add_argument("--track", help="the track of the project to record on")
    parser.add_argument("--start", type=float, default=0.0, help="timeline second to start at")
    parser.add_argument("--count-in", type=int, default=0, metavar="BEATS")
    parser.add_argument("--click", action="store_true", help="click at the project tempo")
    add_device_arguments(parser)


def _track_for(project, name: str | None):
    """(the track to record on, the AddTrack command when it is new)."""
    from ..project.commands import AddTrack
    from ..project.model import Track

    for track in project.tracks:
        if (name and track.name == name) or (not name and track.armed):
            return track, None
    track = Track(name or "Recording")
    return track, AddTrack(track)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from ..media.pcm_cache import PcmCache
    from ..project.commands import AddTake
    from ..project.edit_history import EditHistory
    from ..project.model import Project
    from ..project.project_store import ProjectStore
    from .devices import AudioDeviceError
    from .engine import AudioEngine, RecordOptions
    from .latency_store import stored_round_trip
    from .live_session import device_choice, meter_line
    from .take_writer import TakeWriteError

    choice = device_choice(paths, args)
    store = history = track = None
    try:
        # Without a path from the output back to the input (headphones), the round trip the
        # user measured with `calibrate` for these devices places the take.
        engine = AudioEngine(choice, latency_provider=partial(stored_round_trip, paths))
        if args.over is not None:
            from ..mixing.render_command import load_project

            project, folder = load_project(args.over, sys.stderr)
            store = ProjectStore(folder)
            cache = PcmCache(paths.cache_dir / "pcm")
            rate = project.sample_rate
            if rate != choice.sample_rate:
                print(f"error: the project runs at {rate} Hz, the device at "
                      f"{choice.sample_rate} Hz", file=sys.stderr)  # fmt: skip
                return 1
            history = EditHistory(project)
            track, add_track = _track_for(project, args.track)
            if add_track is not None:
                history.execute(add_track)
            engine.load(project, lambda ref: cache.pcm_for(ref, rate, folder))
            takes = store.takes_dir
        else:
            project = Project("recording", sample_rate=choice.sample_rate)
            engine.load(project)
            takes = args.out.resolve().parent
        rate = choice.sample_rate
        options = RecordOptions(
            folder=takes,
            track_id=track.id if track is not None else "",
            start=round(args.start * rate),
            overdub=args.over is not None,
            count_in_beats=args.count_in,
            click=args.click,
        )
        rt = engine.start_recording(options)
    except (AudioDeviceError, TakeWriteError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"round trip {rt.samples} samples ({rt.source}; {rt.candidates})", file=sys.stderr)
    started = time.monotonic()
    problem = None
    try:
        while args.seconds is None or time.monotonic() - started < args.seconds:
            problem = engine.health()
            if problem:
                break
            if sys.stdout.isatty():
                print(meter_line(engine.meters, time.monotonic() - started), end="", flush=True)
            time.sleep(1 / 30)
    except KeyboardInterrupt:
        pass
    recorded = engine.stop_recording()
    result, take = recorded.result, recorded.take
    if args.over is None:
        shutil.move(result.path, args.out)
        result.journal_path.unlink(missing_ok=True)
    else:
        shutil.copyfile(result.path, args.out)
        history.execute(AddTake(track.id, take))
        store.save(project)
    clip = take.clip
    print(
        f"\n{args.out}: {result.frames / rate:.2f} s at timeline sample {clip.position} "
        f"({clip.position / rate:.3f} s), latency offset {clip.latency_offset} samples "
        f"({recorded.round_trip.source})"
    )
    print(f"dropouts: {len(take.dropouts)}")
    for drop in recorded.timeline_dropouts:
        print(f"  {drop.kind} at timeline sample {drop.position}")
    error = problem or recorded.error
    if error:
        print(f"error: {error}; what was recorded is kept", file=sys.stderr)
        return 1
    return 0
