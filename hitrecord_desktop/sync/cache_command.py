"""`hitrecord-desktop cache`: see, limit, empty or fill the media download cache from a terminal.

    cache                     where it is, what it holds, its limit
    cache limit 4096          set the limit (MiB), saved in the settings, applied at once
    cache clear               delete every cached download
    cache prefetch PROJECT    download the contributions a project plays

`cli.py` registers it with `add_arguments` and calls `run`; the heavy imports wait for `run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import AppPaths

if TYPE_CHECKING:
    from .media_cache import MediaCache

MIB = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="cache_action", metavar="ACTION")
    actions.add_parser("status", help="where the cache is, what it holds, its limit (default)")
    limit = actions.add_parser("limit", help="set the cache limit, applied at once")
    limit.add_argument("mib", type=int, help="the limit in MiB (at least 64)")
    actions.add_parser("clear", help="delete every cached download")
    prefetch = actions.add_parser("prefetch", help="download the contributions a project plays")
    prefetch.add_argument("project", type=Path, help="the project: its folder, or its file")
    prefetch.add_argument("--server", help="server URL (default: the current one)")
    prefetch.add_argument("--parallel", type=int, default=2, help="downloads at once (default 2)")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from ..user_settings import load_settings
    from .media_cache import MediaCacheError, open_media_cache

    settings = load_settings(paths.settings_file)
    try:
        cache = open_media_cache(paths, settings.media_cache_limit)
        action = args.cache_action or "status"
        if action == "limit":
            return _set_limit(args.mib, paths, cache)
        if action == "clear":
            print(f"deleted {cache.clear()} file(s) from {cache.folder}")
            return 0
        if action == "prefetch":
            return _prefetch(args, paths, cache)
        _print_status(cache)
        return 0
    except (MediaCacheError, OSError) as exc:
        print(f"hitrecord-desktop cache: {exc}", file=sys.stderr)
        return 1


def _print_status(cache: MediaCache) -> None:
    usage = cache.usage()
    print(f"media cache: {cache.folder}")
    print(
        f"{usage.files} file(s), {usage.partial} unfinished download(s), "
        f"{usage.total_bytes / MIB:.1f} MiB of {usage.limit / MIB:.0f} MiB"
    )


def _set_limit(mib: int, paths: AppPaths, cache: MediaCache) -> int:
    from ..user_settings import load_settings, save_settings

    settings = load_settings(paths.settings_file)
    try:
        settings.set_media_cache_limit(mib * MIB)
    except ValueError as exc:
        print(f"hitrecord-desktop cache: {exc}", file=sys.stderr)
        return 2
    save_settings(paths.settings_file, settings)
    cache.set_limit(settings.media_cache_limit)
    _print_status(cache)
    return 0


def _prefetch(args: argparse.Namespace, paths: AppPaths, cache: MediaCache) -> int:
    from ..api.token_store import TokenStore
    from ..connection import open_current
    from ..local_community import LocalCommunityError
    from ..mixing.render_command import load_project
    from ..project.file_errors import ProjectFileError
    from ..user_settings import load_settings
    from .prefetch import ItemState, PrefetchEvent, prefetch_project

    if args.parallel < 1:
        print("hitrecord-desktop cache: --parallel must be at least 1", file=sys.stderr)
        return 2
    try:
        project, _folder = load_project(args.project, sys.stderr)
    except FileNotFoundError:
        print(f"hitrecord-desktop cache: {args.project}: no project there", file=sys.stderr)
        return 2
    except (OSError, ProjectFileError) as exc:
        print(f"hitrecord-desktop cache: cannot open the project: {exc}", file=sys.stderr)
        return 2
    settings = load_settings(paths.settings_file)
    try:
        connection = open_current(paths, settings, TokenStore(), args.server)
    except (LocalCommunityError, ValueError) as exc:
        print(f"hitrecord-desktop cache: {exc}", file=sys.stderr)
        return 2

    def report(event: PrefetchEvent) -> None:
        cid = event.contribution_id
        if event.state == ItemState.DONE:
            how = "already cached" if event.was_cached else "downloaded"
            print(f"contribution {cid}: {how}: {event.path}", flush=True)
        elif event.state == ItemState.FAILED:
            print(f"contribution {cid}: failed: {event.error}", flush=True)

    try:
        with prefetch_project(
            cache, connection.client, project, parallel=args.parallel, on_event=report
        ) as run:
            try:
                run.wait()
            except KeyboardInterrupt:
                print("stopping; unfinished downloads resume next time", file=sys.stderr)
                run.cancel()
                run.wait()
                return 130
    finally:
        connection.close()
    cached = sum(1 for r in run.results.values() if r.state == ItemState.DONE)
    print(f"{cached} of {len(run.items)} contribution(s) cached", file=sys.stderr)
    return 0 if cached == len(run.items) else 1
