"""Edits of what the whole timeline shares: title, tempo and meter, punch and loop, cues."""

from __future__ import annotations

import copy
import dataclasses

from hitrecord_desktop.project import rules
from hitrecord_desktop.project.edit_command import Command, EditError, all_ids, check
from hitrecord_desktop.project.events import Action, Change, Subject
from hitrecord_desktop.project.model import Marker, Project, SampleRange, Tempo


class RenameProject(Command):
    def __init__(self, title: str) -> None:
        self.title = title
        self._old = ""

    @property
    def text(self) -> str:
        return "Rename project"

    def apply(self, project: Project) -> None:
        if not self.title.strip():
            raise EditError("a project needs a title")
        self._old, project.title = project.title, self.title

    def revert(self, project: Project) -> None:
        project.title = self._old

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.PROJECT, Action.CHANGED, fields=("title",)),)


class SetTempo(Command):
    merge_id = "tempo"

    def __init__(self, tempo: Tempo) -> None:
        self.tempo = dataclasses.replace(tempo)
        self._old: Tempo | None = None

    @property
    def text(self) -> str:
        return "Set tempo"

    def apply(self, project: Project) -> None:
        t = self.tempo
        check(rules.tempo_problem(t.bpm, t.beats_per_bar, t.beat_unit))
        self._old, project.tempo = project.tempo, dataclasses.replace(t)

    def revert(self, project: Project) -> None:
        assert self._old is not None, "revert before apply"
        project.tempo = self._old

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.TEMPO, Action.CHANGED),)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, SetTempo):
            return False
        self.tempo = other.tempo
        return True


class _SetRange(Command):
    field_name = ""

    def __init__(self, sample_range: SampleRange | None) -> None:
        self.range = sample_range
        self._old: SampleRange | None = None

    def apply(self, project: Project) -> None:
        if self.range is not None:
            check(rules.range_problem(self.range.start, self.range.end))
        self._old = getattr(project.markers, self.field_name)
        setattr(project.markers, self.field_name, self.range)

    def revert(self, project: Project) -> None:
        setattr(project.markers, self.field_name, self._old)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.MARKERS, Action.CHANGED, fields=(self.field_name,)),)


class SetPunch(_SetRange):
    """Sets the punch-in/out range (None: record without punching)."""

    field_name = "punch"

    @property
    def text(self) -> str:
        return "Set punch range" if self.range else "Clear punch range"


class SetLoop(_SetRange):
    field_name = "loop"

    @property
    def text(self) -> str:
        return "Set loop range" if self.range else "Clear loop range"


class AddCue(Command):
    """Adds a named cue marker; cues are kept in timeline order."""

    def __init__(self, marker: Marker) -> None:
        self.marker = copy.deepcopy(marker)

    @property
    def text(self) -> str:
        return "Add cue"

    def apply(self, project: Project) -> None:
        check(rules.position_problem(self.marker.position))
        if self.marker.id in all_ids(project):
            raise EditError(f"id {self.marker.id} is already used in the project")
        cues = project.markers.cues
        cues.append(copy.deepcopy(self.marker))
        cues.sort(key=lambda m: (m.position, m.id))

    def revert(self, project: Project) -> None:
        cues = project.markers.cues
        cues[:] = [m for m in cues if m.id != self.marker.id]

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.MARKERS, Action.ADDED, self.marker.id, fields=("cues",)),)


class RemoveCue(Command):
    def __init__(self, marker_id: str) -> None:
        self.marker_id = marker_id
        self._removed: tuple[int, Marker] | None = None

    @property
    def text(self) -> str:
        return "Delete cue"

    def apply(self, project: Project) -> None:
        cues = project.markers.cues
        for index, marker in enumerate(cues):
            if marker.id == self.marker_id:
                self._removed = (index, cues.pop(index))
                return
        raise EditError(f"there is no cue {self.marker_id}")

    def revert(self, project: Project) -> None:
        assert self._removed is not None, "revert before apply"
        project.markers.cues.insert(*self._removed)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Subject.MARKERS, Action.REMOVED, self.marker_id, fields=("cues",)),)
