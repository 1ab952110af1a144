"""Small projects for the tests, with every field set where a test needs it set."""

from __future__ import annotations

from hitrecord_desktop.project.model import (
    Clip,
    Dropout,
    LineageEntry,
    Marker,
    Markers,
    MediaOrigin,
    MediaRef,
    Project,
    SampleRange,
    Take,
    Tempo,
    Track,
    TrackKind,
)

SECOND = 48_000


def media(
    contribution_id: int | None = None,
    *,
    frames: int = 10 * SECOND,
    path: str = "/media/piece.flac",
    built_on: tuple[LineageEntry, ...] = (),
    has_video: bool = False,
    origin: MediaOrigin | None = None,
) -> MediaRef:
    if origin is None:
        origin = MediaOrigin.CONTRIBUTION if contribution_id is not None else MediaOrigin.TAKE
    return MediaRef(
        origin=origin,
        path=path,
        contribution_id=contribution_id,
        built_on=built_on,
        frames=frames,
        has_video=has_video,
    )


def clip(
    position: int = 0,
    trim_in: int = 0,
    trim_out: int = 4 * SECOND,
    *,
    ref: MediaRef | None = None,
    clip_id: str | None = None,
    **fields,
) -> Clip:
    made = Clip(ref or media(), position, trim_in, trim_out, **fields)
    if clip_id is not None:
        made.id = clip_id
    return made


def take(name: str, made: Clip, take_id: str | None = None) -> Take:
    result = Take(name, made, "2026-05-01T10:00:00Z")
    if take_id is not None:
        result.id = take_id
    return result


def two_track_project() -> Project:
    """An audio track with two clips and a video track with one; fixed ids for readable tests."""
    a1 = clip(0, 0, 2 * SECOND, ref=media(7), clip_id="a1")
    a2 = clip(3 * SECOND, SECOND, 5 * SECOND, ref=media(8), clip_id="a2", fade_in=100)
    v1 = clip(0, 0, 6 * SECOND, ref=media(9, has_video=True), clip_id="v1")
    audio = Track("Music", clips=[a1, a2], id="ta")
    video = Track("Film", kind=TrackKind.VIDEO, clips=[v1], id="tv")
    return Project("Night Bus", challenge_id=3, tracks=[audio, video], id="p1")


def full_project() -> Project:
    """Every field of the format set to something other than its default."""
    lineage = (LineageEntry(7, -1200, 48_000), LineageEntry(9, 96_000, 44_100))
    recorded = MediaRef(
        origin=MediaOrigin.TAKE,
        path="takes/take-1.flac",
        sha256="ab" * 32,
        title="Harmony",
        author="me",
        built_on=lineage,
        frames=5 * SECOND,
        has_video=False,
    )
    contribution = MediaRef(
        origin=MediaOrigin.CONTRIBUTION,
        path="/cache/7.flac",
        sha256="cd" * 32,
        contribution_id=7,
        title="Backing",
        author="ann",
        frames=30 * SECOND,
    )
    film = MediaRef(MediaOrigin.FILE, "/films/short.mp4", frames=20 * SECOND, has_video=True)
    take_clip = Clip(recorded, 48, 10, 4 * SECOND, -3.5, 11, 12, latency_offset=240, id="tc1")
    takes = [
        Take("Take 1", take_clip, "2026-05-01T10:00:00Z", (Dropout(100, "input-overflow"),), "k1"),
        Take(
            "Take 2",
            Clip(recorded, 0, 0, SECOND, id="tc2"),
            "2026-05-01T10:05:00Z",
            (Dropout(7, "output-underflow"),),
            "k2",
        ),
    ]
    vocals = Track(
        "Vocals",
        TrackKind.AUDIO,
        gain_db=-6.0,
        pan=-0.25,
        mute=True,
        solo=True,
        armed=True,
        clips=[Clip(contribution, 1000, 200, 10 * SECOND, 1.5, 300, 400, 12, id="c1")],
        takes=takes,
        active_take_id="k2",
        id="t1",
    )
    picture = Track(
        "Picture", TrackKind.VIDEO, clips=[Clip(film, 0, 0, 20 * SECOND, id="c2")], id="t2"
    )
    return Project(
        title="Full",
        challenge_id=42,
        sample_rate=44_100,
        tempo=Tempo(93.5, 3, 8),
        tracks=[vocals, picture],
        markers=Markers(
            punch=SampleRange(1000, 2000),
            loop=SampleRange(0, 44_100),
            cues=[Marker(500, "Verse", "m1"), Marker(900, "Chorus", "m2")],
        ),
        id="p-full",
    )
