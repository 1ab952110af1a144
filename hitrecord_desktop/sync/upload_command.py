"""`hitrecord-desktop upload FILE --challenge ID ...`: queue a take and wait for it to arrive.

The job goes into the same queue the app uses, so Ctrl-C (or a closed terminal) only stops the
waiting: the upload stays queued and goes on with `hitrecord-desktop sync run` or in the app.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hitrecord_desktop.paths import AppPaths

if TYPE_CHECKING:
    from hitrecord_desktop.api.models import LineageRef

_BUILT_ON = re.compile(r"(\d+)@(-?\d+(?:\.\d+)?)(s?)")
LINEAGE_RATE = 48_000  # samples per second of offsets given in seconds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the take (audio or video file)")
    parser.add_argument("--challenge", type=int, help="the challenge it answers (its id)")
    parser.add_argument("--title", default="", help="its title (default: the file's name)")
    parser.add_argument(
        "--role", default="", help="what it is: vocals, narration, music ... (default: the "
        "challenge's role when it wants only one)"
    )  # fmt: skip
    parser.add_argument("--kind", choices=["audio", "video"], help="audio or video")
    parser.add_argument(
        "--built-on",
        action="append",
        default=[],
        metavar="ID@OFFSET",
        help="a contribution the take was recorded over, and where it starts in the take: "
        "samples at 48 kHz (12@96000), or seconds with s (12@2.5s); repeat for each",
    )
    parser.add_argument("--server", help="server URL (default: the current one)")
    parser.add_argument(
        "--tus-url",
        help="send the file to this tus 1.0.0 upload URL instead (no contribution is made)",
    )
    parser.add_argument(
        "--limit-rate", type=_rate, help="at most this many bytes per second (e.g. 500k, 2M)"
    )
    parser.add_argument(
        "--no-wait", action="store_true", help="queue it and return at once (the app sends it)"
    )


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from hitrecord_desktop.api.errors import ApiError
    from hitrecord_desktop.api.urls import normalise_server_url
    from hitrecord_desktop.sync.queue_watch import QueueRunner, print_error
    from hitrecord_desktop.sync.server_clients import server_key
    from hitrecord_desktop.sync.server_watch import TUS_SERVER_PREFIX
    from hitrecord_desktop.sync.upload_jobs import UploadRequest
    from hitrecord_desktop.sync.upload_queue import QueueError
    from hitrecord_desktop.user_settings import load_settings

    try:
        lineage = tuple(_lineage_ref(text) for text in args.built_on)
        if args.tus_url:
            server = TUS_SERVER_PREFIX + args.tus_url
            normalise_server_url(args.tus_url)  # an http(s) address, or a clear error
        else:
            current = load_settings(paths.settings_file).current_server
            server = server_key(args.server, current)
            if args.challenge is None:
                raise ValueError("say which challenge the take answers: --challenge ID")
    except ValueError as exc:
        print_error(str(exc))
        return 2
    with QueueRunner(paths, rate_limit=args.limit_rate) as runner:
        try:
            role = args.role or ("" if args.tus_url else runner.only_role(server, args.challenge))
            request = UploadRequest(
                path=args.file,
                server=server,
                challenge_id=None if args.tus_url else args.challenge,
                title=args.title,
                role=role,
                media_kind=args.kind,
                lineage=lineage,
                tus_url=args.tus_url,
            )
            job = runner.add(request)
        except (QueueError, ApiError, ValueError) as exc:
            print_error(str(exc))
            return 1
        print(f"Queued {args.file.name} as upload {job.id[:8]}.", file=sys.stderr)
        if args.no_wait:
            return 0
        return runner.wait_for([job.id])


def _lineage_ref(text: str) -> LineageRef:
    from hitrecord_desktop.api.models import LineageRef

    match = _BUILT_ON.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"--built-on {text!r}: write CONTRIBUTION_ID@OFFSET, e.g. 12@96000 (samples at "
            "48 kHz) or 12@2.5s (seconds)"
        )
    contribution, offset, seconds = match.groups()
    if seconds:
        samples = round(float(offset) * LINEAGE_RATE)
    elif "." in offset:
        raise ValueError(f"--built-on {text!r}: samples are whole numbers; add s for seconds")
    else:
        samples = int(offset)
    return LineageRef(int(contribution), samples, LINEAGE_RATE)


def _rate(text: str) -> float:
    """`500k`, `2M`, `1000000`: bytes per second (k and M are 1000 and 1000000)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a rate such as 500k or 2M")
    value = float(match.group(1)) * {"": 1, "k": 1e3, "m": 1e6}[match.group(2).lower()]
    if value <= 0:
        raise argparse.ArgumentTypeError("the rate must be more than zero")
    return value
