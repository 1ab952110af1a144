"""The platform's tables (SQLAlchemy ORM), portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and gives them back aware.

    SQLite has no time zones; without this the two databases would return different values.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccessToken(Base):
    __tablename__ = "access_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Only the SHA-256 of a token is stored: a copied database grants no sign-ins.
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    user: Mapped[User] = relationship(lazy="joined")


class Challenge(Base):
    __tablename__ = "challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    brief: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    contribution_count: Mapped[int] = mapped_column(Integer, default=0)
    reference_contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", use_alter=True, name="fk_challenge_reference"),
        nullable=True,
    )

    author: Mapped[User] = relationship(lazy="joined")
    role_rows: Mapped[list[ChallengeRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ChallengeRole.position"
    )

    __table_args__ = (
        Index("ix_challenges_created", "created_at", "id"),
        Index("ix_challenges_popular", "contribution_count", "id"),
        Index("ix_challenges_deadline", "deadline", "id"),
    )

    @property
    def roles(self) -> list[str]:
        return [row.role for row in self.role_rows]


class ChallengeRole(Base):
    """One wanted role of a challenge; a table rather than a JSON list so filters use an index."""

    __tablename__ = "challenge_roles"

    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_challenge_roles_role", "role", "challenge_id"),)


class Contribution(Base):
    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(127))
    filename: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An upload becomes at most one contribution; the unique index makes a race lose cleanly.
    upload_id: Mapped[str | None] = mapped_column(String(32), unique=True, nullable=True)

    author: Mapped[User] = relationship(lazy="joined")
    lineage: Mapped[list[LineageEdge]] = relationship(
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="LineageEdge.position",
        foreign_keys="LineageEdge.contribution_id",
    )


class LineageEdge(Base):
    """'contribution_id was built on built_on_id, placed at offset_samples'."""

    __tablename__ = "lineage_edges"

    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    built_on_id: Mapped[int] = mapped_column(ForeignKey("contributions.id"), index=True)
    offset_samples: Mapped[int] = mapped_column(BigInteger)
    sample_rate: Mapped[int] = mapped_column(Integer)


class Upload(Base):
    """A tus upload: bytes arrive in uploads_dir/<id> until offset == length."""

    __tablename__ = "uploads"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    metadata_header: Mapped[str] = mapped_column(Text, default="")
    filename: Mapped[str] = mapped_column(String(255), default="upload.bin")
    filetype: Mapped[str] = mapped_column(String(127), default="application/octet-stream")
    expected_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # receiving -> complete (sha256 set, file moved to the media store) | failed
    state: Mapped[str] = mapped_column(String(16), default="receiving")
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    failure: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class IdempotencyRecord(Base):
    """Remembers which contribution an Idempotency-Key made, so a retried POST returns it."""

    __tablename__ = "idempotency_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(200))
    request_sha256: Mapped[str] = mapped_column(String(64))
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_user_key"),)
