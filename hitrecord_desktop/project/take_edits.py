"""Edits of a track's takes: record one more, pick the one that plays, drop one, keep one."""

from __future__ import annotations

import copy
import dataclasses

from hitrecord_desktop.project.edit_command import (
    Command,
    EditError,
    all_ids,
    check_clip,
    find_take,
    find_track,
)
from hitrecord_desktop.project.events import Action, Change, Subject
from hitrecord_desktop.project.model import Project, Take, new_id


def _active_change(track_id: str) -> Change:
    return Change(Subject.TRACK, Action.CHANGED, track_id, fields=("active_take_id",))


class AddTake(Command):
    """Appends a take to a track and makes it the one that plays."""

    def __init__(self, track_id: str, take: Take) -> None:
        self.track_id = track_id
        self.take = copy.deepcopy(take)
        self._old_active: str | None = None

    @property
    def text(self) -> str:
        return "Record take"

    def apply(self, project: Project) -> None:
        track = find_track(project, self.track_id)
        ids = all_ids(project)
        for taken in (self.take.id, self.take.clip.id):
            if taken in ids:
                raise EditError(f"id {taken} is already used in the project")
        check_clip(self.take.clip, track)
        self._old_active = track.active_take_id
        track.takes.append(copy.deepcopy(self.take))
        track.active_take_id = self.take.id

    def revert(self, project: Project) -> None:
        track, index, _ = find_take(project, self.track_id, self.take.id)
        del track.takes[index]
        track.active_take_id = self._old_active

    def changes(self) -> tuple[Change, ...]:
        return (
            Change(Subject.TAKE, Action.ADDED, self.take.id, self.track_id),
            _active_change(self.track_id),
        )


class SetActiveTake(Command):
    """Picks the take that plays on a track; None leaves all its takes silent."""

    def __init__(self, track_id: str, take_id: str | None) -> None:
        self.track_id = track_id
        self.take_id = take_id
        self._old: str | None = None

    @property
    def text(self) -> str:
        return "Choose take"

    def apply(self, project: Project) -> None:
        track = find_track(project, self.track_id)
        if self.take_id is not None:
            find_take(project, self.track_id, self.take_id)
        self._old = track.active_take_id
        track.active_take_id = self.take_id

    def revert(self, project: Project) -> None:
        find_track(project, self.track_id).active_take_id = self._old

    def changes(self) -> tuple[Change, ...]:
        return (_active_change(self.track_id),)


class RemoveTake(Command):
    """Drops a take from the track; its file stays on disk. Removing the take that plays leaves
    none playing, rather than guessing which other take the performer wants to hear."""

    def __init__(self, track_id: str, take_id: str) -> None:
        self.track_id = track_id
        self.take_id = take_id
        self._removed: tuple[int, Take, str | None] | None = None

    @property
    def text(self) -> str:
        return "Delete take"

    def apply(self, project: Project) -> None:
        track, index, take = find_take(project, self.track_id, self.take_id)
        self._removed = (index, take, track.active_take_id)
        del track.takes[index]
        if track.active_take_id == self.take_id:
            track.active_take_id = None

    def revert(self, project: Project) -> None:
        assert self._removed is not None, "revert before apply"
        index, take, active = self._removed
        track = find_track(project, self.track_id)
        track.takes.insert(index, take)
        track.active_take_id = active

    def changes(self) -> tuple[Change, ...]:
        return (
            Change(Subject.TAKE, Action.REMOVED, self.take_id, self.track_id),
            _active_change(self.track_id),
        )


class KeepTakeAsClip(Command):
    """Copies a take's clip onto the track as an ordinary clip (to edit, move or split it).

    If that take was the one playing, no take plays afterwards: otherwise the same audio would
    sound twice. The take itself stays in the list.
    """

    def __init__(self, track_id: str, take_id: str, new_clip_id: str | None = None) -> None:
        self.track_id = track_id
        self.take_id = take_id
        self.new_clip_id = new_clip_id or new_id()
        self._old_active: str | None = None

    @property
    def text(self) -> str:
        return "Keep take as clip"

    def apply(self, project: Project) -> None:
        track, _, take = find_take(project, self.track_id, self.take_id)
        if self.new_clip_id in all_ids(project):
            raise EditError(f"id {self.new_clip_id} is already used in the project")
        self._old_active = track.active_take_id
        track.clips.append(dataclasses.replace(copy.deepcopy(take.clip), id=self.new_clip_id))
        if track.active_take_id == self.take_id:
            track.active_take_id = None

    def revert(self, project: Project) -> None:
        track = find_track(project, self.track_id)
        track.clips = [c for c in track.clips if c.id != self.new_clip_id]
        track.active_take_id = self._old_active

    def changes(self) -> tuple[Change, ...]:
        return (
            Change(Subject.CLIP, Action.ADDED, self.new_clip_id, self.track_id),
            _active_change(self.track_id),
        )
