"""What the app offers back at start after a crash: takes rescued from a cut-short recording,
and projects that were open (with autosaved changes) when the app stopped. No Qt.

A project folder holds a `.open-session` mark while the app has it open; a clean close removes
it, so a mark found at start means the app died with the project open. Times are in seconds for
people, never sample numbers.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from hitrecord_desktop.project.project_store import ProjectStore, list_projects

log = logging.getLogger(__name__)

SESSION_MARK = ".open-session"


@dataclass(frozen=True)
class RescuedTake:
    """A take repaired after a crash, and what became of it."""

    take_id: str
    path: Path
    seconds: float  # length of the recovered audio
    start_seconds: float  # where it starts on the timeline
    project_id: str
    project_title: str | None  # None: no project of that id in the folder
    project_folder: Path | None
    track_id: str
    track_name: str | None
    outcome: str  # put back on its track, or why not


@dataclass(frozen=True)
class UnsavedProject:
    """A project the app had open when it stopped; its last autosave holds the work."""

    project_id: str
    title: str
    folder: Path
    autosaved_at: float  # epoch seconds of the project file


@dataclass(frozen=True)
class RecoveryOffer:
    takes: tuple[RescuedTake, ...]
    projects: tuple[UnsavedProject, ...]
    problems: tuple[str, ...]  # takes that could not be rescued, in words

    @property
    def empty(self) -> bool:
        return not (self.takes or self.projects or self.problems)


# -- session marks ---------------------------------------------------------------------------


def mark_open(folder: Path) -> None:
    """Call when the app opens a project (the mark holds the process id, for the curious)."""
    (folder / SESSION_MARK).write_text(str(os.getpid()), encoding="utf-8")


def mark_closed(folder: Path) -> None:
    """Call after a clean save and close."""
    (folder / SESSION_MARK).unlink(missing_ok=True)


def left_open(projects_root: Path) -> list[UnsavedProject]:
    found, _skipped = list_projects(projects_root)
    return [
        UnsavedProject(p.id, p.title, p.folder, p.modified)
        for p in found
        if (p.folder / SESSION_MARK).exists()
    ]


# -- gathering -------------------------------------------------------------------------------


def gather_offer(take_folders: list[Path], projects_root: Path) -> RecoveryOffer:
    """Rescues orphaned takes (repairing files, putting them back on their tracks) and lists
    projects left open. Slow (decodes audio): call it off the GUI thread."""
    from hitrecord_desktop.audio.recover_command import put_back
    from hitrecord_desktop.audio.take_recovery import RecoveryError, find_orphaned_takes, recover
    from hitrecord_desktop.video.webcam_recovery import rescue_webcam_takes

    takes: list[RescuedTake] = []
    # Webcam takes first: each claims its own sound file, which is then no orphan of its own.
    webcam_takes, problems = rescue_webcam_takes(take_folders)
    for webcam in webcam_takes:
        takes.append(_rescued(webcam, webcam.seconds, put_back(webcam)))
    for orphan in find_orphaned_takes(take_folders):
        try:
            take = recover(orphan)
        except (RecoveryError, OSError) as exc:
            problems.append(f"{orphan.take_path.name}: {exc}")
            continue
        takes.append(_rescued(take, take.seconds, put_back(take)))
    return RecoveryOffer(tuple(takes), tuple(left_open(projects_root)), tuple(problems))


def _rescued(take, seconds: float, outcome: str) -> RescuedTake:  # type: ignore[no-untyped-def]
    """What the offer shows of a recovered audio or webcam take."""
    title, folder, track_name = _where(take.path, take.project_id, take.track_id)
    return RescuedTake(
        take_id=take.take_id,
        path=take.path,
        seconds=seconds,
        start_seconds=take.position / take.sample_rate,
        project_id=take.project_id,
        project_title=title,
        project_folder=folder,
        track_id=take.track_id,
        track_name=track_name,
        outcome=outcome,
    )


def _where(
    take_path: Path, project_id: str, track_id: str
) -> tuple[str | None, Path | None, str | None]:
    folder = take_path.parent.parent
    store = ProjectStore(folder)
    try:
        project = store.load(read_only=True).project
    except Exception:  # no project there, or unreadable: the offer still names the file
        return None, None, None
    if project.id != project_id:
        return None, None, None
    track = next((t for t in project.tracks if t.id == track_id), None)
    return project.title, folder, track.name if track else None


# -- what the person decided -----------------------------------------------------------------


def discard_take(take: RescuedTake) -> str:
    """Takes the rescued take off its track again; the audio file stays on disk (never deleted
    here), so a change of mind is an import away."""
    from hitrecord_desktop.project.commands import EditError
    from hitrecord_desktop.project.take_edits import RemoveTake

    if take.project_folder is None:
        return f"{take.path.name} was not on a track; the file is kept."
    store = ProjectStore(take.project_folder)
    project = store.load().project
    track = next((t for t in project.tracks if t.id == take.track_id), None)
    if track is None or not any(t.id == take.take_id for t in track.takes):
        return f"{take.path.name} is no longer on its track; the file is kept."
    try:
        RemoveTake(take.track_id, take.take_id).apply(project)
    except EditError as exc:
        return f"{take.path.name} could not be taken off its track: {exc}"
    store.save(project)
    return f"{take.path.name} was taken off its track; the file is kept."


def discard_autosave(project: UnsavedProject) -> str:
    """Goes back to the save before the last autosave; the autosaved file is set aside as
    `project.json.discarded-<time>`, not deleted."""
    store = ProjectStore(project.folder)
    mark_closed(project.folder)
    if not store.backup_file.exists():
        return f"“{project.title}” has no earlier save; it stays as autosaved."
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    aside = store.file.with_name(f"{store.file.name}.discarded-{stamp}")
    with contextlib.suppress(FileNotFoundError):
        os.replace(store.file, aside)
    shutil.copy2(store.backup_file, store.file)
    return f"“{project.title}” is back at its earlier save; the autosave is kept as {aside.name}."


def keep_for_later(project: UnsavedProject) -> None:
    """Nothing changes; the mark stays, so the project is offered again at the next start."""
