"""Edits of tracks: add, remove, reorder, rename, gain, pan, mute, solo, arm."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from hitrecord_desktop.project import rules
from hitrecord_desktop.project.edit_command import (
    Command,
    EditError,
    all_ids,
    check,
    check_clip,
    find_track,
    track_index,
)
from hitrecord_desktop.project.events import Action, Change, Subject
from hitrecord_desktop.project.model import Project, Track


class AddTrack(Command):
    """Inserts a track (at the end unless `index` is given). The project gets a copy."""

    def __init__(self, track: Track, index: int | None = None) -> None:
        self.track = copy.deepcopy(track)
        self.index = index

    @property
    def text(self) -> str:
        return "Add track"

    def apply(self, project: Project) -> None:
        ids = all_ids(project)
        new_ids = {self.track.id, *(c.id for c in self.track.all_clips())}
        new_ids.update(t.id for t in self.track.takes)
        if taken := sorted(new_ids & ids):
            raise EditError(f"id {taken[0]} is already used in the project")
        inside = [self.track.id, *(c.id for c in self.track.all_clips())]
        inside += [t.id for t in self.track.takes]
        if len(set(inside)) != len(inside):
            raise EditError("the new track uses one id twice")
        check(rules.gain_problem(self.track.gain_db))
        check(rules.pan_problem(self.track.pan))
        for clip in self.track.all_clips():
            check_clip(clip, self.track)
        active = self.track.active_take_id
        if active is not None and all(t.id != active for t in self.track.takes):
            raise EditError(f"the active take {active} is not one of the track's takes")
        index = len(project.tracks) if self.index is None else self.index
        if not 0 <= index <= len(project.tracks):
            raise EditError(f"track position {index} is outside 0..{len(project.tracks)}")
        project.tracks.insert(index, copy.deepcopy(self.track))

    def revert(self, project: Project) -> None:
        del project.tracks[track_index(project, self.track.id)]

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.TRACK, Action.ADDED, self.track.id),)


class RemoveTrack(Command):
    """Takes a track, its clips and takes off the project. Their media files stay on disk."""

    def __init__(self, track_id: str) -> None:
        self.track_id = track_id
        self._removed: tuple[int, Track] | None = None

    @property
    def text(self) -> str:
        return "Remove track"

    def apply(self, project: Project) -> None:
        index = track_index(project, self.track_id)
        self._removed = (index, project.tracks.pop(index))

    def revert(self, project: Project) -> None:
        assert self._removed is not None, "revert before apply"
        index, track = self._removed
        project.tracks.insert(index, track)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.TRACK, Action.REMOVED, self.track_id),)


class MoveTrack(Command):
    """Moves a track to another place in the track list."""

    def __init__(self, track_id: str, index: int) -> None:
        self.track_id = track_id
        self.index = index
        self._old_index: int | None = None

    @property
    def text(self) -> str:
        return "Move track"

    def apply(self, project: Project) -> None:
        old = track_index(project, self.track_id)
        if not 0 <= self.index < len(project.tracks):
            raise EditError(f"track position {self.index} is outside 0..{len(project.tracks) - 1}")
        self._old_index = old
        project.tracks.insert(self.index, project.tracks.pop(old))

    def revert(self, project: Project) -> None:
        assert self._old_index is not None, "revert before apply"
        project.tracks.insert(self._old_index, project.tracks.pop(self.index))

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.TRACK_ORDER, Action.CHANGED, self.track_id),)


class _SetTrackField(Command):
    """Sets one field of a track, keeping the old value; the subclasses say which and check it."""

    field_name: ClassVar[str]
    label: ClassVar[str]

    def __init__(self, track_id: str, value: Any) -> None:
        self.track_id = track_id
        self.value = value
        self._old: Any = None

    @property
    def text(self) -> str:
        return self.label

    def problem(self, value: Any) -> str | None:
        return None

    def apply(self, project: Project) -> None:
        track = find_track(project, self.track_id)
        check(self.problem(self.value))
        self._old = getattr(track, self.field_name)
        setattr(track, self.field_name, self.value)

    def revert(self, project: Project) -> None:
        setattr(find_track(project, self.track_id), self.field_name, self._old)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.TRACK, Action.CHANGED, self.track_id, fields=(self.field_name,)),)

    def merge(self, other: Command) -> bool:
        # Only classes with a merge_id get here through a history; keep our old value.
        if type(other) is not type(self) or self.merge_id is None:
            return False
        assert isinstance(other, _SetTrackField)
        if other.track_id != self.track_id:
            return False
        self.value = other.value
        return True


class RenameTrack(_SetTrackField):
    field_name = "name"
    label = "Rename track"

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip():
            return "a track needs a name"
        return None


class SetTrackGain(_SetTrackField):
    field_name = "gain_db"
    label = "Set track gain"
    merge_id = "track-gain"

    def problem(self, value: Any) -> str | None:
        return rules.gain_problem(value)


class SetTrackPan(_SetTrackField):
    field_name = "pan"
    label = "Set track pan"
    merge_id = "track-pan"

    def problem(self, value: Any) -> str | None:
        return rules.pan_problem(value)


class SetMute(_SetTrackField):
    field_name = "mute"
    label = "Mute track"

    @property
    def text(self) -> str:
        return "Mute track" if self.value else "Unmute track"


class SetSolo(_SetTrackField):
    field_name = "solo"
    label = "Solo track"

    @property
    def text(self) -> str:
        return "Solo track" if self.value else "Unsolo track"


class SetArmed(_SetTrackField):
    field_name = "armed"
    label = "Arm track"

    @property
    def text(self) -> str:
        return "Arm track for recording" if self.value else "Disarm track"
