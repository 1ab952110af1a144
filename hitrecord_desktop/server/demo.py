"""Seeds a small but believable community: people, open challenges of each kind, and real media
(made by our own synthesis code) already layered with lineage."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .database import Database
from .demo_media import LAYERED_ON, MediaInfo, generate_all
from .media_store import MediaStore, file_sha256
from .tables import Challenge, ChallengeRole, Contribution, LineageEdge, User

RATE = 48000

_PEOPLE = {
    "mara": "Mara Okafor",
    "theo": "Theo Lindqvist",
    "june": "June Park",
    "sol": "Sol Reyes",
    "ada": "Ada Byrne",
    "kit": "Kit Moreau",
}


@dataclass(frozen=True)
class _Piece:
    key: str  # name in generate_all's result
    author: str
    title: str
    role: str


@dataclass(frozen=True)
class _ChallengeSpec:
    author: str
    title: str
    brief: str
    roles: tuple[str, ...]
    kind: str
    days_left: int | None
    age_days: float
    status: str = "open"
    reference: _Piece | None = None
    pieces: tuple[_Piece, ...] = ()


_CHALLENGES = (
    _ChallengeSpec(
        author="mara",
        title="Vocals wanted: Night Bus",
        brief=(
            "A late-night synth-pop song at 96 BPM in A minor, eight bars of verse. I hear a "
            "warm, close-mic'd lead vocal, maybe a harmony in the second half. Sing anything: "
            "la-la, your own words, a melody over the chords."
        ),
        roles=("vocals",),
        kind="audio",
        days_left=21,
        age_days=6,
        reference=_Piece("night_bus_backing", "mara", "Night Bus (backing track)", "music"),
        pieces=(
            _Piece(
                "night_bus_harmony",
                "theo",
                "High harmony from bar 3",
                "vocals",
            ),
            _Piece(
                "night_bus_lead_guide",
                "kit",
                "Call-and-response guide vocal",
                "vocals",
            ),
        ),
    ),
    _ChallengeSpec(
        author="june",
        title="Narrate this short: The Lighthouse",
        brief=(
            "Eight seconds of a lighthouse at night, the beam sweeping over the sea. It needs a "
            "calm narrator: one or two sentences about the keeper who never left. Record while "
            "the picture plays; any accent welcome."
        ),
        roles=("narration",),
        kind="video",
        days_left=14,
        age_days=3,
        reference=_Piece("lighthouse_short_film", "june", "The Lighthouse (picture)", "video"),
    ),
    _ChallengeSpec(
        author="ada",
        title="Music for my animation: Paper Boats",
        brief=(
            "Six seconds of paper boats drifting across a pond. Looking for playful music that "
            "lands on the cut at the end. Two takes are in already: layer on them or start fresh."
        ),
        roles=("music", "sound_design"),
        kind="video",
        days_left=30,
        age_days=9,
        reference=_Piece("paper_boats_animation", "ada", "Paper Boats (animation)", "animation"),
        pieces=(
            _Piece(
                "paper_boats_music_a",
                "sol",
                "Plucked strings, light",
                "music",
            ),
            _Piece(
                "paper_boats_music_b",
                "kit",
                "Marimba and brushes",
                "music",
            ),
        ),
    ),
    _ChallengeSpec(
        author="kit",
        title="Guitar solo over a slow blues",
        brief="Twelve bars in E at 70 BPM. Bring your tone; I will send the rhythm track soon.",
        roles=("instrument",),
        kind="audio",
        days_left=None,
        age_days=1,
    ),
    _ChallengeSpec(
        author="june",
        title="Foley for a rainy street scene",
        brief="Footsteps on wet cobbles, an umbrella opening, a bus passing. Clean recordings.",
        roles=("sound_design",),
        kind="video",
        days_left=45,
        age_days=12,
    ),
    _ChallengeSpec(
        author="sol",
        title="Spoken word for a zine launch",
        brief="Three short poems read over a soft pad. The launch happened; thank you all.",
        roles=("narration", "music"),
        kind="audio",
        days_left=-5,
        age_days=40,
        status="closed",
    ),
)


def is_seeded(db: Database) -> bool:
    with db.session() as session:
        return session.scalar(select(User.id).where(User.username == "mara")) is not None


def seed_demo(db: Database, store: MediaStore, *, now: datetime | None = None) -> bool:
    """Seeds the demo community once; returns False if it was already there."""
    if is_seeded(db):
        return False
    now = now or datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="hitrecord-demo-") as folder:
        media = generate_all(Path(folder))
        with db.session() as session:
            users = _add_people(session, now)
            for spec in _CHALLENGES:
                _add_challenge(session, store, spec, users, media, now)
    return True


def _add_people(session: Session, now: datetime) -> dict[str, User]:
    users = {}
    for username, name in _PEOPLE.items():
        # Demo people cannot sign in: their password hash matches no password.
        user = User(
            username=username,
            display_name=name,
            password_hash="!demo-" + secrets.token_hex(8),
            created_at=now - timedelta(days=60),
        )
        session.add(user)
        users[username] = user
    session.flush()
    return users


def _add_challenge(
    session: Session,
    store: MediaStore,
    spec: _ChallengeSpec,
    users: dict[str, User],
    media: dict[str, MediaInfo],
    now: datetime,
) -> None:
    created = now - timedelta(days=spec.age_days)
    challenge = Challenge(
        author_id=users[spec.author].id,
        title=spec.title,
        brief=spec.brief,
        kind=spec.kind,
        status=spec.status,
        deadline=None if spec.days_left is None else now + timedelta(days=spec.days_left),
        created_at=created,
        role_rows=[ChallengeRole(role=r, position=i) for i, r in enumerate(spec.roles)],
    )
    session.add(challenge)
    session.flush()
    made: dict[str, Contribution] = {}
    pieces = ((spec.reference,) if spec.reference else ()) + spec.pieces
    for index, piece in enumerate(pieces):
        when = created + timedelta(hours=index + 1)
        made[piece.key] = _add_piece(session, store, challenge, piece, users, media, made, when)
    if spec.reference:
        challenge.reference_contribution_id = made[spec.reference.key].id
    challenge.contribution_count = len(pieces)


def _add_piece(
    session: Session,
    store: MediaStore,
    challenge: Challenge,
    piece: _Piece,
    users: dict[str, User],
    media: dict[str, MediaInfo],
    made: dict[str, Contribution],
    created: datetime,
) -> Contribution:
    info = media[piece.key]
    sha256 = file_sha256(info.path)
    size = info.path.stat().st_size
    store.adopt(info.path, sha256)
    built_on = [
        LineageEdge(
            position=position,
            built_on_id=made[key].id,
            offset_samples=round(seconds * RATE),
            sample_rate=RATE,
        )
        for position, (key, seconds) in enumerate(LAYERED_ON.get(piece.key, ()))
    ]
    contribution = Contribution(
        challenge_id=challenge.id,
        author_id=users[piece.author].id,
        title=piece.title,
        role=piece.role,
        kind=info.kind,
        sha256=sha256,
        size=size,
        media_type=info.media_type,
        filename=info.path.name,
        created_at=created,
        lineage=built_on,
    )
    session.add(contribution)
    session.flush()
    return contribution
