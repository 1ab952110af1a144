"""Thousands of challenges written straight through the server's database layer: one bulk insert
(the FTS triggers still run, so search works) instead of thousands of POSTs, so tests and
benchmarks seed 10,000 rows in about a second, before anything is timed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from hitrecord_desktop.server.tables import Challenge, ChallengeRole, User

ROLES = ("vocals", "narration", "music", "instrument", "sound_design", "animation", "video")
_SYLLABLES = ["ka", "lo", "mi", "ren", "ta", "so", "vel", "dun", "ri", "ba", "ne", "qua", "zo"]
WORDS = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES})[:2000]


def seed_challenges(app: Any, count: int, seed: int = 7) -> None:
    """Adds `count` challenges by one new user to a server app (`LiveServer.app`)."""
    db = app.state.db
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with db.session() as session:
        user = User(username=f"seeder{seed}", display_name="Seeder", password_hash="!")
        session.add(user)
        session.flush()
        first = (session.scalar(select(Challenge.id).order_by(Challenge.id.desc())) or 0) + 1
        rows = [
            {
                "id": first + i,
                "author_id": user.id,
                "title": " ".join(rng.choices(WORDS, k=5)).capitalize(),
                "brief": " ".join(rng.choices(WORDS, k=30)),
                "kind": rng.choice(("audio", "video")),
                "status": "open" if rng.random() < 0.8 else "closed",
                "deadline": now + timedelta(days=rng.randint(1, 90))
                if rng.random() < 0.7
                else None,
                "created_at": now - timedelta(minutes=count - i),
                "contribution_count": rng.randint(0, 40),
            }
            for i in range(count)
        ]
        session.execute(insert(Challenge), rows)
        session.execute(
            insert(ChallengeRole),
            [{"challenge_id": r["id"], "role": rng.choice(ROLES), "position": 0} for r in rows],
        )
