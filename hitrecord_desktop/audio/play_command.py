"""The `play` subcommand: play a project through the chosen output.

hitrecord-desktop play PROJECT [--start S] [--loop A B] [--seconds N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..paths import AppPaths
from .live_session import add_device_arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help="the project: its folder, or its project file")
    parser.add_argument("--start", type=float, default=0.0, help="from this second")
    parser.add_argument("--loop", type=float, nargs=2, metavar=("A", "B"), help="loop A–B s")
    parser.add_argument("--seconds", type=float, help="stop after this long")
    add_device_arguments(parser)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from ..media.pcm_cache import PcmCache
    from ..mixing.render_command import load_project
    from ..project.model import SampleRange
    from .devices import AudioDeviceError
    from .engine import AudioEngine
    from .live_session import device_choice, meter_line

    project, folder = load_project(args.project, sys.stderr)
    rate = project.sample_rate
    cache = PcmCache(paths.cache_dir / "pcm")
    choice = device_choice(paths, args)
    try:
        engine = AudioEngine(choice)
        engine.load(project, lambda ref: cache.pcm_for(ref, rate, folder))
        if args.loop:
            engine.set_loop(SampleRange(round(args.loop[0] * rate), round(args.loop[1] * rate)))
        engine.play(round(args.start * rate))
    except AudioDeviceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        while engine.playing:
            problem = engine.health()
            if problem:
                print(f"\nerror: {problem}", file=sys.stderr)
                engine.stop()
                return 1
            if args.seconds is not None and time.monotonic() - started >= args.seconds:
                break
            if sys.stdout.isatty():
                print(meter_line(engine.output_meters, engine.position / rate), end="", flush=True)
            time.sleep(1 / 30)
    except KeyboardInterrupt:
        pass
    engine.stop()
    print(f"\nplayed to {engine.position / rate:.2f} s")
    return 0
