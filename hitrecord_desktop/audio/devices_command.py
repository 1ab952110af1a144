"""The `devices` subcommand: the host APIs and audio devices PortAudio sees, and the choice
remembered for this machine.

    hitrecord-desktop devices [--rates]
"""

from __future__ import annotations

import argparse

from ..paths import AppPaths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rates", action="store_true", help="also try the usual sample rates on each device"
    )


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from .devices import ChoiceStore, common_rates, list_devices, list_host_apis

    for api in list_host_apis():
        print(f"{api.name}: default input {api.default_input}, default output {api.default_output}")
        for device in list_devices():
            if device.host_api != api.name:
                continue
            line = (
                f"  [{device.index}] {device.name}: {device.max_input_channels} in, "
                f"{device.max_output_channels} out, {device.default_sample_rate:g} Hz"
            )
            if args.rates:
                kinds = [
                    (kind, n)
                    for kind, n in (
                        ("input", device.max_input_channels),
                        ("output", device.max_output_channels),
                    )
                    if n
                ]
                for kind, n in kinds:
                    rates = common_rates(device.index, kind, min(n, 2))
                    line += f"; {kind} rates {', '.join(map(str, rates)) or 'none of the usual'}"
            print(line)
    choice = ChoiceStore(paths.config_dir).load()
    print(f"remembered here: {choice}" if choice else "remembered here: nothing (the defaults)")
    return 0
