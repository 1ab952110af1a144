"""What the app uploads from a project: a take, or a mixdown of the timeline, with its credits.

A take carries the lineage it snapshotted when it was recorded (`with_recorded_lineage`): the
contributions heard while singing, measured from where they sit now (`lineage_where_it_sits`: a
take nudged into sync after recording is credited where it was nudged to). A render carries
everything audible in its range (`lineage_for_render`). Both become the `built_on` of the
contribution, so credit reaches every author whose piece is in the upload.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from hitrecord_desktop.api.models import LineageRef
from hitrecord_desktop.project.events import Action, Change, Subject
from hitrecord_desktop.project.lineage import lineage_for_render, lineage_where_it_sits
from hitrecord_desktop.project.model import LineageEntry, MediaOrigin, Project, Take, TrackKind
from hitrecord_desktop.sync.upload_jobs import UploadRequest


@dataclass(frozen=True)
class Credit:
    """One line of "this upload credits …": shown to the user before the upload is sent."""

    contribution_id: int
    offset_seconds: float
    title: str = ""
    author: str = ""


def lineage_refs(entries: Iterable[LineageEntry]) -> tuple[LineageRef, ...]:
    return tuple(LineageRef(e.contribution_id, e.offset_samples, e.sample_rate) for e in entries)


def credits_of(project: Project, entries: Iterable[LineageEntry]) -> list[Credit]:
    """The lineage with the titles and authors the project knows of its contributions."""
    known: dict[int, tuple[str, str]] = {}
    for track in project.tracks:
        for clip in track.all_clips():
            media = clip.media
            if media.contribution_id is not None:
                known[media.contribution_id] = (media.title, media.author)
    credits = []
    for entry in entries:
        title, author = known.get(entry.contribution_id, ("", ""))
        seconds = entry.offset_samples / entry.sample_rate
        credits.append(Credit(entry.contribution_id, seconds, title, author))
    return credits


def find_take(project: Project, take_id: str) -> tuple[str, Take]:
    for track in project.tracks:
        for take in track.takes:
            if take.id == take_id:
                return track.id, take
    raise KeyError(f"there is no take {take_id} in the project")


def media_path(folder: Path, path: str) -> Path:
    """A clip's media file: take paths are relative to the project folder."""
    candidate = Path(path)
    return candidate if candidate.is_absolute() else folder / candidate


def take_upload(
    project: Project, folder: Path, take_id: str, server: str, *, title: str = "", role: str = ""
) -> tuple[UploadRequest, list[Credit]]:
    """The request that uploads a take, and the credits it carries."""
    if project.challenge_id is None:
        raise ValueError("this project answers no challenge: open it from a challenge to upload")
    track_id, take = find_take(project, take_id)
    if take.clip.media.origin is not MediaOrigin.TAKE:
        raise ValueError(f"{take.name} is not a recorded take")
    if take.clip.media.contribution_id is not None:
        raise ValueError(
            f"{take.name} is already on the platform as contribution "
            f"{take.clip.media.contribution_id}"
        )
    kind = "video" if project.track(track_id).kind is TrackKind.VIDEO else "audio"
    entries = lineage_where_it_sits(project, take.clip)
    request = UploadRequest(
        path=media_path(folder, take.clip.media.path),
        server=server,
        challenge_id=project.challenge_id,
        title=title or f"{project.title} — {take.name}",
        role=role,
        media_kind=kind,
        lineage=lineage_refs(entries),
    )
    return request, credits_of(project, entries)


def render_upload(
    project: Project,
    render_path: Path,
    server: str,
    *,
    start: int = 0,
    end: int | None = None,
    title: str = "",
    role: str = "",
    kinds: Iterable[TrackKind] = (TrackKind.AUDIO,),
) -> tuple[UploadRequest, list[Credit]]:
    """The request that uploads a mixdown of `[start, end)`, crediting what is heard in it."""
    if project.challenge_id is None:
        raise ValueError("this project answers no challenge: open it from a challenge to upload")
    entries = lineage_for_render(project, start, end, kinds=tuple(kinds))
    kind = "video" if TrackKind.VIDEO in tuple(kinds) else "audio"
    request = UploadRequest(
        path=render_path,
        server=server,
        challenge_id=project.challenge_id,
        title=title or f"{project.title} — mix",
        role=role,
        media_kind=kind,
        lineage=lineage_refs(entries),
    )
    return request, credits_of(project, entries)


def mark_uploaded(
    project: Project, folder: Path, path: Path, contribution_id: int, title: str = ""
) -> tuple[Change, ...]:
    """The platform now has the take file `path` as `contribution_id`: every take and clip
    playing it says so. A render then credits that contribution (the take's author is credited
    by id like anyone else's), and the take is not uploaded a second time."""
    wanted = path.resolve()
    changes: list[Change] = []
    for track in project.tracks:
        owners = [(Subject.CLIP, c.id, c) for c in track.clips]
        owners += [(Subject.TAKE, t.id, t.clip) for t in track.takes]
        for subject, owner_id, clip in owners:
            media = clip.media
            if media.origin is not MediaOrigin.TAKE or media.contribution_id is not None:
                continue
            if media_path(folder, media.path).resolve() != wanted:
                continue
            clip.media = replace(media, contribution_id=contribution_id, title=media.title or title)
            changes.append(Change(subject, Action.CHANGED, owner_id, track.id, ("media",)))
    return tuple(changes)
