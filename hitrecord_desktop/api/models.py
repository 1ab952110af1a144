"""What the platform API answers, as frozen dataclasses checked on the way in.

Each `from_json` validates the shape resources/platform-api.md promises and raises `ApiError`
(`bad-response`, naming the field) otherwise. Enumerated strings (roles, kinds, statuses) are kept
as strings and not checked against today's lists, so a role the server adds later does not break
an older app; the known values are exported for the UI.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from hitrecord_desktop.api.errors import ApiError
from hitrecord_desktop.api.json_fields import Fields

T = TypeVar("T")

ROLES = ("vocals", "narration", "music", "instrument", "sound_design", "animation", "video")
KINDS = ("audio", "video")
STATUSES = ("open", "closed")
SORTS = ("newest", "oldest", "most_contributed", "deadline")

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str | None
    created_at: datetime

    @property
    def name(self) -> str:
        """What to show: the display name when the person chose one."""
        return self.display_name or self.username

    @classmethod
    def from_json(cls, data: object, where: str = "user") -> User:
        f = Fields(data, where)
        return cls(
            id=f.integer("id"),
            username=f.text("username"),
            display_name=f.optional_text("display_name"),
            created_at=f.moment("created_at"),
        )


@dataclass(frozen=True)
class Challenge:
    id: int
    title: str
    brief: str
    roles: tuple[str, ...]
    kind: str
    status: str
    deadline: datetime | None
    created_at: datetime
    author: User
    contribution_count: int
    reference_contribution_id: int | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @classmethod
    def from_json(cls, data: object, where: str = "challenge") -> Challenge:
        f = Fields(data, where)
        return cls(
            id=f.integer("id"),
            title=f.text("title"),
            brief=f.text("brief"),
            roles=f.texts("roles"),
            kind=f.text("kind"),
            status=f.text("status"),
            deadline=f.optional_moment("deadline"),
            created_at=f.moment("created_at"),
            author=f.nested("author", User.from_json),
            contribution_count=f.integer("contribution_count"),
            reference_contribution_id=f.optional_integer("reference_contribution_id"),
        )


@dataclass(frozen=True)
class LineageRef:
    """Where a contribution this one was built on sat on the timeline (samples may be < 0)."""

    contribution_id: int
    offset_samples: int
    sample_rate: int | None = None

    @classmethod
    def from_json(cls, data: object, where: str = "built_on") -> LineageRef:
        f = Fields(data, where)
        return cls(
            contribution_id=f.integer("contribution_id"),
            offset_samples=f.integer("offset_samples"),
            sample_rate=f.optional_integer("sample_rate"),
        )

    def to_json(self) -> dict[str, int]:
        body = {"contribution_id": self.contribution_id, "offset_samples": self.offset_samples}
        if self.sample_rate is not None:
            body["sample_rate"] = self.sample_rate
        return body


@dataclass(frozen=True)
class Contribution:
    id: int
    challenge_id: int
    title: str
    role: str
    kind: str
    author: User
    created_at: datetime
    sha256: str
    size: int
    media_type: str
    filename: str | None
    media_url: str
    built_on: tuple[LineageRef, ...]

    @classmethod
    def from_json(cls, data: object, where: str = "contribution") -> Contribution:
        f = Fields(data, where)
        sha256 = f.text("sha256").lower()
        if not _SHA256.fullmatch(sha256):
            raise ApiError.bad_response(f"field {f.path('sha256')} should be 64 hex characters")
        size = f.integer("size")
        if size < 0:
            raise ApiError.bad_response(f"field {f.path('size')} should not be negative")
        return cls(
            id=f.integer("id"),
            challenge_id=f.integer("challenge_id"),
            title=f.text("title"),
            role=f.text("role"),
            kind=f.text("kind"),
            author=f.nested("author", User.from_json),
            created_at=f.moment("created_at"),
            sha256=sha256,
            size=size,
            media_type=f.text("media_type"),
            filename=f.optional_text("filename"),
            media_url=f.text("media_url"),
            built_on=f.nested_list("built_on", LineageRef.from_json),
        )


@dataclass(frozen=True)
class Credit:
    """One contribution in a lineage; depth 0 is the contribution asked about."""

    contribution_id: int
    title: str
    role: str
    author: User
    depth: int

    @classmethod
    def from_json(cls, data: object, where: str = "credit") -> Credit:
        f = Fields(data, where)
        return cls(
            contribution_id=f.integer("contribution_id"),
            title=f.text("title"),
            role=f.text("role"),
            author=f.nested("author", User.from_json),
            depth=f.integer("depth"),
        )


@dataclass(frozen=True)
class Contributor:
    user: User
    roles: tuple[str, ...]

    @classmethod
    def from_json(cls, data: object, where: str = "contributor") -> Contributor:
        f = Fields(data, where)
        return cls(user=f.nested("user", User.from_json), roles=f.texts("roles"))


@dataclass(frozen=True)
class Credits:
    """The transitive lineage of a contribution, nearest first, and who made it."""

    contribution_id: int
    credits: tuple[Credit, ...]
    contributors: tuple[Contributor, ...]

    @classmethod
    def from_json(cls, data: object, where: str = "credits") -> Credits:
        f = Fields(data, where)
        return cls(
            contribution_id=f.integer("contribution_id"),
            credits=f.nested_list("credits", Credit.from_json),
            contributors=f.nested_list("contributors", Contributor.from_json),
        )


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; pass `next_cursor` back to get the next, None means the end."""

    items: tuple[T, ...]
    next_cursor: str | None

    @classmethod
    def from_json(
        cls, data: object, parse_item: Callable[[object, str], T], where: str = "page"
    ) -> Page[T]:
        f = Fields(data, where)
        return cls(
            items=f.nested_list("items", parse_item), next_cursor=f.optional_text("next_cursor")
        )


@dataclass(frozen=True)
class ServerInfo:
    status: str
    version: str
    community: str

    @classmethod
    def from_json(cls, data: object, where: str = "health") -> ServerInfo:
        f = Fields(data, where)
        return cls(
            status=f.text("status"), version=f.text("version"), community=f.text("community")
        )


@dataclass(frozen=True)
class TokenGrant:
    """A sign-in; the token is left out of repr so it cannot end up in a log by accident."""

    access_token: str = field(repr=False)
    token_type: str
    expires_at: datetime | None

    @classmethod
    def from_json(cls, data: object, where: str = "token") -> TokenGrant:
        f = Fields(data, where)
        token_type = f.text("token_type")
        if token_type.lower() != "bearer":
            raise ApiError.bad_response(f"field {f.path('token_type')} should be 'bearer'")
        access_token = f.text("access_token")
        if not access_token:
            raise ApiError.bad_response(f"field {f.path('access_token')} is empty")
        return cls(
            access_token=access_token,
            token_type=token_type,
            expires_at=f.optional_moment("expires_at"),
        )
