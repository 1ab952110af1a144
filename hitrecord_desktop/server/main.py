"""`hitrecord-desktop server`: run the platform for a group, or as the app's local community."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from pathlib import Path

from ..paths import app_paths
from .settings import GIB, ServerSettings

READY_MARKER = "HITRECORD-SERVER-READY"
log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=_port, default=8765, help="port (0: any free port)")
    parser.add_argument("--data-dir", type=Path, help="where the database and media live")
    parser.add_argument(
        "--database-url",
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db (default: SQLite in data dir)",
    )
    parser.add_argument("--demo", action="store_true", help="seed the demo community once")
    parser.add_argument("--community-name", default="Local community")
    parser.add_argument(
        "--max-upload-bytes", type=int, default=4 * GIB, help="largest upload accepted"
    )
    parser.add_argument(
        "--print-openapi", action="store_true", help="print the OpenAPI document and exit"
    )
    # Used by the desktop app when it runs the embedded local community.
    parser.add_argument("--bootstrap-token-stdin", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-with-stdin", action="store_true", help=argparse.SUPPRESS)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {value}")
    return value


def _watch_stdin_then_exit() -> None:
    """Exits when stdin closes: the parent app is gone, so its local server goes too."""

    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            log.info("parent closed stdin; shutting down")
            os._exit(0)

    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


def run(args: argparse.Namespace) -> int:
    if args.print_openapi:
        from .openapi_doc import render_openapi

        sys.stdout.write(render_openapi())
        return 0
    from .app import create_app
    from .runner import bind_socket, serve_forever

    try:  # first, so a busy port is said in one line before any database work
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        print(
            f"hitrecord-desktop server: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 2

    token = None
    if args.bootstrap_token_stdin:
        token = sys.stdin.readline().strip() or None
    data_dir = args.data_dir or app_paths().data_dir / "server"
    settings = ServerSettings(
        data_dir=data_dir,
        database_url=args.database_url,
        community_name=args.community_name,
        max_upload_bytes=args.max_upload_bytes,
        bootstrap_token=token,
    )
    try:
        app = create_app(settings)
    except Exception as exc:  # a wrong URL or an unreachable database: say which, no trace
        print(f"hitrecord-desktop server: cannot open the database: {exc}", file=sys.stderr)
        return 2
    if args.demo:
        from .demo import seed_demo

        if seed_demo(app.state.db, app.state.store):
            log.info("seeded the demo community in %s", data_dir)
    if args.exit_with_stdin:
        _watch_stdin_then_exit()

    def ready(url: str) -> None:
        print(f"{READY_MARKER} {url}", flush=True)
        log.info("platform server listening on %s (data in %s)", url, data_dir)

    serve_forever(app, args.host, args.port, ready, sock=sock)
    return 0
