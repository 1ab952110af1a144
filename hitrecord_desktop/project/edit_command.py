"""The shape every project edit has: apply, revert, its undo-menu text, and what it changed.

Commands hold ids and values, never Qt objects, so the CLI and tests run them through
`EditHistory` and the UI wraps the very same objects in `QUndoCommand`s (redo → apply,
undo → revert, id() → a number for `merge_id`, mergeWith → merge).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from hitrecord_desktop.project import rules
from hitrecord_desktop.project.events import Change, inverted
from hitrecord_desktop.project.model import Clip, Project, Take, Track, TrackKind


class EditError(ValueError):
    """An edit the project refuses. The project is unchanged when this is raised."""


class Command(ABC):
    """One undoable edit.

    `apply` checks everything first and raises EditError before changing anything; it records
    the old values it needs, so `revert` restores the project exactly. Commands of a class with a
    `merge_id` may absorb a following command of the same class on the same object (repeated
    nudges, a gain drag) so that one undo step takes them all back.
    """

    merge_id: ClassVar[str | None] = None

    @property
    @abstractmethod
    def text(self) -> str:
        """What the undo menu says, e.g. "Move clip"."""

    @abstractmethod
    def apply(self, project: Project) -> None: ...

    @abstractmethod
    def revert(self, project: Project) -> None: ...

    @abstractmethod
    def changes(self) -> tuple[Change, ...]:
        """What `apply` changed; `revert` changes the inverse (see `reverted_changes`)."""

    def reverted_changes(self) -> tuple[Change, ...]:
        return inverted(self.changes())

    def merge(self, other: Command) -> bool:
        """Absorbs `other`, already applied after this one; False when they don't combine."""
        return False


class CompositeCommand(Command):
    """Several commands as one undo step (a transaction). Applies all or none."""

    def __init__(self, text: str, commands: Sequence[Command] = ()) -> None:
        self._text = text
        self.commands: list[Command] = list(commands)

    @property
    def text(self) -> str:
        return self._text

    def apply(self, project: Project) -> None:
        done: list[Command] = []
        try:
            for command in self.commands:
                command.apply(project)
                done.append(command)
        except BaseException:
            for command in reversed(done):
                command.revert(project)
            raise

    def revert(self, project: Project) -> None:
        for command in reversed(self.commands):
            command.revert(project)

    def changes(self) -> tuple[Change, ...]:
        return tuple(change for command in self.commands for change in command.changes())

    def reverted_changes(self) -> tuple[Change, ...]:
        return tuple(c for command in reversed(self.commands) for c in command.reverted_changes())


# Lookups that say what is missing in the words an EditError needs.


def find_track(project: Project, track_id: str) -> Track:
    for track in project.tracks:
        if track.id == track_id:
            return track
    raise EditError(f"there is no track {track_id} in the project")


def track_index(project: Project, track_id: str) -> int:
    for index, track in enumerate(project.tracks):
        if track.id == track_id:
            return index
    raise EditError(f"there is no track {track_id} in the project")


def find_placed_clip(project: Project, clip_id: str) -> tuple[Track, int, Clip]:
    """A clip placed on a track (not a take's clip), with its track and index."""
    for track in project.tracks:
        for index, clip in enumerate(track.clips):
            if clip.id == clip_id:
                return track, index, clip
    if any(t.clip.id == clip_id for track in project.tracks for t in track.takes):
        raise EditError(f"clip {clip_id} belongs to a take; keep the take as a clip to edit it")
    raise EditError(f"there is no clip {clip_id} in the project")


def find_any_clip(project: Project, clip_id: str) -> tuple[Track, Clip]:
    """A placed clip or a take's clip."""
    for track in project.tracks:
        for clip in track.all_clips():
            if clip.id == clip_id:
                return track, clip
    raise EditError(f"there is no clip {clip_id} in the project")


def find_take(project: Project, track_id: str, take_id: str) -> tuple[Track, int, Take]:
    track = find_track(project, track_id)
    for index, take in enumerate(track.takes):
        if take.id == take_id:
            return track, index, take
    raise EditError(f"track {track.name!r} has no take {take_id}")


def all_ids(project: Project) -> set[str]:
    """Every id in the project: a new object must not reuse one."""
    ids = {project.id}
    for track in project.tracks:
        ids.add(track.id)
        ids.update(c.id for c in track.all_clips())
        ids.update(t.id for t in track.takes)
    ids.update(m.id for m in project.markers.cues)
    return ids


def media_kind_problem(clip: Clip, track: Track) -> str | None:
    """A video track shows pictures: it takes only media that has video."""
    if track.kind is TrackKind.VIDEO and not clip.media.has_video:
        return f"video track {track.name!r} cannot hold audio-only media ({clip.media.path})"
    return None


def check(problem: str | None) -> None:
    if problem is not None:
        raise EditError(problem)


def check_clip(clip: Clip, track: Track) -> None:
    """Everything a clip must satisfy to be placed on `track`."""
    for problem in (
        rules.position_problem(clip.position),
        rules.trim_problem(clip.trim_in, clip.trim_out, clip.media.frames),
        rules.fades_problem(clip.fade_in, clip.fade_out, clip.length),
        rules.gain_problem(clip.gain_db),
        media_kind_problem(clip, track),
    ):
        check(problem)
