"""Challenges: create, edit, list with search, filters, sorts and keyset pagination."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response, status
from sqlalchemy import Select, and_, false, or_, select

from .cursors import decode_cursor, encode_cursor
from .http_cache import json_with_etag
from .problems import ProblemError, invalid, not_found
from .schemas import (
    MAX_ID,
    ChallengeIn,
    ChallengeOut,
    ChallengePage,
    ChallengePatch,
    ContributionPage,
    Kind,
    ProblemOut,
    Role,
)
from .search import search_clause
from .security import CurrentUser, database
from .serializers import challenge_out, contribution_out
from .tables import Challenge, ChallengeRole, Contribution

router = APIRouter(tags=["challenges"], responses={422: {"model": ProblemOut}})

Sort = Literal["newest", "oldest", "most_contributed", "deadline"]
ChallengeId = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=100)]


def api_base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/api/v1"


def _iso(value: datetime) -> str:
    return value.isoformat()


def _parse_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise invalid("query.cursor", "is not a cursor this server gave out")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise invalid("query.cursor", "is not a cursor this server gave out") from None
    if parsed.tzinfo is None:
        raise invalid("query.cursor", "is not a cursor this server gave out")
    try:
        # Stored as UTC: a time near year 1 or 9999 may not convert.
        return parsed.astimezone(UTC)
    except OverflowError:
        raise invalid("query.cursor", "is not a cursor this server gave out") from None


def _check_int(value: Any) -> int:
    # Ids and counts are 32-bit columns: a bigger number is no cursor of ours, and binding it
    # would fail in the database (SQLite above 2^63, PostgreSQL above 2^31).
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ID:
        raise invalid("query.cursor", "is not a cursor this server gave out")
    return value


def _apply_sort(query: Select[Any], sort: Sort, cursor: str | None) -> Select[Any]:
    """Orders query by sort and, given a cursor, keeps only rows after it (keyset pagination)."""
    c = Challenge
    if sort == "newest":
        query = query.order_by(c.created_at.desc(), c.id.desc())
        if cursor:
            at, ident = decode_cursor(cursor, sort, 2)
            at, ident = _parse_time(at), _check_int(ident)
            query = query.where(or_(c.created_at < at, and_(c.created_at == at, c.id < ident)))
    elif sort == "oldest":
        query = query.order_by(c.created_at.asc(), c.id.asc())
        if cursor:
            at, ident = decode_cursor(cursor, sort, 2)
            at, ident = _parse_time(at), _check_int(ident)
            query = query.where(or_(c.created_at > at, and_(c.created_at == at, c.id > ident)))
    elif sort == "most_contributed":
        query = query.order_by(c.contribution_count.desc(), c.id.desc())
        if cursor:
            count, ident = decode_cursor(cursor, sort, 2)
            count, ident = _check_int(count), _check_int(ident)
            query = query.where(
                or_(
                    c.contribution_count < count,
                    and_(c.contribution_count == count, c.id < ident),
                )
            )
    else:  # deadline: soonest first, challenges without one last
        query = query.order_by(c.deadline.is_(None), c.deadline.asc(), c.id.asc())
        if cursor:
            at, ident = decode_cursor(cursor, sort, 2)
            ident = _check_int(ident)
            if at is None:
                query = query.where(and_(c.deadline.is_(None), c.id > ident))
            else:
                at = _parse_time(at)
                query = query.where(
                    or_(
                        c.deadline > at,
                        and_(c.deadline == at, c.id > ident),
                        c.deadline.is_(None),
                    )
                )
    return query


def _cursor_after(row: Challenge, sort: Sort) -> str:
    if sort in ("newest", "oldest"):
        key: list[Any] = [_iso(row.created_at), row.id]
    elif sort == "most_contributed":
        key = [row.contribution_count, row.id]
    else:
        key = [_iso(row.deadline) if row.deadline else None, row.id]
    return encode_cursor(sort, key)


@router.get("/challenges", response_model=ChallengePage)
def list_challenges(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    role: Role | None = None,
    kind: Kind | None = None,
    status_: Annotated[Literal["open", "closed", "any"], Query(alias="status")] = "open",
    sort: Sort = "newest",
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Limit = 20,
) -> Response:
    """Lists challenges, newest first by default; follow `next_cursor` for the next page."""
    db = database(request)
    query = select(Challenge)
    if q:
        clause = search_clause(db.dialect, q)
        query = query.where(clause if clause is not None else false())
    if role:
        query = query.where(
            Challenge.id.in_(select(ChallengeRole.challenge_id).where(ChallengeRole.role == role))
        )
    if kind:
        query = query.where(Challenge.kind == kind)
    if status_ != "any":
        query = query.where(Challenge.status == status_)
    query = _apply_sort(query, sort, cursor).limit(limit + 1)
    with db.session() as session:
        rows = list(session.scalars(query).unique())
        page = rows[:limit]
        next_cursor = _cursor_after(page[-1], sort) if len(rows) > limit else None
        body = ChallengePage(items=[challenge_out(r) for r in page], next_cursor=next_cursor)
    return json_with_etag(request, body)


@router.get(
    "/challenges/{challenge_id}",
    response_model=ChallengeOut,
    responses={404: {"model": ProblemOut}},
)
def get_challenge(challenge_id: ChallengeId, request: Request) -> Response:
    with database(request).session() as session:
        challenge = session.get(Challenge, challenge_id)
        if challenge is None:
            raise not_found("challenge", challenge_id)
        body = challenge_out(challenge)
    return json_with_etag(request, body)


@router.post(
    "/challenges",
    status_code=status.HTTP_201_CREATED,
    response_model=ChallengeOut,
    responses={401: {"model": ProblemOut}},
)
def create_challenge(body: ChallengeIn, user: CurrentUser, request: Request) -> ChallengeOut:
    """Posts a new challenge; its author is the signed-in user."""
    with database(request).session() as session:
        challenge = Challenge(
            author_id=user.id,
            title=body.title,
            brief=body.brief,
            kind=body.kind,
            status=body.status,
            deadline=body.deadline,
            role_rows=_role_rows(body.roles),
        )
        session.add(challenge)
        session.flush()
        session.refresh(challenge)
        return challenge_out(challenge)


def _role_rows(roles: list[str]) -> list[ChallengeRole]:
    unique = list(dict.fromkeys(roles))
    return [ChallengeRole(role=role, position=i) for i, role in enumerate(unique)]


@router.patch(
    "/challenges/{challenge_id}",
    response_model=ChallengeOut,
    responses={401: {"model": ProblemOut}, 403: {"model": ProblemOut}, 404: {"model": ProblemOut}},
)
def update_challenge(
    challenge_id: ChallengeId, body: ChallengePatch, user: CurrentUser, request: Request
) -> ChallengeOut:
    """Edits a challenge; only its author may."""
    fields = body.model_dump(exclude_unset=True)
    with database(request).session() as session:
        challenge = session.get(Challenge, challenge_id)
        if challenge is None:
            raise not_found("challenge", challenge_id)
        if challenge.author_id != user.id:
            raise ProblemError(
                403, "forbidden", "Not allowed", "Only the challenge's author can edit it."
            )
        ref = fields.pop("reference_contribution_id", challenge.reference_contribution_id)
        if ref is not None:
            contribution = session.get(Contribution, ref)
            if contribution is None or contribution.challenge_id != challenge.id:
                raise invalid(
                    "body.reference_contribution_id",
                    f"contribution {ref} does not exist in this challenge",
                )
        challenge.reference_contribution_id = ref
        if "roles" in fields:
            roles = fields.pop("roles")
            if roles is None:
                raise invalid("body.roles", "must list at least one role")
            challenge.role_rows = _role_rows(roles)
        for name in ("title", "brief", "kind", "status"):
            if name in fields and fields[name] is None:
                raise invalid(f"body.{name}", "must not be null")
        for name, value in fields.items():
            setattr(challenge, name, value)
        session.flush()
        session.refresh(challenge)
        return challenge_out(challenge)


@router.get(
    "/challenges/{challenge_id}/contributions",
    response_model=ContributionPage,
    responses={404: {"model": ProblemOut}},
)
def list_contributions(
    challenge_id: ChallengeId,
    request: Request,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Limit = 50,
) -> Response:
    """The contributions of a challenge, oldest first."""
    query = select(Contribution).where(Contribution.challenge_id == challenge_id)
    query = query.order_by(Contribution.id.asc())
    if cursor:
        (after,) = decode_cursor(cursor, "contributions", 1)
        query = query.where(Contribution.id > _check_int(after))
    with database(request).session() as session:
        if session.get(Challenge, challenge_id) is None:
            raise not_found("challenge", challenge_id)
        rows = list(session.scalars(query.limit(limit + 1)).unique())
        page = rows[:limit]
        next_cursor = encode_cursor("contributions", [page[-1].id]) if len(rows) > limit else None
        base = api_base(request)
        body = ContributionPage(
            items=[contribution_out(r, base) for r in page], next_cursor=next_cursor
        )
    return json_with_etag(request, body)
