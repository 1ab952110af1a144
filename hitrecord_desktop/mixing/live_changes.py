"""Which edits a compiled mix plan follows without recompiling: track gain, pan, mute and solo
live in `TrackControls`, and arming or renaming a track changes nothing heard."""

from __future__ import annotations

from collections.abc import Iterable

from ..project.events import Action, Change, Subject

CONTROL_FIELDS = frozenset({"gain_db", "pan", "mute", "solo", "armed", "name"})


def controls_only(changes: Iterable[Change]) -> bool:
    """True when every change is a track field the plan's controls follow (sync, no compile)."""
    changes = tuple(changes)
    return bool(changes) and all(
        c.subject is Subject.TRACK
        and c.action is Action.CHANGED
        and bool(c.fields)
        and set(c.fields) <= CONTROL_FIELDS
        for c in changes
    )
