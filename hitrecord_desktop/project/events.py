"""What an edit changed, told to listeners so a view redraws only the objects that changed.

Commands describe their own effect (`Command.changes()`); whoever applies them (the `EditHistory`
here, or the Qt undo stack's wrapper) hands those changes to `ProjectEvents.emit`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

log = logging.getLogger(__name__)


class Subject(StrEnum):
    PROJECT = "project"  # title, challenge
    TRACK = "track"
    TRACK_ORDER = "track-order"
    CLIP = "clip"
    TAKE = "take"
    TEMPO = "tempo"
    MARKERS = "markers"  # punch, loop and cues


class Action(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    """One object that changed.

    `id` is the object's id (None for project-wide subjects such as tempo); `track_id` is the track
    a clip or take sits on; `fields` names what changed, for CHANGED.
    """

    subject: Subject
    action: Action
    id: str | None = None
    track_id: str | None = None
    fields: tuple[str, ...] = ()

    def inverted(self) -> Change:
        """The change that undoing this one makes: an addition becomes a removal and back."""
        if self.action is Action.ADDED:
            return replace(self, action=Action.REMOVED)
        if self.action is Action.REMOVED:
            return replace(self, action=Action.ADDED)
        return self


def inverted(changes: Iterable[Change]) -> tuple[Change, ...]:
    """The changes of an undo, in the order the undo makes them (last first)."""
    return tuple(change.inverted() for change in reversed(tuple(changes)))


Listener = Callable[[tuple[Change, ...]], None]


class ProjectEvents:
    """Listeners of project changes. Called synchronously, on the thread that made the edit."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Adds a listener; returns the function that removes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def emit(self, changes: Iterable[Change]) -> None:
        batch = tuple(changes)
        if not batch:
            return
        for listener in list(self._listeners):
            # A broken view must not leave the history half-updated: log and go on.
            try:
                listener(batch)
            except Exception:
                log.exception("project change listener %r failed", listener)
