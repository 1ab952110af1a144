"""Every project edit, in one place to import from (the UI, the CLI and tests use this module)."""

from hitrecord_desktop.project.clip_edits import (
    AddClip,
    MoveClip,
    RemoveClip,
    SetClipFades,
    SetClipGain,
    SplitClip,
    TrimClip,
)
from hitrecord_desktop.project.edit_command import Command, CompositeCommand, EditError
from hitrecord_desktop.project.take_edits import AddTake, KeepTakeAsClip, RemoveTake, SetActiveTake
from hitrecord_desktop.project.timeline_edits import (
    AddCue,
    RemoveCue,
    RenameProject,
    SetLoop,
    SetPunch,
    SetTempo,
)
from hitrecord_desktop.project.track_edits import (
    AddTrack,
    MoveTrack,
    RemoveTrack,
    RenameTrack,
    SetArmed,
    SetMute,
    SetSolo,
    SetTrackGain,
    SetTrackPan,
)

__all__ = [
    "AddClip",
    "AddCue",
    "AddTake",
    "AddTrack",
    "Command",
    "CompositeCommand",
    "EditError",
    "KeepTakeAsClip",
    "MoveClip",
    "MoveTrack",
    "RemoveClip",
    "RemoveCue",
    "RemoveTake",
    "RemoveTrack",
    "RenameProject",
    "RenameTrack",
    "SetActiveTake",
    "SetArmed",
    "SetClipFades",
    "SetClipGain",
    "SetLoop",
    "SetMute",
    "SetPunch",
    "SetSolo",
    "SetTempo",
    "SetTrackGain",
    "SetTrackPan",
    "SplitClip",
    "TrimClip",
]
