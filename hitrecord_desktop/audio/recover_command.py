"""`hitrecord-desktop recover`: finds takes cut short by a crash and makes them loadable."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import AppPaths

if TYPE_CHECKING:
    from ..video.webcam_recovery import RecoveredWebcamTake
    from .take_recovery import RecoveredTake


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
    lines, failures = rescue_orphaned_takes(args.folders or take_folders(paths))
    print("\n".join(lines) if lines else "no orphaned takes")
    return 1 if failures else 0


def rescue_orphaned_takes(folders: list[Path]) -> tuple[list[str], int]:
    """Repairs every orphaned take in `folders` and puts each back on its track; what was done,
    a line or two per take (none when there was nothing to do), and how many could not be
    saved. The CLI prints the lines; the app shows them at start."""
    # Imported here, as cli.py does for every subcommand: numpy and libsndfile load only when used.
    from ..video.webcam_recovery import rescue_webcam_takes
    from .take_recovery import RecoveryError, find_orphaned_takes, recover

    lines: list[str] = []
    # Webcam takes first: each claims its own sound file, which is then no orphan of its own.
    webcam_takes, problems = rescue_webcam_takes(folders)
    failures = len(problems)
    lines.extend(f"could not recover {problem}" for problem in problems)
    for webcam in webcam_takes:
        lines.append(
            f"recovered camera take {webcam.path} ({webcam.seconds:.1f} s, {webcam.frames} "
            f"frames) for project {webcam.project_id}, track {webcam.track_id}, "
            f"at sample {webcam.position}"
        )
        lines.append(f"  {put_back(webcam)}")
    for orphan in find_orphaned_takes(folders):
        try:
            take = recover(orphan)
        except (RecoveryError, OSError) as exc:
            failures += 1
            lines.append(f"could not recover {orphan.take_path}: {exc}")
            continue
        lines.append(
            f"recovered {take.path} ({take.seconds:.1f} s) for project {take.project_id}, "
            f"track {take.track_id}, at sample {take.position}"
        )
        lines.append(f"  {put_back(take)}")
    return lines, failures


def put_back(take: RecoveredTake | RecoveredWebcamTake) -> str:
    """Adds a recovered take to its track, where it was recorded, and saves the project; says
    what it did. A take outside a project folder, or whose project or track is gone, is left
    as a file for the user to import."""
    from ..project.commands import AddTake, EditError
    from ..project.file_errors import ProjectFileError
    from ..project.lineage import with_recorded_lineage
    from ..project.model import SampleRange
    from ..project.project_store import TAKES_DIR, ProjectStore

    if take.path.parent.name != TAKES_DIR:
        return "not in a project's takes folder: import the file to use it"
    store = ProjectStore(take.path.parent.parent)
    try:
        project = store.load().project
    except (FileNotFoundError, ProjectFileError, OSError) as exc:
        return f"its project could not be opened ({exc}): import the file to use it"
    if project.id != take.project_id:
        return "the project in that folder is another one: import the file to use it"
    if not any(t.id == take.track_id for t in project.tracks):
        return "its track is gone from the project: import the file to use it"
    if any(t.id == take.take_id for tr in project.tracks for t in tr.takes):
        return "already on its track"
    made = take.to_take()
    made.clip.media = dataclasses.replace(made.clip.media, path=f"{TAKES_DIR}/{take.path.name}")
    # What plays there now is the best account of what was heard: the journal holds no lineage.
    heard = SampleRange(made.clip.position, made.clip.end)
    made.clip = with_recorded_lineage(project, made.clip, heard)
    try:
        AddTake(take.track_id, made).apply(project)
        store.save(project)
    except (EditError, OSError) as exc:
        return f"could not add it to the project ({exc}): import the file to use it"
    return f"put back on its track in '{project.title}' as the playing take"
