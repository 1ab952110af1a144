"""`hitrecord-desktop recover`: finds takes cut short by a crash and makes them loadable."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..paths import AppPaths


def take_folders(paths: AppPaths) -> list[Path]:
    """Where the app records takes: each project's `takes` folder, and the loose one."""
    return [*sorted(paths.data_dir.glob("projects/*/takes")), paths.data_dir / "takes"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folders",
        nargs="*",
        type=Path,
        help="take folders to scan (default: the app's own)",
    )


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    # Imported here, as cli.py does for every subcommand: numpy and libsndfile load only when used.
    from .take_recovery import RecoveryError, find_orphaned_takes, recover

    folders = args.folders or take_folders(paths)
    orphans = find_orphaned_takes(folders)
    if not orphans:
        print("no orphaned takes")
        return 0
    failures = 0
    for orphan in orphans:
        try:
            take = recover(orphan)
        except (RecoveryError, OSError) as exc:
            failures += 1
            print(f"could not recover {orphan.take_path}: {exc}")
            continue
        print(
            f"recovered {take.path} ({take.seconds:.1f} s) for project {take.project_id}, "
            f"track {take.track_id}, at sample {take.position}"
        )
    return 1 if failures else 0
