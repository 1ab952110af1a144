"""Which platform contributions a take or a render was built on, computed from the timeline.

The platform's `built_on` (resources/platform-api.md) lists, for each contribution the new piece
was made over, where the new piece starts measured from that contribution's start. Here that is
`(timeline sample of the new piece's sample 0) − (timeline sample of the contribution's sample 0)`.

A clip counts when its track is heard (`Project.is_audible`) and the part of the media it plays
overlaps the range. Media made here and not uploaded yet has no contribution id: it passes on its
own `built_on`, re-based to where it sits. Because every take snapshots its lineage when it is
recorded (`with_recorded_lineage`), a local `built_on` already lists contributions only, so
remixes of remixes of any depth resolve in one step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable

from hitrecord_desktop.project.model import Clip, LineageEntry, Project, SampleRange, TrackKind

ALL_KINDS = frozenset(TrackKind)


def _to_rate(samples: int, from_rate: int, to_rate: int) -> int:
    if from_rate == to_rate:
        return samples
    return round(samples * to_rate / from_rate)


def clip_lineage(clip: Clip, piece_start: int, sample_rate: int) -> list[LineageEntry]:
    """What one clip contributes to a piece whose sample 0 sits at timeline `piece_start`."""
    media = clip.media
    if media.contribution_id is not None:
        # Uploaded: the platform already knows what it was built on (Credits are transitive).
        offset = piece_start - clip.media_start
        return [LineageEntry(media.contribution_id, offset, sample_rate)]
    entries = []
    for entry in media.built_on:
        # The contribution's sample 0 sits `entry.offset` before the media's sample 0.
        inner = _to_rate(entry.offset_samples, entry.sample_rate, sample_rate)
        offset = piece_start - clip.media_start + inner
        entries.append(LineageEntry(entry.contribution_id, offset, sample_rate))
    return entries


def lineage_in_range(
    project: Project,
    heard: SampleRange,
    piece_start: int,
    *,
    kinds: Collection[TrackKind] = ALL_KINDS,
    silent_track_ids: Collection[str] = (),
    exclude_clip_ids: Collection[str] = (),
) -> tuple[LineageEntry, ...]:
    """Contributions of the audible clips of `kinds` that play within `heard`.

    `piece_start` is the timeline sample of the new piece's sample 0. Each
    (contribution, offset) appears once, sorted.
    """
    if heard.end < heard.start:
        raise ValueError(f"range ends before it starts: {heard.start}..{heard.end}")
    found: set[LineageEntry] = set()
    for track in project.tracks:
        if track.kind not in kinds or track.id in silent_track_ids:
            continue
        if not project.is_audible(track):
            continue
        for clip in track.playing_clips():
            if clip.id in exclude_clip_ids or not clip.overlaps(heard.start, heard.end):
                continue
            found.update(clip_lineage(clip, piece_start, project.sample_rate))
    return _sorted(found)


def lineage_for_take(
    project: Project,
    heard: SampleRange,
    take_media_start: int,
    *,
    silent_track_ids: Collection[str] = (),
) -> tuple[LineageEntry, ...]:
    """What a take was recorded over: everything heard or seen while recording.

    `heard` is the timeline range that played while recording (pre-roll included);
    `take_media_start` is where the take's sample 0 sits on the timeline (its clip's
    `media_start`, after latency compensation). Video tracks count: a narrator records over
    the film they watch. `silent_track_ids` are tracks the engine did not play (e.g. the track
    being recorded on, when its old clips are replaced rather than monitored).
    """
    return lineage_in_range(
        project, heard, take_media_start, kinds=ALL_KINDS, silent_track_ids=silent_track_ids
    )


def lineage_for_render(
    project: Project,
    start: int = 0,
    end: int | None = None,
    *,
    kinds: Collection[TrackKind] = (TrackKind.AUDIO,),
) -> tuple[LineageEntry, ...]:
    """What a mixdown of timeline `[start, end)` contains (to the project's end when None).

    An audio render counts audio tracks only; pass `kinds=ALL_KINDS` for a video render.
    The render's sample 0 is timeline `start`.
    """
    stop = project.end() if end is None else end
    return lineage_in_range(project, SampleRange(start, max(start, stop)), start, kinds=kinds)


def with_recorded_lineage(
    project: Project,
    clip: Clip,
    heard: SampleRange,
    *,
    silent_track_ids: Collection[str] = (),
) -> Clip:
    """The new take's clip with `media.built_on` set to what was heard while it was recorded.

    The live engine calls this when a take stops, before adding it: the lineage is fixed at
    that moment, so later edits of the timeline don't rewrite what the take was made over.
    """
    entries = lineage_in_range(
        project,
        heard,
        clip.media_start,
        silent_track_ids=silent_track_ids,
        exclude_clip_ids={clip.id},
    )
    return dataclasses.replace(clip, media=dataclasses.replace(clip.media, built_on=entries))


def lineage_where_it_sits(project: Project, clip: Clip) -> tuple[LineageEntry, ...]:
    """A take's recorded lineage, with each offset taken from where the take and that
    contribution sit on the timeline now.

    What the take was built on stays the snapshot made when it was recorded; where it sits
    against each of those follows later moves (a narration nudged into sync with the film), since
    the credit tells the platform how the pieces line up. A contribution placed on the timeline
    itself is measured directly; one heard only through other local media is measured through
    it; one no longer on the timeline keeps its recorded offset. With several placements, the
    one nearest the recorded offset counts.
    """
    rate = project.sample_rate
    direct: dict[int, list[int]] = {}
    through: dict[int, list[int]] = {}
    for track in project.tracks:
        for other in track.all_clips():
            if other.id == clip.id:
                continue
            found = direct if other.media.contribution_id is not None else through
            for entry in clip_lineage(other, clip.media_start, rate):
                found.setdefault(entry.contribution_id, []).append(entry.offset_samples)
    entries = set()
    for entry in clip.media.built_on:
        recorded = _to_rate(entry.offset_samples, entry.sample_rate, rate)
        offsets = direct.get(entry.contribution_id) or through.get(entry.contribution_id)
        if not offsets:
            entries.add(entry)
            continue
        nearest = min(offsets, key=lambda offset: (abs(offset - recorded), offset))
        entries.add(LineageEntry(entry.contribution_id, nearest, rate))
    return _sorted(entries)


def _sorted(entries: Iterable[LineageEntry]) -> tuple[LineageEntry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.contribution_id, e.offset_samples)))
