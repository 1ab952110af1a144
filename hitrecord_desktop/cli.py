"""Command line: the GUI by default, plus `server`, `challenges`, `login` and `import`.

Subcommands import what they need when they run, so `server` never loads Qt and the GUI
never loads uvicorn.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .logging_setup import configure_logging
from .paths import app_paths

# Commands whose module offers `add_arguments(parser)` and `run(args, paths) -> int`. Their
# modules import only argparse-level things at the top, so building the parser stays cheap.
TOOL_COMMANDS: dict[str, tuple[str, str]] = {
    "import": (".media.import_command", "decode a media file into the cache and describe it"),
    "render": (".mixing.render_command", "mix a project down to a file, with its loudness"),
    "recover": (".audio.recover_command", "find and repair takes cut short by a crash"),
    "calibrate": (".audio.calibrate_command", "measure and store the audio round trip latency"),
    "devices": (".audio.devices_command", "list the audio systems and devices"),
    "play": (".audio.play_command", "play a project through the audio output"),
    "record": (".audio.record_command", "record a take, alone or over a project"),
    "upload": (".sync.upload_command", "upload a take (queued: it survives restarts)"),
    "sync": (".sync.sync_command", "see and steer the upload queue"),
    "cache": (".sync.cache_command", "see, limit, empty or fill the media download cache"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hitrecord-desktop",
        description=(
            "HitRecord Desktop: browse community challenges, record takes over others' "
            "contributions, and upload them with credit. With no command, opens the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check this install headless (audio, server, decoding, libVLC, Qt) and exit",
    )
    parser.add_argument(
        "--require-audio-devices",
        action="store_true",
        help="with --self-check: fail unless an audio input and output are found",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("gui", help="open the app (the default)")

    from .server.main import add_arguments as add_server_arguments

    server = commands.add_parser("server", help="run the platform server")
    add_server_arguments(server)

    challenges = commands.add_parser("challenges", help="list the open challenges of a server")
    challenges.add_argument("--server", help="server URL (default: the current one)")
    challenges.add_argument("--json", action="store_true", help="print JSON lines")
    challenges.add_argument("-q", "--query", help="full-text search")
    challenges.add_argument("--role", help="only challenges wanting this role")
    challenges.add_argument("--kind", choices=["audio", "video"])
    challenges.add_argument("--status", choices=["open", "closed", "any"], default="open")
    challenges.add_argument("--limit", type=int, default=50, help="at most this many")

    login = commands.add_parser("login", help="sign in to a server and remember it")
    login.add_argument("--server", required=True, help="server URL, e.g. https://example.org")
    login.add_argument("--username", help="asked for if not given")
    login.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    for name, (module, help_text) in TOOL_COMMANDS.items():
        importlib.import_module(module, __package__).add_arguments(
            commands.add_parser(name, help=help_text)
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = "self-check" if args.self_check else args.command or "gui"
    paths = app_paths().ensure()
    configure_logging(paths.log_dir, verbose=args.verbose, name=command)
    if args.self_check:
        from . import self_check

        return self_check.run(require_audio=args.require_audio_devices)
    if command == "server":
        from .server.main import run as run_server

        return run_server(args)
    if command in ("challenges", "login"):
        from . import account_commands

        runner = (
            account_commands.list_challenges
            if command == "challenges"
            else (account_commands.login)
        )
        return runner(args, paths)
    if command in TOOL_COMMANDS:
        return importlib.import_module(TOOL_COMMANDS[command][0], __package__).run(args, paths)
    from .ui.launch import run_gui

    return run_gui(paths)


if __name__ == "__main__":
    sys.exit(main())
