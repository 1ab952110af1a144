"""Edits of clips on the timeline: add, remove, move, trim, split, gain and fades."""

from __future__ import annotations

import copy
import dataclasses

from hitrecord_desktop.project import rules
from hitrecord_desktop.project.edit_command import (
    Command,
    EditError,
    all_ids,
    check,
    check_clip,
    find_any_clip,
    find_placed_clip,
    find_track,
    media_kind_problem,
)
from hitrecord_desktop.project.events import Action, Change, Subject
from hitrecord_desktop.project.model import Clip, Project, Track, new_id


def _remove_clip_anywhere(project: Project, clip_id: str) -> Clip:
    for track in project.tracks:
        for index, clip in enumerate(track.clips):
            if clip.id == clip_id:
                return track.clips.pop(index)
    raise EditError(f"there is no clip {clip_id} in the project")


def _is_take_clip(track: Track, clip: Clip) -> bool:
    return any(take.clip is clip for take in track.takes)


class AddClip(Command):
    """Places a clip on a track. The project gets a copy, so the caller's object stays theirs."""

    def __init__(self, track_id: str, clip: Clip) -> None:
        self.track_id = track_id
        self.clip = copy.deepcopy(clip)

    @property
    def text(self) -> str:
        return "Add clip"

    def apply(self, project: Project) -> None:
        track = find_track(project, self.track_id)
        if self.clip.id in all_ids(project):
            raise EditError(f"id {self.clip.id} is already used in the project")
        check_clip(self.clip, track)
        track.clips.append(copy.deepcopy(self.clip))

    def revert(self, project: Project) -> None:
        _remove_clip_anywhere(project, self.clip.id)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.CLIP, Action.ADDED, self.clip.id, self.track_id),)


class RemoveClip(Command):
    """Takes a placed clip off its track; its media file stays on disk."""

    def __init__(self, clip_id: str) -> None:
        self.clip_id = clip_id
        self._removed: tuple[str, int, Clip] | None = None

    @property
    def text(self) -> str:
        return "Delete clip"

    def apply(self, project: Project) -> None:
        track, index, _ = find_placed_clip(project, self.clip_id)
        self._removed = (track.id, index, track.clips.pop(index))

    def revert(self, project: Project) -> None:
        assert self._removed is not None, "revert before apply"
        track_id, index, clip = self._removed
        find_track(project, track_id).clips.insert(index, clip)

    def changes(self) -> tuple[Change, ...]:
        track_id = self._removed[0] if self._removed else None
        return (Change(Subject.CLIP, Action.REMOVED, self.clip_id, track_id),)


class MoveClip(Command):
    """Moves a clip in time, and a placed clip optionally onto another track of the same kind.

    A take's clip moves only in time: a take belongs to the track it was recorded on.
    """

    merge_id = "move-clip"

    def __init__(self, clip_id: str, position: int, track_id: str | None = None) -> None:
        self.clip_id = clip_id
        self.position = position
        self.track_id = track_id
        self._old: tuple[str, int, int] | None = None  # track id, index in clips (-1: take), pos

    @property
    def text(self) -> str:
        return "Move clip"

    def apply(self, project: Project) -> None:
        track, clip = find_any_clip(project, self.clip_id)
        check(rules.position_problem(self.position))
        target = track if self.track_id is None else find_track(project, self.track_id)
        if target is not track:
            if _is_take_clip(track, clip):
                raise EditError("a take's clip stays on its track; keep it as a clip to move it")
            if target.kind is not track.kind:
                raise EditError(
                    f"cannot move a clip from {track.kind} track {track.name!r} "
                    f"to {target.kind} track {target.name!r}"
                )
            check(media_kind_problem(clip, target))
        index = -1 if _is_take_clip(track, clip) else track.clips.index(clip)
        self._old = (track.id, index, clip.position)
        clip.position = self.position
        if target is not track:
            track.clips.pop(index)
            target.clips.append(clip)

    def revert(self, project: Project) -> None:
        assert self._old is not None, "revert before apply"
        track_id, index, position = self._old
        track, clip = find_any_clip(project, self.clip_id)
        clip.position = position
        if track.id != track_id:
            track.clips.remove(clip)
            find_track(project, track_id).clips.insert(index, clip)

    def changes(self) -> tuple[Change, ...]:
        old_track = self._old[0] if self._old else None
        if self.track_id is None or self.track_id == old_track:
            return (Change(Subject.CLIP, Action.CHANGED, self.clip_id, old_track, ("position",)),)
        return (
            Change(Subject.CLIP, Action.REMOVED, self.clip_id, old_track),
            Change(Subject.CLIP, Action.ADDED, self.clip_id, self.track_id),
        )

    def merge(self, other: Command) -> bool:
        if not isinstance(other, MoveClip) or other.clip_id != self.clip_id:
            return False
        self.position = other.position
        if other.track_id is not None:
            self.track_id = other.track_id
        return True


class TrimClip(Command):
    """Sets which source samples a clip plays. The position follows trim_in, so the audio that
    stays does not move in time; fades that no longer fit are shortened."""

    merge_id = "trim-clip"

    def __init__(self, clip_id: str, trim_in: int, trim_out: int) -> None:
        self.clip_id = clip_id
        self.trim_in = trim_in
        self.trim_out = trim_out
        self._old: tuple[int, int, int, int, int] | None = None
        self._track_id: str | None = None

    @property
    def text(self) -> str:
        return "Trim clip"

    def apply(self, project: Project) -> None:
        track, clip = find_any_clip(project, self.clip_id)
        check(rules.trim_problem(self.trim_in, self.trim_out, clip.media.frames))
        position = clip.position + (self.trim_in - clip.trim_in)
        if position < 0:
            raise EditError(
                f"trim_in {self.trim_in} would move the clip's start before the timeline's start"
            )
        self._track_id = track.id
        self._old = (clip.position, clip.trim_in, clip.trim_out, clip.fade_in, clip.fade_out)
        length = self.trim_out - self.trim_in
        clip.position, clip.trim_in, clip.trim_out = position, self.trim_in, self.trim_out
        clip.fade_in = min(clip.fade_in, length)
        clip.fade_out = min(clip.fade_out, length - clip.fade_in)

    def revert(self, project: Project) -> None:
        assert self._old is not None, "revert before apply"
        _, clip = find_any_clip(project, self.clip_id)
        clip.position, clip.trim_in, clip.trim_out, clip.fade_in, clip.fade_out = self._old

    def changes(self) -> tuple[Change, ...]:
        fields = ("position", "trim_in", "trim_out", "fade_in", "fade_out")
        return (Change(Subject.CLIP, Action.CHANGED, self.clip_id, self._track_id, fields),)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, TrimClip) or other.clip_id != self.clip_id:
            return False
        if self._shortened_fades() or other._shortened_fades():
            # A trim that cut a fade short leaves a state the merged command's redo (applied
            # to the clip as it was first) would not make again: keep such steps apart.
            return False
        self.trim_in, self.trim_out = other.trim_in, other.trim_out
        return True

    def _shortened_fades(self) -> bool:
        if self._old is None:
            return False
        fade_in, fade_out = self._old[3:]
        length = self.trim_out - self.trim_in
        return fade_in > length or fade_out > length - min(fade_in, length)


class SplitClip(Command):
    """Cuts a placed clip in two at a timeline sample.

    The left part keeps the clip's id and its fade-in, the right part gets a new id (chosen now,
    so a redo makes the same one) and the fade-out; each fade is shortened to fit its part.
    """

    def __init__(self, clip_id: str, at: int, new_clip_id: str | None = None) -> None:
        self.clip_id = clip_id
        self.at = at
        self.new_clip_id = new_clip_id or new_id()
        self._old: tuple[int, int, int] | None = None  # trim_out, fade_in, fade_out
        self._track_id: str | None = None

    @property
    def text(self) -> str:
        return "Split clip"

    def apply(self, project: Project) -> None:
        track, index, clip = find_placed_clip(project, self.clip_id)
        if not clip.position < self.at < clip.end:
            raise EditError(
                f"cannot split at sample {self.at}: it is not inside the clip "
                f"({clip.position}..{clip.end})"
            )
        if self.new_clip_id in all_ids(project):
            raise EditError(f"id {self.new_clip_id} is already used in the project")
        cut = clip.trim_in + (self.at - clip.position)
        right = dataclasses.replace(
            clip,
            id=self.new_clip_id,
            position=self.at,
            trim_in=cut,
            fade_in=0,
            fade_out=min(clip.fade_out, clip.trim_out - cut),
        )
        self._track_id = track.id
        self._old = (clip.trim_out, clip.fade_in, clip.fade_out)
        clip.trim_out = cut
        clip.fade_in = min(clip.fade_in, clip.length)
        clip.fade_out = 0
        track.clips.insert(index + 1, right)

    def revert(self, project: Project) -> None:
        assert self._old is not None, "revert before apply"
        _remove_clip_anywhere(project, self.new_clip_id)
        _, _, clip = find_placed_clip(project, self.clip_id)
        clip.trim_out, clip.fade_in, clip.fade_out = self._old

    def changes(self) -> tuple[Change, ...]:
        return (
            Change(Subject.CLIP, Action.CHANGED, self.clip_id, self._track_id, ("trim_out",)),
            Change(Subject.CLIP, Action.ADDED, self.new_clip_id, self._track_id),
        )


class SetClipGain(Command):
    merge_id = "clip-gain"

    def __init__(self, clip_id: str, gain_db: float) -> None:
        self.clip_id = clip_id
        self.gain_db = gain_db
        self._old: float | None = None
        self._track_id: str | None = None

    @property
    def text(self) -> str:
        return "Set clip gain"

    def apply(self, project: Project) -> None:
        track, clip = find_any_clip(project, self.clip_id)
        check(rules.gain_problem(self.gain_db))
        self._track_id, self._old = track.id, clip.gain_db
        clip.gain_db = self.gain_db

    def revert(self, project: Project) -> None:
        assert self._old is not None, "revert before apply"
        find_any_clip(project, self.clip_id)[1].gain_db = self._old

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.CLIP, Action.CHANGED, self.clip_id, self._track_id, ("gain_db",)),)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, SetClipGain) or other.clip_id != self.clip_id:
            return False
        self.gain_db = other.gain_db
        return True


class SetClipFades(Command):
    merge_id = "clip-fades"

    def __init__(self, clip_id: str, fade_in: int, fade_out: int) -> None:
        self.clip_id = clip_id
        self.fade_in = fade_in
        self.fade_out = fade_out
        self._old: tuple[int, int] | None = None
        self._track_id: str | None = None

    @property
    def text(self) -> str:
        return "Set fades"

    def apply(self, project: Project) -> None:
        track, clip = find_any_clip(project, self.clip_id)
        check(rules.fades_problem(self.fade_in, self.fade_out, clip.length))
        self._track_id, self._old = track.id, (clip.fade_in, clip.fade_out)
        clip.fade_in, clip.fade_out = self.fade_in, self.fade_out

    def revert(self, project: Project) -> None:
        assert self._old is not None, "revert before apply"
        clip = find_any_clip(project, self.clip_id)[1]
        clip.fade_in, clip.fade_out = self._old

    def changes(self) -> tuple[Change, ...]:
        fields = ("fade_in", "fade_out")
        return (Change(Subject.CLIP, Action.CHANGED, self.clip_id, self._track_id, fields),)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, SetClipFades) or other.clip_id != self.clip_id:
            return False
        self.fade_in, self.fade_out = other.fade_in, other.fade_out
        return True
