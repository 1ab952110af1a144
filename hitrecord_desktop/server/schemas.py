"""Request and response bodies of API v1 (pydantic), the source of the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

# Ids are bounded to what a 32-bit INTEGER column holds, so PostgreSQL never sees an overflow.
MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

Role = Literal["vocals", "narration", "music", "instrument", "sound_design", "animation", "video"]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
Kind = Literal["audio", "video"]
Status = Literal["open", "closed"]


def _no_control_chars(value: str) -> str:
    # NUL is refused by PostgreSQL text columns; other control characters are never meant.
    if any(ord(ch) < 32 and ch not in "\n\t\r" for ch in value):
        raise ValueError("must not contain control characters")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


def _utc_representable(value: datetime) -> datetime:
    # Times are stored in UTC: 9999-12-31T23:00:00-05:00 has no UTC form that Python can hold.
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range once converted to UTC") from None


Text = Annotated[str, AfterValidator(_no_control_chars)]
Deadline = Annotated[AwareDatetime, AfterValidator(_utc_representable)]
Title = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_no_control_chars),
    AfterValidator(_not_blank),
]
Brief = Annotated[str, StringConstraints(max_length=5000), AfterValidator(_no_control_chars)]
Username = Annotated[
    str,
    StringConstraints(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$", to_lower=True),
]
Password = Annotated[str, StringConstraints(min_length=8, max_length=256)]
DisplayName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64),
    AfterValidator(_no_control_chars),
    AfterValidator(_not_blank),
]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterIn(StrictModel):
    username: Username
    password: Password
    display_name: DisplayName | None = None


class TokenIn(StrictModel):
    # Compared in the database: PostgreSQL refuses a NUL in any text it is sent.
    username: Annotated[
        str, StringConstraints(min_length=1, max_length=64), AfterValidator(_no_control_chars)
    ]
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    created_at: datetime


class ChallengeIn(StrictModel):
    title: Title
    brief: Brief = ""
    roles: Annotated[list[Role], Field(min_length=1, max_length=len(ROLES))]
    kind: Kind
    deadline: Deadline | None = None
    status: Status = "open"


class ChallengePatch(StrictModel):
    title: Title | None = None
    brief: Brief | None = None
    roles: Annotated[list[Role], Field(min_length=1, max_length=len(ROLES))] | None = None
    kind: Kind | None = None
    deadline: Deadline | None = None
    status: Status | None = None
    reference_contribution_id: Id | None = None


class ChallengeOut(BaseModel):
    id: int
    title: str
    brief: str
    roles: list[str]
    kind: str
    status: str
    deadline: datetime | None
    created_at: datetime
    author: UserOut
    contribution_count: int
    reference_contribution_id: int | None


class ChallengePage(BaseModel):
    items: list[ChallengeOut]
    next_cursor: str | None


class LineageIn(StrictModel):
    contribution_id: Id
    offset_samples: Annotated[int, Field(ge=-(2**40), le=2**40)]
    sample_rate: Annotated[int, Field(ge=8000, le=384000)] = 48000


class LineageOut(BaseModel):
    contribution_id: int
    offset_samples: int
    sample_rate: int


class ContributionIn(StrictModel):
    upload_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    challenge_id: Id
    title: Title
    role: Role
    kind: Kind | None = None
    built_on: Annotated[list[LineageIn], Field(max_length=256)] = []


class ContributionOut(BaseModel):
    id: int
    challenge_id: int
    title: str
    role: str
    kind: str
    author: UserOut
    created_at: datetime
    sha256: str
    size: int
    media_type: str
    filename: str
    media_url: str
    built_on: list[LineageOut]


class ContributionPage(BaseModel):
    items: list[ContributionOut]
    next_cursor: str | None


class CreditOut(BaseModel):
    contribution_id: int
    title: str
    role: str
    author: UserOut
    depth: int


class ContributorOut(BaseModel):
    user: UserOut
    roles: list[str]


class CreditsOut(BaseModel):
    contribution_id: int
    credits: list[CreditOut]
    contributors: list[ContributorOut]


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    community: str


class ProblemOut(BaseModel):
    """RFC 9457 problem detail; every error answer has this shape."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, str]] | None = None
