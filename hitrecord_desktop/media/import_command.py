"""`hitrecord-desktop import FILE`: decode a media file into the PCM cache and say what it held."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..paths import AppPaths
from ..project.model import DEFAULT_SAMPLE_RATE
from ..project.rules import MAX_SAMPLE_RATE, MIN_SAMPLE_RATE


def sample_rate_argument(text: str) -> int:
    """A project rate argparse can refuse with a one-line message (no traceback later)."""
    try:
        rate = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of Hz: {text!r}") from None
    if not MIN_SAMPLE_RATE <= rate <= MAX_SAMPLE_RATE:
        raise argparse.ArgumentTypeError(
            f"{rate} Hz is outside {MIN_SAMPLE_RATE}..{MAX_SAMPLE_RATE} Hz"
        )
    return rate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="an audio or video file")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--rate",
        type=sample_rate_argument,
        default=DEFAULT_SAMPLE_RATE,
        help=f"project sample rate to cache at (default {DEFAULT_SAMPLE_RATE})",
    )


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from .decoding import Cancelled
    from .pcm_cache import PcmCache
    from .probe import MediaError

    cache = PcmCache(paths.cache_dir / "pcm")
    try:
        cached = cache.get_or_decode(Path(args.file), args.rate)
    except MediaError as error:
        print(f"hitrecord-desktop import: {args.file}: {error.problem}", file=sys.stderr)
        return 1
    except (Cancelled, KeyboardInterrupt):
        print(f"hitrecord-desktop import: {args.file}: cancelled", file=sys.stderr)
        return 130
    except OSError as error:  # the cache folder itself: full disk, no permission
        reason = error.strerror or str(error)
        print(f"hitrecord-desktop import: {args.file}: cannot write the cache ({reason})",
              file=sys.stderr)  # fmt: skip
        return 1
    source = cached.source
    report = {
        "file": str(args.file),
        "sha256": cached.sha256,
        "container": source.container,
        "codec": source.codec,
        "sample_rate": source.sample_rate,
        "channels": source.channels,
        "duration_s": round(len(cached.frames) / cached.sample_rate, 6),
        "video": source.video.to_json() if source.video else None,
        "cache": {
            "path": str(cached.path),
            "sample_rate": cached.sample_rate,
            "channels": cached.channels,
            "frames": len(cached.frames),
        },
    }
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"file:        {report['file']}")
    print(f"audio:       {source.codec} in {source.container}, {source.sample_rate} Hz, "
          f"{source.channels} channel(s), {report['duration_s']:.3f} s")  # fmt: skip
    if source.video:
        v = source.video
        print(f"video:       {v.codec}, {v.width}x{v.height}, {v.fps:g} fps, {v.duration_s:.3f} s")
    print(f"cached:      {cached.sample_rate} Hz, {cached.channels} channel(s), "
          f"{len(cached.frames)} frames")  # fmt: skip
    print(f"cache file:  {cached.path}")
    print(f"sha256:      {cached.sha256}")
    return 0
